import { data, Form } from "react-router";
import { FallbackNotice } from "~/components/FallbackNotice";
import { PageTitle } from "~/components/PageTitle";
import { EntryArticle, useOutcomeTitle } from "~/components/ysdw/EntryArticle";
import { presentEntry } from "~/components/ysdw/present";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { entryFilterOptions, listEntries } from "~/models/you-said-we-did.server";
import { isProduction } from "~/utils/env.server";
import { readCookie, serializeCookie } from "~/utils/http";
import type { Route } from "./+types/you-said-we-did";
import "~/components/ysdw/ysdw.css";

const AUDIENCE = "sb_audience";

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const lang = getLang(request);
  const forParam = url.searchParams.get("for");
  // The choice is remembered like the consultations list's, so the next visit opens in the same words.
  const chosen = forParam === "young_people" || forParam === "parents_carers" ? forParam : null;
  const parents = (chosen ?? readCookie(request, AUDIENCE)) === "parents_carers";
  const options = entryFilterOptions();
  // A topic or place that no entry has is ignored, never an error, as on /questions.
  const outcome = options.outcomes.find((o) => String(o.id) === url.searchParams.get("outcome")) ?? null;
  const locality = options.localities.find((l) => String(l.id) === url.searchParams.get("locality")) ?? null;
  const entries = listEntries(
    { outcomeId: outcome?.id, localityId: locality?.id },
    { lang, version: parents ? "parents" : "children" },
  ).map((e) => presentEntry(e, lang));
  const body = {
    parents,
    outcome: outcome ? String(outcome.id) : "",
    locality: locality ? String(locality.id) : "",
    outcomes: options.outcomes.map((o) => ({ id: o.id, outcomeKey: o.key, outcomeTitle: o.title })),
    localities: options.localities,
    entries,
  };
  return chosen
    ? data(body, {
        headers: {
          "Set-Cookie": serializeCookie(AUDIENCE, chosen, { maxAge: 365 * 24 * 3600, secure: isProduction }),
        },
      })
    : body;
}

export default function YouSaidWeDid({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const outcomeTitle = useOutcomeTitle();
  const filtered = Boolean(p.outcome || p.locality);
  // The quick switch keeps the topic and place chosen.
  const switchParams = new URLSearchParams();
  if (p.outcome) switchParams.set("outcome", p.outcome);
  if (p.locality) switchParams.set("locality", p.locality);
  switchParams.set("for", p.parents ? "young_people" : "parents_carers");
  const switchHref = `/you-said-we-did?${switchParams}`;
  return (
    <>
      <PageTitle title={t("ysdw.title")} />
      <h1>{t("ysdw.title")}</h1>
      <p className="lead">{t("ysdw.lead")}</p>
      <p>
        <a href={switchHref}>{p.parents ? t("ysdw.showYoung") : t("ysdw.showParents")}</a>
      </p>
      <Form method="get" className="filter-bar ysdw-filter" role="search" aria-label={t("ysdw.filterTitle")}>
        <div className="field">
          <label className="label" htmlFor="outcome">
            {t("ysdw.outcomeLabel")}
          </label>
          <select id="outcome" name="outcome" defaultValue={p.outcome}>
            <option value="">{t("ysdw.anyOutcome")}</option>
            {p.outcomes.map((o) => {
              const title = outcomeTitle(o);
              return (
                <option key={o.id} value={o.id} lang={title.lang}>
                  {title.text}
                </option>
              );
            })}
          </select>
        </div>
        <div className="field">
          <label className="label" htmlFor="locality">
            {t("ysdw.localityLabel")}
          </label>
          <select id="locality" name="locality" defaultValue={p.locality}>
            <option value="">{t("ysdw.anyLocality")}</option>
            {p.localities.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="label" htmlFor="for">
            {t("ysdw.forLabel")}
          </label>
          <select id="for" name="for" defaultValue={p.parents ? "parents_carers" : "young_people"}>
            <option value="young_people">{t("ysdw.forYoung")}</option>
            <option value="parents_carers">{t("ysdw.forParents")}</option>
          </select>
        </div>
        <button type="submit" className="button secondary">
          {t("ysdw.show")}
        </button>
      </Form>
      <FallbackNotice show={p.entries.some((e) => e.fallback)} />
      {p.entries.length === 0 ? (
        <p>{filtered ? t("ysdw.noneFiltered") : t("ysdw.none")}</p>
      ) : (
        <ul className="plain-list ysdw-list">
          {p.entries.map((e) => (
            <li key={e.id} className="card">
              <EntryArticle entry={e} heading={2} titleLink={`/you-said-we-did/${e.id}`} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
