import { BarChart, type BarRow } from "~/components/BarChart";
import { FallbackNotice } from "~/components/FallbackNotice";
import { PageTitle } from "~/components/PageTitle";
import { ReadingSwitch } from "~/components/ReadingSwitch";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { effectiveStatus } from "~/models/consultations/participant-reads.server";
import type { ConsultationResults } from "~/models/results.server";
import { langOf, localize } from "~/utils/localize";
import { liveResults } from "~/utils/off-loop.server";
import { protectCounts, type Shown, SUPPRESS_BELOW } from "~/utils/suppression";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/start";
import { handleReadingSwitch, loadPublicConsultation } from "./shared.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const level = handleReadingSwitch(request);
  const consultation = loadPublicConsultation(params.slug);
  const lang = getLang(request);
  const title = localize(consultation, "title", lang);
  const summary = localize(consultation, "summary", lang, level === "easy");
  const status = effectiveStatus(consultation);
  const t = getT(lang);
  let results: {
    people: number;
    questions: {
      id: number;
      prompt: string;
      promptLang?: string;
      rows: BarRow[];
      hidden: { key: string; label: string; shown: Shown }[] | null;
    }[];
  } | null = null;
  if (status === "closed" || status === "reported") {
    const r: ConsultationResults = await liveResults(consultation.id, "none", lang);
    // Only faces and choices, and only when enough people answered that no one can be singled out.
    if (r.people >= SUPPRESS_BELOW) {
      results = {
        people: r.people,
        questions: r.questions
          .filter((q) => q.kind === "scale" || q.kind === "single" || q.kind === "multiple")
          .map((q) => {
            const source = consultation.questions.find((x) => x.id === q.id);
            const prompt = source ? localize(source, "prompt", lang) : null;
            return {
              id: q.id,
              prompt: prompt ? prompt.text : q.prompt,
              promptLang: prompt ? langOf(prompt.fallback) : undefined,
              rows: q.rows.map((row) => {
                const option = source?.options.find((o) => String(o.id) === row.key);
                // Faces are named in the page's language, whatever language the figures were first worked out in.
                return {
                  key: row.key,
                  label:
                    q.kind === "scale"
                      ? t(`scale.${row.key}`)
                      : option
                        ? localize(option, "label", lang).text
                        : row.label,
                  value: row.total,
                };
              }),
            };
          })
          // A public page is outside an officer's own results: answers given by 1 to 4 people are not shown, and
          // the numbers are dropped here, on the server, so they are not in the page's data either.
          .map((q) => {
            const cells = protectCounts(q.rows.map((r) => r.value));
            if (cells.every((c) => typeof c === "number")) return { ...q, hidden: null };
            return {
              ...q,
              rows: [],
              hidden: q.rows.map((r, i) => ({ key: r.key, label: r.label, shown: cells[i] })),
            };
          }),
      };
    }
  }
  return {
    results,
    slug: consultation.slug,
    title: title.text,
    titleLang: langOf(title.fallback),
    summary: summary.text,
    summaryLang: langOf(summary.fallback),
    fallback: title.fallback || summary.fallback,
    level,
    easyAvailable: Boolean(consultation.easySummary || consultation.translations[lang]?.easySummary),
    status,
    closesOn: formatDate(consultation.closesAt, lang),
    resultsBy: formatDate(consultation.resultsBy, lang),
    minutes: consultation.minutes,
    questionCount: consultation.questions.length,
  };
}

export default function StartPage({ loaderData: c }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={c.title} />
      <a href="/consultations" className="back-link">
        {t("consultation.allConsultations")}
      </a>
      <h1 dir="auto" lang={c.titleLang}>
        {c.title}
      </h1>
      <ReadingSwitch level={c.level} available={c.easyAvailable} />
      <FallbackNotice show={c.fallback} />
      <p className="lead" dir="auto" lang={c.summaryLang}>
        {c.summary}
      </p>
      {c.status === "open" ? (
        <>
          <ul className="meta">
            <li>{t("consultation.minutes", { count: c.minutes })}</li>
            <li>{t("consultation.questionCount", { count: c.questionCount })}</li>
            <li>{t("consultation.closesOn", { date: c.closesOn })}</li>
          </ul>
          <div className="panel">
            <h2 style={{ marginTop: 0 }}>{t("consultation.beforeYouStart")}</h2>
            <p>{t("consultation.noName")}</p>
            <p>{t("consultation.skipOptional")}</p>
            <p>
              <a href="/privacy">{t("consultation.privacyLink")}</a>
            </p>
          </div>
          <p>
            <a href={`/consultations/${c.slug}/question/1`} className="button">
              {t("consultation.start")}
            </a>
          </p>
        </>
      ) : (
        <div className="notice">
          <h2 style={{ marginTop: 0 }}>{t("consultation.closedTitle")}</h2>
          <p>{t("consultation.closedBody")}</p>
          {c.status === "reported" ? (
            <p>
              <a href="/you-said-we-did">{t("consultation.seeWhatHappened")}</a>
            </p>
          ) : (
            c.resultsBy && <p>{t("consultation.resultsBy", { date: c.resultsBy })}</p>
          )}
        </div>
      )}
      {c.results && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t("consultation.resultsTitle", { count: c.results.people })}</h2>
          {c.results.questions.map((q) => (
            <div key={q.id}>
              <h3 dir="auto" lang={q.promptLang}>
                {q.prompt}
              </h3>
              <BarChart
                caption={q.prompt}
                rows={
                  q.hidden
                    ? q.hidden.map((r) => ({
                        key: r.key,
                        label: r.label,
                        value: typeof r.shown === "number" ? r.shown : 0,
                        shown:
                          r.shown === "fewer"
                            ? t("common.fewerThan", { n: SUPPRESS_BELOW })
                            : r.shown === "withheld"
                              ? t("common.withheld")
                              : undefined,
                      }))
                    : q.rows
                }
                valueLabel={t("consultation.resultsPeople")}
              />
              {q.hidden && (
                <p className="hint">{t("common.suppressionNote", { n: SUPPRESS_BELOW, max: SUPPRESS_BELOW - 1 })}</p>
              )}
            </div>
          ))}
        </section>
      )}
    </>
  );
}
