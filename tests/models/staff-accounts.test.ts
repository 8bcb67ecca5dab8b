import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { setSetting } from "~/models/settings.server";
import { createStaffSession, findStaffBySession, hashPassword, verifyStaffCredentials } from "~/models/staff.server";
import {
  AccountError,
  acceptInvite,
  beginEnrolment,
  changeRole,
  confirmEnrolment,
  createPendingTwoFactorSession,
  disableStaff,
  enableStaff,
  findInvite,
  findPendingTwoFactor,
  getStaffAccount,
  INVITE_HOURS,
  inviteStaff,
  RECOVERY_CODE_COUNT,
  recoveryCodesLeft,
  resendInvite,
  resetTwoFactor,
  spendRecoveryCode,
  twoFactorRequired,
  twoFactorStatus,
  verifyTwoFactorCode,
} from "~/models/staff-accounts.server";
import { getDb } from "~db/client";
import { auditLog, staffSessions, staffUsers } from "~db/schema";

let n = 0;
const PASSWORD = "correct horse battery";

/** An active account with a real password, as an accepted invitation leaves it. */
async function person(role: string) {
  n += 1;
  return getDb()
    .insert(staffUsers)
    .values({ email: `p${n}-${role}@test`, name: `Person ${n}`, role, passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: staffUsers.id, email: staffUsers.email })
    .get();
}

const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp });

const secretOf = (id: number) =>
  getDb().select({ s: staffUsers.totpSecret }).from(staffUsers).where(eq(staffUsers.id, id)).get()?.s ?? "";

const actions = (subjectId: number) =>
  getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.subjectId, subjectId))
    .all()
    .map((r) => r.action);

/** Enrols someone at time `now`; returns their secret and recovery codes. */
function enrol(id: number, now: number) {
  const pending = beginEnrolment(id);
  const codes = confirmEnrolment(id, codeAt(pending, now), now);
  if (!codes) throw new Error("enrolment refused");
  return { secret: pending, codes };
}

describe("invitations", () => {
  it("a link sets the password once, and the account then signs in", async () => {
    const admin = await person("admin");
    const now = new Date("2026-11-20T10:00:00Z");
    const { id, token } = inviteStaff({ name: "Nia Newman", email: "Nia@Example.org", role: "officer" }, admin.id, now);
    expect(getStaffAccount(id)?.status).toBe("invited");
    expect(getStaffAccount(id)?.email).toBe("nia@example.org");
    // No usable password before the link is used.
    expect(await verifyStaffCredentials("nia@example.org", "!invited")).toBeNull();
    expect(findInvite(token, now)?.id).toBe(id);
    expect((await acceptInvite(token, "a long enough password", now))?.id).toBe(id);
    expect(getStaffAccount(id)?.status).toBe("active");
    expect((await verifyStaffCredentials("nia@example.org", "a long enough password"))?.id).toBe(id);
    // Used: the same link is dead.
    expect(findInvite(token, now)).toBeNull();
    expect(await acceptInvite(token, "another long password", now)).toBeNull();
    expect(actions(id)).toEqual(["staff_invited", "staff_invite_accepted"]);
  });

  it("a link expires after 72 hours, and a new one kills the old", async () => {
    const admin = await person("admin");
    const sent = new Date("2026-11-20T10:00:00Z");
    const { id, token } = inviteStaff(
      { name: "Late Larry", email: "larry@example.org", role: "board" },
      admin.id,
      sent,
    );
    const justBefore = new Date(sent.getTime() + INVITE_HOURS * 3600_000 - 1000);
    const justAfter = new Date(sent.getTime() + INVITE_HOURS * 3600_000 + 1000);
    expect(findInvite(token, justBefore)?.id).toBe(id);
    expect(findInvite(token, justAfter)).toBeNull();
    expect(await acceptInvite(token, "a long enough password", justAfter)).toBeNull();
    const again = resendInvite(id, admin.id, sent);
    expect(findInvite(token, sent)).toBeNull();
    expect(findInvite(again.token, sent)?.id).toBe(id);
  });

  it("refuses an email that already has an account, and a link of a disabled account", async () => {
    const admin = await person("admin");
    const taken = await person("officer");
    expect(() => inviteStaff({ name: "Twin", email: taken.email, role: "officer" }, admin.id)).toThrow(
      new AccountError("email_taken"),
    );
    const { id, token } = inviteStaff({ name: "Gone Gail", email: "gail@example.org", role: "officer" }, admin.id);
    disableStaff(id, admin.id);
    expect(findInvite(token)).toBeNull();
  });
});

describe("roles and disabling", () => {
  it("the last active admin can be neither demoted nor disabled, and nobody disables themselves", async () => {
    // Every other admin in this file's database is disabled first, so this one is the last.
    const admin = await person("admin");
    const others = getDb()
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(staffUsers.role, "admin"))
      .all()
      .filter((r) => r.id !== admin.id);
    for (const o of others) disableStaff(o.id, admin.id);
    const officer = await person("officer");
    expect(() => changeRole(admin.id, "officer", officer.id)).toThrow(new AccountError("last_admin"));
    expect(() => disableStaff(admin.id, officer.id)).toThrow(new AccountError("last_admin"));
    expect(() => disableStaff(officer.id, officer.id)).toThrow(new AccountError("self_disable"));
    // With a second admin, the first may be demoted.
    changeRole(officer.id, "admin", admin.id);
    changeRole(admin.id, "officer", officer.id);
    expect(getStaffAccount(admin.id)?.role).toBe("officer");
    expect(actions(admin.id)).toContain("staff_role_changed");
    expect(() => changeRole(officer.id, "superuser", officer.id)).toThrow(new AccountError("invalid_role"));
  });

  it("a disabled account cannot sign in and its sessions end at once; re-enabled, it can", async () => {
    const admin = await person("admin");
    const officer = await person("officer");
    const session = createStaffSession(officer.id, 8);
    expect(findStaffBySession(session)?.id).toBe(officer.id);
    disableStaff(officer.id, admin.id);
    expect(findStaffBySession(session)).toBeNull();
    expect(getDb().select().from(staffSessions).where(eq(staffSessions.staffId, officer.id)).all()).toHaveLength(0);
    expect(await verifyStaffCredentials(officer.email, PASSWORD)).toBeNull();
    expect(getStaffAccount(officer.id)?.status).toBe("disabled");
    enableStaff(officer.id, admin.id);
    expect((await verifyStaffCredentials(officer.email, PASSWORD))?.id).toBe(officer.id);
    expect(actions(officer.id)).toEqual(["staff_disabled", "staff_enabled"]);
  });
});

describe("two-factor sign-in", () => {
  it("a pending session (password right, code still due) opens nothing", async () => {
    const lead = await person("safeguarding");
    const pending = createPendingTwoFactorSession(lead.id);
    expect(findStaffBySession(pending)).toBeNull();
    expect(findPendingTwoFactor(pending)?.id).toBe(lead.id);
    // And a full session is never taken for a pending one.
    expect(findPendingTwoFactor(createStaffSession(lead.id, 8))).toBeNull();
  });

  it("accepts a code from one step either side, and never the same step twice", async () => {
    const lead = await person("safeguarding");
    const t0 = Date.UTC(2026, 10, 20, 10, 0, 0);
    const { secret } = enrol(lead.id, t0);
    // The enrolment code's step is spent already.
    expect(verifyTwoFactorCode(lead.id, codeAt(secret, t0), t0)).toBe(false);
    const t1 = t0 + 30_000;
    expect(verifyTwoFactorCode(lead.id, codeAt(secret, t1), t1)).toBe(true);
    expect(verifyTwoFactorCode(lead.id, codeAt(secret, t1), t1)).toBe(false);
    // The next step's code is accepted a step early (a clock running fast)…
    expect(verifyTwoFactorCode(lead.id, codeAt(secret, t1 + 30_000), t1)).toBe(true);
    // …and an older step is refused even inside the window.
    expect(verifyTwoFactorCode(lead.id, codeAt(secret, t1), t1 + 30_000)).toBe(false);
    // Two steps away is outside the window.
    expect(verifyTwoFactorCode(lead.id, codeAt(secret, t1 + 120_000), t1)).toBe(false);
    expect(verifyTwoFactorCode(lead.id, "12345", t1)).toBe(false);
  });

  it("recovery codes work once each, and the count left goes down", async () => {
    const lead = await person("safeguarding");
    const { codes } = enrol(lead.id, Date.now());
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    expect(recoveryCodesLeft(lead.id)).toBe(10);
    // Typed in capitals without the dash still counts.
    expect(spendRecoveryCode(lead.id, codes[0].replace("-", "").toUpperCase())).toBe(true);
    expect(spendRecoveryCode(lead.id, codes[0])).toBe(false);
    expect(recoveryCodesLeft(lead.id)).toBe(9);
    expect(spendRecoveryCode(lead.id, "aaaaa-bbbbb")).toBe(false);
    expect(actions(lead.id)).toEqual(["two_factor_enrolled", "recovery_code_used"]);
  });

  it("a wrong enrolment code turns nothing on; an admin's reset clears it all and ends the sessions", async () => {
    const admin = await person("admin");
    const lead = await person("safeguarding");
    const t0 = Date.now();
    const pending = beginEnrolment(lead.id);
    expect(confirmEnrolment(lead.id, codeAt(pending, t0 + 300_000), t0)).toBeNull();
    expect(twoFactorStatus(lead.id).enrolled).toBe(false);
    enrol(lead.id, t0);
    expect(secretOf(lead.id)).toBe(pending);
    const session = createStaffSession(lead.id, 8);
    resetTwoFactor(lead.id, admin.id);
    expect(twoFactorStatus(lead.id)).toEqual({ enrolled: false, enabledAt: null, enrolling: false, codesLeft: 0 });
    expect(findStaffBySession(session)).toBeNull();
    expect(actions(lead.id)).toContain("two_factor_reset");
  });

  it("the safeguarding lead and admins always need it; other roles when an admin says so", async () => {
    const admin = await person("admin");
    expect(["officer", "safeguarding", "board", "partnership", "admin"].map(twoFactorRequired)).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
    setSetting("twoFactorAllRoles", true, admin.id);
    expect(twoFactorRequired("board")).toBe(true);
    setSetting("twoFactorAllRoles", false, admin.id);
  });
});
