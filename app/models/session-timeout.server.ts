// Staff sessions end after a spell without requests (idle) and, whatever happens, a fixed time after sign-in
// (absolute, staff_sessions.expires_at). The limits are the admin's `staffSession` setting.
import crypto from "node:crypto";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import { staffSessions } from "~db/schema";
import { getSetting } from "./settings.server";

/** last_seen_at is written at most this often per session, so browsing costs a write a minute, not one a request. */
export const LAST_SEEN_WRITE_MS = 60_000;

/** How long before either limit the warning shows. */
export const WARN_BEFORE_MS = 2 * 60_000;

function sha256(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function idleLimitMs(db: Conn = getDb()) {
  return getSetting("staffSession", db).idleMinutes * 60_000;
}

/** True when the session has had no request for longer than the idle limit. */
export function isIdle(lastSeenAt: string, now = new Date(), db: Conn = getDb()) {
  return Date.parse(lastSeenAt) + idleLimitMs(db) <= now.getTime();
}

/**
 * Records activity on a session, at most once a LAST_SEEN_WRITE_MS. The condition is in the UPDATE itself, so two
 * requests at once write once.
 */
export function touchSession(idHash: string, lastSeenAt: string | null, now = new Date(), db: Conn = getDb()) {
  if (lastSeenAt && now.getTime() - Date.parse(lastSeenAt) < LAST_SEEN_WRITE_MS) return false;
  const threshold = new Date(now.getTime() - LAST_SEEN_WRITE_MS).toISOString();
  const result = db
    .update(staffSessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(
      and(
        eq(staffSessions.idHash, idHash),
        or(isNull(staffSessions.lastSeenAt), lte(staffSessions.lastSeenAt, threshold)),
      ),
    )
    .run();
  return result.changes > 0;
}

export type SessionExpiry = {
  /** When the session ends if nothing more happens (the idle limit, or the absolute one if that comes first). */
  endsAt: string;
  idleAt: string;
  absoluteAt: string;
  /** True when the absolute limit comes first: staying active no longer helps. */
  absolute: boolean;
  idleMinutes: number;
  absoluteHours: number;
};

type Row = { staffId: number; createdAt: string; expiresAt: string; lastSeenAt: string | null };

function expiryOf(row: Row, db: Conn): SessionExpiry {
  const limits = getSetting("staffSession", db);
  const idle = Date.parse(row.lastSeenAt ?? row.createdAt) + limits.idleMinutes * 60_000;
  const absolute = Date.parse(row.expiresAt);
  return {
    endsAt: new Date(Math.min(idle, absolute)).toISOString(),
    idleAt: new Date(idle).toISOString(),
    absoluteAt: row.expiresAt,
    absolute: absolute <= idle,
    idleMinutes: limits.idleMinutes,
    absoluteHours: limits.absoluteHours,
  };
}

function readRow(sessionId: string, db: Conn): Row | undefined {
  return db
    .select({
      staffId: staffSessions.staffId,
      createdAt: staffSessions.createdAt,
      expiresAt: staffSessions.expiresAt,
      lastSeenAt: staffSessions.lastSeenAt,
    })
    .from(staffSessions)
    .where(eq(staffSessions.idHash, sha256(sessionId)))
    .get();
}

/**
 * When a live session ends, read without counting as activity (the warning asks this; asking must not keep the
 * session alive). Null when the session has already ended.
 */
export function peekSessionExpiry(sessionId: string, now = new Date(), db: Conn = getDb()): SessionExpiry | null {
  const row = readRow(sessionId, db);
  if (!row) return null;
  const expiry = expiryOf(row, db);
  return Date.parse(expiry.endsAt) > now.getTime() ? expiry : null;
}

/** Why a session the browser still holds no longer works: idle, absolute, or gone (signed out elsewhere). */
/** Whose session this was, valid or not (null when there is no such session). */
export function staffOfSession(sessionId: string, db: Conn = getDb()): number | null {
  return readRow(sessionId, db)?.staffId ?? null;
}

export function endedReason(sessionId: string, now = new Date(), db: Conn = getDb()): "idle" | "absolute" | "ended" {
  const row = readRow(sessionId, db);
  if (!row) return "ended";
  const expiry = expiryOf(row, db);
  if (Date.parse(expiry.absoluteAt) <= now.getTime()) return "absolute";
  if (Date.parse(expiry.idleAt) <= now.getTime()) return "idle";
  return "ended";
}

/**
 * "Stay signed in": counts as activity now, whatever the throttle. It cannot move the absolute limit; the result
 * says when that is the end that now applies.
 */
export function extendSession(sessionId: string, now = new Date(), db: Conn = getDb()): SessionExpiry | null {
  if (!peekSessionExpiry(sessionId, now, db)) return null;
  db.update(staffSessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(eq(staffSessions.idHash, sha256(sessionId)))
    .run();
  return peekSessionExpiry(sessionId, now, db);
}

export type SignedOutNotice = {
  reason: "idle" | "absolute" | "ended";
  sent: boolean;
  /** the form sent was kept by the server (no JavaScript): the page offers it again after signing in */
  kept: boolean;
  minutes: number;
  hours: number;
};

/** What the sign-in page says when a session ended (requireStaff adds ?ended= and, for a form sent, &sent=1). */
export function signedOutNotice(url: URL, db: Conn = getDb()): SignedOutNotice | null {
  const reason = url.searchParams.get("ended");
  if (reason !== "idle" && reason !== "absolute" && reason !== "ended") return null;
  const limits = getSetting("staffSession", db);
  return {
    reason,
    sent: url.searchParams.get("sent") === "1",
    kept: url.searchParams.get("kept") === "1",
    minutes: limits.idleMinutes,
    hours: limits.absoluteHours,
  };
}
