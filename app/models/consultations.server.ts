import crypto from "node:crypto";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { type DB, getDb } from "~db/client";
import {
  consultations,
  contributions,
  type DraftAbout,
  type DraftAnswer,
  questionOptions,
  questions,
  questionTags,
  responseDrafts,
  responses,
} from "~db/schema";
import { IncompleteAnswersError, storeResponse } from "./responses.server";

export type Translations = Record<string, Record<string, string>>;

export type ParticipantQuestion = {
  id: number;
  position: number;
  kind: string;
  prompt: string;
  easyPrompt: string | null;
  why: string | null;
  required: boolean;
  maxLength: number;
  translations: Translations;
  options: { id: number; label: string; easyLabel: string | null; isOther: boolean; translations: Translations }[];
  outcomeIds: number[];
};

export type ParticipantConsultation = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  easySummary: string | null;
  audience: string;
  ageBands: string[];
  opensAt: string;
  closesAt: string;
  resultsBy: string | null;
  status: string;
  minutes: number;
  translations: Translations;
  questions: ParticipantQuestion[];
};

/** open only while its status is open and today is inside its dates: closing at the close date needs no job. */
export function isAcceptingAnswers(c: { status: string; opensAt: string; closesAt: string }, now = new Date()) {
  const iso = now.toISOString();
  return c.status === "open" && c.opensAt <= iso && iso < c.closesAt;
}

export function effectiveStatus(c: { status: string; opensAt: string; closesAt: string }, now = new Date()) {
  if (c.status === "open" && now.toISOString() >= c.closesAt) return "closed";
  return c.status;
}

// Every answer page reads its consultation (4 queries, ~0.9 ms). One process serves the county, so a short-lived
// copy in memory is safe: every change made here clears it, and anything else is seen within CACHE_MS.
const CACHE_MS = 2000;
const bySlug = new Map<string, { at: number; value: ParticipantConsultation | null }>();

/** Forget cached consultations; every function here that changes one calls it. */
export function invalidateConsultationCache() {
  bySlug.clear();
}

export function getConsultationBySlug(slug: string): ParticipantConsultation | null {
  const hit = bySlug.get(slug);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = readConsultationBySlug(slug);
  if (bySlug.size > 500) bySlug.clear();
  bySlug.set(slug, { at: Date.now(), value });
  return value;
}

function readConsultationBySlug(slug: string): ParticipantConsultation | null {
  const db = getDb();
  const c = db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      summary: consultations.summary,
      easySummary: consultations.easySummary,
      audience: consultations.audience,
      ageBands: consultations.ageBands,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      resultsBy: consultations.resultsBy,
      status: consultations.status,
      minutes: consultations.minutes,
      translations: consultations.translations,
    })
    .from(consultations)
    .where(eq(consultations.slug, slug))
    .get();
  if (!c) return null;
  return { ...c, questions: loadQuestions(c.id) };
}

export function loadQuestions(consultationId: number): ParticipantQuestion[] {
  const db = getDb();
  const qs = db
    .select({
      id: questions.id,
      position: questions.position,
      kind: questions.kind,
      prompt: questions.prompt,
      easyPrompt: questions.easyPrompt,
      why: questions.why,
      required: questions.required,
      maxLength: questions.maxLength,
      translations: questions.translations,
    })
    .from(questions)
    .where(eq(questions.consultationId, consultationId))
    .orderBy(asc(questions.position), asc(questions.id))
    .all();
  if (!qs.length) return [];
  const ids = qs.map((q) => q.id);
  const opts = db
    .select({
      id: questionOptions.id,
      questionId: questionOptions.questionId,
      label: questionOptions.label,
      easyLabel: questionOptions.easyLabel,
      isOther: questionOptions.isOther,
      translations: questionOptions.translations,
    })
    .from(questionOptions)
    .where(inArray(questionOptions.questionId, ids))
    .orderBy(asc(questionOptions.position), asc(questionOptions.id))
    .all();
  const tags = db
    .select({ questionId: questionTags.questionId, outcomeId: questionTags.outcomeId })
    .from(questionTags)
    .where(inArray(questionTags.questionId, ids))
    .all();
  return qs.map((q) => ({
    ...q,
    options: opts.filter((o) => o.questionId === q.id).map(({ questionId: _q, ...o }) => o),
    outcomeIds: tags.filter((t) => t.questionId === q.id).map((t) => t.outcomeId),
  }));
}

/** Open consultations, newest first; for one audience when given (a "both" consultation suits either). */
export function listOpenConsultations(audience?: string) {
  const now = new Date().toISOString();
  const rows = getDb()
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      summary: consultations.summary,
      easySummary: consultations.easySummary,
      audience: consultations.audience,
      closesAt: consultations.closesAt,
      minutes: consultations.minutes,
      translations: consultations.translations,
    })
    .from(consultations)
    .where(
      and(
        eq(consultations.status, "open"),
        sql`${consultations.opensAt} <= ${now}`,
        sql`${consultations.closesAt} > ${now}`,
      ),
    )
    .orderBy(desc(consultations.opensAt))
    .all();
  return audience ? rows.filter((r) => r.audience === "both" || r.audience === audience) : rows;
}

// Receipts ---------------------------------------------------------------------------------------------

export function newReceipt() {
  return crypto.randomBytes(24).toString("base64url");
}

export function hashReceipt(receipt: string) {
  return crypto.createHash("sha256").update(receipt).digest("hex");
}

const draftStatements = new WeakMap<DB, ReturnType<typeof prepareDraftQuery>>();

function prepareDraftQuery(db: DB) {
  return db
    .select({ answers: responseDrafts.answers, about: responseDrafts.about })
    .from(responseDrafts)
    .where(
      and(
        eq(responseDrafts.receiptHash, sql.placeholder("receiptHash")),
        eq(responseDrafts.consultationId, sql.placeholder("consultationId")),
      ),
    )
    .prepare();
}

/** The answers in progress for a receipt (read on every answer page, so the statement is prepared once). */
export function getDraft(receiptHash: string, consultationId: number) {
  const db = getDb();
  let query = draftStatements.get(db);
  if (!query) {
    query = prepareDraftQuery(db);
    draftStatements.set(db, query);
  }
  return query.get({ receiptHash, consultationId }) ?? null;
}

/** Keeps one answer in the draft (or removes it when an optional question is skipped). */
export function saveDraftAnswer(receiptHash: string, consultationId: number, questionId: number, answer?: DraftAnswer) {
  const db = getDb();
  db.transaction((tx) => {
    const existing = tx
      .select({ answers: responseDrafts.answers, consultationId: responseDrafts.consultationId })
      .from(responseDrafts)
      .where(eq(responseDrafts.receiptHash, receiptHash))
      .get();
    const answers = existing && existing.consultationId === consultationId ? { ...existing.answers } : {};
    if (answer) answers[String(questionId)] = answer;
    else delete answers[String(questionId)];
    const updatedAt = new Date().toISOString();
    tx.insert(responseDrafts)
      .values({ receiptHash, consultationId, answers, updatedAt })
      .onConflictDoUpdate({ target: responseDrafts.receiptHash, set: { answers, consultationId, updatedAt } })
      .run();
  });
}

export function saveDraftAbout(receiptHash: string, consultationId: number, about: DraftAbout) {
  const updatedAt = new Date().toISOString();
  getDb()
    .insert(responseDrafts)
    .values({ receiptHash, consultationId, answers: {}, about, updatedAt })
    .onConflictDoUpdate({ target: responseDrafts.receiptHash, set: { about, updatedAt } })
    .run();
}

export function findResponseByReceipt(receiptHash: string) {
  return (
    getDb()
      .select({ id: responses.id, consultationId: responses.consultationId, updatedAt: responses.updatedAt })
      .from(responses)
      .where(eq(responses.receiptHash, receiptHash))
      .get() ?? null
  );
}

export function responseHasEscalation(responseId: number) {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(contributions)
    .where(and(eq(contributions.responseId, responseId), eq(contributions.moderationState, "escalated")))
    .get();
  return (row?.n ?? 0) > 0;
}

export class SubmissionError extends Error {
  constructor(
    public readonly code: "closed" | "incomplete",
    public readonly questionNumber?: number,
  ) {
    super(code);
  }
}

/**
 * Turns a draft into a response and its contributions in one transaction, so a submission is either
 * wholly stored or not at all. Sending again with the same receipt replaces the earlier answers.
 * Paper and imported answers (a channel given) may be entered after the consultation has closed.
 */
export function submitResponse(input: {
  consultation: ParticipantConsultation;
  receiptHash: string | null;
  answers: Record<string, DraftAnswer>;
  about: DraftAbout | null;
  language: string;
  readingLevel: string;
  channel?: "online" | "paper" | "import";
  now?: Date;
}) {
  const now = input.now ?? new Date();
  if (input.channel === undefined && !isAcceptingAnswers(input.consultation, now)) throw new SubmissionError("closed");
  try {
    return storeResponse(input.consultation, input.answers, input.about, {
      receiptHash: input.receiptHash,
      channel: input.channel ?? "online",
      language: input.language,
      readingLevel: input.readingLevel,
      at: now.toISOString(),
    });
  } catch (error) {
    if (error instanceof IncompleteAnswersError) throw new SubmissionError("incomplete", error.questionNumber);
    throw error;
  }
}

// Staff ------------------------------------------------------------------------------------------------

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

export function createConsultation(input: {
  staffId: number;
  title: string;
  summary: string;
  easySummary: string | null;
  audience: string;
  opensAt: string;
  closesAt: string;
  minutes: number;
  ageBands?: string[];
  localityIds?: number[];
  resultsBy?: string | null;
}) {
  invalidateConsultationCache();
  const db = getDb();
  return db.transaction((tx) => {
    const base = slugify(input.title);
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
        createdBy: input.staffId,
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
export function addQuestion(input: {
  consultationId: number;
  kind: string;
  prompt: string;
  easyPrompt: string | null;
  why: string | null;
  required: boolean;
  maxLength: number;
  options: { label: string; isOther?: boolean }[];
  outcomeIds: number[];
}) {
  invalidateConsultationCache();
  const db = getDb();
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
          input.options.map((o, i) => ({ questionId, position: i + 1, label: o.label, isOther: Boolean(o.isOther) })),
        )
        .run();
    }
    if (input.outcomeIds.length) {
      tx.insert(questionTags)
        .values(input.outcomeIds.map((outcomeId) => ({ questionId, outcomeId })))
        .run();
    }
    return questionId;
  });
}

export function publishConsultation(id: number) {
  invalidateConsultationCache();
  const db = getDb();
  db.transaction((tx) => {
    const c = tx.select({ status: consultations.status }).from(consultations).where(eq(consultations.id, id)).get();
    if (!c) throw new ConsultationEditError("not_found");
    if (c.status !== "draft") throw new ConsultationEditError("not_draft");
    const n =
      tx.select({ n: sql<number>`count(*)` }).from(questions).where(eq(questions.consultationId, id)).get()?.n ?? 0;
    if (n === 0) throw new ConsultationEditError("no_questions");
    tx.update(consultations)
      .set({ status: "open", publishedAt: new Date().toISOString() })
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

export type Wording = {
  consultation: Record<string, string>;
  questions: Record<string, Record<string, string>>;
  options: Record<string, Record<string, string>>;
};

/**
 * Saves the wording of a consultation in one language, in one transaction. English carries only the easy-read
 * versions (its standard wording is the source); other languages go into the translations JSON, where an
 * empty field is removed so the page falls back to English.
 */
export function saveWording(consultationId: number, lang: string, wording: Wording) {
  invalidateConsultationCache();
  const db = getDb();
  db.transaction((tx) => {
    const c = tx
      .select({ translations: consultations.translations })
      .from(consultations)
      .where(eq(consultations.id, consultationId))
      .get();
    if (!c) throw new ConsultationEditError("not_found");
    const merge = (current: Translations, fields: Record<string, string>) => {
      const next = { ...current, [lang]: { ...(current[lang] ?? {}) } };
      for (const [k, v] of Object.entries(fields)) {
        if (v) next[lang][k] = v;
        else delete next[lang][k];
      }
      return next;
    };
    if (lang === "en") {
      tx.update(consultations)
        .set({ easySummary: wording.consultation.easySummary || null })
        .where(eq(consultations.id, consultationId))
        .run();
    } else {
      tx.update(consultations)
        .set({ translations: merge(c.translations, wording.consultation) })
        .where(eq(consultations.id, consultationId))
        .run();
    }
    const qs = tx
      .select({ id: questions.id, translations: questions.translations })
      .from(questions)
      .where(eq(questions.consultationId, consultationId))
      .all();
    for (const q of qs) {
      const fields = wording.questions[String(q.id)];
      if (!fields) continue;
      if (lang === "en")
        tx.update(questions)
          .set({ easyPrompt: fields.easyPrompt || null })
          .where(eq(questions.id, q.id))
          .run();
      else
        tx.update(questions)
          .set({ translations: merge(q.translations, fields) })
          .where(eq(questions.id, q.id))
          .run();
    }
    const opts = qs.length
      ? tx
          .select({ id: questionOptions.id, translations: questionOptions.translations })
          .from(questionOptions)
          .where(
            inArray(
              questionOptions.questionId,
              qs.map((q) => q.id),
            ),
          )
          .all()
      : [];
    for (const o of opts) {
      const fields = wording.options[String(o.id)];
      if (!fields) continue;
      if (lang === "en")
        tx.update(questionOptions)
          .set({ easyLabel: fields.easyLabel || null })
          .where(eq(questionOptions.id, o.id))
          .run();
      else
        tx.update(questionOptions)
          .set({ translations: merge(o.translations, fields) })
          .where(eq(questionOptions.id, o.id))
          .run();
    }
  });
}
