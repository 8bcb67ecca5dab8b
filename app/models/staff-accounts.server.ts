// Staff accounts (invitations, roles, disabling) and two-factor sign-in (TOTP with one-time recovery codes).
import crypto from "node:crypto";
import { and, asc, count, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { type Role, roles } from "~/auth/roles";
import { getSetting, setSetting } from "~/models/settings.server";
import { hashPassword, recordAudit } from "~/models/staff.server";
import { demoMode } from "~/utils/env.server";
import { publicUrl, sendMail } from "~/utils/mail.server";
import { getDb } from "~db/client";
import { staffInvites, staffRecoveryCodes, staffSessions, staffUsers } from "~db/schema";
import { DEMO_TOTP_SECRET } from "~db/seed/demo-two-factor";

export const INVITE_HOURS = 72;
export const PENDING_MINUTES = 10;
export const RECOVERY_CODE_COUNT = 10;
export const PASSWORD_MIN = 12;
/** Stored as the password hash of an invited account until the person sets one: it verifies against nothing. */
const NO_PASSWORD = "!invited";
const ISSUER = "Sounding Board";

export class AccountError extends Error {
  constructor(
    readonly code:
      | "not_found"
      | "email_taken"
      | "last_admin"
      | "self_disable"
      | "invalid_role"
      | "not_invited"
      | "role_requires",
  ) {
    super(code);
  }
}

function sha256(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** The safeguarding lead and admins always need two-factor; every role does when an admin says so. */
export function twoFactorRequired(role: string) {
  return role === "safeguarding" || role === "admin" || getSetting("twoFactorAllRoles");
}

export function setTwoFactorAllRoles(on: boolean, byId: number) {
  setSetting("twoFactorAllRoles", on, byId);
  recordAudit(byId, "setting_two_factor_all_roles", "setting", undefined, { on });
}

// ---- pending sessions: the password was right, the code is still due ----

export type PendingStaff = {
  id: number;
  email: string;
  name: string;
  role: string;
  enrolled: boolean;
  pendingSecret: string | null;
};

/** A short session that opens nothing but the code or enrolment step (findStaffBySession ignores it). */
export function createPendingTwoFactorSession(staffId: number) {
  const id = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  getDb()
    .insert(staffSessions)
    .values({
      idHash: sha256(id),
      staffId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000).toISOString(),
      pendingTwoFactor: true,
    })
    .run();
  return id;
}

export function findPendingTwoFactor(sessionId: string): PendingStaff | null {
  const row = getDb()
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      secret: staffUsers.totpSecret,
      pendingSecret: staffUsers.totpPendingSecret,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.idHash, sha256(sessionId)),
        eq(staffSessions.pendingTwoFactor, true),
        gt(staffSessions.expiresAt, new Date().toISOString()),
        eq(staffUsers.active, true),
      ),
    )
    .get();
  if (!row) return null;
  const { secret, ...rest } = row;
  return { ...rest, enrolled: Boolean(secret) };
}

export function endPendingTwoFactor(sessionId: string) {
  getDb()
    .delete(staffSessions)
    .where(and(eq(staffSessions.idHash, sha256(sessionId)), eq(staffSessions.pendingTwoFactor, true)))
    .run();
}

// ---- TOTP ----

function totpFor(secret: string, label = "") {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** Makes (or keeps) the secret shown while someone enrols. Called from a POST, never a loader. */
export function beginEnrolment(staffId: number) {
  const db = getDb();
  const row = db
    .select({ pending: staffUsers.totpPendingSecret })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .get();
  if (row?.pending) return row.pending;
  const secret = new Secret({ size: 20 }).base32;
  db.update(staffUsers).set({ totpPendingSecret: secret }).where(eq(staffUsers.id, staffId)).run();
  return secret;
}

/** What the enrolment page shows: the QR code (an SVG string made here, no outside request) and the secret as text. */
export async function enrolmentView(staffId: number) {
  const row = getDb()
    .select({ email: staffUsers.email, pending: staffUsers.totpPendingSecret })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .get();
  if (!row?.pending) return null;
  const uri = totpFor(row.pending, row.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  // Groups of four are easier to type into an app by hand.
  return { svg, secret: row.pending.replace(/(.{4})/g, "$1 ").trim() };
}

/** The time step a code belongs to (±1 step for clock drift), or null. */
function stepOf(secret: string, code: string, now: number) {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/**
 * Checks a code against the person's secret. A step once accepted is never accepted again (RFC 6238 §5.2), written in
 * the same statement that checks it, so two requests with one code cannot both pass. The published demo secret is
 * exempt in demo mode: anyone can make its codes, so refusing a replay would protect nothing and only slow the demo.
 */
export function verifyTwoFactorCode(staffId: number, code: string, now = Date.now()) {
  const db = getDb();
  const row = db.select({ secret: staffUsers.totpSecret }).from(staffUsers).where(eq(staffUsers.id, staffId)).get();
  if (!row?.secret) return false;
  const step = stepOf(row.secret, code, now);
  if (step === null) return false;
  if (demoMode && row.secret === DEMO_TOTP_SECRET) {
    db.update(staffUsers).set({ totpLastStep: step }).where(eq(staffUsers.id, staffId)).run();
    return true;
  }
  const updated = db
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, staffId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .run();
  return updated.changes === 1;
}

function newRecoveryCodes() {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.randomBytes(10);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

function normaliseRecoveryCode(code: string) {
  const c = code.trim().toLowerCase().replace(/[\s-]/g, "");
  return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
}

function replaceRecoveryCodes(staffId: number, at: string) {
  const codes = newRecoveryCodes();
  const db = getDb();
  db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId)).run();
  db.insert(staffRecoveryCodes)
    .values(codes.map((c) => ({ staffId, codeHash: sha256(c), createdAt: at })))
    .run();
  return codes;
}

/** Turns two-factor on when the code matches the secret being enrolled. Returns the new recovery codes, or null. */
export function confirmEnrolment(staffId: number, code: string, now = Date.now()) {
  const db = getDb();
  const row = db
    .select({ pending: staffUsers.totpPendingSecret })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .get();
  if (!row?.pending) return null;
  const step = stepOf(row.pending, code, now);
  if (step === null) return null;
  const at = new Date(now).toISOString();
  return db.transaction(() => {
    db.update(staffUsers)
      .set({ totpSecret: row.pending, totpPendingSecret: null, totpEnabledAt: at, totpLastStep: step })
      .where(eq(staffUsers.id, staffId))
      .run();
    const codes = replaceRecoveryCodes(staffId, at);
    recordAudit(staffId, "two_factor_enrolled", "staff", staffId);
    return codes;
  });
}

/** Spends one recovery code. */
export function spendRecoveryCode(staffId: number, code: string) {
  const db = getDb();
  const spent = db
    .update(staffRecoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, staffId),
        eq(staffRecoveryCodes.codeHash, sha256(normaliseRecoveryCode(code))),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .run();
  if (spent.changes !== 1) return false;
  recordAudit(staffId, "recovery_code_used", "staff", staffId, { left: recoveryCodesLeft(staffId) });
  return true;
}

export function recoveryCodesLeft(staffId: number) {
  return (
    getDb()
      .select({ n: count() })
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)))
      .get()?.n ?? 0
  );
}

export function regenerateRecoveryCodes(staffId: number) {
  return getDb().transaction(() => {
    const codes = replaceRecoveryCodes(staffId, new Date().toISOString());
    recordAudit(staffId, "recovery_codes_renewed", "staff", staffId);
    return codes;
  });
}

export function twoFactorStatus(staffId: number) {
  const row = getDb()
    .select({
      enabledAt: staffUsers.totpEnabledAt,
      secret: staffUsers.totpSecret,
      pending: staffUsers.totpPendingSecret,
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .get();
  return {
    enrolled: Boolean(row?.secret),
    enabledAt: row?.enabledAt ?? null,
    enrolling: Boolean(row?.pending) && !row?.secret,
    codesLeft: recoveryCodesLeft(staffId),
  };
}

function clearTwoFactor(staffId: number) {
  const db = getDb();
  db.update(staffUsers)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(staffUsers.id, staffId))
    .run();
  db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId)).run();
}

/** The person turns their own two-factor off; refused when their role needs it. */
export function turnOffTwoFactor(staffId: number, role: string) {
  if (twoFactorRequired(role)) throw new AccountError("role_requires");
  getDb().transaction(() => {
    clearTwoFactor(staffId);
    recordAudit(staffId, "two_factor_turned_off", "staff", staffId);
  });
}

function endAllSessions(staffId: number) {
  getDb().delete(staffSessions).where(eq(staffSessions.staffId, staffId)).run();
}

/** An admin clears someone's two-factor (a lost phone): their sessions end and their next sign-in enrols again. */
export function resetTwoFactor(targetId: number, byId: number) {
  getDb().transaction(() => {
    requireAccount(targetId);
    clearTwoFactor(targetId);
    endAllSessions(targetId);
    recordAudit(byId, "two_factor_reset", "staff", targetId);
  });
}

// ---- accounts ----

export type AccountStatus = "active" | "invited" | "disabled";

function statusOf(r: { active: boolean; disabledAt: string | null; passwordHash: string }): AccountStatus {
  if (r.disabledAt) return "disabled";
  return r.active && r.passwordHash !== NO_PASSWORD ? "active" : "invited";
}

const accountColumns = {
  id: staffUsers.id,
  name: staffUsers.name,
  email: staffUsers.email,
  role: staffUsers.role,
  active: staffUsers.active,
  disabledAt: staffUsers.disabledAt,
  passwordHash: staffUsers.passwordHash,
  totpSecret: staffUsers.totpSecret,
};

function toAccount({ passwordHash, totpSecret, active, ...r }: AccountRow) {
  return { ...r, status: statusOf({ active, disabledAt: r.disabledAt, passwordHash }), twoFactor: Boolean(totpSecret) };
}
type AccountRow = {
  id: number;
  name: string;
  email: string;
  role: string;
  active: boolean;
  disabledAt: string | null;
  passwordHash: string;
  totpSecret: string | null;
};

export function listStaffAccounts() {
  return getDb()
    .select(accountColumns)
    .from(staffUsers)
    .orderBy(asc(staffUsers.name), asc(staffUsers.id))
    .all()
    .map(toAccount);
}

export function getStaffAccount(id: number) {
  const row = getDb().select(accountColumns).from(staffUsers).where(eq(staffUsers.id, id)).get();
  return row ? toAccount(row) : null;
}

function requireAccount(id: number) {
  const account = getStaffAccount(id);
  if (!account) throw new AccountError("not_found");
  return account;
}

function otherActiveAdmins(exceptId: number) {
  return (
    getDb()
      .select({ n: count() })
      .from(staffUsers)
      .where(
        and(
          eq(staffUsers.role, "admin"),
          eq(staffUsers.active, true),
          isNull(staffUsers.disabledAt),
          ne(staffUsers.passwordHash, NO_PASSWORD),
          ne(staffUsers.id, exceptId),
        ),
      )
      .get()?.n ?? 0
  );
}

function newInvite(staffId: number, byId: number, now: Date) {
  const db = getDb();
  // A new link makes every earlier one dead.
  db.delete(staffInvites)
    .where(and(eq(staffInvites.staffId, staffId), isNull(staffInvites.usedAt)))
    .run();
  const token = crypto.randomBytes(32).toString("base64url");
  db.insert(staffInvites)
    .values({
      tokenHash: sha256(token),
      staffId,
      createdBy: byId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_HOURS * 3600_000).toISOString(),
    })
    .run();
  return token;
}

/** A new account with no usable password, and the token of its one-time link (only its hash is kept). */
export function inviteStaff(input: { name: string; email: string; role: Role }, byId: number, now = new Date()) {
  if (!roles.includes(input.role)) throw new AccountError("invalid_role");
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  return db.transaction(() => {
    const taken = db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email)).get();
    if (taken) throw new AccountError("email_taken");
    const { id } = db
      .insert(staffUsers)
      .values({
        name: input.name.trim(),
        email,
        role: input.role,
        passwordHash: NO_PASSWORD,
        active: false,
        invitedBy: byId,
      })
      .returning({ id: staffUsers.id })
      .get();
    const token = newInvite(id, byId, now);
    recordAudit(byId, "staff_invited", "staff", id, { role: input.role });
    return { id, token };
  });
}

/** A fresh link for someone who has not set a password yet. */
export function resendInvite(staffId: number, byId: number, now = new Date()) {
  const db = getDb();
  return db.transaction(() => {
    const account = requireAccount(staffId);
    if (account.status !== "invited") throw new AccountError("not_invited");
    const token = newInvite(staffId, byId, now);
    recordAudit(byId, "staff_invite_resent", "staff", staffId);
    return { token, email: account.email, name: account.name };
  });
}

/** The person a live invitation link is for, or null (unknown, used, expired, or the account disabled since). */
export function findInvite(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = getDb()
    .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffUsers.role })
    .from(staffInvites)
    .innerJoin(staffUsers, eq(staffUsers.id, staffInvites.staffId))
    .where(
      and(
        eq(staffInvites.tokenHash, sha256(token)),
        isNull(staffInvites.usedAt),
        gt(staffInvites.expiresAt, now.toISOString()),
        isNull(staffUsers.disabledAt),
      ),
    )
    .get();
  return row ?? null;
}

/** Sets the password through a live link, once; the account becomes active. */
export async function acceptInvite(token: string, password: string, now = new Date()) {
  if (!findInvite(token, now)) return null;
  const passwordHash = await hashPassword(password);
  const db = getDb();
  return db.transaction(() => {
    const invite = findInvite(token, now);
    if (!invite) return null;
    db.update(staffInvites)
      .set({ usedAt: now.toISOString() })
      .where(eq(staffInvites.tokenHash, sha256(token)))
      .run();
    db.update(staffUsers).set({ passwordHash, active: true }).where(eq(staffUsers.id, invite.id)).run();
    recordAudit(invite.id, "staff_invite_accepted", "staff", invite.id);
    return invite;
  });
}

export function changeRole(targetId: number, role: string, byId: number) {
  if (!(roles as readonly string[]).includes(role)) throw new AccountError("invalid_role");
  const db = getDb();
  db.transaction(() => {
    const account = requireAccount(targetId);
    if (account.role === role) return;
    if (account.role === "admin" && account.status === "active" && otherActiveAdmins(targetId) === 0)
      throw new AccountError("last_admin");
    db.update(staffUsers).set({ role }).where(eq(staffUsers.id, targetId)).run();
    recordAudit(byId, "staff_role_changed", "staff", targetId, { from: account.role, to: role });
  });
}

/** Disabled at once: every session of theirs ends and they cannot sign in until re-enabled. */
export function disableStaff(targetId: number, byId: number) {
  if (targetId === byId) throw new AccountError("self_disable");
  const db = getDb();
  db.transaction(() => {
    const account = requireAccount(targetId);
    if (account.status === "disabled") return;
    if (account.role === "admin" && account.status === "active" && otherActiveAdmins(targetId) === 0)
      throw new AccountError("last_admin");
    db.update(staffUsers)
      .set({ active: false, disabledAt: new Date().toISOString() })
      .where(eq(staffUsers.id, targetId))
      .run();
    db.delete(staffInvites)
      .where(and(eq(staffInvites.staffId, targetId), isNull(staffInvites.usedAt)))
      .run();
    endAllSessions(targetId);
    recordAudit(byId, "staff_disabled", "staff", targetId);
  });
}

export function enableStaff(targetId: number, byId: number) {
  const db = getDb();
  db.transaction(() => {
    const account = requireAccount(targetId);
    if (account.status !== "disabled") return;
    db.update(staffUsers)
      .set({ active: sql`${staffUsers.passwordHash} != ${NO_PASSWORD}`, disabledAt: null })
      .where(eq(staffUsers.id, targetId))
      .run();
    recordAudit(byId, "staff_enabled", "staff", targetId);
  });
}

/** The one-time link, by email only: the admin never sees it, so no one else can set the person's password. */
export function sendInviteEmail(to: { name: string; email: string; token: string }, invitedBy: string) {
  return sendMail({
    to: [to.email],
    subject: "Sounding Board: set your password",
    text: [
      `Hello ${to.name},`,
      "",
      `${invitedBy} has made you a Sounding Board staff account. Set your password here:`,
      publicUrl(`/staff/invite/${to.token}`),
      "",
      `The link works once, for ${INVITE_HOURS} hours. If it has run out, ask an administrator for a new one.`,
      "If you were not expecting this, you can ignore this email.",
    ].join("\n"),
  });
}
