import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { SummaryFigures, SummaryScopeStored } from "../../app/models/summaries/types";
import { contributions } from "./feedback";
import { meetings, outcomes } from "./reference";
import { staffUsers } from "./staff";

/**
 * A summary an officer composes and edits. Its figures are computed live from contributions while it is a draft; sending
 * it to a meeting freezes a version (summary_versions) and later edits make the next one.
 * scope: every dimension the officer chose (period, outcomes, priorities, sources, audiences, age bands, localities,
 * groups); period_from/period_to/outcome_ids repeat the first three for the queries that read them directly.
 * meeting_id/item_kind: where it is to be sent (for decision | for information), null until the officer chooses.
 * status: draft | sent (sent: the newest version was sent and nothing was edited since).
 */
export const summaries = sqliteTable(
  "summaries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").references(() => meetings.id),
    itemKind: text("item_kind"),
    title: text("title").notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    outcomeIds: text("outcome_ids", { mode: "json" }).$type<number[]>().notNull(),
    scope: text("scope", { mode: "json" }).$type<SummaryScopeStored>(),
    /** the figures as last sent (null for a draft never sent: a draft's figures are computed live) */
    figures: text("figures", { mode: "json" }).$type<SummaryFigures>(),
    purpose: text("purpose"),
    keyMessage: text("key_message").notNull(),
    recommendation: text("recommendation"),
    reportOf: text("report_of"),
    contactOfficer: text("contact_officer"),
    status: text("status").notNull().default("draft"),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedBy: integer("updated_by").references(() => staffUsers.id),
    updatedAt: text("updated_at"),
  },
  (t) => [index("summaries_meeting_idx").on(t.meetingId)],
);

/** Quotes are stored redacted, as they will be read, so a later change of masking rules cannot leak a detail. */
export const summaryQuotes = sqliteTable(
  "summary_quotes",
  {
    summaryId: integer("summary_id")
      .notNull()
      .references(() => summaries.id, { onDelete: "cascade" }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.summaryId, t.contributionId] })],
);

/** Which contributions fed a summary: the people behind them are told what the Board did. */
export const summarySources = sqliteTable(
  "summary_sources",
  {
    summaryId: integer("summary_id")
      .notNull()
      .references(() => summaries.id, { onDelete: "cascade" }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.summaryId, t.contributionId] }),
    index("summary_sources_contribution_idx").on(t.contributionId),
  ],
);

/** kind: decision | information */
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    summaryId: integer("summary_id").references(() => summaries.id),
    /** the frozen version of the summary this meeting received (db/schema/papers.ts) */
    summaryVersionId: integer("summary_version_id"),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    position: integer("position").notNull(),
    exceptionFlags: text("exception_flags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId, t.position)],
);

/**
 * The Board's response to an agenda item, drafted by an officer with a Board member (both edit it) and published as a
 * separate step. status: draft | published. The draft "you said, we did" in children's and parents' words lives here
 * until publishing copies it to you_said_we_did; translations in response_translations; actions in response_actions.
 * actions: the free-text actions of responses recorded before actions had their own rows (kept, read-only).
 * review_session_id: the Sounding Board session the draft children's version was sent to for comments.
 */
export const boardResponses = sqliteTable("board_responses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agendaItemId: integer("agenda_item_id")
    .notNull()
    .unique()
    .references(() => agendaItems.id),
  decision: text("decision").notNull(),
  actions: text("actions").notNull().default(""),
  status: text("status").notNull().default("draft"),
  youSaid: text("you_said"),
  weDid: text("we_did"),
  youSaidParents: text("you_said_parents"),
  weDidParents: text("we_did_parents"),
  reviewSessionId: integer("review_session_id"),
  reviewSentAt: text("review_sent_at"),
  recordedBy: integer("recorded_by").references(() => staffUsers.id),
  recordedAt: text("recorded_at").notNull(),
  updatedBy: integer("updated_by").references(() => staffUsers.id),
  updatedAt: text("updated_at"),
  publishedAt: text("published_at"),
});

/** The published "you said, we did", in words for children and for parents. */
export const youSaidWeDid = sqliteTable(
  "you_said_we_did",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    boardResponseId: integer("board_response_id")
      .notNull()
      .unique()
      .references(() => boardResponses.id),
    outcomeId: integer("outcome_id").references(() => outcomes.id),
    youSaid: text("you_said").notNull(),
    weDid: text("we_did").notNull(),
    youSaidParents: text("you_said_parents").notNull(),
    weDidParents: text("we_did_parents").notNull(),
    publishedAt: text("published_at").notNull(),
    /** when a published entry was last corrected (the corrections themselves: you_said_we_did_corrections) */
    correctedAt: text("corrected_at"),
    /** young people of a Sounding Board commented on the children's version before it was published */
    checkedByYoungPeople: integer("checked_by_young_people", { mode: "boolean" }).notNull().default(false),
    /** the localities of the contributions that fed it, for the public filter */
    localityIds: text("locality_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index("you_said_we_did_published_idx").on(t.publishedAt)],
);

/**
 * One row, whose number the triggers of migration 0021 raise on every write that can change a summary's live figures
 * or quote candidates (an approved contribution written, changed or removed; a tag, theme, choice or escalation; a
 * name, title, population or option the figures show). A cached figure is good only for the number it was computed at.
 */
export const figuresVersion = sqliteTable("figures_version", {
  id: integer("id").primaryKey(),
  n: integer("n").notNull().default(0),
});

/**
 * Live figures already computed (app/models/summaries/figures-cache.server.ts): key = what was computed, for which
 * scope, in which language; version = figures_version.n when it was computed. Shared by the worker threads.
 */
export const figureCache = sqliteTable("figure_cache", {
  key: text("key").primaryKey(),
  version: integer("version").notNull(),
  value: text("value").notNull(),
  createdAt: text("created_at").notNull(),
});

/**
 * Which contributions changed what a summary counts, in order (app/models/summaries/figure-index.server.ts): the
 * triggers of migration 0022 add a row in the same transaction as every write that figures_version counts for one
 * contribution (an approved one written, changed or removed; its tags, themes or choices; a safeguarding case). Each
 * thread's index of approved contributions reads the rows after the last one it applied and reads those contributions
 * again. Old rows are removed; pruned_through (figure_changes_pruned) says up to where, so an index that far behind
 * is built again.
 */
export const figureChanges = sqliteTable("figure_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  contributionId: integer("contribution_id").notNull(),
});

export const figureChangesPruned = sqliteTable("figure_changes_pruned", {
  id: integer("id").primaryKey(),
  prunedThrough: integer("pruned_through").notNull().default(0),
});
