import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { checkText } from "~/utils/text-safety";
import { getDb } from "~db/client";
import {
  consultations,
  contributions,
  contributionTags,
  localities,
  moderationEvents,
  outcomes,
  questions,
  responses,
  staffUsers,
  tagEvents,
} from "~db/schema";
import type { ModerationAction } from "./feedback/types";
import { getOutcome, getPriority } from "./plan.server";
import { listsInForce } from "./safeguarding-lists.server";
import { recordAudit } from "./staff.server";
import { tagsChanged } from "./suggest.server";
import { afterModeration, threadMessageKind } from "./threads.server";

// Escalated now, or ever (a case exists): such text is for the safeguarding lead's eyes only. Used in select fields,
// A member's view sent before a session: which session and which agenda question it answers.
const sessionOfView = sql<
  string | null
>`(select gs.title from session_views sv join group_sessions gs on gs.id = sv.session_id where sv.contribution_id = "contributions"."id")`;
const agendaQuestionOfView = sql<
  string | null
>`(select aq.text from session_views sv join agenda_questions aq on aq.id = sv.agenda_question_id where sv.contribution_id = "contributions"."id")`;

// where drizzle writes a column without its table name ("id" would then be the case's own id), so names are spelt out.
const isEscalatedContribution = sql`("contributions"."moderation_state" = 'escalated' or exists (select 1 from "safeguarding_cases" sc where sc.contribution_id = "contributions"."id"))`;

export type QueueFilters = {
  /** pending (the queue) or approved (published text, newest first, to escalate something seen too late) */
  state?: "pending" | "approved";
  source?: "online" | "paper" | "import" | "question" | "session";
  consultationId?: number;
  ageBand?: string;
  localityId?: number;
  flag?: string;
};

function filterWhere(f: QueueFilters): SQL {
  const conditions: SQL[] = [
    eq(contributions.moderationState, f.state ?? "pending"),
    sql`${contributions.body} is not null`,
  ];
  if (f.source === "question" || f.source === "session") conditions.push(eq(contributions.source, f.source));
  else if (f.source) {
    conditions.push(
      // Names spelt out: drizzle may write an interpolated column without its table, which inside a subquery
      // would compare the response's own columns.
      sql`exists (select 1 from responses r where r.id = "contributions"."response_id" and r.channel = ${f.source})`,
    );
  }
  if (f.consultationId) conditions.push(eq(contributions.consultationId, f.consultationId));
  if (f.ageBand) conditions.push(eq(contributions.ageBand, f.ageBand));
  if (f.localityId) conditions.push(eq(contributions.localityId, f.localityId));
  if (f.flag === "none") conditions.push(sql`${contributions.flags} = '[]'`);
  else if (f.flag)
    conditions.push(sql`exists (select 1 from json_each("contributions"."flags") where value = ${f.flag})`);
  // biome-ignore lint/style/noNonNullAssertion: and() of at least one condition is never undefined
  return and(...conditions)!;
}

/**
 * Free text waiting for a person, oldest first, one page at a time. Escalated text is never listed here: it is
 * with the safeguarding lead, and the queue shows only how many there are.
 */
export function listModerationQueue(filters: QueueFilters = {}, page = 1, perPage = 20) {
  const db = getDb();
  const where = filterWhere(filters);
  const total = db.select({ n: sql<number>`count(*)` }).from(contributions).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: contributions.id,
      body: contributions.body,
      maskedBody: contributions.maskedBody,
      flags: contributions.flags,
      ageBand: contributions.ageBand,
      audience: contributions.audience,
      createdAt: contributions.createdAt,
      threadKind: threadMessageKind,
      sessionTitle: sessionOfView,
      agendaQuestion: agendaQuestionOfView,
      channel: sql<
        string | null
      >`(select ${responses.channel} from ${responses} where ${responses.id} = ${contributions.responseId})`,
      consultation: consultations.title,
      question: questions.prompt,
      locality: localities.name,
      outcomes: sql<
        string | null
      >`(select group_concat(${outcomes.title}, ', ') from ${contributionTags} join ${outcomes} on ${outcomes.id} = ${contributionTags.outcomeId} where ${contributionTags.contributionId} = ${contributions.id})`,
    })
    .from(contributions)
    .leftJoin(consultations, eq(consultations.id, contributions.consultationId))
    .leftJoin(questions, eq(questions.id, contributions.questionId))
    .leftJoin(localities, eq(localities.id, contributions.localityId))
    .where(where)
    .orderBy(
      ...(filters.state === "approved"
        ? [desc(contributions.createdAt), desc(contributions.id)]
        : [asc(contributions.createdAt), asc(contributions.id)]),
    )
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { total, rows };
}

/** One contribution waiting for moderation, with its tags, for "approve with edits". */
export function getPendingContribution(id: number) {
  const db = getDb();
  const row = db
    .select({
      id: contributions.id,
      body: contributions.body,
      maskedBody: contributions.maskedBody,
      flags: contributions.flags,
      ageBand: contributions.ageBand,
      audience: contributions.audience,
      createdAt: contributions.createdAt,
      threadKind: threadMessageKind,
      sessionTitle: sessionOfView,
      agendaQuestion: agendaQuestionOfView,
      consultation: consultations.title,
      question: questions.prompt,
      locality: localities.name,
    })
    .from(contributions)
    .leftJoin(consultations, eq(consultations.id, contributions.consultationId))
    .leftJoin(questions, eq(questions.id, contributions.questionId))
    .leftJoin(localities, eq(localities.id, contributions.localityId))
    .where(and(eq(contributions.id, id), eq(contributions.moderationState, "pending")))
    .get();
  if (!row) return null;
  const outcomeIds = db
    .select({ outcomeId: contributionTags.outcomeId })
    .from(contributionTags)
    .where(eq(contributionTags.contributionId, id))
    .all()
    .map((t) => t.outcomeId);
  return { ...row, outcomeIds };
}

let flagsCache: { at: number; flags: string[] } | null = null;

/**
 * The choices the queue's filters offer: consultations that are not drafts, and the flags found in waiting text.
 * The flags are kept for 30 s: finding them reads every waiting item, and a list a little behind harms no one.
 */
export function moderationFilterOptions(now = Date.now()) {
  const db = getDb();
  const consultationRows = db
    .select({ id: consultations.id, title: consultations.title })
    .from(consultations)
    .where(sql`${consultations.status} <> 'draft'`)
    .orderBy(asc(consultations.title))
    .all();
  if (!flagsCache || now - flagsCache.at >= 30_000) {
    const flags = db
      .selectDistinct({ flag: sql<string>`j.value` })
      .from(sql`${contributions}, json_each(${contributions.flags}) j`)
      .where(and(eq(contributions.moderationState, "pending"), sql`${contributions.flags} <> '[]'`))
      .orderBy(sql`1`)
      .all()
      .map((r) => r.flag);
    flagsCache = { at: now, flags };
  }
  return { consultations: consultationRows, flags: flagsCache.flags };
}

export function countByModerationState() {
  const rows = getDb()
    .select({ state: contributions.moderationState, n: sql<number>`count(*)` })
    .from(contributions)
    .where(sql`${contributions.body} is not null`)
    .groupBy(contributions.moderationState)
    .all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Record<string, number>;
}

export class ModerationError extends Error {
  constructor(
    public readonly code:
      | "not_found"
      | "escalated"
      | "already_done"
      /** In a selection: words that can signal harm, which a person approves one at a time. */
      | "read_alone"
      | "edit_escalates"
      | "edit_adds"
      /** An outcome newly given is unknown or not in the active plan (an earlier plan is read-only). */
      | "outcome_not_current",
    public readonly ids: number[] = [],
  ) {
    super(code);
  }
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

const words = (text: string) =>
  text
    .replaceAll("[removed]", " ")
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{M}\p{N}'’]+/u)
    .filter(Boolean);

/** True when the edit has a word the young person did not write. */
export function addsWords(original: string, edited: string) {
  const theirs = new Set(words(original));
  return words(edited).some((w) => !theirs.has(w));
}

/**
 * Refuses anything escalated, now or ever: an escalated contribution is never approved, hidden from the lead,
 * quoted or published, by anyone (the safeguarding lead and admins included).
 */
function readForModeration(tx: Tx, ids: number[], options: { selection?: boolean } = {}) {
  const rows = tx
    .select({
      id: contributions.id,
      state: contributions.moderationState,
      flags: contributions.flags,
      body: contributions.body,
      maskedBody: contributions.maskedBody,
      // Written out with its table names: drizzle drops the outer table's name from a column in a select field,
      // which would compare the case with its own id.
      hasCase: sql<number>`exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id")`,
    })
    .from(contributions)
    .where(inArray(contributions.id, ids))
    .all();
  const missing = ids.filter((id) => !rows.some((r) => r.id === id) || rows.find((r) => r.id === id)?.body === null);
  if (missing.length) throw new ModerationError("not_found", missing);
  const escalated = rows.filter((r) => r.state === "escalated" || r.hasCase).map((r) => r.id);
  if (escalated.length) throw new ModerationError("escalated", escalated);
  const done = rows.filter((r) => r.state !== "pending").map((r) => r.id);
  if (done.length) throw new ModerationError("already_done", done);
  // Words that can signal harm which the model judged ordinary are read and approved one at a time, never in a
  // selection: a person decides on each.
  const readAlone = options.selection ? rows.filter((r) => r.flags.includes("harm_words")).map((r) => r.id) : [];
  if (readAlone.length) throw new ModerationError("read_alone", readAlone);
  return rows;
}

/**
 * Approves or hides one contribution and sets the outcomes an officer tags it with, in one transaction,
 * with the event recorded: who, when, what, why. "Approve with edits" replaces the text that will be quoted.
 */
export function moderateContribution(input: {
  staffId: number;
  contributionId: number;
  decision: "approve" | "hide";
  outcomeIds?: number[];
  reason?: string;
  editedText?: string;
}) {
  const db = getDb();
  const now = new Date().toISOString();
  db.transaction((tx) => {
    const [c] = readForModeration(tx, [input.contributionId]);
    const toState = input.decision === "approve" ? "approved" : "hidden";
    let maskedBody = c.maskedBody;
    let action: string = input.decision;
    if (input.decision === "approve" && input.editedText !== undefined && input.editedText !== c.maskedBody) {
      // An edit masks more; it never puts words in a young person's mouth. Checked again, so a detail typed back in
      // is masked once more.
      if (addsWords(c.body ?? "", input.editedText)) throw new ModerationError("edit_adds", [c.id]);
      const check = checkText(input.editedText, { lists: listsInForce() });
      if (check.escalate) throw new ModerationError("edit_escalates", [c.id]);
      maskedBody = check.masked;
      action = "approve_edited";
    }
    tx.update(contributions)
      .set({ moderationState: toState, maskedBody, moderatedAt: now, moderatedBy: input.staffId })
      .where(eq(contributions.id, c.id))
      .run();
    tx.insert(moderationEvents)
      .values({
        contributionId: c.id,
        staffId: input.staffId,
        action,
        fromState: c.state,
        toState,
        reason: input.reason || null,
        createdAt: now,
      })
      .run();
    if (input.outcomeIds) setOfficerTags(tx, c.id, input.outcomeIds, input.staffId, now);
    afterModeration(tx, [c.id], toState, now);
    // The decision and the id only: never the words.
    recordAudit(input.staffId, `moderation_${action}`, "contribution", c.id);
  });
  // Approved, tagged words are what the suggestions learn from.
  tagsChanged();
}

/** Approves a selection in one transaction: all of them, or (if any was escalated or done meanwhile) none. */
export function approveMany(input: { staffId: number; contributionIds: number[] }) {
  const ids = [...new Set(input.contributionIds)];
  const now = new Date().toISOString();
  getDb().transaction((tx) => {
    readForModeration(tx, ids, { selection: true });
    tx.update(contributions)
      .set({ moderationState: "approved", moderatedAt: now, moderatedBy: input.staffId })
      .where(inArray(contributions.id, ids))
      .run();
    tx.insert(moderationEvents)
      .values(
        ids.map((contributionId) => ({
          contributionId,
          staffId: input.staffId,
          action: "approve_bulk",
          fromState: "pending" as const,
          toState: "approved" as const,
          reason: null,
          createdAt: now,
        })),
      )
      .run();
    afterModeration(tx, ids, "approved", now);
    for (const id of ids) recordAudit(input.staffId, "moderation_approve_bulk", "contribution", id);
  });
  tagsChanged();
  return ids.length;
}

/** Short previews of a selection, for the bulk approval's confirmation. Only what is still waiting. */
export function previewPending(ids: number[]) {
  if (!ids.length) return [];
  return getDb()
    .select({ id: contributions.id, maskedBody: contributions.maskedBody })
    .from(contributions)
    .where(and(inArray(contributions.id, ids), eq(contributions.moderationState, "pending")))
    .orderBy(asc(contributions.createdAt), asc(contributions.id))
    .all();
}

/** Every recorded moderation action on one contribution: who, when, what, why. */
export function moderationHistory(contributionId: number) {
  return getDb()
    .select({
      action: moderationEvents.action,
      reason: moderationEvents.reason,
      staffId: moderationEvents.staffId,
      at: moderationEvents.createdAt,
    })
    .from(moderationEvents)
    .where(eq(moderationEvents.contributionId, contributionId))
    .orderBy(asc(moderationEvents.id))
    .all();
}

/**
 * The moderation record, newest first: every decision on what people wrote (who, when, what, why), one page at a
 * time. Records are append-only (migration 0005). Text that is or was with the safeguarding lead is never shown
 * here, only that it was escalated; other text is shown as it would be published (masked).
 */
export function listModerationRecord(filters: { action?: ModerationAction; staffId?: number }, page = 1, perPage = 50) {
  const db = getDb();
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(moderationEvents.action, filters.action));
  if (filters.staffId) conditions.push(eq(moderationEvents.staffId, filters.staffId));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(moderationEvents).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: moderationEvents.id,
      at: moderationEvents.createdAt,
      action: moderationEvents.action,
      fromState: moderationEvents.fromState,
      toState: moderationEvents.toState,
      reason: moderationEvents.reason,
      staff: staffUsers.name,
      contributionId: moderationEvents.contributionId,
      consultation: consultations.title,
      text: sql<string | null>`case when ${isEscalatedContribution} then null else ${contributions.maskedBody} end`,
      escalated: sql<number>`${isEscalatedContribution}`,
    })
    .from(moderationEvents)
    .innerJoin(contributions, eq(contributions.id, moderationEvents.contributionId))
    .leftJoin(consultations, eq(consultations.id, contributions.consultationId))
    .leftJoin(staffUsers, eq(staffUsers.id, moderationEvents.staffId))
    .where(where)
    .orderBy(desc(moderationEvents.createdAt), desc(moderationEvents.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { total, rows: rows.map((r) => ({ ...r, escalated: Boolean(r.escalated) })) };
}

/** The staff who appear in the moderation record, for its filter. */
export function moderationRecordStaff() {
  return getDb()
    .selectDistinct({ id: staffUsers.id, name: staffUsers.name })
    .from(moderationEvents)
    .innerJoin(staffUsers, eq(staffUsers.id, moderationEvents.staffId))
    .orderBy(asc(staffUsers.name))
    .all();
}

function setOfficerTags(tx: Tx, contributionId: number, outcomeIds: number[], staffId: number, now: string) {
  const existing = tx
    .select({
      outcomeId: contributionTags.outcomeId,
      priorityId: contributionTags.priorityId,
      source: contributionTags.source,
    })
    .from(contributionTags)
    .where(eq(contributionTags.contributionId, contributionId))
    .all();
  const wanted = new Set(outcomeIds);
  const have = new Set(existing.map((t) => t.outcomeId));
  const add = [...new Set(outcomeIds)].filter((id) => !have.has(id));
  // Tags already given to an earlier plan's outcomes are kept, but that plan is read-only: nothing new goes on it.
  const notCurrent = add.filter((id) => !getOutcome(id, tx)?.active);
  if (notCurrent.length) throw new ModerationError("outcome_not_current", notCurrent);
  const titleOf = (outcomeId: number) => getOutcome(outcomeId, tx)?.title ?? null;
  const labelOf = (outcomeId: number, priorityId: number | null) => {
    const outcome = titleOf(outcomeId);
    const priority = priorityId ? (getPriority(priorityId, tx)?.title ?? null) : null;
    return outcome && priority ? `${outcome}: ${priority}` : outcome;
  };
  // Every tag change is recorded, as the inbox records its own (who, when, from → to).
  const event = { contributionId, staffId, kind: "outcome", via: "moderation", createdAt: now };
  for (const tag of existing) {
    if (tag.source === "officer" && !wanted.has(tag.outcomeId)) {
      tx.delete(contributionTags)
        .where(and(eq(contributionTags.contributionId, contributionId), eq(contributionTags.outcomeId, tag.outcomeId)))
        .run();
      tx.insert(tagEvents)
        .values({
          ...event,
          outcomeId: tag.outcomeId,
          action: "remove",
          fromPriorityId: tag.priorityId,
          fromLabel: labelOf(tag.outcomeId, tag.priorityId),
        })
        .run();
    }
  }
  if (add.length) {
    tx.insert(contributionTags)
      .values(
        add.map((outcomeId) => ({ contributionId, outcomeId, source: "officer", taggedBy: staffId, createdAt: now })),
      )
      .run();
    tx.insert(tagEvents)
      .values(add.map((outcomeId) => ({ ...event, outcomeId, action: "add", toLabel: titleOf(outcomeId) })))
      .run();
  }
}
