import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contributions } from "./feedback";
import { passes } from "./passes";
import { groups, localities, outcomes, priorities } from "./reference";
import { staffUsers } from "./staff";
import { agendaItems } from "./summaries";

/**
 * A pass holder in a group. Only what they chose to give: an age band and a locality. Leaving removes the row; deleting
 * the pass removes it too. Lists show the pass's nickname and this age band, never a name or contact detail.
 */
export const groupMembers = sqliteTable(
  "group_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    passId: integer("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    ageBand: text("age_band"),
    localityId: integer("locality_id").references(() => localities.id),
    joinedAt: text("joined_at").notNull(),
  },
  (t) => [
    uniqueIndex("group_members_group_pass_idx").on(t.groupId, t.passId),
    index("group_members_pass_idx").on(t.passId),
  ],
);

/** Wrong join codes per address, so a code cannot be guessed by trying many. */
export const joinAttempts = sqliteTable("join_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: text("window_started_at").notNull(),
});

/**
 * A meeting of one or more groups. status: draft | published | cancelled | closed (closed: the facilitator closed it
 * and the summary is being written; summary_sent_at: the summary went back to the members).
 * starts_at and ends_at are instants (UTC ISO); they are shown and chosen in Europe/London.
 */
export const groupSessions = sqliteTable(
  "group_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    place: text("place"),
    accessInfo: text("access_info"),
    onlineUrl: text("online_url"),
    status: text("status").notNull().default("draft"),
    cancelReason: text("cancel_reason"),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
    publishedAt: text("published_at"),
    closedAt: text("closed_at"),
    summarySentAt: text("summary_sent_at"),
  },
  (t) => [index("group_sessions_starts_idx").on(t.startsAt)],
);

export const sessionGroups = sqliteTable(
  "session_groups",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => groupSessions.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.groupId] }), index("session_groups_group_idx").on(t.groupId)],
);

/**
 * A concrete question on a session's agenda, optionally tagged to a plan outcome or priority and referred by a Board or
 * Partnership agenda item ("the Board asked us"): the session's answers show on that item. summary: the officer's edited
 * summary of what was said, sent back to members.
 */
export const agendaQuestions = sqliteTable(
  "agenda_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => groupSessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    outcomeId: integer("outcome_id").references(() => outcomes.id),
    priorityId: integer("priority_id").references(() => priorities.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id),
    summary: text("summary"),
  },
  (t) => [
    index("agenda_questions_session_idx").on(t.sessionId, t.position),
    index("agenda_questions_item_idx").on(t.agendaItemId),
  ],
);

/**
 * What was said, typed by a facilitator during (or after, from a flipchart) the session. client_id is made by the
 * browser so a note sent twice (offline, then again) is one note; rev orders its edits so an older save never wins.
 * marker: most_agreed | mixed | one_person. When the session closes, each note becomes a contribution (source 'session').
 */
export const sessionNotes = sqliteTable(
  "session_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => groupSessions.id, { onDelete: "cascade" }),
    agendaQuestionId: integer("agenda_question_id")
      .notNull()
      .references(() => agendaQuestions.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    rev: integer("rev").notNull().default(1),
    body: text("body").notNull(),
    outcomeIds: text("outcome_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
    marker: text("marker"),
    fromFlipchart: integer("from_flipchart", { mode: "boolean" }).notNull().default(false),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    contributionId: integer("contribution_id").references(() => contributions.id),
  },
  (t) => [
    uniqueIndex("session_notes_client_idx").on(t.sessionId, t.clientId),
    index("session_notes_question_idx").on(t.agendaQuestionId, t.id),
    index("session_notes_updated_idx").on(t.sessionId, t.updatedAt),
    index("session_notes_contribution_idx").on(t.contributionId),
  ],
);

/** Attendance as counts by age band (or parents and carers), never names. */
export const sessionAttendance = sqliteTable(
  "session_attendance",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => groupSessions.id, { onDelete: "cascade" }),
    band: text("band").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.band] })],
);

/** A member's view sent before the session on one agenda question: a contribution, pre-moderated like any text. */
export const sessionViews = sqliteTable(
  "session_views",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => groupSessions.id, { onDelete: "cascade" }),
    agendaQuestionId: integer("agenda_question_id")
      .notNull()
      .references(() => agendaQuestions.id, { onDelete: "cascade" }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id),
    passId: integer("pass_id").references(() => passes.id, { onDelete: "set null" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("session_views_question_idx").on(t.agendaQuestionId),
    index("session_views_pass_idx").on(t.passId),
    // The moderation queue and the inbox ask, for each contribution, whether it is a view and of which session.
    uniqueIndex("session_views_contribution_idx").on(t.contributionId),
  ],
);
