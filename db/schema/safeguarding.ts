import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { contributions } from "./feedback";
import { staffUsers } from "./staff";

/**
 * One case per escalated contribution, whoever or whatever escalated it (the detector on arrival, or a moderator).
 * A contribution with a case is never published, quoted, summarised or exported, whatever its moderation state says.
 * status: new | in_progress | closed. escalated_by is null when the detector escalated it on arrival.
 */
export const safeguardingCases = sqliteTable(
  "safeguarding_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id")
      .notNull()
      .unique()
      .references(() => contributions.id, { onDelete: "cascade" }),
    status: text("status").notNull().default("new"),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    escalatedBy: integer("escalated_by").references(() => staffUsers.id),
    reason: text("reason"),
    escalatedAt: text("escalated_at").notNull(),
    firstActionAt: text("first_action_at"),
    closedAt: text("closed_at"),
  },
  (t) => [index("safeguarding_cases_status_idx").on(t.status)],
);

/** What the lead did about a case, from the council's list (app/models/safeguarding.server.ts), with a note. */
export const safeguardingActions = sqliteTable(
  "safeguarding_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => safeguardingCases.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    note: text("note").notNull(),
    statusAfter: text("status_after").notNull(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("safeguarding_actions_case_idx").on(t.caseId, t.createdAt)],
);
