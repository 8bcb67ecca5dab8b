import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { type ImportRow, importStatuses, type RejectedRow } from "../../app/models/imports/types";
import { consultations } from "./consultations";
import { staffUsers } from "./staff";

/**
 * A CSV file of paper answers on its way in. Checking happens on upload; importing writes every good row in one
 * transaction, so a consultation never holds half a file. The good rows are cleared once they are responses.
 */
export const importJobs = sqliteTable(
  "import_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    staffId: integer("staff_id").references(() => staffUsers.id),
    filename: text("filename").notNull(),
    fileHash: text("file_hash").notNull(),
    totalRows: integer("total_rows").notNull(),
    validCount: integer("valid_count").notNull(),
    validRows: text("valid_rows", { mode: "json" }).$type<ImportRow[]>().notNull().default(sql`'[]'`),
    rejectedRows: text("rejected_rows", { mode: "json" }).$type<RejectedRow[]>().notNull().default(sql`'[]'`),
    status: text("status", { enum: importStatuses }).notNull().default("validated"),
    processed: integer("processed").notNull().default(0),
    importedCount: integer("imported_count").notNull().default(0),
    error: text("error"),
    createdAt: text("created_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [index("import_jobs_consultation_idx").on(t.consultationId, t.createdAt)],
);
