import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { answerIsValid } from "~/schemas/answers";
import { checkText } from "~/utils/text-safety";
import { type DB, getDb } from "~db/client";
import { contributionChoices, contributions, contributionTags, moderationEvents, responses } from "~db/schema";
import type { DraftAbout, DraftAnswer, ParticipantConsultation } from "./consultations/types";
import { groupCommit } from "./group-commit.server";
import { listsInForce } from "./safeguarding-lists.server";

/**
 * How one set of answers is stored, whatever the channel (online, paper, CSV import): a response, and a
 * contribution per answer with the question's tags copied on (docs/design.md, The contribution). Free text is checked on arrival:
 * masked for publishing, and escalated when it may signal harm.
 */
export type PreparedResponse = {
  audience: string;
  ageBand: string | null;
  localityId: number | null;
  escalated: boolean;
  contributions: {
    questionId: number;
    kind: string;
    valueInt: number | null;
    body: string | null;
    maskedBody: string | null;
    moderationState: string;
    flags: string[];
    choices: { optionId: number; rank: number | null }[];
    outcomeIds: number[];
  }[];
};

export class IncompleteAnswersError extends Error {
  constructor(public readonly questionNumber: number) {
    super(`question ${questionNumber} is not answered as it should be`);
  }
}

/** Works out every row a submission will write, before any is written. Throws IncompleteAnswersError. */
export function buildResponse(
  consultation: ParticipantConsultation,
  answers: Record<string, DraftAnswer>,
  about: DraftAbout | null,
): PreparedResponse {
  const a = about ?? {};
  const audience =
    consultation.audience === "both"
      ? a.audience === "parents_carers"
        ? "parents_carers"
        : "young_people"
      : consultation.audience;
  let escalated = false;
  const rows: PreparedResponse["contributions"] = [];
  const lists = listsInForce();
  consultation.questions.forEach((q, i) => {
    const answer = answers[String(q.id)];
    if (!answerIsValid(q, answer)) throw new IncompleteAnswersError(i + 1);
    if (!answer) return;
    const text = answer.text?.trim() || null;
    const check = text ? checkText(text, { lists }) : null;
    if (check?.escalate) escalated = true;
    rows.push({
      questionId: q.id,
      kind:
        q.kind === "scale" ? "scale" : q.kind === "ranking" ? "ranking" : q.kind.endsWith("_text") ? "text" : "choice",
      valueInt: answer.value ?? null,
      body: text,
      maskedBody: check?.masked ?? null,
      moderationState: check ? (check.escalate ? "escalated" : "pending") : "approved",
      flags: check?.flags ?? [],
      choices: [
        ...(answer.optionIds ?? []).map((optionId) => ({ optionId, rank: null })),
        ...Object.entries(answer.ranks ?? {}).map(([optionId, rank]) => ({ optionId: Number(optionId), rank })),
      ],
      outcomeIds: q.outcomeIds,
    });
  });
  return {
    audience,
    ageBand: audience === "young_people" && a.ageBand ? a.ageBand : null,
    localityId: a.localityId ?? null,
    escalated,
    contributions: rows,
  };
}

function prepareStatements(db: DB) {
  const p = sql.placeholder;
  return {
    findByReceipt: db
      .select({ id: responses.id })
      .from(responses)
      .where(eq(responses.receiptHash, p("receiptHash")))
      .prepare(),
    insertResponse: db
      .insert(responses)
      .values({
        consultationId: p("consultationId"),
        receiptHash: p("receiptHash"),
        audience: p("audience"),
        ageBand: p("ageBand"),
        localityId: p("localityId"),
        channel: p("channel"),
        language: p("language"),
        readingLevel: p("readingLevel"),
        createdAt: p("at"),
        updatedAt: p("at"),
      })
      .prepare(),
    updateResponse: db
      .update(responses)
      .set({
        audience: sql`${p("audience")}`,
        ageBand: sql`${p("ageBand")}`,
        localityId: sql`${p("localityId")}`,
        language: sql`${p("language")}`,
        readingLevel: sql`${p("readingLevel")}`,
        updatedAt: sql`${p("at")}`,
      })
      .where(eq(responses.id, p("responseId")))
      .prepare(),
    keptEscalated: db
      .select({ questionId: contributions.questionId, body: contributions.body })
      .from(contributions)
      .where(and(eq(contributions.responseId, p("responseId")), eq(contributions.moderationState, "escalated")))
      .prepare(),
    // A changed answer replaces the earlier ones, except what a person acted on. Escalated text stays with the
    // safeguarding lead even if the young person takes the words back; text a moderator approved or hid, or that a
    // summary quotes, is kept as withdrawn with its record (nothing a participant does erases one) and counts nowhere.
    toWithdraw: db
      .select({ id: contributions.id, state: contributions.moderationState })
      .from(contributions)
      .where(
        and(
          eq(contributions.responseId, p("responseId")),
          inArray(contributions.moderationState, ["pending", "approved", "hidden"]),
          sql`(exists (select 1 from moderation_events e where e.contribution_id = "contributions"."id")
            or exists (select 1 from summary_quotes q where q.contribution_id = "contributions"."id"))`,
        ),
      )
      .prepare(),
    withdraw: db
      .update(contributions)
      .set({ moderationState: "withdrawn" })
      .where(eq(contributions.id, p("id")))
      .prepare(),
    recordWithdrawal: db
      .insert(moderationEvents)
      .values({
        contributionId: p("id"),
        staffId: null,
        action: "withdrawn",
        fromState: p("fromState"),
        toState: "withdrawn",
        reason: null,
        createdAt: p("at"),
      })
      .prepare(),
    deleteContributions: db
      .delete(contributions)
      .where(
        and(
          eq(contributions.responseId, p("responseId")),
          notInArray(contributions.moderationState, ["escalated", "withdrawn"]),
        ),
      )
      .prepare(),
    insertContribution: db
      .insert(contributions)
      .values({
        source: "consultation",
        kind: p("kind"),
        consultationId: p("consultationId"),
        questionId: p("questionId"),
        responseId: p("responseId"),
        audience: p("audience"),
        ageBand: p("ageBand"),
        localityId: p("localityId"),
        valueInt: p("valueInt"),
        body: p("body"),
        maskedBody: p("maskedBody"),
        moderationState: p("moderationState"),
        flags: p("flags"),
        createdAt: p("at"),
      })
      .prepare(),
    insertChoice: db
      .insert(contributionChoices)
      .values({ contributionId: p("contributionId"), optionId: p("optionId"), rank: p("rank") })
      .prepare(),
    insertTag: db
      .insert(contributionTags)
      .values({
        contributionId: p("contributionId"),
        outcomeId: p("outcomeId"),
        source: "question",
        createdAt: p("at"),
      })
      .prepare(),
  };
}

// Prepared once per connection: building and preparing each insert afresh cost ~0.2 ms, a dozen times a submission.
const statementCache = new WeakMap<DB, ReturnType<typeof prepareStatements>>();

function statements(db: DB) {
  let s = statementCache.get(db);
  if (!s) {
    s = prepareStatements(db);
    statementCache.set(db, s);
  }
  return s;
}

export type ResponseMeta = {
  consultationId: number;
  receiptHash: string | null;
  channel: "online" | "paper" | "import";
  language: string;
  readingLevel: string;
  at: string;
};

/**
 * Writes one prepared response. Call inside a transaction. With a receipt that already has a response, that
 * response is updated and its contributions replaced: the person changed their answers. Returns the response's id;
 * `escalations` (when given) counts the possible disclosures this write added, so the lead is told once per text.
 */
export function writeResponse(
  db: DB,
  prepared: PreparedResponse,
  meta: ResponseMeta,
  escalations: { added: number } = { added: 0 },
) {
  const s = statements(db);
  const base = { audience: prepared.audience, ageBand: prepared.ageBand, localityId: prepared.localityId };
  let responseId: number | undefined;
  const existing = meta.receiptHash ? s.findByReceipt.get({ receiptHash: meta.receiptHash }) : undefined;
  // Escalated text stays with the lead when answers change; the same words sent again are not a second case.
  let kept: { questionId: number | null; body: string | null }[] = [];
  if (existing) {
    kept = s.keptEscalated.all({ responseId: existing.id });
    responseId = existing.id;
    s.updateResponse.run({
      ...base,
      language: meta.language,
      readingLevel: meta.readingLevel,
      at: meta.at,
      responseId,
    });
    for (const w of s.toWithdraw.all({ responseId })) {
      s.withdraw.run({ id: w.id });
      s.recordWithdrawal.run({ id: w.id, fromState: w.state, at: meta.at });
    }
    s.deleteContributions.run({ responseId });
  } else {
    // lastInsertRowid rather than RETURNING: the same id, without mapping a result row (this runs ~16 times a submission).
    responseId = Number(s.insertResponse.run({ ...base, ...meta }).lastInsertRowid);
  }
  if (!responseId) throw new Error("A response was not stored");
  for (const c of prepared.contributions) {
    if (c.moderationState === "escalated") {
      if (kept.some((k) => k.questionId === c.questionId && k.body === c.body)) continue;
      escalations.added++;
    }
    const contributionId = Number(
      s.insertContribution.run({ ...c, ...base, consultationId: meta.consultationId, responseId, at: meta.at })
        .lastInsertRowid,
    );
    if (!contributionId) throw new Error("A contribution was not stored");
    for (const choice of c.choices)
      s.insertChoice.run({ contributionId, optionId: choice.optionId, rank: choice.rank });
    for (const outcomeId of c.outcomeIds) s.insertTag.run({ contributionId, outcomeId, at: meta.at });
  }
  return responseId;
}

/**
 * As storeResponse, but committed together with the other submissions arriving at the same moment (group-commit):
 * resolves once it is on disk. The participant's "Send my answers" uses it; paper entry and imports need not.
 */
export async function storeResponseGrouped(
  consultation: ParticipantConsultation,
  answers: Record<string, DraftAnswer>,
  about: DraftAbout | null,
  meta: Omit<ResponseMeta, "consultationId">,
) {
  const prepared = buildResponse(consultation, answers, about);
  const db = getDb();
  const escalations = { added: 0 };
  const responseId = await groupCommit(() =>
    writeResponse(db, prepared, { ...meta, consultationId: consultation.id }, escalations),
  );
  return { responseId, escalated: prepared.escalated, newlyEscalated: escalations.added > 0 };
}

/** Builds and writes one response in its own transaction: wholly stored, or not at all. */
export function storeResponse(
  consultation: ParticipantConsultation,
  answers: Record<string, DraftAnswer>,
  about: DraftAbout | null,
  meta: Omit<ResponseMeta, "consultationId">,
) {
  const prepared = buildResponse(consultation, answers, about);
  const db = getDb();
  const escalations = { added: 0 };
  const responseId = db.transaction(() =>
    writeResponse(db, prepared, { ...meta, consultationId: consultation.id }, escalations),
  );
  // `escalated`: the help page is shown; `newlyEscalated`: the lead is told (not again for the same words).
  return { responseId, escalated: prepared.escalated, newlyEscalated: escalations.added > 0 };
}
