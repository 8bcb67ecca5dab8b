import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { reportReasons, threadStatuses } from "../../app/models/threads/types";
import { consultations } from "./consultations";
import { contributions } from "./feedback";
import { passes } from "./passes";
import { outcomes } from "./reference";
import { staffUsers } from "./staff";

/**
 * A question a young person asks with their pass, and the conversation after it. The asker's words are contributions
 * (source 'question'), moderated like any other text; only staff answers are written here.
 */
export const threads = sqliteTable(
  "threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Set null when the pass is deleted: the thread's counts stay, nobody can reach it as the asker any more.
    passId: integer("pass_id").references(() => passes.id, { onDelete: "set null" }),
    outcomeId: integer("outcome_id").references(() => outcomes.id),
    consultationId: integer("consultation_id").references(() => consultations.id),
    status: text("status", { enum: threadStatuses }).notNull(),
    assigneeId: integer("assignee_id").references(() => staffUsers.id),
    dueOn: text("due_on"),
    closedBy: text("closed_by", { enum: ["asker", "officer"] }),
    // The language the question was asked in: the inbox message about an answer is written in it.
    language: text("language").notNull().default("en"),
    // Published to /questions: the words as they appear there, frozen and masked when an officer published them.
    publishedAt: text("published_at"),
    publishedBy: integer("published_by").references(() => staffUsers.id),
    publicQuestion: text("public_question"),
    publicAnswer: text("public_answer"),
    // Hidden from /questions once three passes reported it, until an officer reviews it; reports before the last
    // review no longer count.
    reportHiddenAt: text("report_hidden_at"),
    reviewedAt: text("reviewed_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("threads_pass_idx").on(t.passId, t.updatedAt),
    index("threads_status_idx").on(t.status, t.dueOn),
    index("threads_assignee_idx").on(t.assigneeId, t.status),
    index("threads_published_idx").on(t.publishedAt),
  ],
);

/** "This helped me" on a published question: one per pass. A deleted pass leaves its mark, unlinked, so counts hold. */
export const threadHelped = sqliteTable(
  "thread_helped",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    passId: integer("pass_id").references(() => passes.id, { onDelete: "set null" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("thread_helped_pass_idx").on(t.threadId, t.passId)],
);

/** "Report this" on a published question: one per pass per item, with the reason chosen from a short list. */
export const threadReports = sqliteTable(
  "thread_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    passId: integer("pass_id").references(() => passes.id, { onDelete: "set null" }),
    reason: text("reason", { enum: reportReasons }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("thread_reports_pass_idx").on(t.threadId, t.passId)],
);

export const threadMessages = sqliteTable(
  "thread_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    from: text("from", { enum: ["asker", "staff"] }).notNull(),
    staffId: integer("staff_id").references(() => staffUsers.id),
    contributionId: integer("contribution_id").references(() => contributions.id),
    body: text("body"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("thread_messages_thread_idx").on(t.threadId, t.id),
    index("thread_messages_contribution_idx").on(t.contributionId),
  ],
);
