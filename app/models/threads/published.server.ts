// Answered questions an officer publishes to /questions, so one young person's answer helps others: anonymised (no
// nickname, personal details masked, the words frozen as published), searchable, with "this helped me" marks and
// "report this". Three reports from different passes hide an item until an officer reviews it.
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { checkText } from "~/utils/text-safety";
import { getDb } from "~db/client";
import { contributions, outcomes, staffUsers, threadHelped, threadMessages, threadReports, threads } from "~db/schema";
import { addsWords } from "../feedback.server";
import { listsInForce } from "../safeguarding-lists.server";
import { REPORTS_TO_HIDE, type ReportReason } from "./types";

export class PublishError extends Error {
  constructor(
    public readonly code:
      | "not_found"
      | "not_answered"
      | "escalated"
      | "not_checked"
      | "edit_adds"
      | "edit_escalates"
      | "empty"
      | "not_published",
  ) {
    super(code);
  }
}

/** Reports since the last review: the ones that count towards hiding. */
const liveReports = sql<number>`(select count(*) from thread_reports r where r.thread_id = "threads"."id" and r.created_at > coalesce("threads"."reviewed_at", ''))`;
const helpedCount = sql<number>`(select count(*) from thread_helped h where h.thread_id = "threads"."id")`;

/**
 * What would appear on /questions if this thread were published now: the question as checked (masked) and the
 * answers, masked by the same check. Refused when any of the asker's words went to the safeguarding lead, when the
 * question was never approved, or when there is no answer yet.
 */
export function publicationDraft(threadId: number) {
  const db = getDb();
  const thread = db
    .select({
      status: threads.status,
      publishedAt: threads.publishedAt,
      publicQuestion: threads.publicQuestion,
      publicAnswer: threads.publicAnswer,
    })
    .from(threads)
    .where(eq(threads.id, threadId))
    .get();
  if (!thread) throw new PublishError("not_found");
  const rows = db
    .select({
      from: threadMessages.from,
      staffBody: threadMessages.body,
      masked: contributions.maskedBody,
      body: contributions.body,
      state: contributions.moderationState,
      escalated: sql<number>`exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id")`,
    })
    .from(threadMessages)
    .leftJoin(contributions, eq(contributions.id, threadMessages.contributionId))
    .where(eq(threadMessages.threadId, threadId))
    .orderBy(asc(threadMessages.id))
    .all();
  if (rows.some((r) => r.from === "asker" && (r.state === "escalated" || r.escalated)))
    throw new PublishError("escalated");
  const first = rows[0];
  if (first?.from !== "asker" || first.state !== "approved") throw new PublishError("not_checked");
  const answers = rows.filter((r) => r.from === "staff").map((r) => r.staffBody ?? "");
  if (!answers.length || (thread.status !== "answered" && thread.status !== "closed"))
    throw new PublishError("not_answered");
  const lists = listsInForce();
  return {
    published: Boolean(thread.publishedAt),
    original: first.body ?? "",
    question: thread.publicQuestion ?? first.masked ?? "",
    answer: thread.publicAnswer ?? checkText(answers.join("\n\n"), { lists }).masked,
  };
}

/**
 * Publishes (or publishes again, with new words) an answered thread. The officer may mask more by editing, never add
 * words to the young person's question; both texts are checked again, so a detail typed back in is masked once more.
 */
export function publishThread(input: { threadId: number; staffId: number; question?: string; answer?: string }) {
  const now = new Date().toISOString();
  return getDb().transaction(() => {
    const draft = publicationDraft(input.threadId);
    const lists = listsInForce();
    const question = (input.question ?? draft.question).trim();
    const answer = (input.answer ?? draft.answer).trim();
    if (!question || !answer) throw new PublishError("empty");
    if (addsWords(draft.original, question)) throw new PublishError("edit_adds");
    const q = checkText(question, { lists });
    const a = checkText(answer, { lists });
    if (q.escalate || a.escalate) throw new PublishError("edit_escalates");
    getDb()
      .update(threads)
      .set({
        publishedAt: now,
        publishedBy: input.staffId,
        publicQuestion: q.masked,
        publicAnswer: a.masked,
        reportHiddenAt: null,
        reviewedAt: now,
      })
      .where(eq(threads.id, input.threadId))
      .run();
    return { question: q.masked, answer: a.masked };
  });
}

export function unpublishThread(threadId: number) {
  const changed = getDb()
    .update(threads)
    .set({ publishedAt: null, publishedBy: null, publicQuestion: null, publicAnswer: null, reportHiddenAt: null })
    .where(and(eq(threads.id, threadId), isNotNull(threads.publishedAt)))
    .run().changes;
  if (!changed) throw new PublishError("not_published");
}

const visible = and(isNotNull(threads.publishedAt), isNull(threads.reportHiddenAt));

export const PUBLISHED_PER_PAGE = 20;

/** Published questions the public may see, newest first: by words in the question or answer, and by plan outcome. */
export function listPublished(filters: { q?: string; outcomeId?: number | null; page?: number } = {}) {
  const conditions = [visible];
  const q = filters.q?.trim().slice(0, 100);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(${threads.publicQuestion} like ${like} escape '\\' or ${threads.publicAnswer} like ${like} escape '\\')`,
    );
  }
  if (filters.outcomeId) conditions.push(eq(threads.outcomeId, filters.outcomeId));
  const where = and(...conditions);
  const db = getDb();
  const total = db.select({ n: sql<number>`count(*)` }).from(threads).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PUBLISHED_PER_PAGE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pages);
  const rows = db
    .select({
      id: threads.id,
      question: threads.publicQuestion,
      answer: threads.publicAnswer,
      publishedAt: threads.publishedAt,
      outcome: outcomes.childTitle,
      answererRole: sql<
        string | null
      >`(select s.role from thread_messages m join staff_users s on s.id = m.staff_id where m.thread_id = "threads"."id" and m."from" = 'staff' order by m.id desc limit 1)`,
      helped: helpedCount,
    })
    .from(threads)
    .leftJoin(outcomes, eq(outcomes.id, threads.outcomeId))
    .where(where)
    .orderBy(desc(threads.publishedAt), desc(threads.id))
    .limit(PUBLISHED_PER_PAGE)
    .offset((page - 1) * PUBLISHED_PER_PAGE)
    .all();
  return { total, page, pages, rows };
}

/** One published question for the public, with what this pass has already done with it. */
export function getPublished(threadId: number, passId: number | null) {
  const row = getDb()
    .select({
      id: threads.id,
      question: threads.publicQuestion,
      answer: threads.publicAnswer,
      publishedAt: threads.publishedAt,
      outcome: outcomes.childTitle,
      answererRole: sql<
        string | null
      >`(select s.role from thread_messages m join staff_users s on s.id = m.staff_id where m.thread_id = "threads"."id" and m."from" = 'staff' order by m.id desc limit 1)`,
      helped: helpedCount,
      helpedByPass: passId
        ? sql<number>`exists (select 1 from thread_helped h where h.thread_id = "threads"."id" and h.pass_id = ${passId})`
        : sql<number>`0`,
      reportedByPass: passId
        ? sql<number>`exists (select 1 from thread_reports r where r.thread_id = "threads"."id" and r.pass_id = ${passId})`
        : sql<number>`0`,
    })
    .from(threads)
    .leftJoin(outcomes, eq(outcomes.id, threads.outcomeId))
    .where(and(eq(threads.id, threadId), visible))
    .get();
  return row ? { ...row, helpedByPass: Boolean(row.helpedByPass), reportedByPass: Boolean(row.reportedByPass) } : null;
}

/** "This helped me": once per pass. Returns false when this pass had already said so. */
export function markHelped(threadId: number, passId: number) {
  if (!getPublished(threadId, null)) throw new PublishError("not_published");
  return (
    getDb()
      .insert(threadHelped)
      .values({ threadId, passId, createdAt: new Date().toISOString() })
      .onConflictDoNothing()
      .run().changes === 1
  );
}

/**
 * "Report this": once per pass per item. The third report since the last review hides the item from /questions
 * until an officer looks at it. Returns whether this report was new and whether the item is now hidden.
 */
export function reportPublished(threadId: number, passId: number, reason: ReportReason) {
  const now = new Date().toISOString();
  return getDb().transaction((tx) => {
    if (!getPublished(threadId, null)) throw new PublishError("not_published");
    const added =
      tx.insert(threadReports).values({ threadId, passId, reason, createdAt: now }).onConflictDoNothing().run()
        .changes === 1;
    const live = tx.select({ n: liveReports }).from(threads).where(eq(threads.id, threadId)).get()?.n ?? 0;
    const hidden = live >= REPORTS_TO_HIDE;
    if (hidden) tx.update(threads).set({ reportHiddenAt: now }).where(eq(threads.id, threadId)).run();
    return { added, hidden };
  });
}

/** Published questions with reports since their last review, hidden ones first: for the officers' review. */
export function listReported() {
  return getDb()
    .select({
      id: threads.id,
      question: threads.publicQuestion,
      reports: liveReports,
      hiddenAt: threads.reportHiddenAt,
      reasons: sql<string>`(select group_concat(r.reason) from thread_reports r where r.thread_id = "threads"."id" and r.created_at > coalesce("threads"."reviewed_at", ''))`,
    })
    .from(threads)
    .where(and(isNotNull(threads.publishedAt), sql`${liveReports} > 0`))
    .orderBy(sql`${threads.reportHiddenAt} is null`, desc(liveReports), asc(threads.id))
    .all()
    .map((r) => ({ ...r, reasons: (r.reasons ?? "").split(",").filter(Boolean) as ReportReason[] }));
}

/** The officer's review of reports: keep it published (reports so far no longer count), or take it down. */
export function reviewReports(input: { threadId: number; keep: boolean }) {
  const now = new Date().toISOString();
  if (!input.keep) return unpublishThread(input.threadId);
  const changed = getDb()
    .update(threads)
    .set({ reportHiddenAt: null, reviewedAt: now })
    .where(and(eq(threads.id, input.threadId), isNotNull(threads.publishedAt)))
    .run().changes;
  if (!changed) throw new PublishError("not_published");
}

/** For the staff page: whether the thread is published, hidden by reports, and its live reports. */
export function publicationState(threadId: number) {
  return (
    getDb()
      .select({
        publishedAt: threads.publishedAt,
        publishedBy: staffUsers.name,
        hiddenAt: threads.reportHiddenAt,
        reports: liveReports,
        helped: helpedCount,
      })
      .from(threads)
      .leftJoin(staffUsers, eq(staffUsers.id, threads.publishedBy))
      .where(eq(threads.id, threadId))
      .get() ?? null
  );
}
