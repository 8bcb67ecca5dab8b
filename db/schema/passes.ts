import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { responses } from "./consultations";

/**
 * A participant pass: a generated nickname ("Blue Otter 42") and four secret words, of which only an argon2id hash is
 * kept. No name, no date of birth: only the age group the holder chose, or that they are a parent or carer. An email is
 * possible only for parents, carers and people of 16 or over (app/models/passes/passes.server.ts enforces it).
 */
export const passes = sqliteTable(
  "passes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nickname: text("nickname").notNull(),
    // Lower case with single spaces, what sign-in looks up: "blue otter 42".
    nicknameKey: text("nickname_key").notNull(),
    secretHash: text("secret_hash").notNull(),
    ageBand: text("age_band"),
    isParent: integer("is_parent", { mode: "boolean" }).notNull().default(false),
    email: text("email"),
    createdAt: text("created_at").notNull(),
    lastSignInAt: text("last_sign_in_at"),
  },
  (t) => [uniqueIndex("passes_nickname_key_idx").on(t.nicknameKey)],
);

/** The cookie carries a random id; only its SHA-256 is stored, as for staff sessions. */
export const passSessions = sqliteTable(
  "pass_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    passId: integer("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("pass_sessions_pass_idx").on(t.passId)],
);

/** Consultation answers that belong to a pass, so "you said, we did" can find the person later. */
export const passResponses = sqliteTable(
  "pass_responses",
  {
    passId: integer("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    linkedAt: text("linked_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.passId, t.responseId] }),
    uniqueIndex("pass_responses_response_idx").on(t.responseId),
  ],
);

/** The pass holder's inbox: messages written for them (a reply, a "you said, we did"). */
export const passMessages = sqliteTable(
  "pass_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    passId: integer("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    createdAt: text("created_at").notNull(),
    readAt: text("read_at"),
  },
  (t) => [index("pass_messages_pass_idx").on(t.passId, t.createdAt)],
);

/**
 * Wrong secrets per nickname, kept in the database so a restart does not reset them. Keyed by the typed nickname, so a
 * nickname that does not exist is slowed down the same way and sign-in says nothing about which nicknames are real.
 */
export const passSignInFailures = sqliteTable("pass_sign_in_failures", {
  nicknameKey: text("nickname_key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: text("last_failure_at").notNull(),
  blockedUntil: text("blocked_until"),
});
