import { Form, redirect } from "react-router";
import { HelpPanel } from "~/components/HelpPanel";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { findResponseByReceipt, responseHasEscalation } from "~/models/consultations/receipts.server";
import { isResponseLinked } from "~/models/passes/holder.server";
import { getPass } from "~/models/passes/session.server";
import { localize } from "~/utils/localize";
import { readSent } from "~/utils/receipt.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/done";
import { loadPublicConsultation } from "./shared.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const consultation = loadPublicConsultation(params.slug);
  // Only the short-lived cookie "Send my answers" left: it shows this page, never the answers.
  const receipt = readSent(request, consultation.id);
  const response = receipt ? findResponseByReceipt(receipt.hash) : null;
  if (!response || response.consultationId !== consultation.id) throw redirect(`/consultations/${consultation.slug}`);
  const lang = getLang(request);
  return {
    slug: consultation.slug,
    title: localize(consultation, "title", lang).text,
    resultsBy: formatDate(consultation.resultsBy ?? consultation.closesAt, lang),
    needsHelp: responseHasEscalation(response.id),
    consultationId: consultation.id,
    pass: getPass(request) ? { linked: isResponseLinked(response.id) } : null,
  };
}

export default function Done({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("done.title")} />
      <div className="panel confirm">
        <h1>{t("done.title")}</h1>
        <p style={{ margin: "0.5rem 0 0" }}>{t("done.sentTo", { title: isolate(p.title) })}</p>
      </div>
      {p.needsHelp && <HelpPanel />}
      <h2>{t("done.nextTitle")}</h2>
      <ol>
        <li>{t("done.next1")}</li>
        <li>{t("done.next2", { date: p.resultsBy })}</li>
        <li>{t("done.next3")}</li>
      </ol>
      <p>{t("done.private")}</p>
      <PassOffer consultationId={p.consultationId} pass={p.pass} />
      <div className="button-row">
        <a href="/you-said-we-did" className="button secondary">
          {t("nav.youSaid")}
        </a>
      </div>
    </>
  );
}

/** "Want to hear what happens? Get a pass", or, for a pass holder, a button that puts these answers on it. */
function PassOffer({ consultationId, pass }: { consultationId: number; pass: { linked: boolean } | null }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="pass-offer-title">
      <h2 id="pass-offer-title" style={{ marginTop: 0 }}>
        {t("pass.offer.title")}
      </h2>
      {!pass ? (
        <>
          <p>{t("pass.offer.body")}</p>
          <div className="button-row">
            <a href="/pass/new" className="button">
              {t("pass.landing.get")}
            </a>
            <a href="/pass/sign-in" className="button secondary">
              {t("pass.offer.signIn")}
            </a>
          </div>
        </>
      ) : pass.linked ? (
        <p>
          {t("pass.offer.linked")} <a href="/pass">{t("pass.home.title")}</a>
        </p>
      ) : (
        <Form method="post" action="/pass/link">
          <p>{t("pass.offer.add")}</p>
          <input type="hidden" name="consultation" value={consultationId} />
          <button type="submit" className="button">
            {t("pass.offer.addButton")}
          </button>
        </Form>
      )}
    </section>
  );
}

/** First-strong isolates: the plain-text <bdi>, for a title that may be in another language inside a sentence. */
function isolate(text: string) {
  return `\u2068${text}\u2069`;
}
