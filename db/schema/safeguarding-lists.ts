import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { staffUsers } from "./staff";

/**
 * Every version of the safeguarding lists an administrator saved, never updated or deleted: the newest is in force.
 * `edits` holds what differs from the built-in lists (phrases added, built-in ones switched off), not a full copy,
 * so a later release's new built-in phrases still take effect (app/models/safeguarding-lists.server.ts).
 */
export const safeguardingListVersions = sqliteTable("safeguarding_list_versions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  edits: text("edits", { mode: "json" }).notNull(),
  note: text("note"),
  staffId: integer("staff_id")
    .notNull()
    .references(() => staffUsers.id),
  createdAt: text("created_at").notNull(),
});
