import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { OutcomeIcon } from "./OutcomeIcon";
import { halfHeadings, type ShownEntry, translatedOutcomes } from "./present";

/** The outcome in children's words, in the page's language where the locale files have it. */
export function useOutcomeTitle() {
  const { t, lang } = useTranslation();
  return (e: Pick<ShownEntry, "outcomeKey" | "outcomeTitle">) => {
    if (e.outcomeKey && (translatedOutcomes as readonly string[]).includes(e.outcomeKey))
      return { text: t(`ysdw.outcomes.${e.outcomeKey}`), lang: undefined };
    if (e.outcomeTitle) return { text: e.outcomeTitle, lang: lang === "en" ? undefined : "en" };
    return { text: t("ysdw.noOutcome"), lang: undefined };
  };
}

/**
 * One "you said, we did": the outcome, the two halves, what is being done and how far it has got, who checked it and
 * what was corrected. `heading` is the level of the entry's own heading; `children` goes at the end (links, forms).
 */
export function EntryArticle({
  entry: e,
  heading,
  titleLink,
  marker,
  children,
}: {
  entry: ShownEntry;
  heading: 2 | 3;
  titleLink?: string;
  marker?: ReactNode;
  children?: ReactNode;
}) {
  const { t, lang: pageLang } = useTranslation();
  const outcome = useOutcomeTitle()(e);
  const H = heading === 2 ? "h2" : "h3";
  const Sub = heading === 2 ? "h3" : "h4";
  const wordsLang = e.lang !== pageLang ? e.lang : undefined;
  const titleId = `ysdw-${e.id}-title`;
  const halves = halfHeadings(e.version);
  return (
    <article className="ysdw-entry" aria-labelledby={titleId}>
      <div className="ysdw-entry-head">
        <OutcomeIcon outcomeKey={e.outcomeKey} />
        <div>
          <H id={titleId} className="ysdw-entry-title">
            {titleLink ? (
              <a href={titleLink} lang={outcome.lang}>
                {outcome.text}
              </a>
            ) : (
              <span lang={outcome.lang}>{outcome.text}</span>
            )}
          </H>
          <p className="meta">
            {marker}
            {t("ysdw.published", { date: e.publishedOn })}
          </p>
        </div>
      </div>
      <div className="ysdw">
        <div className="ysdw-said">
          <Sub>{t(halves.said)}</Sub>
          <p lang={wordsLang} dir="auto">
            {e.youSaid}
          </p>
        </div>
        <div className="ysdw-did">
          <Sub>{t(halves.did)}</Sub>
          <p lang={wordsLang} dir="auto">
            {e.weDid}
          </p>
        </div>
      </div>
      {e.checked && (
        <p className="ysdw-checked">
          <span aria-hidden="true">✓ </span>
          {t("ysdw.checked")}
        </p>
      )}
      {e.actions.length > 0 && (
        <>
          <Sub>{t("ysdw.actionsTitle")}</Sub>
          {e.actions.some((a) => a.lang !== pageLang) && (
            <p className="hint">
              {t(e.actions.every((a) => a.lang !== pageLang) ? "ysdw.actionsInEnglish" : "ysdw.actionsSomeInEnglish")}
            </p>
          )}
          <ul className="ysdw-actions">
            {e.actions.map((a) => (
              <li key={a.id} className={`ysdw-action status-${a.status}`}>
                <p className="ysdw-action-what" lang={a.lang === pageLang ? undefined : a.lang} dir="auto">
                  {a.description}
                </p>
                <p className="ysdw-action-meta">
                  <span className={`tag status-${a.status}`}>{t(`ysdw.status.${a.status}`)}</span>{" "}
                  <span lang={pageLang === "en" ? undefined : "en"} dir="auto">
                    {t("ysdw.leadBy", { agency: a.leadAgency })}
                  </span>{" "}
                  · {t("ysdw.due", { date: a.dueOn })}
                </p>
                {a.status === "dropped" && a.droppedReason && (
                  <p className="ysdw-action-why">
                    {t("ysdw.droppedWhy")}{" "}
                    <span lang={pageLang === "en" ? undefined : "en"} dir="auto">
                      {a.droppedReason}
                    </span>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.corrections.length > 0 && (
        <div className="ysdw-corrections">
          {e.corrections.map((c) => (
            <div key={`${c.on}-${c.field}-${c.after}`} className="ysdw-correction">
              <p>
                <strong>{t("ysdw.corrected", { date: c.on })}</strong>
              </p>
              <p>
                {t("ysdw.correctedWas")}{" "}
                <del lang={wordsLang} dir="auto">
                  {c.before}
                </del>
              </p>
              <p>
                {t("ysdw.correctedNow")}{" "}
                <ins lang={wordsLang} dir="auto">
                  {c.after}
                </ins>
              </p>
              {c.note && (
                <p className="meta" lang={pageLang === "en" ? undefined : "en"} dir="auto">
                  {c.note}
                </p>
              )}
            </div>
          ))}
        </div>
      )}
      {children}
    </article>
  );
}
