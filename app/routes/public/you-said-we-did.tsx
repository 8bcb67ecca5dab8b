import { redirect } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listYouSaidWeDid } from "~/models/you-said-we-did.server";
import { isProduction } from "~/utils/env.server";
import { readCookie, serializeCookie } from "~/utils/http";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/you-said-we-did";

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const forWho = url.searchParams.get("for");
  if (forWho === "young_people" || forWho === "parents_carers") {
    throw redirect("/you-said-we-did", {
      headers: {
        "Set-Cookie": serializeCookie("sb_audience", forWho, { maxAge: 365 * 24 * 3600, secure: isProduction }),
      },
    });
  }
  const parents = readCookie(request, "sb_audience") === "parents_carers";
  const lang = getLang(request);
  return {
    parents,
    entries: listYouSaidWeDid().map((e) => ({
      id: e.id,
      outcome: e.outcome,
      date: formatDate(e.publishedAt, lang),
      youSaid: parents ? e.youSaidParents : e.youSaid,
      weDid: parents ? e.weDidParents : e.weDid,
    })),
  };
}

export default function YouSaidWeDid({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("ysdw.title")} />
      <h1>{t("ysdw.title")}</h1>
      <p className="lead">{t("ysdw.lead")}</p>
      <p>
        {p.parents ? (
          <a href="/you-said-we-did?for=young_people">{t("ysdw.showYoung")}</a>
        ) : (
          <a href="/you-said-we-did?for=parents_carers">{t("ysdw.showParents")}</a>
        )}
      </p>
      {p.entries.length === 0 ? (
        <p>{t("ysdw.none")}</p>
      ) : (
        <ul className="card-list">
          {p.entries.map((e) => (
            <li key={e.id} className="card">
              <article aria-labelledby={`ysdw-${e.id}`}>
                <h2 id={`ysdw-${e.id}`} style={{ fontSize: "1.2rem" }}>
                  {e.outcome ?? t("ysdw.title")} <span className="meta">· {e.date}</span>
                </h2>
                <div className="ysdw">
                  <div className="ysdw-said">
                    <h3>{t("ysdw.youSaid")}</h3>
                    <p>{e.youSaid}</p>
                  </div>
                  <div className="ysdw-did">
                    <h3>{t("ysdw.weDid")}</h3>
                    <p>{e.weDid}</p>
                  </div>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
