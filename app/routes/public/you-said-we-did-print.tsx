import { data } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { OutcomeIcon } from "~/components/ysdw/OutcomeIcon";
import { halfHeadings, translatedOutcomes } from "~/components/ysdw/present";
import { dirOf, isLang } from "~/i18n";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getEntry } from "~/models/you-said-we-did.server";
import { publicUrl } from "~/utils/mail.server";
import type { Route } from "./+types/you-said-we-did-print";
import "~/components/ysdw/ysdw.css";

/**
 * An entry to print and put up in a school, children's centre or group: an A5 card or an A4 poster, in one of the
 * languages the entry is published in. Its words are in the card's language whatever the site's language is.
 */
export async function loader({ params, request }: Route.LoaderArgs) {
  const format = params.format;
  if ((format !== "card" && format !== "poster") || !/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  const search = new URL(request.url).searchParams;
  const lang = search.get("lang") ?? "en";
  if (!isLang(lang)) throw data(null, { status: 404 });
  const parents = search.get("for") === "parents_carers";
  const entry = getEntry(Number(params.id), { lang, version: parents ? "parents" : "children" });
  // A card is printed only in a language the Board published it in: no half-English card on a wall.
  if (!entry || entry.fallback) throw data(null, { status: 404 });
  const t = getT(lang);
  const outcome =
    entry.outcomeKey && (translatedOutcomes as readonly string[]).includes(entry.outcomeKey)
      ? { text: t(`ysdw.outcomes.${entry.outcomeKey}`), lang: undefined }
      : { text: entry.outcomeTitle ?? t("ysdw.title"), lang: lang === "en" ? undefined : "en" };
  return {
    format,
    lang,
    forParam: parents ? "parents_carers" : "young_people",
    dir: dirOf(lang),
    id: entry.id,
    outcomeKey: entry.outcomeKey,
    outcome,
    youSaid: entry.youSaid,
    weDid: entry.weDid,
    checked: entry.checkedByYoungPeople,
    actions: entry.actions.map((a) => ({ id: a.id, description: a.description, lang: a.lang, status: a.status })),
    labels: {
      title: t("ysdw.title"),
      youSaid: t(halfHeadings(entry.version).said),
      weDid: t(halfHeadings(entry.version).did),
      actions: t("ysdw.actionsTitle"),
      checked: t("ysdw.checked"),
      more: t("cards.more"),
      status: Object.fromEntries(
        (["not_started", "in_progress", "done", "dropped"] as const).map((s) => [s, t(`ysdw.status.${s}`)]),
      ),
    },
    url: publicUrl(`/you-said-we-did/${entry.id}`),
  };
}

export default function PrintEntry({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const other = p.format === "card" ? "poster" : "card";
  return (
    <>
      <PageTitle
        title={t(p.format === "card" ? "cards.cardTitle" : "cards.posterTitle", { outcome: p.outcome.text })}
      />
      <div className="no-print ysdw-print-tools">
        <p>
          <a href={`/you-said-we-did/${p.id}`}>{t("cards.back")}</a>
        </p>
        <p>{t(p.format === "card" ? "cards.howCard" : "cards.howPoster")}</p>
        <p>
          <a href={`/you-said-we-did/${p.id}/${other}?lang=${p.lang}&for=${p.forParam}`}>
            {t(other === "card" ? "cards.otherCard" : "cards.otherPoster")}
          </a>
        </p>
      </div>
      <article className={`ysdw-print ${p.format}`} lang={p.lang} dir={p.dir} aria-labelledby="print-entry-title">
        <div className="ysdw-print-head">
          <OutcomeIcon outcomeKey={p.outcomeKey} size={96} />
          <div>
            <p className="ysdw-print-kicker">{p.labels.title}</p>
            <h1 id="print-entry-title" className="ysdw-print-title">
              <span lang={p.outcome.lang}>{p.outcome.text}</span>
            </h1>
          </div>
        </div>
        <h2 className="ysdw-print-label">{p.labels.youSaid}</h2>
        <p className="ysdw-print-words" dir="auto">
          {p.youSaid}
        </p>
        <h2 className="ysdw-print-label">{p.labels.weDid}</h2>
        <p className="ysdw-print-words" dir="auto">
          {p.weDid}
        </p>
        {/* Short form on both: how far it has got, then what (a card clamps each to two lines, the status first). */}
        {p.actions.length > 0 && (
          <>
            <h2 className="ysdw-print-label">{p.labels.actions}</h2>
            <ul className="ysdw-print-actions">
              {p.actions.map((a) => (
                <li key={a.id}>
                  <strong>{p.labels.status[a.status]}:</strong>{" "}
                  <span lang={a.lang === p.lang ? undefined : a.lang} dir="auto">
                    {a.description}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {p.checked && <p className="ysdw-print-checked">✓ {p.labels.checked}</p>}
        <p className="ysdw-print-more">
          {p.labels.more}{" "}
          <span dir="ltr" className="ysdw-print-url">
            {p.url}
          </span>
        </p>
      </article>
    </>
  );
}
