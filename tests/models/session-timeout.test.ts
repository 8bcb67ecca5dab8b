import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endedReason, extendSession, LAST_SEEN_WRITE_MS, peekSessionExpiry } from "~/models/session-timeout.server";
import { setSetting } from "~/models/settings.server";
import { createStaffSession, findStaffBySession } from "~/models/staff.server";
import { getDb } from "~db/client";
import { staffSessions } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const db = getDb();
const minute = 60_000;

/** A session made `minutesAgo` minutes ago with a 10-hour absolute limit. */
function sessionStarted(minutesAgo: number, hours = 10) {
  const id = createStaffSession(county.officer.id, hours);
  const created = new Date(Date.now() - minutesAgo * minute).toISOString();
  const expires = new Date(Date.now() - minutesAgo * minute + hours * 3600_000).toISOString();
  const row = db.select().from(staffSessions).all().at(-1);
  if (!row) throw new Error("no session");
  db.update(staffSessions)
    .set({ createdAt: created, lastSeenAt: created, expiresAt: expires })
    .where(eq(staffSessions.idHash, row.idHash))
    .run();
  return { id, hash: row.idHash };
}

const lastSeen = (hash: string) =>
  db.select({ at: staffSessions.lastSeenAt }).from(staffSessions).where(eq(staffSessions.idHash, hash)).get()?.at;

describe("staff session timeouts", () => {
  setSetting("staffSession", { idleMinutes: 30, absoluteHours: 10 }, null);

  it("ends a session after the idle limit without requests, and says why", () => {
    const fresh = sessionStarted(29);
    expect(findStaffBySession(fresh.id)?.id).toBe(county.officer.id);
    const idle = sessionStarted(31);
    expect(findStaffBySession(idle.id)).toBeNull();
    expect(peekSessionExpiry(idle.id)).toBeNull();
    expect(endedReason(idle.id)).toBe("idle");
    // The limit is the admin's setting.
    setSetting("staffSession", { idleMinutes: 60, absoluteHours: 10 }, null);
    expect(findStaffBySession(idle.id)?.id).toBe(county.officer.id);
    setSetting("staffSession", { idleMinutes: 30, absoluteHours: 10 }, null);
  });

  it("ends a session at the absolute limit however active it was", () => {
    const s = sessionStarted(2 * 60 + 1, 2);
    db.update(staffSessions)
      .set({ lastSeenAt: new Date().toISOString() })
      .where(eq(staffSessions.idHash, s.hash))
      .run();
    expect(findStaffBySession(s.id)).toBeNull();
    expect(endedReason(s.id)).toBe("absolute");
    expect(endedReason("not-a-session")).toBe("ended");
  });

  it("writes last_seen_at at most once a minute", () => {
    const s = sessionStarted(10);
    const t0 = new Date();
    findStaffBySession(s.id, t0);
    expect(lastSeen(s.hash)).toBe(t0.toISOString());
    // Within the minute: no write.
    findStaffBySession(s.id, new Date(t0.getTime() + LAST_SEEN_WRITE_MS - 1000));
    expect(lastSeen(s.hash)).toBe(t0.toISOString());
    const t1 = new Date(t0.getTime() + LAST_SEEN_WRITE_MS);
    findStaffBySession(s.id, t1);
    expect(lastSeen(s.hash)).toBe(t1.toISOString());
  });

  it("a peek does not count as activity; extending does, up to the absolute limit and no further", () => {
    const s = sessionStarted(20);
    const before = lastSeen(s.hash);
    const peek = peekSessionExpiry(s.id);
    expect(lastSeen(s.hash)).toBe(before);
    expect(peek?.absolute).toBe(false);
    expect(Date.parse(peek?.endsAt ?? "")).toBe(Date.parse(before ?? "") + 30 * minute);

    const now = new Date();
    const extended = extendSession(s.id, now);
    expect(lastSeen(s.hash)).toBe(now.toISOString());
    expect(extended?.endsAt).toBe(new Date(now.getTime() + 30 * minute).toISOString());

    // 1 hour 50 minutes into a 2-hour session: staying active no longer helps.
    const late = sessionStarted(110, 2);
    db.update(staffSessions)
      .set({ lastSeenAt: new Date(now.getTime() - 5 * minute).toISOString() })
      .where(eq(staffSessions.idHash, late.hash))
      .run();
    const capped = extendSession(late.id, now);
    expect(capped?.absolute).toBe(true);
    expect(Date.parse(capped?.endsAt ?? "")).toBeLessThan(now.getTime() + 30 * minute);
    expect(capped?.endsAt).toBe(capped?.absoluteAt);
    // An ended session cannot be extended.
    expect(extendSession(sessionStarted(45).id, now)).toBeNull();
  });
});
