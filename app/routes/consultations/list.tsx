import { redirect } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listOpenConsultations } from "~/models/consultations/participant-reads.server";
import { isProduction } from "~/utils/env.server";
import { readCookie, serializeCookie } from "~/utils/http";
import { langOf, localize } from "~/utils/localize";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/list";

const AUDIENCE = "sb_audience";

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const chosen = url.searchParams.get("audience");
  if (chosen === "young_people" || chosen === "parents_carers" || chosen === "all") {
    throw redirect("/consultations", {
      headers: { "Set-Cookie": serializeCookie(AUDIENCE, chosen, { maxAge: 365 * 24 * 3600, secure: isProduction }) },
    });
  }
  const saved = readCookie(request, AUDIENCE);
  const audience = saved === "young_people" || saved === "parents_carers" ? saved : null;
  const lang = getLang(request);
  const items = listOpenConsultations(audience ?? undefined).map((c) => {
    const title = localize(c, "title", lang);
    const summary = localize(c, "summary", lang);
    return {
      slug: c.slug,
      title: title.text,
      titleLang: langOf(title.fallback),
      summary: summary.text,
      summaryLang: langOf(summary.fallback),
      minutes: c.minutes,
      closesOn: formatDate(c.closesAt, lang),
    };
  });
  return { audience, chosen: saved ?? null, items };
}

export default function Consultations({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("list.title")} />
      <h1>{t("list.title")}</h1>
      {!p.chosen ? (
        <section className="panel" aria-labelledby="who-title">
          <h2 id="who-title" style={{ marginTop: 0 }}>
            {t("list.whoTitle")}
          </h2>
          <div className="button-row" style={{ marginTop: 0 }}>
            <a className="button" href="/consultations?audience=young_people">
              {t("list.iAmYoung")}
            </a>
            <a className="button" href="/consultations?audience=parents_carers">
              {t("list.iAmParent")}
            </a>
          </div>
        </section>
      ) : (
        <p>
          {p.audience ? t(`list.showingFor.${p.audience}`) : t("list.showingAll")}{" "}
          <a href="/consultations?audience=all">{t("list.changeWho")}</a>
        </p>
      )}
      {p.items.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="card-list">
          {p.items.map((c) => (
            <li key={c.slug} className="card">
              <h2>
                <a href={`/consultations/${c.slug}`} lang={c.titleLang} dir="auto">
                  {c.title}
                </a>
              </h2>
              <p lang={c.summaryLang} dir="auto">
                {c.summary}
              </p>
              <p className="meta">
                {t("consultation.minutes", { count: c.minutes })} · {t("consultation.closesOn", { date: c.closesOn })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
