import { asc, eq } from "drizzle-orm";
import * as builder from "../../app/models/consultations/builder.server";
import type { ParticipantConsultation, ParticipantQuestion, QuestionKind } from "../../app/models/consultations/types";
import { consultations, questionOptions } from "../schema";
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

/**
 * A demo consultation, written through the officer's own builder (create, add each question, publish, report), so the
 * seed makes consultations exactly as the app does; only its fixed slug and past dates are the seed's own.
 */
export function createConsultation(
  tx: Tx,
  fw: Framework,
  now: Date,
  spec: Omit<typeof consultations.$inferInsert, "id"> & { questions: QuestionSpec[] },
): SeedConsultation {
  const { questions: questionSpecs, ...row } = spec;
  if (row.createdBy == null) throw new Error(`${row.slug} needs the officer who made it`);
  const { id } = builder.createConsultation(
    {
      staffId: row.createdBy,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      easySummary: row.easySummary ?? null,
      audience: row.audience,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      minutes: row.minutes ?? 5,
      ageBands: row.ageBands ?? [],
      localityIds: row.localityIds ?? [],
      resultsBy: row.resultsBy ?? null,
      translations: row.translations ?? {},
      createdAt: row.createdAt,
    },
    tx,
  );
  const out: SeedQuestion[] = [];
  const asAnswered: ParticipantQuestion[] = [];
  questionSpecs.forEach((q, i) => {
    const required = q.required ?? true;
    const maxLength = q.maxLength ?? (q.kind === "short_text" ? 200 : 1000);
    const options = (q.options ?? []).map((o) => (typeof o === "string" ? { label: o } : o));
    const tags = q.tags ?? [];
    const outcomeIds = tags.map((t) => fw.outcomeId[t.outcome]);
    const questionId = builder.addQuestion(
      {
        consultationId: id,
        kind: q.kind,
        prompt: q.prompt,
        easyPrompt: q.easyPrompt ?? null,
        why: q.why ?? null,
        required,
        maxLength,
        options,
        outcomeIds,
        priorityIds: Object.fromEntries(
          tags.map((t) => [fw.outcomeId[t.outcome], t.priority ? fw.priorityId(t.priority) : null]),
        ),
      },
      tx,
    );
    const optionRows = tx
      .select({ id: questionOptions.id, label: questionOptions.label, isOther: questionOptions.isOther })
      .from(questionOptions)
      .where(eq(questionOptions.questionId, questionId))
      .orderBy(asc(questionOptions.position))
      .all();
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
      outcomeIds,
    });
    out.push({
      id: questionId,
      kind: q.kind,
      required,
      maxLength,
      options: options.map((o) => {
        const stored = byLabel.get(o.label);
        if (!stored) throw new Error(`option ${o.label} not stored`);
        return stored;
      }),
      outcomeIds,
    });
  });

  const status = row.status ?? "draft";
  if (status !== "draft") builder.publishConsultation(id, { at: row.publishedAt ?? row.opensAt, db: tx });
  if (status === "reported") builder.markConsultationsReported([id], now.toISOString(), tx);
  if (status === "closed") throw new Error("the seed makes open, reported and draft consultations only");
  const stored = tx.select({ status: consultations.status }).from(consultations).where(eq(consultations.id, id)).get();
  if (stored?.status !== status) throw new Error(`${row.slug} should be ${status} but is ${stored?.status}`);

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
      status,
      minutes: row.minutes ?? 5,
      translations: row.translations ?? {},
      questions: asAnswered,
    },
  };
}
