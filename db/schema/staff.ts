import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** officer | safeguarding | board | admin */
export const staffUsers = sqliteTable("staff_users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  /** TOTP secret (base32) once two-factor is turned on; null until then. */
  totpSecret: text("totp_secret"),
  /** A secret shown as a QR code while the person enrols; it becomes totp_secret when they type a right code. */
  totpPendingSecret: text("totp_pending_secret"),
  totpEnabledAt: text("totp_enabled_at"),
  /** The last TOTP time step accepted, so one code cannot be used twice. */
  totpLastStep: integer("totp_last_step"),
  disabledAt: text("disabled_at"),
  invitedBy: integer("invited_by"),
});

/** One-time recovery codes for two-factor sign-in; only a hash is stored, used_at set when spent. */
export const staffRecoveryCodes = sqliteTable(
  "staff_recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: text("created_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("staff_recovery_codes_staff_idx").on(t.staffId)],
);

/** An invitation or a password reset: a one-time link whose token only the email holds (SHA-256 stored). */
export const staffInvites = sqliteTable(
  "staff_invites",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => staffUsers.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("staff_invites_staff_idx").on(t.staffId)],
);

/**
 * Settings an admin changes at run time (two-factor for every role, retention periods, session timeouts).
 * value is JSON; each key is parsed with its own zod schema in app/models/settings.server.ts.
 */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull(),
  updatedBy: integer("updated_by").references(() => staffUsers.id),
});

/** The cookie carries a random id; only its SHA-256 is stored, so a copied database cannot be used to sign in. */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** Last request seen on this session: the idle timeout counts from here; expires_at is the absolute limit. */
    lastSeenAt: text("last_seen_at"),
    /** Set once the password is right but a two-factor code is still due: the session opens nothing until then. */
    pendingTwoFactor: integer("pending_two_factor", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.staffId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id").references(() => staffUsers.id),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: integer("subject_id"),
    detail: text("detail"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("audit_created_idx").on(t.createdAt)],
);

/**
 * A browser a member of staff has signed in from (OWASP's device cookies): its cookie holds a random token, only the
 * SHA-256 is kept. Wrong passwords from other browsers cannot slow down sign-in from a device the person used before.
 */
export const staffDevices = sqliteTable(
  "staff_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at").notNull(),
  },
  (t) => [index("staff_devices_staff_idx").on(t.staffId)],
);
