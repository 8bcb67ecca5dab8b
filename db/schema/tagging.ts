import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { contributions } from "./feedback";
import { outcomes, priorities } from "./reference";
import { staffUsers } from "./staff";

/**
 * Free themes beside the plan ("transport", "cost of activities"). A merged theme keeps its row (merged_into says where its
 * tags went) so the tag history still reads; it is no longer offered.
 */
export const themes = sqliteTable(
  "themes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
    mergedInto: integer("merged_into"),
  },
  (t) => [uniqueIndex("themes_name_idx").on(t.name)],
);

export const contributionThemes = sqliteTable(
  "contribution_themes",
  {
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id),
    taggedBy: integer("tagged_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contributionId, t.themeId] }),
    index("contribution_themes_theme_idx").on(t.themeId, t.contributionId),
  ],
);

/**
 * Every tag change: who, when, from → to. kind: outcome | priority | theme. via: key | form | bulk | suggestion | merge |
 * moderation (tags chosen while approving).
 * Outcome and priority ids are kept as numbers with their titles at the time, so history reads after a plan changes.
 */
export const tagEvents = sqliteTable(
  "tag_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    staffId: integer("staff_id").references(() => staffUsers.id),
    kind: text("kind").notNull(),
    outcomeId: integer("outcome_id").references(() => outcomes.id),
    fromPriorityId: integer("from_priority_id").references(() => priorities.id),
    toPriorityId: integer("to_priority_id").references(() => priorities.id),
    themeId: integer("theme_id").references(() => themes.id),
    // add | remove | change
    action: text("action").notNull(),
    fromLabel: text("from_label"),
    toLabel: text("to_label"),
    via: text("via").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("tag_events_contribution_idx").on(t.contributionId, t.id)],
);
