// Email to a pass holder, only where a parent or carer (or someone 16 or over) added an address on their pass. The
// in-app inbox is the record; an email only says that there is something to read there. It never carries anyone's
// words (not the question, not the answer), nor the nickname: an inbox read over someone's shoulder gives nothing
// away, and signing in still needs the pass's secret words.
import { eq } from "drizzle-orm";
import { isLang, type Lang } from "~/i18n";
import { getT } from "~/i18n/i18n.server";
import { mailConfigured, publicUrl, sendMail } from "~/utils/mail.server";
import { getDb } from "~db/client";
import { passes } from "~db/schema";

export type PassNotice = "answered" | "sessionSummary";

/**
 * Sends the notice to the pass's email, in the language given. Resolves false when there is no address, no SMTP, or
 * the server refused it; never throws, so an answer is never lost because a mail server is down.
 */
export async function emailPassHolder(passId: number, notice: PassNotice, lang: string) {
  if (!mailConfigured()) return false;
  let email: string | null | undefined;
  try {
    email = getDb().select({ email: passes.email }).from(passes).where(eq(passes.id, passId)).get()?.email;
  } catch (error) {
    console.error("Pass email not sent:", error);
    return false;
  }
  if (!email) return false;
  const t = getT((isLang(lang) ? lang : "en") as Lang);
  return sendMail({
    to: [email],
    subject: t(`pass.notify.${notice}.subject`),
    text: [
      t("pass.notify.greeting"),
      "",
      t(`pass.notify.${notice}.body`),
      "",
      t("pass.notify.signIn"),
      publicUrl("/pass/sign-in"),
      "",
      t("pass.notify.noWords"),
      t("pass.notify.stop"),
      publicUrl("/pass/email"),
    ].join("\n"),
  });
}
