import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { moderationStates } from "../../app/models/feedback/types";
import { consultations, questionOptions, questions, responses } from "./consultations";
import { groups, localities, outcomes, priorities } from "./reference";
import { staffUsers } from "./staff";

/**
 * The one unit of voice (docs/design.md, The contribution). Every answer, thread message and session note is one row here,
 * so summaries, charts and "you said, we did" read a single table.
 * kind: scale | choice | ranking | text. moderation_state: pending | approved | hidden | escalated.
 * Choice and scale answers carry no free text and arrive approved; free text arrives pending.
 */
export const contributions = sqliteTable(
  "contributions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    source: text("source").notNull(), // consultation | thread | session
    kind: text("kind").notNull(),
    consultationId: integer("consultation_id").references(() => consultations.id),
    questionId: integer("question_id").references(() => questions.id),
    responseId: integer("response_id").references(() => responses.id, { onDelete: "cascade" }),
    groupId: integer("group_id").references(() => groups.id),
    audience: text("audience").notNull(),
    ageBand: text("age_band"),
    localityId: integer("locality_id").references(() => localities.id),
    valueInt: integer("value_int"),
    body: text("body"),
    maskedBody: text("masked_body"),
    moderationState: text("moderation_state", { enum: moderationStates }).notNull(),
    flags: text("flags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: text("created_at").notNull(),
    moderatedAt: text("moderated_at"),
    moderatedBy: integer("moderated_by").references(() => staffUsers.id),
  },
  (t) => [
    index("contributions_question_idx").on(t.questionId, t.valueInt),
    index("contributions_response_idx").on(t.responseId),
    index("contributions_moderation_idx").on(t.moderationState, t.createdAt),
    index("contributions_created_idx").on(t.createdAt),
    // The feedback inbox, newest first, when one moderation state is asked for (hidden, pending).
    index("contributions_inbox_state_idx").on(t.kind, t.moderationState, t.createdAt, t.id),
    // Covers the results page's GROUP BYs: counts per question and face, split by age band, audience or place.
    index("contributions_results_idx").on(
      t.consultationId,
      t.kind,
      t.questionId,
      t.valueInt,
      t.ageBand,
      t.audience,
      t.localityId,
    ),
    // Covers a summary's live figures (who we heard from, faces, people per outcome, paired questions) over approved
    // rows in a period, so a five-year scope of a million rows is read from this index alone, never from the table.
    index("contributions_scope_idx")
      .on(
        t.createdAt,
        t.audience,
        t.ageBand,
        t.localityId,
        t.responseId,
        t.kind,
        t.valueInt,
        t.questionId,
        t.source,
        t.groupId,
      )
      .where(sql`moderation_state = 'approved'`),
  ],
);

/** Selected options of a choice or ranking answer (rank is set for ranking questions). */
export const contributionChoices = sqliteTable(
  "contribution_choices",
  {
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    optionId: integer("option_id")
      .notNull()
      .references(() => questionOptions.id),
    rank: integer("rank"),
  },
  (t) => [
    primaryKey({ columns: [t.contributionId, t.optionId] }),
    index("contribution_choices_option_idx").on(t.optionId),
    // Covers the results page's join: option and rank read without touching the table.
    index("contribution_choices_results_idx").on(t.contributionId, t.optionId, t.rank),
  ],
);

/** source: question (inherited) | officer */
export const contributionTags = sqliteTable(
  "contribution_tags",
  {
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    outcomeId: integer("outcome_id")
      .notNull()
      .references(() => outcomes.id),
    priorityId: integer("priority_id").references(() => priorities.id),
    source: text("source").notNull(),
    taggedBy: integer("tagged_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contributionId, t.outcomeId] }),
    index("contribution_tags_outcome_idx").on(t.outcomeId, t.contributionId),
    // A contribution's outcomes with their priorities, read without touching the table (a summary's figures per outcome).
    index("contribution_tags_scope_idx").on(t.contributionId, t.outcomeId, t.priorityId),
    // The inbox's priority filter.
    index("contribution_tags_priority_idx").on(t.priorityId, t.contributionId),
  ],
);

/** Every moderation and safeguarding action: who, when, what, why. */
export const moderationEvents = sqliteTable(
  "moderation_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    staffId: integer("staff_id").references(() => staffUsers.id),
    action: text("action").notNull(),
    fromState: text("from_state", { enum: moderationStates }),
    toState: text("to_state", { enum: moderationStates }),
    reason: text("reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("moderation_events_contribution_idx").on(t.contributionId)],
);
