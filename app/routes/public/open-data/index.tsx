import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import { openConsultations } from "~/models/open-data.server";

export async function loader() {
  return { consultations: openConsultations().map((c) => ({ slug: c.slug, title: c.title })) };
}

const files = [
  { key: "consultations", json: "/open-data/consultations.json", csv: "/open-data/consultations.csv" },
  { key: "ysdw", json: "/open-data/you-said-we-did.json", csv: "/open-data/you-said-we-did.csv" },
] as const;

export default function OpenData({ loaderData: p }: { loaderData: Awaited<ReturnType<typeof loader>> }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("openData.title")} />
      <h1>{t("openData.title")}</h1>
      <p className="lead">{t("openData.lead")}</p>
      <p>{t("openData.licence")}</p>
      <p>{t("openData.updated")}</p>
      <h2>{t("openData.suppressionTitle")}</h2>
      <p>{t("openData.suppression")}</p>
      {files.map((f) => (
        <section key={f.key} aria-labelledby={`od-${f.key}`}>
          <h2 id={`od-${f.key}`}>{t(`openData.${f.key}Title`)}</h2>
          <p>{t(`openData.${f.key}Body`)}</p>
          <p>{t(`openData.${f.key}Fields`)}</p>
          <ul>
            <li>
              <a href={f.json}>{t(`openData.${f.key}Title`)} (JSON)</a>
            </li>
            <li>
              <a href={f.csv}>{t(`openData.${f.key}Title`)} (CSV)</a>
            </li>
          </ul>
        </section>
      ))}
      <section aria-labelledby="od-results">
        <h2 id="od-results">{t("openData.resultsTitle")}</h2>
        <p>{t("openData.resultsBody")}</p>
        <p>{t("openData.resultsFields")}</p>
        {p.consultations.length === 0 ? (
          <p>{t("openData.none")}</p>
        ) : (
          <ul>
            {p.consultations.map((c) => (
              <li key={c.slug}>
                <bdi>{c.title}</bdi>: <a href={`/open-data/consultations/${c.slug}/results.json`}>JSON</a>,{" "}
                <a href={`/open-data/consultations/${c.slug}/results.csv`}>CSV</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
