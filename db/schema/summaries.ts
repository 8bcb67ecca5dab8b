import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { SummaryFigures } from "../../app/models/summaries/types";
import { contributions } from "./feedback";
import { meetings, outcomes } from "./reference";
import { staffUsers } from "./staff";

export const summaries = sqliteTable(
  "summaries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    title: text("title").notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    outcomeIds: text("outcome_ids", { mode: "json" }).$type<number[]>().notNull(),
    figures: text("figures", { mode: "json" }).$type<SummaryFigures>().notNull(),
    keyMessage: text("key_message").notNull(),
    recommendation: text("recommendation"),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
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
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    position: integer("position").notNull(),
    exceptionFlags: text("exception_flags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId, t.position)],
);

export const boardResponses = sqliteTable("board_responses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agendaItemId: integer("agenda_item_id")
    .notNull()
    .unique()
    .references(() => agendaItems.id),
  decision: text("decision").notNull(),
  actions: text("actions").notNull(),
  recordedBy: integer("recorded_by").references(() => staffUsers.id),
  recordedAt: text("recorded_at").notNull(),
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
  },
  (t) => [index("you_said_we_did_published_idx").on(t.publishedAt)],
);
