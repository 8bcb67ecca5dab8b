// What a participant's pages read: an open consultation with its questions, kept briefly in memory because every
// answer page reads it.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~db/client";
import { consultations, questionOptions, questions, questionTags } from "~db/schema";
import type { ParticipantConsultation, ParticipantQuestion } from "./types";

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
