// A staff form sent without JavaScript after the session ended (app/auth/kept-form.server.ts): kept only when the
// session really ended, never its secret fields, shown once, only to the same person on the same page.
import { describe, expect, it } from "vitest";
import { keepSignedOutForm, takeKeptForm } from "~/auth/kept-form.server";
import { createStaffSession } from "~/models/staff.server";
import { getDb } from "~db/client";
import { staffSessions } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const body = new URLSearchParams([
  ["title", "Skate park lights"],
  ["summary", "Tell us when the park feels dark"],
  ["password", "never kept"],
  ["code", "123456"],
  ["intent", "save"],
  ["empty", ""],
  ["postcode", "OX1 1AA"],
]).toString();

function idleSession(staffId: number) {
  const id = createStaffSession(staffId, 10);
  // idle for 31 minutes: past the default limit of 30
  getDb()
    .update(staffSessions)
    .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000).toISOString() })
    .run();
  return id;
}

describe("a form kept after the session ended", () => {
  it("is not kept while the session is good: the request goes on as usual", () => {
    const id = createStaffSession(county.officer.id, 10);
    expect(keepSignedOutForm(id, "/staff/consultations/new", body)).toBeNull();
  });

  it("keeps the fields (empty ones too) but never a password or code, and gives them once to the same person on the same page", () => {
    const id = idleSession(county.officer.id);
    const kept = keepSignedOutForm(id, "/staff/consultations/new", body);
    expect(kept?.reason).toBe("idle");
    const token = kept?.token ?? null;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // another person signing in on that browser, or another page: nothing
    expect(takeKeptForm(token, county.boardMember.id, "/staff/consultations/new")).toBeNull();
    expect(takeKeptForm(token, county.officer.id, "/staff/moderation")).toBeNull();
    expect(takeKeptForm(token, county.officer.id, "/staff/consultations/new")).toEqual({
      path: "/staff/consultations/new",
      fields: [
        ["title", "Skate park lights"],
        ["summary", "Tell us when the park feels dark"],
        ["intent", "save"],
        ["empty", ""],
        ["postcode", "OX1 1AA"],
      ],
    });
    expect(takeKeptForm(token, county.officer.id, "/staff/consultations/new")).toBeNull();
  });

  it("is forgotten after an hour", () => {
    const id = idleSession(county.officer.id);
    const kept = keepSignedOutForm(id, "/staff/consultations/new", body);
    const later = Date.now() + 61 * 60_000;
    expect(takeKeptForm(kept?.token ?? null, county.officer.id, "/staff/consultations/new", later)).toBeNull();
  });

  it("keeps nothing for a session that is gone (an account disabled, signed out elsewhere) or a form with no words", () => {
    expect(keepSignedOutForm("no-such-session", "/staff/consultations/new", body)).toEqual({
      reason: "ended",
      token: null,
    });
    const id = idleSession(county.officer.id);
    expect(keepSignedOutForm(id, "/staff/consultations/new", "password=x&empty=")?.token).toBeNull();
  });
});
