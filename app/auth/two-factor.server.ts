import { data, redirect } from "react-router";
import { getT } from "~/i18n/i18n.server";
import { recordAudit } from "~/models/staff.server";
import {
  beginEnrolment,
  createPendingTwoFactorSession,
  endPendingTwoFactor,
  findPendingTwoFactor,
  type PendingStaff,
} from "~/models/staff-accounts.server";
import { env, isProduction } from "~/utils/env.server";
import { readCookie, safeBack, serializeCookie } from "~/utils/http";
import { Backoff } from "~/utils/rate-limit.server";
import { startStaffSession } from "./session.server";

/** The cookie of a session that has passed the password and waits for the code; it opens only the code steps. */
const PENDING_COOKIE = "sb_staff_2fa";

// Wrong codes slow down like wrong passwords: per account, since whoever is here already knows its password.
const perAccount = new Backoff(env.SIGNIN_MAX_FAILURES, 2000, 60_000, env.SIGNIN_WINDOW_MS);

/** After a right password: a pending session and the step that comes next (the code, or enrolment first). */
export function startTwoFactorStep(staffId: number, enrolled: boolean, next: string, headers = new Headers()) {
  if (!enrolled) beginEnrolment(staffId);
  const id = createPendingTwoFactorSession(staffId);
  const step = enrolled ? "/staff/sign-in/code" : "/staff/sign-in/enrol";
  headers.append(
    "Set-Cookie",
    serializeCookie(PENDING_COOKIE, id, { maxAge: 10 * 60, secure: isProduction, path: "/staff" }),
  );
  return redirect(`${step}?next=${encodeURIComponent(next)}`, { headers });
}

/** The person part-way through signing in, or back to the password step. */
export function requirePendingTwoFactor(request: Request): PendingStaff & { sessionId: string } {
  const id = readCookie(request, PENDING_COOKIE);
  const staff = id ? findPendingTwoFactor(id) : null;
  if (!id || !staff) throw redirect(`/staff/sign-in${nextQuery(request)}`);
  return { ...staff, sessionId: id };
}

export function nextOf(request: Request) {
  return safeBack(new URL(request.url).searchParams.get("next"), "/staff");
}

function nextQuery(request: Request) {
  const next = new URL(request.url).searchParams.get("next");
  return next ? `?next=${encodeURIComponent(safeBack(next, "/staff"))}` : "";
}

/** A 429 while this account's wrong codes are still being paid for. */
export function throwIfCodeThrottled(request: Request, staffId: number) {
  const wait = perAccount.waitMs(String(staffId));
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  throw data(
    { message: getT(request)("signIn.error.tooMany", { seconds }) },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

export function codeFailed(staffId: number, step: "code" | "recovery" | "enrol") {
  perAccount.fail(String(staffId));
  recordAudit(staffId, "two_factor_failed", "staff", staffId, { step });
}

/** The code step is passed: the pending session ends and a full one (a new id) begins. */
export function finishSignIn(pending: { id: number; sessionId: string }, method: string) {
  perAccount.reset(String(pending.id));
  endPendingTwoFactor(pending.sessionId);
  recordAudit(pending.id, "sign_in", "staff", pending.id, { twoFactor: method });
  const headers = new Headers();
  headers.append("Set-Cookie", startStaffSession(pending.id));
  headers.append(
    "Set-Cookie",
    serializeCookie(PENDING_COOKIE, "", { maxAge: 0, secure: isProduction, path: "/staff" }),
  );
  return headers;
}
