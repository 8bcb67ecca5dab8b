// The pass holder's session in this browser: an httpOnly, SameSite=Lax cookie (Secure in production) carrying a
// random id whose hash is stored, never the pass id.
import { parse as parseCookie } from "cookie";
import { redirect } from "react-router";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { isProduction } from "~/utils/env.server";
import { readCookie, serializeCookie } from "~/utils/http";
import {
  createPassSession,
  destroyPassSession,
  findPassBySession,
  PASS_SESSION_DAYS,
  type Pass,
} from "./passes.server";

const COOKIE = "sb_pass";

export function getPass(request: Request): Pass | null {
  const id = readCookie(request, COOKIE);
  if (!id || id.length > 100) return null;
  return findPassBySession(id);
}

/** The signed-in pass holder, or a redirect to "Sign in with your pass". */
export function requirePass(request: Request): Pass {
  const pass = getPass(request);
  if (!pass) throw redirect("/pass/sign-in");
  return pass;
}

/** Starts a session and returns the Set-Cookie header for it. */
export function startPassSession(passId: number) {
  const id = createPassSession(passId);
  return serializeCookie(COOKIE, id, { maxAge: PASS_SESSION_DAYS * 86400, secure: isProduction });
}

export function endPassSession(request: Request) {
  const id = readCookie(request, COOKIE);
  if (id) destroyPassSession(id);
  return clearPassCookie();
}

export function clearPassCookie() {
  return serializeCookie(COOKIE, "", { maxAge: 0, secure: isProduction });
}

/**
 * The hashes of every consultation receipt this browser holds, in progress or just sent (app/utils/receipt.server.ts
 * names the cookies).
 */
export function receiptHashesOf(request: Request) {
  const header = request.headers.get("cookie");
  if (!header) return [];
  return Object.entries(parseCookie(header))
    .filter(([name, value]) => /^sb_(?:receipt|sent)_\d+$/.test(name) && value && /^[A-Za-z0-9_-]{20,64}$/.test(value))
    .map(([, value]) => hashReceipt(value as string));
}

/** Set-Cookie headers that make this browser forget its receipts for these consultations. */
export function forgetReceipts(consultationIds: number[]) {
  return consultationIds.flatMap((id) =>
    ["receipt", "sent"].map((kind) => serializeCookie(`sb_${kind}_${id}`, "", { maxAge: 0, secure: isProduction })),
  );
}
