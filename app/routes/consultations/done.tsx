import { redirect } from "react-router";
import { HelpPanel } from "~/components/HelpPanel";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { findResponseByReceipt, responseHasEscalation } from "~/models/consultations/receipts.server";
import { localize } from "~/utils/localize";
import { readReceipt } from "~/utils/receipt.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/done";
import { loadPublicConsultation } from "./shared.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const consultation = loadPublicConsultation(params.slug);
  const receipt = readReceipt(request, consultation.id);
  const response = receipt ? findResponseByReceipt(receipt.hash) : null;
  if (!response || response.consultationId !== consultation.id) throw redirect(`/consultations/${consultation.slug}`);
  const lang = getLang(request);
  return {
    slug: consultation.slug,
    title: localize(consultation, "title", lang).text,
    closesOn: formatDate(consultation.closesAt, lang),
    resultsBy: formatDate(consultation.resultsBy ?? consultation.closesAt, lang),
    needsHelp: responseHasEscalation(response.id),
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
      <p>{t("done.change", { date: p.closesOn })}</p>
      <div className="button-row">
        <a href={`/consultations/${p.slug}/question/1`} className="button secondary">
          {t("consultation.changeAnswers")}
        </a>
        <a href="/you-said-we-did" className="button secondary">
          {t("nav.youSaid")}
        </a>
      </div>
    </>
  );
}

/** First-strong isolates: the plain-text <bdi>, for a title that may be in another language inside a sentence. */
function isolate(text: string) {
  return `\u2068${text}\u2069`;
}
