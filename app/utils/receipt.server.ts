import { hashReceipt, newReceipt } from "~/models/consultations/receipts.server";
import { isProduction } from "./env.server";
import { readCookie, serializeCookie } from "./http";

const cookieName = (consultationId: number) => `sb_receipt_${consultationId}`;
const NINETY_DAYS = 90 * 24 * 3600;

/** The receipt for this consultation from its cookie, if the person has one. */
export function readReceipt(request: Request, consultationId: number) {
  const receipt = readCookie(request, cookieName(consultationId));
  if (!receipt || !/^[A-Za-z0-9_-]{20,64}$/.test(receipt)) return null;
  return { receipt, hash: hashReceipt(receipt) };
}

/** The receipt, or a new one with the Set-Cookie header that hands it to the browser. */
export function ensureReceipt(request: Request, consultationId: number) {
  const existing = readReceipt(request, consultationId);
  if (existing) return { ...existing, setCookie: null as string | null };
  const receipt = newReceipt();
  return {
    receipt,
    hash: hashReceipt(receipt),
    setCookie: serializeCookie(cookieName(consultationId), receipt, { maxAge: NINETY_DAYS, secure: isProduction }),
  };
}

const READ = "sb_read";

export function readingLevel(request: Request): "easy" | "standard" {
  return readCookie(request, READ) === "easy" ? "easy" : "standard";
}

export function readingLevelCookie(level: "easy" | "standard") {
  return serializeCookie(READ, level, { maxAge: 365 * 24 * 3600, secure: isProduction });
}
