import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { threadStatuses } from "../../app/models/threads/types";
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
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("threads_pass_idx").on(t.passId, t.updatedAt),
    index("threads_status_idx").on(t.status, t.dueOn),
    index("threads_assignee_idx").on(t.assigneeId, t.status),
  ],
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
