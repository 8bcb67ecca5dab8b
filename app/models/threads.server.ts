// Question threads: a young person asks with their pass, an officer checks the words (the moderation queue), assigns
// the question to someone who can answer it with a due date, the answer reaches the asker's pass, and they may reply
// until someone closes it. Every asker message is a contribution (source 'question'), pre-moderated like any text.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { can } from "~/auth/roles";
import { isLang } from "~/i18n";
import { getT } from "~/i18n/i18n.server";
import { publicUrl, sendMail } from "~/utils/mail.server";
import { checkText } from "~/utils/text-safety";
import { countyToday, formatDate } from "~/utils/time";
import { type Conn, getDb, type Tx } from "~db/client";
import {
  auditLog,
  consultations,
  contributions,
  contributionTags,
  outcomes,
  passes,
  staffUsers,
  threadMessages,
  threads,
} from "~db/schema";
import { groupCommit } from "./group-commit.server";
import { sendPassMessage } from "./passes/holder.server";
import { emailPassHolder } from "./passes/notify.server";
import { listsInForce } from "./safeguarding-lists.server";
import { shownStatus, type ThreadStatus } from "./threads/types";

export { shownStatus };

/** Questions and replies one pass may send in any 24 hours. */
export const DAILY_LIMIT = 5;
// A reply approved after its due date has passed gets this long again, so it is not overdue the moment it arrives.
const REPLY_DAYS = 14;

export class ThreadError extends Error {
  constructor(
    public readonly code:
      | "not_found"
      | "closed"
      | "not_answered"
      | "rate_limited"
      | "not_ready"
      | "not_answerer"
      | "bad_assignee"
      | "bad_date",
    public readonly retryAt?: string,
  ) {
    super(code);
  }
}

// Written out with table names: drizzle drops them from columns in a select field, which would compare a case's
// own ids inside the subquery.
const isEscalated = sql<number>`("contributions"."moderation_state" = 'escalated' or exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id"))`;

/** When the pass may send again: null while under the limit, else when the oldest message of the last day is a day old. */
export function askerRetryAt(passId: number, now = new Date(), db: Conn = getDb()) {
  const since = new Date(now.getTime() - 86400_000).toISOString();
  const recent = db
    .select({ at: threadMessages.createdAt })
    .from(threadMessages)
    .innerJoin(threads, eq(threads.id, threadMessages.threadId))
    .where(
      and(eq(threads.passId, passId), eq(threadMessages.from, "asker"), sql`${threadMessages.createdAt} > ${since}`),
    )
    .orderBy(desc(threadMessages.createdAt))
    .limit(DAILY_LIMIT)
    .all();
  if (recent.length < DAILY_LIMIT) return null;
  const oldest = recent[recent.length - 1].at;
  return new Date(new Date(oldest).getTime() + 86400_000).toISOString();
}

/** Writes the asker's words as a contribution, checked with the lists in force. Returns its id and whether it escalated. */
function writeAskerMessage(
  tx: Tx,
  passId: number,
  threadId: number,
  text: string,
  outcomeId: number | null,
  at: string,
) {
  const pass = tx
    .select({ ageBand: passes.ageBand, isParent: passes.isParent })
    .from(passes)
    .where(eq(passes.id, passId))
    .get();
  if (!pass) throw new ThreadError("not_found");
  const check = checkText(text, { lists: listsInForce() });
  const contribution = tx
    .insert(contributions)
    .values({
      source: "question",
      kind: "text",
      audience: pass.isParent ? "parents_carers" : "young_people",
      ageBand: pass.isParent ? null : pass.ageBand,
      body: text,
      maskedBody: check.masked,
      moderationState: check.escalate ? "escalated" : "pending",
      flags: check.flags,
      createdAt: at,
    })
    .returning({ id: contributions.id })
    .get();
  // The outcome the asker chose tags their words, as a consultation question's outcomes tag its answers.
  if (outcomeId)
    tx.insert(contributionTags)
      .values({ contributionId: contribution.id, outcomeId, source: "question", createdAt: at })
      .run();
  tx.insert(threadMessages).values({ threadId, from: "asker", contributionId: contribution.id, createdAt: at }).run();
  return { contributionId: contribution.id, escalated: check.escalate };
}

/** A new question. The caller has tidied and checked the text (length, words); the model checks the limit again. */
export function askQuestion(input: {
  passId: number;
  text: string;
  outcomeId?: number | null;
  consultationId?: number | null;
  language?: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return getDb().transaction((tx) => {
    const retryAt = askerRetryAt(input.passId, now, tx);
    if (retryAt) throw new ThreadError("rate_limited", retryAt);
    const outcomeId =
      input.outcomeId && tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.id, input.outcomeId)).get()
        ? input.outcomeId
        : null;
    const consultationId =
      input.consultationId &&
      tx
        .select({ id: consultations.id })
        .from(consultations)
        .where(and(eq(consultations.id, input.consultationId), sql`${consultations.status} <> 'draft'`))
        .get()
        ? input.consultationId
        : null;
    const thread = tx
      .insert(threads)
      .values({
        passId: input.passId,
        outcomeId,
        consultationId,
        status: "waiting_check",
        language: input.language && isLang(input.language) ? input.language : "en",
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: threads.id })
      .get();
    const written = writeAskerMessage(tx, input.passId, thread.id, input.text, outcomeId, at);
    return { threadId: thread.id, escalated: written.escalated };
  });
}

/**
 * askQuestion for a request: its transaction shares one commit (and one disk sync) with every other question, reply
 * or answer sent in the same turn of the event loop, and resolves only once that commit is on disk.
 */
export function askQuestionAcknowledged(input: Parameters<typeof askQuestion>[0]) {
  return groupCommit(() => askQuestion(input));
}

function askersThread(tx: Conn, passId: number, threadId: number) {
  const thread = tx
    .select({ id: threads.id, status: threads.status, outcomeId: threads.outcomeId })
    .from(threads)
    .where(and(eq(threads.id, threadId), eq(threads.passId, passId)))
    .get();
  if (!thread) throw new ThreadError("not_found");
  return thread;
}

/** The asker answers back once they have an answer; the reply is checked like the question and goes to the same answerer. */
export function replyToThread(input: { passId: number; threadId: number; text: string; now?: Date }) {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return getDb().transaction((tx) => {
    const thread = askersThread(tx, input.passId, input.threadId);
    if (thread.status === "closed") throw new ThreadError("closed");
    if (thread.status !== "answered") throw new ThreadError("not_answered");
    const retryAt = askerRetryAt(input.passId, now, tx);
    if (retryAt) throw new ThreadError("rate_limited", retryAt);
    const written = writeAskerMessage(tx, input.passId, thread.id, input.text, null, at);
    // An escalated reply goes to the lead only; the thread stays answered, as it was.
    if (!written.escalated)
      tx.update(threads).set({ status: "waiting_check", updatedAt: at }).where(eq(threads.id, thread.id)).run();
    return { escalated: written.escalated };
  });
}

/** replyToThread for a request: one shared commit with the other writes of the same turn, as askQuestionAcknowledged. */
export function replyToThreadAcknowledged(input: Parameters<typeof replyToThread>[0]) {
  return groupCommit(() => replyToThread(input));
}

export function closeThreadByAsker(input: { passId: number; threadId: number; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  getDb().transaction((tx) => {
    const thread = askersThread(tx, input.passId, input.threadId);
    if (thread.status === "closed") throw new ThreadError("closed");
    tx.update(threads)
      .set({ status: "closed", closedBy: "asker", updatedAt: at })
      .where(eq(threads.id, thread.id))
      .run();
  });
}

/**
 * Called by moderation (approve, hide, escalate) inside its own transaction, after the contribution's state changed.
 * Text that is not an asker's thread message is left alone.
 */
export function afterModeration(
  tx: Tx,
  contributionIds: number[],
  toState: "approved" | "hidden" | "escalated",
  at: string,
) {
  if (!contributionIds.length) return;
  const rows = tx
    .select({
      messageId: threadMessages.id,
      threadId: threads.id,
      status: threads.status,
      assigneeId: threads.assigneeId,
      dueOn: threads.dueOn,
      // Written out with table names: drizzle drops them from columns in a select field.
      first: sql<number>`not exists (select 1 from thread_messages m2 where m2.thread_id = "thread_messages"."thread_id" and m2.id < "thread_messages"."id")`,
    })
    .from(threadMessages)
    .innerJoin(threads, eq(threads.id, threadMessages.threadId))
    .where(inArray(threadMessages.contributionId, contributionIds))
    .all();
  for (const r of rows) {
    const set: Partial<typeof threads.$inferInsert> = { updatedAt: at };
    if (toState === "escalated") {
      // A possible disclosure never reaches an answerer: an escalated question leaves them and stays with the lead.
      if (r.first) Object.assign(set, { status: "waiting_check", assigneeId: null, dueOn: null });
      else if (r.status === "waiting_check") set.status = "answered";
    } else if (r.status === "closed") {
      continue;
    } else if (toState === "approved") {
      if (r.first) set.status = "waiting_assignment";
      else if (r.assigneeId) {
        set.status = "with_answerer";
        const soonest = addDays(countyToday(new Date(at)), REPLY_DAYS);
        if (r.dueOn && r.dueOn < soonest) set.dueOn = soonest;
      } else set.status = "waiting_assignment";
    } else {
      // Hidden: a hidden question ends the thread (the asker reads why); a hidden reply leaves the answer standing.
      if (r.first) Object.assign(set, { status: "closed", closedBy: "officer" });
      else set.status = "answered";
    }
    tx.update(threads).set(set).where(eq(threads.id, r.threadId)).run();
  }
}

function addDays(ymd: string, days: number) {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The asker's threads, newest activity first, with the start of their question in their own words. */
export function listThreadsForPass(passId: number) {
  return getDb()
    .select({
      id: threads.id,
      status: threads.status,
      dueOn: threads.dueOn,
      createdAt: threads.createdAt,
      updatedAt: threads.updatedAt,
      answererRole: sql<string | null>`(select s.role from staff_users s where s.id = "threads"."assignee_id")`,
      question: sql<string>`(select c.body from thread_messages m join contributions c on c.id = m.contribution_id where m.thread_id = "threads"."id" order by m.id limit 1)`,
    })
    .from(threads)
    .where(eq(threads.passId, passId))
    .orderBy(desc(threads.updatedAt), desc(threads.id))
    .all()
    .map(({ answererRole, ...r }) => ({ ...r, shownStatus: shownStatus(r.status, answererRole) }));
}

export type AskerMessage =
  | {
      id: number;
      from: "asker";
      at: string;
      body: string;
      state: "pending" | "approved" | "hidden" | "escalated";
      hideReason: string | null;
    }
  | { id: number; from: "staff"; at: string; body: string; staffName: string | null };

/** One thread as its asker sees it: their own words as they wrote them, what happened to each, and the answers. */
export function getThreadForAsker(passId: number, threadId: number) {
  const db = getDb();
  const thread = db
    .select({
      id: threads.id,
      status: threads.status,
      dueOn: threads.dueOn,
      closedBy: threads.closedBy,
      createdAt: threads.createdAt,
      answererRole: sql<string | null>`(select s.role from staff_users s where s.id = "threads"."assignee_id")`,
      outcome: outcomes.childTitle,
      consultation: consultations.title,
    })
    .from(threads)
    .leftJoin(outcomes, eq(outcomes.id, threads.outcomeId))
    .leftJoin(consultations, eq(consultations.id, threads.consultationId))
    .where(and(eq(threads.id, threadId), eq(threads.passId, passId)))
    .get();
  if (!thread) return null;
  const rows = db
    .select({
      id: threadMessages.id,
      from: threadMessages.from,
      at: threadMessages.createdAt,
      staffBody: threadMessages.body,
      staffName: staffUsers.name,
      body: contributions.body,
      state: contributions.moderationState,
      escalated: isEscalated,
      hideReason: sql<
        string | null
      >`(select e.reason from moderation_events e where e.contribution_id = "contributions"."id" and e.to_state = 'hidden' order by e.id desc limit 1)`,
    })
    .from(threadMessages)
    .leftJoin(contributions, eq(contributions.id, threadMessages.contributionId))
    .leftJoin(staffUsers, eq(staffUsers.id, threadMessages.staffId))
    .where(eq(threadMessages.threadId, threadId))
    .orderBy(asc(threadMessages.id))
    .all();
  const messages: AskerMessage[] = rows.map((r) =>
    r.from === "staff"
      ? { id: r.id, from: "staff", at: r.at, body: r.staffBody ?? "", staffName: r.staffName }
      : {
          id: r.id,
          from: "asker",
          at: r.at,
          body: r.body ?? "",
          state: r.escalated ? "escalated" : r.state === "approved" || r.state === "hidden" ? r.state : "pending",
          hideReason: r.state === "hidden" ? r.hideReason : null,
        },
  );
  const { answererRole, ...rest } = thread;
  return {
    ...rest,
    shownStatus: shownStatus(thread.status, answererRole),
    messages,
    needsHelp: messages.some((m) => m.from === "asker" && m.state === "escalated"),
  };
}

/** Who may be given questions to answer: active staff whose role answers questions. */
export function listAnswerers() {
  return getDb()
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
    .from(staffUsers)
    .where(eq(staffUsers.active, true))
    .orderBy(asc(staffUsers.name))
    .all()
    .filter((s) => can(s.role, "answer_questions"));
}

type StaffViewer = { id: number; manages: boolean };

// The first asker message, as staff may see it: masked, and only once approved and never escalated.
const firstMessage = (column: "state" | "text") =>
  column === "state"
    ? sql<string>`(select case when c.moderation_state = 'escalated' or exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id) then 'escalated' else c.moderation_state end from thread_messages m join contributions c on c.id = m.contribution_id where m.thread_id = "threads"."id" order by m.id limit 1)`
    : sql<
        string | null
      >`(select case when c.moderation_state = 'approved' and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id) then c.masked_body end from thread_messages m join contributions c on c.id = m.contribution_id where m.thread_id = "threads"."id" order by m.id limit 1)`;

/**
 * Threads for the staff list: officers see every thread, an answerer only those assigned to them. Overdue first,
 * then by due date (none last), then oldest first.
 */
export function listThreadsForStaff(viewer: StaffViewer, filters: { status?: ThreadStatus } = {}, now = new Date()) {
  const today = countyToday(now);
  const conditions = [];
  if (!viewer.manages) conditions.push(eq(threads.assigneeId, viewer.id));
  if (filters.status) conditions.push(eq(threads.status, filters.status));
  const overdue = sql<number>`("threads"."status" = 'with_answerer' and "threads"."due_on" < ${today})`;
  return getDb()
    .select({
      id: threads.id,
      status: threads.status,
      dueOn: threads.dueOn,
      createdAt: threads.createdAt,
      assignee: staffUsers.name,
      firstState: firstMessage("state"),
      text: firstMessage("text"),
      overdue,
    })
    .from(threads)
    .leftJoin(staffUsers, eq(staffUsers.id, threads.assigneeId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(overdue), sql`${threads.dueOn} is null`, asc(threads.dueOn), asc(threads.createdAt), asc(threads.id))
    .all()
    .map((r) => ({ ...r, overdue: Boolean(r.overdue) }));
}

/** Questions waiting for an answer past their due date (for officers: all of them). */
export function countOverdueThreads(now = new Date()) {
  const today = countyToday(now);
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .where(and(eq(threads.status, "with_answerer"), sql`${threads.dueOn} < ${today}`))
      .get()?.n ?? 0
  );
}

/** The questions given to one answerer that wait for their answer, and how many of those are past their due date. */
export function countThreadsForAnswerer(staffId: number, now = new Date()) {
  const today = countyToday(now);
  const row = getDb()
    .select({
      waiting: sql<number>`count(*)`,
      overdue: sql<number>`coalesce(sum(${threads.dueOn} < ${today}), 0)`,
    })
    .from(threads)
    .where(and(eq(threads.assigneeId, staffId), eq(threads.status, "with_answerer")))
    .get();
  return { waiting: row?.waiting ?? 0, overdue: row?.overdue ?? 0 };
}

/**
 * One thread as staff see it. Answerers see only threads assigned to them, and only approved words (masked); an
 * officer also sees that other messages exist, never their words.
 */
export function getThreadForStaff(viewer: StaffViewer, threadId: number, now = new Date()) {
  const db = getDb();
  const thread = db
    .select({
      id: threads.id,
      status: threads.status,
      dueOn: threads.dueOn,
      closedBy: threads.closedBy,
      assigneeId: threads.assigneeId,
      assignee: staffUsers.name,
      createdAt: threads.createdAt,
      outcome: outcomes.title,
      consultation: consultations.title,
      firstState: firstMessage("state"),
      // Who asked, as far as they said: their age group (for the reading-age hint), or that a parent asked.
      askerAgeBand: sql<
        string | null
      >`(select c.age_band from thread_messages m join contributions c on c.id = m.contribution_id where m.thread_id = "threads"."id" order by m.id limit 1)`,
      askerAudience: sql<
        string | null
      >`(select c.audience from thread_messages m join contributions c on c.id = m.contribution_id where m.thread_id = "threads"."id" order by m.id limit 1)`,
    })
    .from(threads)
    .leftJoin(staffUsers, eq(staffUsers.id, threads.assigneeId))
    .leftJoin(outcomes, eq(outcomes.id, threads.outcomeId))
    .leftJoin(consultations, eq(consultations.id, threads.consultationId))
    .where(eq(threads.id, threadId))
    .get();
  if (!thread) return null;
  if (!viewer.manages && thread.assigneeId !== viewer.id) return null;
  const rows = db
    .select({
      id: threadMessages.id,
      from: threadMessages.from,
      at: threadMessages.createdAt,
      staffBody: threadMessages.body,
      staffName: staffUsers.name,
      masked: contributions.maskedBody,
      state: contributions.moderationState,
      escalated: isEscalated,
    })
    .from(threadMessages)
    .leftJoin(contributions, eq(contributions.id, threadMessages.contributionId))
    .leftJoin(staffUsers, eq(staffUsers.id, threadMessages.staffId))
    .where(eq(threadMessages.threadId, threadId))
    .orderBy(asc(threadMessages.id))
    .all();
  const messages = rows
    .map((r) => {
      if (r.from === "staff")
        return { id: r.id, from: "staff" as const, at: r.at, text: r.staffBody ?? "", by: r.staffName, state: null };
      const state = r.escalated ? "escalated" : (r.state ?? "pending");
      return {
        id: r.id,
        from: "asker" as const,
        at: r.at,
        text: state === "approved" ? (r.masked ?? "") : null,
        by: null,
        state,
      };
    })
    .filter((m) => m.from === "staff" || m.state === "approved" || viewer.manages);
  const today = countyToday(now);
  return {
    ...thread,
    overdue: thread.status === "with_answerer" && Boolean(thread.dueOn && thread.dueOn < today),
    messages,
    mayAnswer: thread.status === "with_answerer" && thread.assigneeId === viewer.id,
    lastReminder: viewer.manages ? lastReminder(threadId) : null,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Gives (or gives again) a checked question to someone who can answer it, by a date; also changes only the date. */
export function assignThread(input: { threadId: number; assigneeId: number; dueOn: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (!DATE.test(input.dueOn) || Number.isNaN(Date.parse(input.dueOn)) || input.dueOn < countyToday(now))
    throw new ThreadError("bad_date");
  const at = now.toISOString();
  getDb().transaction((tx) => {
    const thread = tx.select({ status: threads.status }).from(threads).where(eq(threads.id, input.threadId)).get();
    if (!thread) throw new ThreadError("not_found");
    if (thread.status === "closed") throw new ThreadError("closed");
    if (thread.status === "waiting_check") throw new ThreadError("not_ready");
    const assignee = tx
      .select({ role: staffUsers.role, active: staffUsers.active })
      .from(staffUsers)
      .where(eq(staffUsers.id, input.assigneeId))
      .get();
    if (!assignee?.active || !can(assignee.role, "answer_questions")) throw new ThreadError("bad_assignee");
    tx.update(threads)
      .set({
        assigneeId: input.assigneeId,
        dueOn: input.dueOn,
        status: thread.status === "waiting_assignment" ? "with_answerer" : thread.status,
        updatedAt: at,
      })
      .where(eq(threads.id, input.threadId))
      .run();
  });
}

/**
 * The answerer's answer: shown to the asker, and a message in their pass's inbox in the language they asked in. Once it
 * is committed, an email tells the holder there is something to read, if they added an address; `emailed` settles when
 * the mail server has taken it (false when there is no address or no server), and never rejects.
 */
export function answerThread(input: { threadId: number; staffId: number; body: string; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  const asker = getDb().transaction((tx) => {
    const thread = tx
      .select({
        status: threads.status,
        assigneeId: threads.assigneeId,
        passId: threads.passId,
        language: threads.language,
      })
      .from(threads)
      .where(eq(threads.id, input.threadId))
      .get();
    if (!thread) throw new ThreadError("not_found");
    if (thread.assigneeId !== input.staffId) throw new ThreadError("not_answerer");
    if (thread.status === "closed") throw new ThreadError("closed");
    if (thread.status !== "with_answerer") throw new ThreadError("not_ready");
    tx.insert(threadMessages)
      .values({ threadId: input.threadId, from: "staff", staffId: input.staffId, body: input.body, createdAt: at })
      .run();
    tx.update(threads).set({ status: "answered", updatedAt: at }).where(eq(threads.id, input.threadId)).run();
    if (thread.passId) {
      const t = getT(isLang(thread.language) ? thread.language : "en");
      // The same connection, so the inbox message commits with the answer or not at all.
      sendPassMessage(
        thread.passId,
        { title: t("ask.inbox.title"), body: t("ask.inbox.body"), link: `/pass/questions/${input.threadId}` },
        new Date(at),
      );
    }
    return thread.passId ? { passId: thread.passId, language: thread.language } : null;
  });
  return { emailed: asker ? emailPassHolder(asker.passId, "answered", asker.language) : Promise.resolve(false) };
}

/**
 * An officer reminds the answerer of a question with them: an email when SMTP is set up (the question's words stay on
 * the site), and a line in the audit log either way, so the thread shows when the last reminder went and from whom.
 */
export function remindAnswerer(input: { threadId: number; officerId: number; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  const target = getDb().transaction((tx) => {
    const thread = tx
      .select({
        status: threads.status,
        dueOn: threads.dueOn,
        email: staffUsers.email,
        name: staffUsers.name,
        active: staffUsers.active,
      })
      .from(threads)
      .leftJoin(staffUsers, eq(staffUsers.id, threads.assigneeId))
      .where(eq(threads.id, input.threadId))
      .get();
    if (!thread) throw new ThreadError("not_found");
    if (thread.status !== "with_answerer" || !thread.email || !thread.active) throw new ThreadError("not_ready");
    tx.insert(auditLog)
      .values({
        staffId: input.officerId,
        action: "question_reminder",
        subjectType: "thread",
        subjectId: input.threadId,
        createdAt: at,
      })
      .run();
    return { email: thread.email, name: thread.name, dueOn: thread.dueOn };
  });
  const t = getT("en");
  const late = target.dueOn !== null && target.dueOn < countyToday(new Date(at));
  return {
    emailed: sendMail({
      to: [target.email],
      subject: t("questions.reminder.subject"),
      text: [
        t("questions.reminder.greeting", { name: target.name }),
        "",
        t(late ? "questions.reminder.late" : "questions.reminder.body", { date: formatDate(target.dueOn, "en") }),
        "",
        publicUrl(`/staff/questions/${input.threadId}`),
        "",
        t("questions.reminder.noWords"),
      ].join("\n"),
    }),
  };
}

/** When the answerer was last reminded of this question, and by whom. */
function lastReminder(threadId: number) {
  return (
    getDb()
      .select({ at: auditLog.createdAt, by: staffUsers.name })
      .from(auditLog)
      .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffId))
      .where(
        and(
          eq(auditLog.action, "question_reminder"),
          eq(auditLog.subjectType, "thread"),
          eq(auditLog.subjectId, threadId),
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get() ?? null
  );
}

export function closeThreadByOfficer(input: { threadId: number; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  getDb().transaction((tx) => {
    const thread = tx.select({ status: threads.status }).from(threads).where(eq(threads.id, input.threadId)).get();
    if (!thread) throw new ThreadError("not_found");
    if (thread.status === "closed") throw new ThreadError("closed");
    tx.update(threads)
      .set({ status: "closed", closedBy: "officer", updatedAt: at })
      .where(eq(threads.id, input.threadId))
      .run();
  });
}

/** Which contributions are thread messages, and whether each is a reply, for the moderation queue's labels. */
export const threadMessageKind = sql<
  "question" | "reply" | null
>`(select case when exists (select 1 from thread_messages m2 where m2.thread_id = m.thread_id and m2.id < m.id) then 'reply' else 'question' end from thread_messages m where m.contribution_id = "contributions"."id")`;
