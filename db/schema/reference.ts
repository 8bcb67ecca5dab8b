import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { staffUsers } from "./staff";

export const areas = sqliteTable("areas", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
});

export const localities = sqliteTable(
  "localities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    areaId: integer("area_id")
      .notNull()
      .references(() => areas.id),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
  },
  (t) => [index("localities_area_idx").on(t.areaId)],
);

/** young_people | parents_carers */
export const groups = sqliteTable(
  "groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind").notNull(), // sounding_board | forum | school_council | youth_forum | parents_group
    audience: text("audience").notNull(),
    localityId: integer("locality_id").references(() => localities.id),
    // Ten letters and digits from an alphabet without look-alikes (about 50 bits), stored without the hyphen shown.
    joinCode: text("join_code").notNull(),
    // The staff account that runs the group's meetings; only they (or an admin) run its sessions.
    facilitatorId: integer("facilitator_id").references(() => staffUsers.id),
    place: text("place"),
    accessInfo: text("access_info"),
    // open | closed. A closed group keeps its members and sessions; its code no longer works.
    status: text("status").notNull().default("open"),
    codeRenewedAt: text("code_renewed_at"),
    createdAt: text("created_at"),
  },
  (t) => [uniqueIndex("groups_join_code_idx").on(t.joinCode)],
);

export const plans = sqliteTable("plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  startsOn: text("starts_on").notNull(),
  endsOn: text("ends_on").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(false),
});

export const outcomes = sqliteTable(
  "outcomes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id),
    key: text("key").notNull(), // stable, e.g. "stay-safe"
    title: text("title").notNull(),
    childTitle: text("child_title").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("outcomes_plan_key_idx").on(t.planId, t.key)],
);

export const priorities = sqliteTable(
  "priorities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outcomeId: integer("outcome_id")
      .notNull()
      .references(() => outcomes.id),
    title: text("title").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("priorities_outcome_idx").on(t.outcomeId)],
);

export const targets = sqliteTable("targets", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  priorityId: integer("priority_id")
    .notNull()
    .references(() => priorities.id),
  indicator: text("indicator").notNull(),
  // The indicator's reference in the plan's performance framework, e.g. "NI 112".
  code: text("code"),
  baseline: text("baseline"),
  target: text("target"),
  // The latest value and the date it was measured.
  currentValue: text("current_value"),
  latestOn: text("latest_on"),
  // Which partnership group leads on it, e.g. "Health and Wellbeing Board".
  leadGroup: text("lead_group"),
});

/** Schools, for filters and reach (their names are also masked in published words by the safeguarding lists). */
export const schools = sqliteTable(
  "schools",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    localityId: integer("locality_id").references(() => localities.id),
    // primary | secondary | special | college
    phase: text("phase").notNull(),
  },
  (t) => [index("schools_locality_idx").on(t.localityId)],
);

/**
 * Which age bands participants are offered, and in what order. The bands themselves (and their words in every language)
 * are fixed in code so figures stay comparable; an administrator chooses which are shown.
 */
export const ageBandSettings = sqliteTable("age_band_settings", {
  ageBand: text("age_band").primaryKey(),
  shown: integer("shown", { mode: "boolean" }).notNull().default(true),
  position: integer("position").notNull(),
});

/** Population by age band and locality (mid-year estimates), which summaries compare reach against. */
export const populations = sqliteTable(
  "populations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    localityId: integer("locality_id")
      .notNull()
      .references(() => localities.id),
    ageBand: text("age_band").notNull(),
    people: integer("people").notNull(),
  },
  (t) => [uniqueIndex("populations_key_idx").on(t.year, t.localityId, t.ageBand)],
);

/** board | partnership | executive | local (a local children and young people's partnership board) */
export const bodies = sqliteTable("bodies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
});

export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    title: text("title").notNull(),
    meetsOn: text("meets_on").notNull(),
    place: text("place"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("meetings_body_idx").on(t.bodyId, t.meetsOn)],
);
