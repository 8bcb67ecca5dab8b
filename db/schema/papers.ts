import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { SummaryContent } from "../../app/models/summaries/types";
import { passes } from "./passes";
import { meetings } from "./reference";
import { staffUsers } from "./staff";
import { boardResponses, summaries, youSaidWeDid } from "./summaries";

/**
 * A summary as sent: figures, quotes and text frozen, so a meeting always shows the version it received. Versions are
 * records: a summary is never deleted once one exists.
 */
export const summaryVersions = sqliteTable(
  "summary_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    summaryId: integer("summary_id")
      .notNull()
      .references(() => summaries.id),
    version: integer("version").notNull(),
    content: text("content", { mode: "json" }).$type<SummaryContent>().notNull(),
    meetingId: integer("meeting_id").references(() => meetings.id),
    sentBy: integer("sent_by").references(() => staffUsers.id),
    sentAt: text("sent_at").notNull(),
  },
  (t) => [uniqueIndex("summary_versions_key_idx").on(t.summaryId, t.version)],
);

/**
 * What the Board decided to do, and who does it. status: not_started | in_progress | done | dropped (dropped needs a
 * reason). Each change of status or wording is kept in response_action_events; the public entry shows the latest.
 * description_pl / description_ar: the action in Polish and Arabic for participant pages, where the officer gave them.
 */
export const responseActions = sqliteTable(
  "response_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    responseId: integer("response_id")
      .notNull()
      .references(() => boardResponses.id),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    descriptionPl: text("description_pl"),
    descriptionAr: text("description_ar"),
    leadAgency: text("lead_agency").notNull(),
    owner: text("owner").notNull(),
    dueOn: text("due_on").notNull(),
    status: text("status").notNull().default("not_started"),
    droppedReason: text("dropped_reason"),
    createdAt: text("created_at").notNull(),
    updatedBy: integer("updated_by").references(() => staffUsers.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("response_actions_response_idx").on(t.responseId, t.position),
    index("response_actions_due_idx").on(t.status, t.dueOn),
  ],
);

/**
 * kind: status (a change of status; reason when dropped) | wording (description, translations, lead agency or owner
 * edited: detail holds each changed field's before and after; status is the status it had then).
 */
export const responseActionEvents = sqliteTable(
  "response_action_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actionId: integer("action_id")
      .notNull()
      .references(() => responseActions.id),
    kind: text("kind").notNull().default("status"),
    status: text("status").notNull(),
    reason: text("reason"),
    detail: text("detail", { mode: "json" }).$type<Record<string, { before: string | null; after: string | null }>>(),
    staffId: integer("staff_id").references(() => staffUsers.id),
    at: text("at").notNull(),
  },
  (t) => [index("response_action_events_action_idx").on(t.actionId, t.at)],
);

/**
 * "You said, we did" in Polish or Arabic, where the officer gave a translation: on the draft response (entry_id null)
 * until publishing, then on the published entry too. lang: pl | ar.
 */
export const youSaidWeDidTranslations = sqliteTable(
  "you_said_we_did_translations",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => boardResponses.id),
    lang: text("lang").notNull(),
    youSaid: text("you_said").notNull(),
    weDid: text("we_did").notNull(),
    youSaidParents: text("you_said_parents").notNull(),
    weDidParents: text("we_did_parents").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.lang] })],
);

/** A correction to a published entry: what it said before and after, shown on the entry ("Corrected on …"). */
export const youSaidWeDidCorrections = sqliteTable(
  "you_said_we_did_corrections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id")
      .notNull()
      .references(() => youSaidWeDid.id),
    lang: text("lang").notNull().default("en"),
    field: text("field").notNull(),
    before: text("before").notNull(),
    after: text("after").notNull(),
    note: text("note"),
    staffId: integer("staff_id").references(() => staffUsers.id),
    at: text("at").notNull(),
  },
  (t) => [index("you_said_we_did_corrections_entry_idx").on(t.entryId, t.at)],
);

/** A pass holder has read an entry on their pass page (unread entries are marked new). */
export const youSaidWeDidReads = sqliteTable(
  "you_said_we_did_reads",
  {
    passId: integer("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    entryId: integer("entry_id")
      .notNull()
      .references(() => youSaidWeDid.id),
    readAt: text("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.passId, t.entryId] })],
);

/**
 * A long export (a DOCX, PDF, CSV or a meeting's agenda pack) made off the request path, with its progress for a page
 * that refreshes itself without JavaScript. kind: docx | pdf | csv | pack. status: queued | running | done | failed.
 * The file is written under the data directory (file: its name there), readable by the app's user only.
 */
export const exportJobs = sqliteTable(
  "export_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    summaryVersionId: integer("summary_version_id").references(() => summaryVersions.id),
    meetingId: integer("meeting_id").references(() => meetings.id),
    status: text("status").notNull().default("queued"),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    file: text("file"),
    error: text("error"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    finishedAt: text("finished_at"),
  },
  (t) => [index("export_jobs_owner_idx").on(t.createdBy, t.createdAt)],
);
