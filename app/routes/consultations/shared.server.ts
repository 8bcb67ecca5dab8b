import { data, redirect } from "react-router";
import { getT } from "~/i18n/i18n.server";
import { getConsultationBySlug, isAcceptingAnswers, type ParticipantConsultation } from "~/models/consultations.server";
import { readingLevel, readingLevelCookie } from "~/utils/receipt.server";

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
