import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  audiences,
  consultationStatuses,
  type DraftAbout,
  type DraftAnswer,
  questionKinds,
  responseChannels,
  type Translations,
} from "../../app/models/consultations/types";
import { localities, outcomes, priorities } from "./reference";
import { staffUsers } from "./staff";

/**
 * Texts that can be translated are kept in English in their own columns; other languages live in a
 * JSON `translations` column ({ pl: { title: "…" }, ar: { … } }) and fall back to English.
 */
export const consultations = sqliteTable(
  "consultations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    easySummary: text("easy_summary"),
    audience: text("audience", { enum: audiences }).notNull(),
    ageBands: text("age_bands", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    localityIds: text("locality_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    opensAt: text("opens_at").notNull(),
    closesAt: text("closes_at").notNull(),
    resultsBy: text("results_by"),
    status: text("status", { enum: consultationStatuses }).notNull().default("draft"),
    minutes: integer("minutes").notNull().default(5),
    translations: text("translations", { mode: "json" }).$type<Translations>().notNull().default(sql`'{}'`),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    publishedAt: text("published_at"),
  },
  (t) => [uniqueIndex("consultations_slug_idx").on(t.slug), index("consultations_status_idx").on(t.status)],
);

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: questionKinds }).notNull(),
    prompt: text("prompt").notNull(),
    easyPrompt: text("easy_prompt"),
    why: text("why"),
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    maxLength: integer("max_length").notNull().default(1000),
    translations: text("translations", { mode: "json" }).$type<Translations>().notNull().default(sql`'{}'`),
  },
  (t) => [index("questions_consultation_idx").on(t.consultationId, t.position)],
);

export const questionOptions = sqliteTable(
  "question_options",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    easyLabel: text("easy_label"),
    isOther: integer("is_other", { mode: "boolean" }).notNull().default(false),
    translations: text("translations", { mode: "json" }).$type<Translations>().notNull().default(sql`'{}'`),
  },
  (t) => [index("question_options_question_idx").on(t.questionId, t.position)],
);

/** Answers inherit these tags: they are copied onto each contribution when it is made. */
export const questionTags = sqliteTable(
  "question_tags",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    outcomeId: integer("outcome_id")
      .notNull()
      .references(() => outcomes.id),
    priorityId: integer("priority_id").references(() => priorities.id),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.outcomeId] })],
);

/** One person's set of answers to one consultation. The receipt is a random secret held in a cookie; only its hash is stored. */
export const responses = sqliteTable(
  "responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id),
    receiptHash: text("receipt_hash"),
    audience: text("audience").notNull(),
    ageBand: text("age_band"),
    localityId: integer("locality_id").references(() => localities.id),
    channel: text("channel", { enum: responseChannels }).notNull().default("online"),
    language: text("language").notNull().default("en"),
    readingLevel: text("reading_level").notNull().default("standard"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("responses_receipt_idx").on(t.receiptHash),
    index("responses_consultation_idx").on(t.consultationId, t.audience, t.ageBand, t.localityId),
    // Paper and import pages count a consultation's responses by channel: with 700,000 of them, a scan took 70 ms.
    index("responses_channel_idx").on(t.consultationId, t.channel),
  ],
);

/**
 * Answers in progress, keyed by the receipt cookie, so someone can go back and forward with JavaScript off.
 * Nothing here is a submission: `responses` and `contributions` are written only from "Check your answers".
 */
export const responseDrafts = sqliteTable("response_drafts", {
  receiptHash: text("receipt_hash").primaryKey(),
  consultationId: integer("consultation_id")
    .notNull()
    .references(() => consultations.id, { onDelete: "cascade" }),
  answers: text("answers", { mode: "json" }).$type<Record<string, DraftAnswer>>().notNull(),
  about: text("about", { mode: "json" }).$type<DraftAbout>(),
  updatedAt: text("updated_at").notNull(),
});
