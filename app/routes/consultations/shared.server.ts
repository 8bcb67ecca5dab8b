import { data, redirect } from "react-router";
import { getT } from "~/i18n/i18n.server";
import { getConsultationBySlug, isAcceptingAnswers } from "~/models/consultations/participant-reads.server";
import type { ParticipantConsultation } from "~/models/consultations/types";
import { RateLimiter } from "~/utils/rate-limit.server";
import { readingLevel, readingLevelCookie, readReceipt } from "~/utils/receipt.server";

/** A consultation anyone may see: drafts stay invisible (404) to participants. */
export function loadPublicConsultation(slug: string): ParticipantConsultation {
  const consultation = getConsultationBySlug(slug);
  if (!consultation || consultation.status === "draft") throw data(null, { status: 404 });
  return consultation;
}

/** For pages that take answers: a closed consultation gets a clear page with status 410, never a 500. */
export function requireAcceptingAnswers(request: Request, consultation: ParticipantConsultation) {
  if (!isAcceptingAnswers(consultation)) {
    const t = getT(request);
    throw data({ message: t("consultation.closedBody") }, { status: 410, statusText: "Closed" });
  }
}

/**
 * "?read=easy" or "?read=standard" switches the reading level (kept in a cookie) and comes back to the
 * same page without the parameter, so the switch is a plain link that works with JavaScript off.
 */
export function handleReadingSwitch(request: Request) {
  const url = new URL(request.url);
  const read = url.searchParams.get("read");
  if (read === "easy" || read === "standard") {
    url.searchParams.delete("read");
    throw redirect(url.pathname + url.search, { headers: { "Set-Cookie": readingLevelCookie(read) } });
  }
  return readingLevel(request);
}

// A whole school may answer at once from one address, so limits are per receipt (one person's answers) and
// per consultation form; only people with no receipt yet share a generous limit per address.
const perReceipt = new RateLimiter(60, 60_000);
const perAddressWithoutReceipt = new RateLimiter(3000, 60_000);

/** Refuses answering faster than any person could (429), without ever turning away a class. */
export function limitAnswering(request: Request, consultationId: number, ip: string | undefined) {
  const receipt = readReceipt(request, consultationId);
  const ok = receipt
    ? perReceipt.hit(`${consultationId}|${receipt.hash}`)
    : perAddressWithoutReceipt.hit(`${consultationId}|${ip ?? "unknown"}`);
  if (!ok) {
    const t = getT(request);
    throw data({ message: t("error.tooMany.body") }, { status: 429, headers: { "Retry-After": "60" } });
  }
}
