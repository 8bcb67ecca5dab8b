import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listOpenConsultations } from "~/models/consultations/participant-reads.server";
import { listEntries } from "~/models/you-said-we-did.server";
import { langOf, localize } from "~/utils/localize";
import type { Route } from "./+types/home";

export async function loader({ request }: Route.LoaderArgs) {
  const lang = getLang(request);
  const open = listOpenConsultations()
    .slice(0, 3)
    .map((c) => {
      const title = localize(c, "title", lang);
      return { slug: c.slug, title: title.text, titleLang: langOf(title.fallback), minutes: c.minutes };
    });
  // The newest entry, in the reader's language where it was translated.
  const latest = listEntries({}, { lang, version: "children", limit: 1 })[0] ?? null;
  return {
    open,
    latest: latest && {
      id: latest.id,
      youSaid: latest.youSaid,
      weDid: latest.weDid,
      lang: latest.lang === lang ? undefined : latest.lang,
    },
  };
}

export default function Home({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("home.title")} />
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <h2>{t("home.openTitle")}</h2>
      {p.open.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="card-list">
          {p.open.map((c) => (
            <li key={c.slug} className="card">
              <h3 style={{ margin: 0 }}>
                <a href={`/consultations/${c.slug}`} lang={c.titleLang} dir="auto">
                  {c.title}
                </a>
              </h3>
              <p className="meta" style={{ margin: "0.3rem 0 0" }}>
                {t("consultation.minutes", { count: c.minutes })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p style={{ marginTop: "1rem" }}>
        <a href="/consultations" className="button">
          {t("home.seeAll")}
        </a>
      </p>
      {p.latest && (
        <>
          <h2>{t("nav.youSaid")}</h2>
          <div className="ysdw">
            <div className="ysdw-said">
              <h3>{t("ysdw.youSaid")}</h3>
              <p lang={p.latest.lang} dir="auto">
                {p.latest.youSaid}
              </p>
            </div>
            <div className="ysdw-did">
              <h3>{t("ysdw.weDid")}</h3>
              <p lang={p.latest.lang} dir="auto">
                {p.latest.weDid}
              </p>
            </div>
          </div>
          <p style={{ marginTop: "1rem" }}>
            <a href="/you-said-we-did">{t("home.moreYsdw")}</a>
          </p>
        </>
      )}
      <h2>{t("home.howTitle")}</h2>
      <ol>
        <li>{t("home.how1")}</li>
        <li>{t("home.how2")}</li>
        <li>{t("home.how3")}</li>
        <li>{t("home.how4")}</li>
      </ol>
    </>
  );
}
