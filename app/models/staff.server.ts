import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, lt } from "drizzle-orm";
import { getDb } from "~db/client";
import { auditLog, staffDevices, staffSessions, staffUsers } from "~db/schema";
import { isIdle, touchSession } from "./session-timeout.server";

export type StaffUser = { id: number; email: string; name: string; role: string };

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const argon = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(password: string) {
  return hash(password, argon);
}

// A real hash of an unguessable password, verified when the email is unknown so both cases take as long.
let dummyHash: Promise<string> | undefined;

export async function verifyStaffCredentials(email: string, password: string): Promise<StaffUser | null> {
  const db = getDb();
  const user = db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      passwordHash: staffUsers.passwordHash,
      active: staffUsers.active,
    })
    .from(staffUsers)
    .where(eq(staffUsers.email, email.trim().toLowerCase()))
    .get();
  if (!user?.active) {
    dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function sha256(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** A new random session id every sign-in; only its hash is stored. Returns the id for the cookie. */
export function createStaffSession(staffId: number, hours: number) {
  const id = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  getDb()
    .insert(staffSessions)
    .values({
      idHash: sha256(id),
      staffId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + hours * 3600_000).toISOString(),
      lastSeenAt: now.toISOString(),
    })
    .run();
  return id;
}

export function findStaffBySession(sessionId: string, now = new Date()): StaffUser | null {
  const idHash = sha256(sessionId);
  const row = getDb()
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.idHash, idHash),
        gt(staffSessions.expiresAt, now.toISOString()),
        eq(staffUsers.active, true),
        // A session still waiting for its two-factor code opens nothing (see staff-accounts.server.ts).
        eq(staffSessions.pendingTwoFactor, false),
      ),
    )
    .get();
  if (!row) return null;
  const { createdAt, lastSeenAt, ...staff } = row;
  // Idle limit (app/models/session-timeout.server.ts): the row stays so the sign-in page can say why.
  if (isIdle(lastSeenAt ?? createdAt, now)) return null;
  touchSession(idHash, lastSeenAt, now);
  return staff;
}

export function destroyStaffSession(sessionId: string) {
  const db = getDb();
  db.delete(staffSessions)
    .where(eq(staffSessions.idHash, sha256(sessionId)))
    .run();
  db.delete(staffSessions).where(lt(staffSessions.expiresAt, new Date().toISOString())).run();
}

export function recordAudit(
  staffId: number | null,
  action: string,
  subjectType?: string,
  subjectId?: number,
  detail?: unknown,
) {
  getDb()
    .insert(auditLog)
    .values({ staffId, action, subjectType, subjectId, detail: detail === undefined ? null : JSON.stringify(detail) })
    .run();
}

/** The name of the cookie that marks a browser a member of staff signed in from before. */
export const DEVICE_COOKIE = "sb_device";

/** True when this device token was handed to the account with this email at a successful sign-in. */
export function isTrustedDevice(email: string, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return false;
  const row = getDb()
    .select({ id: staffDevices.staffId })
    .from(staffDevices)
    .innerJoin(staffUsers, eq(staffUsers.id, staffDevices.staffId))
    .where(and(eq(staffDevices.tokenHash, sha256(token)), eq(staffUsers.email, email.trim().toLowerCase())))
    .get();
  return Boolean(row);
}

/**
 * After a successful sign-in: keeps the browser's device token if it is already this person's, or makes a new one.
 * Returns the token the cookie should hold.
 */
export function rememberDevice(staffId: number, existing: string | undefined, now = new Date().toISOString()) {
  const db = getDb();
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) {
    const updated = db
      .update(staffDevices)
      .set({ lastUsedAt: now })
      .where(and(eq(staffDevices.tokenHash, sha256(existing)), eq(staffDevices.staffId, staffId)))
      .run();
    if (updated.changes) return existing;
  }
  const token = crypto.randomBytes(24).toString("base64url");
  db.insert(staffDevices)
    .values({ tokenHash: sha256(token), staffId, createdAt: now, lastUsedAt: now })
    .run();
  return token;
}
