import { hashReceipt, newReceipt } from "~/models/consultations/receipts.server";
import { isProduction } from "./env.server";
import { readCookie, serializeCookie } from "./http";

const cookieName = (consultationId: number) => `sb_receipt_${consultationId}`;
const sentName = (consultationId: number) => `sb_sent_${consultationId}`;
/**
 * Answers in progress stay with the browser for four hours after the last one saved: long enough for a lesson and a
 * break, short enough that the next person at a shared school computer does not find them the next day.
 */
const DRAFT_SECONDS = 4 * 3600;
/** After sending, the thank-you page (and adding the answers to a pass) works for half an hour; nothing else does. */
const SENT_SECONDS = 30 * 60;
const RECEIPT = /^[A-Za-z0-9_-]{20,64}$/;

/** The receipt for this consultation from its cookie, if the person has one. */
export function readReceipt(request: Request, consultationId: number) {
  const receipt = readCookie(request, cookieName(consultationId));
  if (!receipt || !RECEIPT.test(receipt)) return null;
  return { receipt, hash: hashReceipt(receipt) };
}

/** The answers just sent from this browser (the thank-you page's cookie), if they were sent in the last half hour. */
export function readSent(request: Request, consultationId: number) {
  const receipt = readCookie(request, sentName(consultationId));
  if (!receipt || !RECEIPT.test(receipt)) return null;
  return { receipt, hash: hashReceipt(receipt) };
}

/**
 * Set-Cookie headers for "Send my answers": the receipt is forgotten (the check and question pages start afresh for
 * the next person) and only the thank-you page's short-lived cookie is kept. It opens no answers: changing them after
 * sending needs the person's pass.
 */
export function sentCookies(consultationId: number, receipt: string) {
  return [
    serializeCookie(cookieName(consultationId), "", { maxAge: 0, secure: isProduction }),
    serializeCookie(sentName(consultationId), receipt, { maxAge: SENT_SECONDS, secure: isProduction }),
  ];
}

/**
 * The receipt, or a new one, with the Set-Cookie header that hands it to the browser: sent on every save, so the four
 * hours run from the last answer saved.
 */
export function ensureReceipt(request: Request, consultationId: number) {
  const receipt = readReceipt(request, consultationId)?.receipt ?? newReceipt();
  return {
    receipt,
    hash: hashReceipt(receipt),
    setCookie: serializeCookie(cookieName(consultationId), receipt, { maxAge: DRAFT_SECONDS, secure: isProduction }) as
      | string
      | null,
  };
}

/** The cookie that hands this browser a receipt for answers in progress (a pass holder changing sent answers). */
export function receiptCookie(consultationId: number, receipt: string) {
  return serializeCookie(cookieName(consultationId), receipt, { maxAge: DRAFT_SECONDS, secure: isProduction });
}

const READ = "sb_read";

export function readingLevel(request: Request): "easy" | "standard" {
  return readCookie(request, READ) === "easy" ? "easy" : "standard";
}

export function readingLevelCookie(level: "easy" | "standard") {
  return serializeCookie(READ, level, { maxAge: 365 * 24 * 3600, secure: isProduction });
}
