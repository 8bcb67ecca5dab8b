// The officer's consultation builder: create, add and remove questions, publish, close, and mark reported.
import { and, count, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import { consultations, questionOptions, questions, questionTags, responses } from "~db/schema";
import { invalidateConsultationCache, loadQuestions } from "./participant-reads.server";
import type { Audience, QuestionKind, Translations } from "./types";

export function listConsultationsForStaff() {
  const db = getDb();
  // Counted in derived tables joined on the consultation: a correlated subquery written with `${consultations.id}`
  // loses its table name in a single-table select and compares the subquery's own id, giving 1 for everything.
  const responseCounts = db
    .select({ consultationId: responses.consultationId, n: count().as("response_n") })
    .from(responses)
    .groupBy(responses.consultationId)
    .as("response_counts");
  const questionCounts = db
    .select({ consultationId: questions.consultationId, n: count().as("question_n") })
    .from(questions)
    .groupBy(questions.consultationId)
    .as("question_counts");
  return db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      status: consultations.status,
      audience: consultations.audience,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      responses: sql<number>`coalesce(${responseCounts.n}, 0)`,
      questions: sql<number>`coalesce(${questionCounts.n}, 0)`,
    })
    .from(consultations)
    .leftJoin(responseCounts, eq(responseCounts.consultationId, consultations.id))
    .leftJoin(questionCounts, eq(questionCounts.consultationId, consultations.id))
    .orderBy(desc(consultations.createdAt), desc(consultations.id))
    .all();
}

export function getConsultationForStaff(id: number) {
  const c = getDb()
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      summary: consultations.summary,
      easySummary: consultations.easySummary,
      audience: consultations.audience,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      status: consultations.status,
      translations: consultations.translations,
    })
    .from(consultations)
    .where(eq(consultations.id, id))
    .get();
  if (!c) return null;
  return { ...c, questions: loadQuestions(c.id) };
}

function slugify(title: string) {
  const base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "consultation";
}

export function createConsultation(
  input: {
    staffId: number;
    title: string;
    summary: string;
    easySummary: string | null;
    audience: Audience;
    opensAt: string;
    closesAt: string;
    minutes: number;
    ageBands?: string[];
    localityIds?: number[];
    resultsBy?: string | null;
    /** a fixed address (the demo county's); otherwise made from the title */
    slug?: string;
    translations?: Translations;
    /** when it was made, if not now (the seed's past consultations) */
    createdAt?: string;
  },
  db: Conn = getDb(),
) {
  invalidateConsultationCache();
  return db.transaction((tx) => {
    const base = input.slug ?? slugify(input.title);
    let slug = base;
    for (
      let i = 2;
      tx.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, slug)).get();
      i++
    ) {
      slug = `${base}-${i}`;
    }
    return tx
      .insert(consultations)
      .values({
        slug,
        title: input.title,
        summary: input.summary,
        easySummary: input.easySummary,
        audience: input.audience,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        minutes: input.minutes,
        ageBands: input.ageBands ?? [],
        localityIds: input.localityIds ?? [],
        resultsBy: input.resultsBy ?? null,
        translations: input.translations ?? {},
        createdBy: input.staffId,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      })
      .returning({ id: consultations.id, slug: consultations.slug })
      .get();
  });
}

export class ConsultationEditError extends Error {
  constructor(public readonly code: "not_found" | "not_draft" | "no_questions" | "not_open") {
    super(code);
  }
}

/** Adds a question with its options and outcome tags. Only drafts change shape: answers must match their questions. */
export function addQuestion(
  input: {
    consultationId: number;
    kind: QuestionKind;
    prompt: string;
    easyPrompt: string | null;
    why: string | null;
    required: boolean;
    maxLength: number;
    options: { label: string; easyLabel?: string | null; isOther?: boolean }[];
    outcomeIds: number[];
    /** the plan priority each outcome tag is under, where known (outcome id to priority id) */
    priorityIds?: Record<number, number | null>;
  },
  db: Conn = getDb(),
) {
  invalidateConsultationCache();
  return db.transaction((tx) => {
    const c = tx
      .select({ status: consultations.status })
      .from(consultations)
      .where(eq(consultations.id, input.consultationId))
      .get();
    if (!c) throw new ConsultationEditError("not_found");
    if (c.status !== "draft") throw new ConsultationEditError("not_draft");
    const position =
      (tx
        .select({ n: sql<number>`coalesce(max(${questions.position}), 0)` })
        .from(questions)
        .where(eq(questions.consultationId, input.consultationId))
        .get()?.n ?? 0) + 1;
    const questionId = tx
      .insert(questions)
      .values({
        consultationId: input.consultationId,
        position,
        kind: input.kind,
        prompt: input.prompt,
        easyPrompt: input.easyPrompt,
        why: input.why,
        required: input.required,
        maxLength: input.maxLength,
      })
      .returning({ id: questions.id })
      .get().id;
    if (input.options.length) {
      tx.insert(questionOptions)
        .values(
          input.options.map((o, i) => ({
            questionId,
            position: i + 1,
            label: o.label,
            easyLabel: o.easyLabel ?? null,
            isOther: Boolean(o.isOther),
          })),
        )
        .run();
    }
    if (input.outcomeIds.length) {
      tx.insert(questionTags)
        .values(
          input.outcomeIds.map((outcomeId) => ({
            questionId,
            outcomeId,
            priorityId: input.priorityIds?.[outcomeId] ?? null,
          })),
        )
        .run();
    }
    return questionId;
  });
}

/** Opens a draft that has questions; `at` is when (now, unless the seed publishes one in the past). */
export function publishConsultation(id: number, opts: { at?: string; db?: Conn } = {}) {
  invalidateConsultationCache();
  const db = opts.db ?? getDb();
  db.transaction((tx) => {
    const c = tx.select({ status: consultations.status }).from(consultations).where(eq(consultations.id, id)).get();
    if (!c) throw new ConsultationEditError("not_found");
    if (c.status !== "draft") throw new ConsultationEditError("not_draft");
    const n =
      tx.select({ n: sql<number>`count(*)` }).from(questions).where(eq(questions.consultationId, id)).get()?.n ?? 0;
    if (n === 0) throw new ConsultationEditError("no_questions");
    tx.update(consultations)
      .set({ status: "open", publishedAt: opts.at ?? new Date().toISOString() })
      .where(eq(consultations.id, id))
      .run();
  });
}

/** Closes an open consultation now, before its close date. */
export function closeConsultationEarly(id: number) {
  const now = new Date().toISOString();
  invalidateConsultationCache();
  const db = getDb();
  db.transaction((tx) => {
    const c = tx
      .select({ status: consultations.status, closesAt: consultations.closesAt })
      .from(consultations)
      .where(eq(consultations.id, id))
      .get();
    if (!c) throw new ConsultationEditError("not_found");
    if (c.status !== "open") throw new ConsultationEditError("not_open");
    // ISO timestamps compare as strings: close now, unless the close date has already passed.
    const closesAt = [c.closesAt, now].sort()[0];
    tx.update(consultations).set({ status: "closed", closesAt }).where(eq(consultations.id, id)).run();
  });
}

/** Removes a question from a draft, with its options and tags. */
export function removeQuestion(consultationId: number, questionId: number) {
  invalidateConsultationCache();
  const db = getDb();
  db.transaction((tx) => {
    const c = tx
      .select({ status: consultations.status })
      .from(consultations)
      .where(eq(consultations.id, consultationId))
      .get();
    if (!c) throw new ConsultationEditError("not_found");
    if (c.status !== "draft") throw new ConsultationEditError("not_draft");
    tx.delete(questions)
      .where(and(eq(questions.id, questionId), eq(questions.consultationId, consultationId)))
      .run();
  });
}

/**
 * A Board has answered what these consultations heard: each one that has closed (and was ever published) becomes
 * reported. Takes the caller's transaction so the Board's response and this change are stored together.
 */
export function markConsultationsReported(ids: number[], now: string, db: Conn = getDb()) {
  if (!ids.length) return;
  invalidateConsultationCache();
  db.update(consultations)
    .set({ status: "reported" })
    .where(and(inArray(consultations.id, ids), ne(consultations.status, "draft"), lte(consultations.closesAt, now)))
    .run();
}
