// Sessions: meetings of one or more groups, with an agenda of concrete questions. Members see them and send views
// before; the facilitator takes notes during (session mode); closing turns every note into a contribution (source
// 'session') and drafts a summary per question, which the officer edits and sends back to the members.
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { checkText } from "~/utils/text-safety";
import { type Conn, getDb, type Tx } from "~db/client";
import {
  agendaItems,
  agendaQuestions,
  auditLog,
  bodies,
  contributions,
  contributionTags,
  groupMembers,
  groupSessions,
  groups,
  meetings,
  outcomes,
  passes,
  priorities,
  sessionAttendance,
  sessionGroups,
  sessionNotes,
  sessionViews,
  staffUsers,
} from "~db/schema";
import { groupCommit } from "./group-commit.server";
import { sendPassMessage } from "./passes/holder.server";
import { listsInForce } from "./safeguarding-lists.server";

import {
  attendanceBands,
  type Marker,
  markers,
  NOTE_MAX,
  QUESTION_MAX,
  sessionStatuses,
  VIEW_MAX,
} from "./sessions/types";

export { attendanceBands, type Marker, markers, NOTE_MAX, QUESTION_MAX, sessionStatuses, VIEW_MAX };

/** Views one pass may send in any 24 hours, across all sessions: enough for every question, not a flood. */
export const VIEWS_PER_DAY = 20;

export class SessionError extends Error {
  constructor(
    public readonly code:
      | "not_found"
      | "no_agenda"
      | "no_groups"
      | "in_past"
      | "ends_before"
      | "not_open"
      | "started"
      | "cancelled"
      | "closed"
      | "not_member"
      | "bad_question"
      | "not_closed"
      | "already_sent"
      | "rate_limited",
  ) {
    super(code);
  }
}

export type AgendaInput = {
  text: string;
  outcomeId: number | null;
  priorityId: number | null;
  agendaItemId: number | null;
};
export type SessionInput = {
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  accessInfo: string | null;
  onlineUrl: string | null;
  groupIds: number[];
  questions: AgendaInput[];
};

function validRefs(tx: Conn, q: AgendaInput): AgendaInput {
  const outcomeId =
    q.outcomeId && tx.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.id, q.outcomeId)).get()
      ? q.outcomeId
      : null;
  const prio =
    q.priorityId &&
    tx
      .select({ id: priorities.id, outcomeId: priorities.outcomeId })
      .from(priorities)
      .where(eq(priorities.id, q.priorityId))
      .get();
  const agendaItemId =
    q.agendaItemId &&
    tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.id, q.agendaItemId)).get()
      ? q.agendaItemId
      : null;
  return {
    text: q.text,
    outcomeId: prio ? prio.outcomeId : outcomeId,
    priorityId: prio ? prio.id : null,
    agendaItemId,
  };
}

/** A new session, as a draft. Publishing it (with at least one agenda question) shows it to members. */
export function createSession(input: SessionInput & { staffId: number; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  if (input.endsAt <= input.startsAt) throw new SessionError("ends_before");
  return getDb().transaction((tx) => {
    const groupIds = [...new Set(input.groupIds)];
    const found = groupIds.length
      ? tx.select({ id: groups.id }).from(groups).where(inArray(groups.id, groupIds)).all()
      : [];
    if (!found.length || found.length !== groupIds.length) throw new SessionError("no_groups");
    const s = tx
      .insert(groupSessions)
      .values({
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        place: input.place,
        accessInfo: input.accessInfo,
        onlineUrl: input.onlineUrl,
        status: "draft",
        createdBy: input.staffId,
        createdAt: at,
      })
      .returning({ id: groupSessions.id })
      .get();
    for (const g of groupIds) tx.insert(sessionGroups).values({ sessionId: s.id, groupId: g }).run();
    input.questions.forEach((q, i) => {
      tx.insert(agendaQuestions)
        .values({ sessionId: s.id, position: i + 1, ...validRefs(tx, q) })
        .run();
    });
    tx.insert(auditLog)
      .values({
        staffId: input.staffId,
        action: "session_created",
        subjectType: "session",
        subjectId: s.id,
        createdAt: at,
      })
      .run();
    return s.id;
  });
}

/** Adds an agenda question to a session that has not closed. */
export function addAgendaQuestion(sessionId: number, q: AgendaInput) {
  return getDb().transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status })
      .from(groupSessions)
      .where(eq(groupSessions.id, sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status === "closed" || s.status === "cancelled") throw new SessionError(s.status);
    const last = tx
      .select({ p: sql<number>`coalesce(max(${agendaQuestions.position}), 0)` })
      .from(agendaQuestions)
      .where(eq(agendaQuestions.sessionId, sessionId))
      .get();
    return tx
      .insert(agendaQuestions)
      .values({ sessionId, position: (last?.p ?? 0) + 1, ...validRefs(tx, q) })
      .returning({ id: agendaQuestions.id })
      .get().id;
  });
}

/**
 * Changes the title, time or place of a session that has not happened. When members can already see it, each gets an
 * inbox message saying what it is now, in the same transaction.
 */
export function updateSessionDetails(
  sessionId: number,
  staffId: number,
  input: Pick<SessionInput, "title" | "startsAt" | "endsAt" | "place" | "accessInfo" | "onlineUrl">,
  notice: (title: string) => { title: string; body: string },
  now = new Date(),
) {
  if (input.endsAt <= input.startsAt) throw new SessionError("ends_before");
  return getDb().transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status })
      .from(groupSessions)
      .where(eq(groupSessions.id, sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status === "cancelled" || s.status === "closed") throw new SessionError(s.status);
    tx.update(groupSessions).set(input).where(eq(groupSessions.id, sessionId)).run();
    tx.insert(auditLog)
      .values({ staffId, action: "session_changed", subjectType: "session", subjectId: sessionId })
      .run();
    const members = s.status === "published" ? memberPassIds(tx, sessionId) : [];
    const message = notice(input.title);
    for (const passId of members) sendPassMessage(passId, { ...message, link: `/sessions/${sessionId}` }, now, tx);
    return { told: members.length };
  });
}

/** Shown to members. Needs at least one agenda question and a start still to come. */
export function publishSession(sessionId: number, staffId: number, now = new Date()) {
  return getDb().transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status, startsAt: groupSessions.startsAt })
      .from(groupSessions)
      .where(eq(groupSessions.id, sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status !== "draft") throw new SessionError("not_open");
    const n = tx
      .select({ n: sql<number>`count(*)` })
      .from(agendaQuestions)
      .where(eq(agendaQuestions.sessionId, sessionId))
      .get();
    if (!n?.n) throw new SessionError("no_agenda");
    if (s.startsAt <= now.toISOString()) throw new SessionError("in_past");
    tx.update(groupSessions)
      .set({ status: "published", publishedAt: now.toISOString() })
      .where(eq(groupSessions.id, sessionId))
      .run();
    tx.insert(auditLog)
      .values({ staffId, action: "session_published", subjectType: "session", subjectId: sessionId })
      .run();
  });
}

/** Members are told it is cancelled, with the reason, on the session's page and in their inbox. */
export function cancelSession(
  sessionId: number,
  staffId: number,
  reason: string,
  notice: (title: string) => { title: string; body: string },
  now = new Date(),
) {
  return getDb().transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status, title: groupSessions.title })
      .from(groupSessions)
      .where(eq(groupSessions.id, sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status === "cancelled" || s.status === "closed") throw new SessionError(s.status);
    tx.update(groupSessions)
      .set({ status: "cancelled", cancelReason: reason })
      .where(eq(groupSessions.id, sessionId))
      .run();
    tx.insert(auditLog)
      .values({ staffId, action: "session_cancelled", subjectType: "session", subjectId: sessionId, detail: reason })
      .run();
    // Members only ever saw a published session: only then are they told.
    const members = s.status === "published" ? memberPassIds(tx, sessionId) : [];
    const message = notice(s.title);
    for (const passId of members)
      sendPassMessage(
        passId,
        { ...message, body: `${message.body}\n${reason}`, link: `/sessions/${sessionId}` },
        now,
        tx,
      );
    return { told: members.length };
  });
}

function memberPassIds(tx: Conn, sessionId: number) {
  return tx
    .selectDistinct({ passId: groupMembers.passId })
    .from(groupMembers)
    .innerJoin(sessionGroups, eq(sessionGroups.groupId, groupMembers.groupId))
    .where(eq(sessionGroups.sessionId, sessionId))
    .all()
    .map((r) => r.passId);
}

export function sessionGroupsOf(sessionId: number, db: Conn = getDb()) {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      audience: groups.audience,
      facilitatorId: groups.facilitatorId,
    })
    .from(sessionGroups)
    .innerJoin(groups, eq(groups.id, sessionGroups.groupId))
    .where(eq(sessionGroups.sessionId, sessionId))
    .orderBy(asc(groups.name))
    .all();
}

/** Only a facilitator of one of the session's groups, or an admin, runs it. */
export function mayRun(staff: { id: number; role: string }, sessionId: number, db: Conn = getDb()) {
  if (staff.role === "admin") return true;
  return sessionGroupsOf(sessionId, db).some((g) => g.facilitatorId === staff.id);
}

/** Whether the session exists and this person may run it, in one query (the autosave's check). */
export function runCheck(staff: { id: number; role: string }, sessionId: number, db: Conn = getDb()) {
  const row = db
    .select({
      facilitates: sql<number>`exists (select 1 from session_groups sg join groups g on g.id = sg.group_id where sg.session_id = "group_sessions"."id" and g.facilitator_id = ${staff.id})`,
    })
    .from(groupSessions)
    .where(eq(groupSessions.id, sessionId))
    .get();
  if (!row) return null;
  return { mayRun: staff.role === "admin" || Boolean(row.facilitates) };
}

export function listSessionsForStaff(db: Conn = getDb()) {
  const rows = db
    .select({
      id: groupSessions.id,
      title: groupSessions.title,
      startsAt: groupSessions.startsAt,
      status: groupSessions.status,
      summarySentAt: groupSessions.summarySentAt,
      questions: sql<number>`(select count(*) from agenda_questions aq where aq.session_id = "group_sessions"."id")`,
      notes: sql<number>`(select count(*) from session_notes sn where sn.session_id = "group_sessions"."id")`,
      views: sql<number>`(select count(*) from session_views sv where sv.session_id = "group_sessions"."id")`,
      groups: sql<string>`(select group_concat(g.name, '; ') from session_groups sg join groups g on g.id = sg.group_id where sg.session_id = "group_sessions"."id")`,
    })
    .from(groupSessions)
    .orderBy(desc(groupSessions.startsAt))
    .all();
  return rows;
}

export function getSession(sessionId: number, db: Conn = getDb()) {
  const s = db.select().from(groupSessions).where(eq(groupSessions.id, sessionId)).get();
  if (!s) return null;
  const questions = db
    .select({
      id: agendaQuestions.id,
      position: agendaQuestions.position,
      text: agendaQuestions.text,
      outcomeId: agendaQuestions.outcomeId,
      outcome: outcomes.title,
      priorityId: agendaQuestions.priorityId,
      priority: priorities.title,
      agendaItemId: agendaQuestions.agendaItemId,
      agendaItem: agendaItems.title,
      referredBy: bodies.name,
      referredMeeting: meetings.title,
      summary: agendaQuestions.summary,
    })
    .from(agendaQuestions)
    .leftJoin(outcomes, eq(outcomes.id, agendaQuestions.outcomeId))
    .leftJoin(priorities, eq(priorities.id, agendaQuestions.priorityId))
    .leftJoin(agendaItems, eq(agendaItems.id, agendaQuestions.agendaItemId))
    .leftJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(agendaQuestions.sessionId, sessionId))
    .orderBy(asc(agendaQuestions.position))
    .all();
  return { ...s, groups: sessionGroupsOf(sessionId, db), questions };
}

export type NoteRow = {
  id: number;
  clientId: string;
  rev: number;
  agendaQuestionId: number;
  body: string;
  outcomeIds: number[];
  marker: string | null;
  fromFlipchart: boolean;
  updatedAt: string;
};

const noteFields = {
  id: sessionNotes.id,
  clientId: sessionNotes.clientId,
  rev: sessionNotes.rev,
  agendaQuestionId: sessionNotes.agendaQuestionId,
  body: sessionNotes.body,
  outcomeIds: sessionNotes.outcomeIds,
  marker: sessionNotes.marker,
  fromFlipchart: sessionNotes.fromFlipchart,
  updatedAt: sessionNotes.updatedAt,
};

/** Notes in the order they were first saved; with `since`, only those changed after it (what another device polls). */
export function listNotes(sessionId: number, since?: string, db: Conn = getDb()): NoteRow[] {
  return db
    .select(noteFields)
    .from(sessionNotes)
    .where(and(eq(sessionNotes.sessionId, sessionId), since ? gt(sessionNotes.updatedAt, since) : undefined))
    .orderBy(asc(sessionNotes.id))
    .all();
}

export type NoteInput = {
  sessionId: number;
  agendaQuestionId: number;
  clientId: string;
  rev: number;
  body: string;
  outcomeIds: number[];
  marker: Marker | null;
  fromFlipchart?: boolean;
  staffId: number;
  now?: Date;
};

// Each save gets a later updated_at than the one before, even within a millisecond, so a device polling with the
// last time it saw never misses one.
let lastStamp = "";
function stamp(now: Date) {
  let at = now.toISOString();
  if (at <= lastStamp) at = new Date(Date.parse(lastStamp) + 1).toISOString();
  lastStamp = at;
  return at;
}

/**
 * Saves a note by the browser's id: the first save creates it, later ones (higher rev) change it, an older or repeated
 * save changes nothing. So a queue replayed after the network returns never doubles a note or undoes a newer edit.
 */
export function saveNote(input: NoteInput, db: Conn = getDb()): NoteRow {
  return db.transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status })
      .from(groupSessions)
      .where(eq(groupSessions.id, input.sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status === "closed") throw new SessionError("closed");
    if (s.status === "cancelled") throw new SessionError("cancelled");
    const q = tx
      .select({ id: agendaQuestions.id })
      .from(agendaQuestions)
      .where(and(eq(agendaQuestions.id, input.agendaQuestionId), eq(agendaQuestions.sessionId, input.sessionId)))
      .get();
    if (!q) throw new SessionError("bad_question");
    // Only outcomes that exist: a note must never stop its session closing.
    const wanted = [...new Set(input.outcomeIds)];
    const outcomeIds = wanted.length
      ? tx
          .select({ id: outcomes.id })
          .from(outcomes)
          .where(inArray(outcomes.id, wanted))
          .all()
          .map((o) => o.id)
          .sort((a, b) => a - b)
      : [];
    const existing = tx
      .select(noteFields)
      .from(sessionNotes)
      .where(and(eq(sessionNotes.sessionId, input.sessionId), eq(sessionNotes.clientId, input.clientId)))
      .get();
    const at = stamp(input.now ?? new Date());
    if (existing) {
      if (existing.rev >= input.rev) return existing;
      return tx
        .update(sessionNotes)
        .set({ rev: input.rev, body: input.body, outcomeIds, marker: input.marker, updatedAt: at })
        .where(eq(sessionNotes.id, existing.id))
        .returning(noteFields)
        .get();
    }
    return tx
      .insert(sessionNotes)
      .values({
        sessionId: input.sessionId,
        agendaQuestionId: input.agendaQuestionId,
        clientId: input.clientId,
        rev: input.rev,
        body: input.body,
        outcomeIds,
        marker: input.marker,
        fromFlipchart: input.fromFlipchart ?? false,
        createdBy: input.staffId,
        createdAt: at,
        updatedAt: at,
      })
      .returning(noteFields)
      .get();
  });
}

/** saveNote for a request: one shared commit (one disk sync) with the other writes of the same turn. */
export function saveNoteAcknowledged(input: NoteInput) {
  return groupCommit(() => saveNote(input));
}

/** A closed session's notes as the feedback they became: masked, and none that went to the safeguarding lead. */
export function closedSessionNotes(sessionId: number, db: Conn = getDb()) {
  return db
    .select({
      id: sessionNotes.id,
      agendaQuestionId: sessionNotes.agendaQuestionId,
      text: sql<string>`coalesce(${contributions.maskedBody}, '')`,
      marker: sessionNotes.marker,
      fromFlipchart: sessionNotes.fromFlipchart,
      outcomeIds: sessionNotes.outcomeIds,
    })
    .from(sessionNotes)
    .innerJoin(contributions, eq(contributions.id, sessionNotes.contributionId))
    .where(
      and(
        eq(sessionNotes.sessionId, sessionId),
        sql`"contributions"."moderation_state" <> 'escalated'`,
        sql`not exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id")`,
      ),
    )
    .orderBy(asc(sessionNotes.id))
    .all();
}

export function setAttendance(sessionId: number, counts: Partial<Record<string, number>>) {
  return getDb().transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status })
      .from(groupSessions)
      .where(eq(groupSessions.id, sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status === "cancelled") throw new SessionError("cancelled");
    tx.delete(sessionAttendance).where(eq(sessionAttendance.sessionId, sessionId)).run();
    for (const band of attendanceBands) {
      const n = counts[band] ?? 0;
      if (n > 0) tx.insert(sessionAttendance).values({ sessionId, band, count: n }).run();
    }
  });
}

export function getAttendance(sessionId: number, db: Conn = getDb()) {
  const rows = db.select().from(sessionAttendance).where(eq(sessionAttendance.sessionId, sessionId)).all();
  const byBand = Object.fromEntries(attendanceBands.map((b) => [b, rows.find((r) => r.band === b)?.count ?? 0]));
  return { byBand, total: rows.reduce((s, r) => s + r.count, 0) };
}

const markerOrder: Record<string, number> = { most_agreed: 0, mixed: 1, one_person: 2 };

/** The first draft of a question's summary: its notes, most agreed first, each with its marker. */
function draftSummary(notes: NoteRow[], markerWords: Record<string, string>) {
  return [...notes]
    .sort((a, b) => (markerOrder[a.marker ?? ""] ?? 3) - (markerOrder[b.marker ?? ""] ?? 3) || a.id - b.id)
    .map((n) => `- ${n.body.trim()}${n.marker ? ` (${markerWords[n.marker]})` : ""}`)
    .join("\n");
}

/**
 * Ends the session: every note becomes a contribution (source 'session', written by staff so approved, but checked
 * for disclosures like any text: a possible disclosure goes to the safeguarding lead and is never published), tagged
 * with its outcomes and the question's; each question gets a draft summary to edit. One transaction: all or nothing.
 */
export function closeSession(
  sessionId: number,
  staffId: number,
  markerWords: Record<string, string>,
  now = new Date(),
): { escalated: number } {
  const at = now.toISOString();
  return getDb().transaction((tx) => {
    const s = getSession(sessionId, tx);
    if (!s) throw new SessionError("not_found");
    if (s.status === "closed") throw new SessionError("closed");
    if (s.status === "cancelled") throw new SessionError("cancelled");
    const group = s.groups[0];
    // A session of young people's and parents' groups together: its notes are everyone's ("both", as consultations).
    const audience = s.groups.every((g) => g.audience === group.audience) ? group.audience : "both";
    const notes = listNotes(sessionId, undefined, tx);
    const known = new Set(
      tx
        .select({ id: outcomes.id })
        .from(outcomes)
        .all()
        .map((o) => o.id),
    );
    const lists = listsInForce();
    let escalated = 0;
    // What may go into the summary members read: masked words, and never a note that went to the safeguarding lead.
    const shareable: NoteRow[] = [];
    for (const n of notes) {
      if (n.body.trim() === "") continue;
      const check = checkText(n.body, { lists });
      // Words the model overruled ("harm_words") wait for a moderator to read them, as a participant's words do.
      const held = !check.escalate && check.flags.includes("harm_words");
      if (check.escalate) escalated++;
      else if (!held) shareable.push({ ...n, body: check.masked });
      const c = tx
        .insert(contributions)
        .values({
          source: "session",
          kind: "text",
          groupId: group.id,
          audience,
          body: n.body,
          maskedBody: check.masked,
          moderationState: check.escalate ? "escalated" : held ? "pending" : "approved",
          flags: [...check.flags, ...(n.marker ? [`marker:${n.marker}`] : [])],
          createdAt: at,
          moderatedAt: check.escalate || held ? null : at,
          moderatedBy: check.escalate || held ? null : staffId,
        })
        .returning({ id: contributions.id })
        .get();
      const q = s.questions.find((x) => x.id === n.agendaQuestionId);
      const tags = new Map<number, "officer" | "question">();
      if (q?.outcomeId) tags.set(q.outcomeId, "question");
      for (const o of n.outcomeIds) if (known.has(o)) tags.set(o, "officer");
      for (const [outcomeId, source] of tags)
        tx.insert(contributionTags)
          .values({
            contributionId: c.id,
            outcomeId,
            priorityId: source === "question" ? (q?.priorityId ?? null) : null,
            source,
            taggedBy: source === "officer" ? staffId : null,
            createdAt: at,
          })
          .onConflictDoNothing()
          .run();
      tx.update(sessionNotes).set({ contributionId: c.id }).where(eq(sessionNotes.id, n.id)).run();
    }
    for (const q of s.questions) {
      if (q.summary) continue;
      const mine = shareable.filter((n) => n.agendaQuestionId === q.id);
      tx.update(agendaQuestions)
        .set({ summary: draftSummary(mine, markerWords) })
        .where(eq(agendaQuestions.id, q.id))
        .run();
    }
    tx.update(groupSessions).set({ status: "closed", closedAt: at }).where(eq(groupSessions.id, sessionId)).run();
    tx.insert(auditLog)
      .values({ staffId, action: "session_closed", subjectType: "session", subjectId: sessionId, createdAt: at })
      .run();
    return { escalated };
  });
}

export function saveSummaries(sessionId: number, summaries: Record<number, string>) {
  return getDb().transaction((tx) => {
    const s = tx
      .select({ status: groupSessions.status, sent: groupSessions.summarySentAt })
      .from(groupSessions)
      .where(eq(groupSessions.id, sessionId))
      .get();
    if (!s) throw new SessionError("not_found");
    if (s.status !== "closed") throw new SessionError("not_closed");
    if (s.sent) throw new SessionError("already_sent");
    for (const [id, text] of Object.entries(summaries))
      tx.update(agendaQuestions)
        .set({ summary: text })
        .where(and(eq(agendaQuestions.id, Number(id)), eq(agendaQuestions.sessionId, sessionId)))
        .run();
  });
}

/**
 * Sends the edited summary back: a message in every member's pass inbox (their pass page), in one transaction.
 * Returns the passes that have an email, so the caller can tell them there is something to read.
 */
export function sendSummary(
  sessionId: number,
  staffId: number,
  words: { title: (title: string) => string; attended: (count: number) => string },
  now = new Date(),
) {
  return getDb().transaction((tx) => {
    const s = getSession(sessionId, tx);
    if (!s) throw new SessionError("not_found");
    if (s.status !== "closed") throw new SessionError("not_closed");
    if (s.summarySentAt) throw new SessionError("already_sent");
    // How many came, as members read it: never a number under 5 (they could tell who it was).
    const came = getAttendance(sessionId, tx).total;
    const body = [
      ...(came >= 5 ? [words.attended(came)] : []),
      ...s.questions.map((q) => `${q.position}. ${q.text}\n${(q.summary ?? "").trim()}`),
    ]
      .join("\n\n")
      .trim();
    const members = memberPassIds(tx, sessionId);
    for (const passId of members)
      sendPassMessage(passId, { title: words.title(s.title), body, link: `/sessions/${sessionId}` }, now, tx);
    tx.update(groupSessions).set({ summarySentAt: now.toISOString() }).where(eq(groupSessions.id, sessionId)).run();
    tx.insert(auditLog)
      .values({ staffId, action: "session_summary_sent", subjectType: "session", subjectId: sessionId })
      .run();
    const withEmail = members.length
      ? tx
          .select({ id: passes.id })
          .from(passes)
          .where(and(inArray(passes.id, members), sql`${passes.email} is not null`))
          .all()
          .map((p) => p.id)
      : [];
    return { members: members.length, withEmail };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Members

// A draft, or one cancelled or closed before it was ever published, is not the members' business.
const membersMaySee = sql`(${groupSessions.publishedAt} is not null or ${groupSessions.summarySentAt} is not null)`;

/**
 * Sessions of the pass's groups that members may see: published, cancelled (so they are told), or closed with the
 * summary sent; newest start last for upcoming. Drafts never.
 */
export function listSessionsForPass(passId: number, db: Conn = getDb()) {
  return db
    .selectDistinct({
      id: groupSessions.id,
      title: groupSessions.title,
      startsAt: groupSessions.startsAt,
      endsAt: groupSessions.endsAt,
      place: groupSessions.place,
      onlineUrl: groupSessions.onlineUrl,
      status: groupSessions.status,
      cancelReason: groupSessions.cancelReason,
      summarySentAt: groupSessions.summarySentAt,
    })
    .from(groupSessions)
    .innerJoin(sessionGroups, eq(sessionGroups.sessionId, groupSessions.id))
    .innerJoin(groupMembers, eq(groupMembers.groupId, sessionGroups.groupId))
    .where(and(eq(groupMembers.passId, passId), membersMaySee))
    .orderBy(asc(groupSessions.startsAt))
    .all();
}

/** The session as a member sees it; null when they are in none of its groups or it is a draft. */
export function getSessionForPass(passId: number, sessionId: number, db: Conn = getDb()) {
  const member = db
    .select({ id: groupMembers.id })
    .from(groupMembers)
    .innerJoin(sessionGroups, eq(sessionGroups.groupId, groupMembers.groupId))
    .where(and(eq(groupMembers.passId, passId), eq(sessionGroups.sessionId, sessionId)))
    .get();
  if (!member) return null;
  const s = getSession(sessionId, db);
  if (!s || (!s.publishedAt && !s.summarySentAt)) return null;
  const myViews = db
    .select({ agendaQuestionId: sessionViews.agendaQuestionId, state: contributions.moderationState })
    .from(sessionViews)
    .innerJoin(contributions, eq(contributions.id, sessionViews.contributionId))
    .where(and(eq(sessionViews.sessionId, sessionId), eq(sessionViews.passId, passId)))
    .all();
  return { ...s, myViews };
}

/** How many times a session's time, place or status changed since it was made: the calendar file's SEQUENCE. */
export function sessionRevision(sessionId: number, db: Conn = getDb()) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectType, "session"),
          eq(auditLog.subjectId, sessionId),
          inArray(auditLog.action, ["session_changed", "session_cancelled"]),
        ),
      )
      .get()?.n ?? 0
  );
}

/** Whether views may still be sent: published and not yet started. */
export function acceptsViews(s: { status: string; startsAt: string }, now = new Date()) {
  return s.status === "published" && s.startsAt > now.toISOString();
}

/** A member's view before the session: a contribution, pre-moderated and checked for disclosures like all free text. */
export function sendView(input: {
  passId: number;
  sessionId: number;
  agendaQuestionId: number;
  text: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return getDb().transaction((tx: Tx) => {
    const s = getSessionForPass(input.passId, input.sessionId, tx);
    if (!s) throw new SessionError("not_member");
    if (s.status === "cancelled") throw new SessionError("cancelled");
    if (!acceptsViews(s, now)) throw new SessionError("started");
    const q = s.questions.find((x) => x.id === input.agendaQuestionId);
    if (!q) throw new SessionError("bad_question");
    const pass = tx
      .select({ ageBand: passes.ageBand, isParent: passes.isParent })
      .from(passes)
      .where(eq(passes.id, input.passId))
      .get();
    if (!pass) throw new SessionError("not_member");
    const membership = tx
      .select({ groupId: groupMembers.groupId, ageBand: groupMembers.ageBand, localityId: groupMembers.localityId })
      .from(groupMembers)
      .innerJoin(sessionGroups, eq(sessionGroups.groupId, groupMembers.groupId))
      .where(and(eq(groupMembers.passId, input.passId), eq(sessionGroups.sessionId, input.sessionId)))
      .get();
    const since = new Date(now.getTime() - 86400_000).toISOString();
    const recent = tx
      .select({ n: sql<number>`count(*)` })
      .from(sessionViews)
      .where(and(eq(sessionViews.passId, input.passId), sql`${sessionViews.createdAt} > ${since}`))
      .get();
    if ((recent?.n ?? 0) >= VIEWS_PER_DAY) throw new SessionError("rate_limited");
    const check = checkText(input.text, { lists: listsInForce() });
    const c = tx
      .insert(contributions)
      .values({
        source: "session",
        kind: "text",
        groupId: membership?.groupId ?? null,
        audience: pass.isParent ? "parents_carers" : "young_people",
        ageBand: pass.isParent ? null : (membership?.ageBand ?? pass.ageBand),
        localityId: membership?.localityId ?? null,
        body: input.text,
        maskedBody: check.masked,
        moderationState: check.escalate ? "escalated" : "pending",
        flags: check.flags,
        createdAt: at,
      })
      .returning({ id: contributions.id })
      .get();
    if (q.outcomeId)
      tx.insert(contributionTags)
        .values({
          contributionId: c.id,
          outcomeId: q.outcomeId,
          priorityId: q.priorityId,
          source: "question",
          createdAt: at,
        })
        .run();
    tx.insert(sessionViews)
      .values({
        sessionId: input.sessionId,
        agendaQuestionId: q.id,
        contributionId: c.id,
        passId: input.passId,
        createdAt: at,
      })
      .run();
    return { escalated: check.escalate };
  });
}

/** Views members sent on each question: the officer's own live figures, and the approved words (masked) to read. */
export function viewsForSession(sessionId: number, db: Conn = getDb()) {
  return db
    .select({
      agendaQuestionId: sessionViews.agendaQuestionId,
      state: contributions.moderationState,
      text: contributions.maskedBody,
    })
    .from(sessionViews)
    .innerJoin(contributions, eq(contributions.id, sessionViews.contributionId))
    .where(
      and(
        eq(sessionViews.sessionId, sessionId),
        sql`not exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id")`,
      ),
    )
    .orderBy(asc(sessionViews.id))
    .all();
}

/**
 * What sessions said on questions a Board or Partnership agenda item referred: for that item's page. Only approved,
 * never escalated words, masked; attendance as a total.
 */
export function sessionAnswersForAgendaItem(agendaItemId: number, db: Conn = getDb()) {
  const qs = db
    .select({
      id: agendaQuestions.id,
      text: agendaQuestions.text,
      summary: agendaQuestions.summary,
      sessionId: groupSessions.id,
      sessionTitle: groupSessions.title,
      startsAt: groupSessions.startsAt,
      status: groupSessions.status,
      summarySentAt: groupSessions.summarySentAt,
    })
    .from(agendaQuestions)
    .innerJoin(groupSessions, eq(groupSessions.id, agendaQuestions.sessionId))
    .where(eq(agendaQuestions.agendaItemId, agendaItemId))
    .orderBy(asc(groupSessions.startsAt), asc(agendaQuestions.position))
    .all();
  return qs.map((q) => {
    const notes =
      q.status === "closed"
        ? db
            .select({ text: contributions.maskedBody, flags: contributions.flags })
            .from(sessionNotes)
            .innerJoin(contributions, eq(contributions.id, sessionNotes.contributionId))
            .where(
              and(
                eq(sessionNotes.agendaQuestionId, q.id),
                eq(contributions.moderationState, "approved"),
                sql`not exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id")`,
              ),
            )
            .orderBy(asc(sessionNotes.id))
            .all()
            .map((n) => ({
              text: n.text ?? "",
              marker: (n.flags ?? []).find((f) => f.startsWith("marker:"))?.slice(7) ?? null,
            }))
        : [];
    return {
      ...q,
      groups: sessionGroupsOf(q.sessionId, db).map((g) => g.name),
      attendance: getAttendance(q.sessionId, db).total,
      notes,
    };
  });
}

/** Board and Partnership agenda items an agenda question may say it was referred by: the meetings to come and recent. */
export function listReferrableItems(now = new Date(), db: Conn = getDb()) {
  const since = new Date(now.getTime() - 120 * 86400_000).toISOString().slice(0, 10);
  return db
    .select({ id: agendaItems.id, title: agendaItems.title, meeting: meetings.title, body: bodies.name })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(sql`${meetings.meetsOn} >= ${since}`)
    .orderBy(asc(meetings.meetsOn), asc(agendaItems.position))
    .all();
}

export function sessionFacilitators(sessionId: number, db: Conn = getDb()) {
  return db
    .selectDistinct({ id: staffUsers.id, name: staffUsers.name })
    .from(sessionGroups)
    .innerJoin(groups, eq(groups.id, sessionGroups.groupId))
    .innerJoin(staffUsers, eq(staffUsers.id, groups.facilitatorId))
    .where(eq(sessionGroups.sessionId, sessionId))
    .all();
}

export function listSessionsForGroup(groupId: number, db: Conn = getDb()) {
  return db
    .select({
      id: groupSessions.id,
      title: groupSessions.title,
      startsAt: groupSessions.startsAt,
      status: groupSessions.status,
    })
    .from(groupSessions)
    .innerJoin(sessionGroups, eq(sessionGroups.sessionId, groupSessions.id))
    .where(eq(sessionGroups.groupId, groupId))
    .orderBy(desc(groupSessions.startsAt))
    .all();
}
