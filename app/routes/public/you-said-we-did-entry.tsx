import { data, redirect } from "react-router";
import { FallbackNotice } from "~/components/FallbackNotice";
import { PageTitle } from "~/components/PageTitle";
import { EntryArticle, useOutcomeTitle } from "~/components/ysdw/EntryArticle";
import { presentEntry } from "~/components/ysdw/present";
import { languageNames } from "~/i18n";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPass, requirePass } from "~/models/passes/session.server";
import { entryContributorLangs, getEntry, markEntryRead } from "~/models/you-said-we-did.server";
import { readCookie } from "~/utils/http";
import type { Route } from "./+types/you-said-we-did-entry";
import "~/components/ysdw/ysdw.css";

function entryId(param: string) {
  if (!/^\d{1,9}$/.test(param)) throw data(null, { status: 404 });
  return Number(param);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const id = entryId(params.id);
  const lang = getLang(request);
  const forParam = new URL(request.url).searchParams.get("for");
  const pass = getPass(request);
  const parents =
    forParam === "parents_carers" ||
    (forParam !== "young_people" && (pass ? pass.isParent : readCookie(request, "sb_audience") === "parents_carers"));
  const entry = getEntry(id, { lang, version: parents ? "parents" : "children" });
  if (!entry) throw data(null, { status: 404 });
  // Opening the entry is reading it: on the holder's pass it is no longer new. Nothing is recorded for anyone else.
  if (pass) markEntryRead(pass.id, id);
  return {
    entry: presentEntry(entry, lang),
    parents,
    printLangs: entryContributorLangs(id),
  };
}

/** "I have read this" on the pass page, for a holder who does not want to open every entry. */
export async function action({ request, params }: Route.ActionArgs) {
  const pass = requirePass(request);
  const id = entryId(params.id);
  markEntryRead(pass.id, id);
  return redirect("/pass#ysdw-title");
}

export default function Entry({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const outcome = useOutcomeTitle()(p.entry);
  const e = p.entry;
  const version = p.parents ? "parents_carers" : "young_people";
  return (
    <>
      <PageTitle title={`${outcome.text}: ${t("ysdw.title")}`} />
      <p>
        <a href="/you-said-we-did">{t("ysdw.backToList")}</a>
      </p>
      <h1>{t("ysdw.title")}</h1>
      <FallbackNotice show={e.fallback} />
      <p>
        {p.parents ? (
          <a href={`/you-said-we-did/${e.id}?for=young_people`}>{t("ysdw.showYoung")}</a>
        ) : (
          <a href={`/you-said-we-did/${e.id}?for=parents_carers`}>{t("ysdw.showParents")}</a>
        )}
      </p>
      <div className="card">
        <EntryArticle entry={e} heading={2} />
      </div>
      <section className="ysdw-print-links" aria-labelledby="print-title">
        <h2 id="print-title">{t("ysdw.printTitle")}</h2>
        <p>{t("ysdw.printLead")}</p>
        <ul className="action-links">
          {p.printLangs.map((l) => (
            <li key={l} className="ysdw-print-lang">
              <a href={`/you-said-we-did/${e.id}/card?lang=${l}&for=${version}`}>
                {t("ysdw.printCard")} <bdi lang={l}>({languageNames[l]})</bdi>
              </a>
              <a href={`/you-said-we-did/${e.id}/poster?lang=${l}&for=${version}`}>
                {t("ysdw.printPoster")} <bdi lang={l}>({languageNames[l]})</bdi>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
