import type { ParticipantConsultation, ParticipantQuestion, QuestionKind } from "../../app/models/consultations/types";
import { consultations, questionOptions, questions, questionTags } from "../schema";
import type { Tx } from "./context";
import type { Framework, OutcomeKey } from "./plan";

type OptionSpec = string | { label: string; easyLabel?: string; isOther?: boolean };
type QuestionSpec = {
  kind: QuestionKind;
  prompt: string;
  easyPrompt?: string;
  why?: string;
  required?: boolean;
  maxLength?: number;
  options?: OptionSpec[];
  tags?: { outcome: OutcomeKey; priority?: string }[];
};

export type SeedQuestion = {
  id: number;
  kind: string;
  required: boolean;
  maxLength: number;
  options: { id: number; label: string; isOther: boolean }[];
  outcomeIds: number[];
};

export type SeedConsultation = {
  id: number;
  audience: string;
  questions: SeedQuestion[];
  asAnswered: ParticipantConsultation;
};

export function createConsultation(
  tx: Tx,
  fw: Framework,
  spec: Omit<typeof consultations.$inferInsert, "id"> & { questions: QuestionSpec[] },
): SeedConsultation {
  const { questions: questionSpecs, ...row } = spec;
  const id = tx.insert(consultations).values(row).returning({ id: consultations.id }).get().id;
  const out: SeedQuestion[] = [];
  const asAnswered: ParticipantQuestion[] = [];
  questionSpecs.forEach((q, i) => {
    const required = q.required ?? true;
    const maxLength = q.maxLength ?? (q.kind === "short_text" ? 200 : 1000);
    const questionId = tx
      .insert(questions)
      .values({
        consultationId: id,
        position: i + 1,
        kind: q.kind,
        prompt: q.prompt,
        easyPrompt: q.easyPrompt ?? null,
        why: q.why ?? null,
        required,
        maxLength,
      })
      .returning({ id: questions.id })
      .get().id;
    const options = (q.options ?? []).map((o) => (typeof o === "string" ? { label: o } : o));
    const optionRows = options.length
      ? tx
          .insert(questionOptions)
          .values(
            options.map((o, position) => ({
              questionId,
              position: position + 1,
              label: o.label,
              easyLabel: o.easyLabel ?? null,
              isOther: o.isOther ?? false,
            })),
          )
          .returning({ id: questionOptions.id, label: questionOptions.label, isOther: questionOptions.isOther })
          .all()
      : [];
    const tags = q.tags ?? [];
    if (tags.length) {
      tx.insert(questionTags)
        .values(
          tags.map((t) => ({
            questionId,
            outcomeId: fw.outcomeId[t.outcome],
            priorityId: t.priority ? fw.priorityId(t.priority) : null,
          })),
        )
        .run();
    }
    const byLabel = new Map(optionRows.map((o) => [o.label, o]));
    asAnswered.push({
      id: questionId,
      position: i + 1,
      kind: q.kind,
      prompt: q.prompt,
      easyPrompt: q.easyPrompt ?? null,
      why: q.why ?? null,
      required,
      maxLength,
      translations: {},
      options: optionRows.map((o) => ({ ...o, easyLabel: null, translations: {} })),
      outcomeIds: tags.map((t) => fw.outcomeId[t.outcome]),
    });
    out.push({
      id: questionId,
      kind: q.kind,
      required,
      maxLength,
      options: options.map((o) => {
        const row = byLabel.get(o.label);
        if (!row) throw new Error(`option ${o.label} not stored`);
        return row;
      }),
      outcomeIds: tags.map((t) => fw.outcomeId[t.outcome]),
    });
  });
  return {
    id,
    audience: row.audience,
    questions: out,
    asAnswered: {
      id,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      easySummary: row.easySummary ?? null,
      audience: row.audience,
      ageBands: row.ageBands ?? [],
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      resultsBy: row.resultsBy ?? null,
      status: row.status ?? "draft",
      minutes: row.minutes ?? 5,
      translations: row.translations ?? {},
      questions: asAnswered,
    },
  };
}
