import { describe, expect, it } from "vitest";
import { isTrustedDevice, rememberDevice } from "~/models/staff.server";
import { Backoff } from "~/utils/rate-limit.server";
import { makeCounty } from "../support/factories";

// Issue 12: sign-in throttling that cannot be turned against the real user.

describe("growing delays, never a lock", () => {
  it("lets the first tries through, then doubles the wait up to the cap, and forgets after the window", () => {
    const b = new Backoff(5, 2000, 60_000, 15 * 60_000);
    const t0 = 1_000_000;
    const waits = Array.from({ length: 9 }, (_, i) => b.fail("a@x", t0 + i));
    expect(waits).toEqual([0, 0, 0, 0, 2000, 4000, 8000, 16_000, 32_000]);
    expect(b.fail("a@x", t0 + 10)).toBe(60_000);
    expect(b.fail("a@x", t0 + 11)).toBe(60_000);
    expect(b.waitMs("a@x", t0 + 11)).toBe(60_000);
    expect(b.waitMs("a@x", t0 + 11 + 60_000)).toBe(0);
    // Another key is untouched.
    expect(b.waitMs("b@x", t0 + 11)).toBe(0);
    // Fifteen quiet minutes and it starts again.
    expect(b.fail("a@x", t0 + 11 + 15 * 60_000 + 1)).toBe(0);
  });

  it("starts again after a success", () => {
    const b = new Backoff(2, 1000, 10_000, 60_000);
    b.fail("k", 0);
    expect(b.fail("k", 1)).toBe(1000);
    b.reset("k");
    expect(b.waitMs("k", 2)).toBe(0);
    expect(b.fail("k", 3)).toBe(0);
  });
});

describe("device cookies", () => {
  const county = makeCounty();
  it("trusts a browser only for the account that signed in from it", () => {
    const token = rememberDevice(county.officer.id, undefined);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(isTrustedDevice(county.officer.email, token)).toBe(true);
    expect(isTrustedDevice(` ${county.officer.email.toUpperCase()} `, token)).toBe(true);
    expect(isTrustedDevice(county.boardMember.email, token)).toBe(false);
    expect(isTrustedDevice(county.officer.email, "made-up-token-aaaaaaaaaaaaaaaa")).toBe(false);
    expect(isTrustedDevice(county.officer.email, "%")).toBe(false);
  });

  it("keeps the token on the next sign-in, and gives another account's browser a token of its own", () => {
    const token = rememberDevice(county.officer.id, undefined);
    expect(rememberDevice(county.officer.id, token)).toBe(token);
    const boards = rememberDevice(county.boardMember.id, token);
    expect(boards).not.toBe(token);
    expect(isTrustedDevice(county.boardMember.email, boards)).toBe(true);
    expect(isTrustedDevice(county.officer.email, token)).toBe(true);
  });
});
