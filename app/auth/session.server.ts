import { redirect } from "react-router";
import { endedReason } from "~/models/session-timeout.server";
import { getSetting } from "~/models/settings.server";
import {
  createStaffSession,
  destroyStaffSession,
  findStaffBySession,
  recordAudit,
  type StaffUser,
} from "~/models/staff.server";
import { isProduction } from "~/utils/env.server";
import { readCookie, serializeCookie } from "~/utils/http";
import { can, type Permission } from "./roles";

const COOKIE = "sb_staff";

export function getStaff(request: Request): StaffUser | null {
  const id = readCookie(request, COOKIE);
  if (!id) return null;
  return findStaffBySession(id);
}

/** Starts a session and returns the Set-Cookie header for it; its absolute limit is the admin's setting. */
export function startStaffSession(staffId: number) {
  const hours = getSetting("staffSession").absoluteHours;
  const id = createStaffSession(staffId, hours);
  return serializeCookie(COOKIE, id, { maxAge: Math.round(hours * 3600), secure: isProduction });
}

export function endStaffSession(request: Request) {
  const id = readCookie(request, COOKIE);
  if (id) destroyStaffSession(id);
  return serializeCookie(COOKIE, "", { maxAge: 0, secure: isProduction });
}

/** Signed-in staff, or a redirect to the sign-in page that comes back here afterwards. */
export function requireStaff(request: Request): StaffUser {
  const staff = getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    throw redirect(`/staff/sign-in?next=${encodeURIComponent(url.pathname + url.search)}${signedOutParams(request)}`);
  }
  return staff;
}

/** Signed-in staff whose role carries one of the permissions; otherwise 403. */
export function requirePermission(request: Request, ...anyOf: [Permission, ...Permission[]]): StaffUser {
  const staff = requireStaff(request);
  if (!anyOf.some((permission) => can(staff.role, permission))) {
    // The path only: a query string could carry words someone typed.
    recordAudit(staff.id, "access_refused", "staff", staff.id, {
      permission: anyOf.join(" "),
      path: new URL(request.url).pathname.slice(0, 200),
    });
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return staff;
}

/** The session id this browser holds, valid or not (the timeout warning reads its expiry without touching it). */
export function staffSessionId(request: Request) {
  return readCookie(request, COOKIE);
}

/**
 * Why the sign-in page is shown when the browser still holds a session cookie: it timed out (idle or absolute), or
 * ended; and whether a form was being sent (without JavaScript its values cannot be kept: they are not stored).
 */
function signedOutParams(request: Request) {
  const id = readCookie(request, COOKIE);
  if (!id) return "";
  const reason = endedReason(id);
  return `&ended=${reason}${request.method === "POST" ? "&sent=1" : ""}`;
}
