import { TableScroll } from "~/components/ui/TableScroll";
import { useTranslation } from "~/i18n/react";
import type { ProtectedCount, ReachRow, SummaryContent } from "~/models/summaries/types";
import { formatDate, formatPeriod } from "~/utils/time";
import { ChartFigure } from "./ChartFigure";
import { gapWords } from "./words";

/**
 * A summary as the Board reads it, from its SummaryContent (live while a draft, frozen once sent): heading block, purpose,
 * key messages, recommendations, who we heard from with its gaps, what they said per outcome, exceptions with their
 * rule, paired voices, charts (SVG, table and one sentence each) and quotes. Headings start at `level`.
 */
export function SummaryView({ content: c, level = 2 }: { content: SummaryContent; level?: 2 | 3 }) {
  const { t, lang } = useTranslation();
  const H = level === 2 ? "h2" : "h3";
  const H2 = level === 2 ? "h3" : "h4";
  const count = (n: ProtectedCount) => (n === null ? t("common.withheld") : n.toLocaleString("en-GB"));
  const period = formatPeriod(c.scope.from, c.scope.to, lang);
  const before = formatPeriod(c.previousPeriod.from, c.previousPeriod.to, lang);
  return (
    <div className="summary-view">
      {c.sent && (
        <p className="panel">
          {t("summary.sentBlock", {
            body: c.sent.body,
            meeting: c.sent.meeting,
            date: formatDate(c.sent.meetsOn, lang),
            item: c.sent.itemNumber,
            kind: t(`itemKind.${c.sent.itemKind}`),
          })}
          {c.reportOf && (
            <>
              <br />
              {t("summary.reportOfLine", { name: c.reportOf })}
            </>
          )}
        </p>
      )}
      <p>{t("summary.period", { period })}</p>
      {c.purpose && (
        <>
          <H>{t("summary.purposeHeading")}</H>
          <p>{c.purpose}</p>
        </>
      )}
      {c.recommendations.length > 0 && (
        <>
          <H>{t("summary.recommendationsHeading")}</H>
          <ol>
            {c.recommendations.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
        </>
      )}
      {c.keyMessages.length > 0 && (
        <>
          <H>{t("summary.keyMessagesHeading")}</H>
          <ul>
            {c.keyMessages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}

      <H>{t("summary.reachHeading")}</H>
      <ul className="stat-row">
        <li className="stat">
          <strong>{count(c.reach.people)}</strong> {t("figures.people")}
        </li>
        <li className="stat">
          <strong>{count(c.reach.contributions)}</strong> {t("figures.contributions")}
        </li>
      </ul>
      <p className="hint">{t("common.suppressionNote", { n: 5, max: 4 })}</p>
      <H2>{t("summary.gapsHeading")}</H2>
      {c.reach.gaps.length ? (
        <ul className="gap-list">
          {c.reach.gaps.map((g) => (
            <li key={`${g.audience}-${g.ageBand}-${g.locality}`}>{gapWords(g, t)}</li>
          ))}
        </ul>
      ) : (
        <p>{t("summary.noGaps")}</p>
      )}
      <ReachTable caption={t("summary.byAudience")} rows={c.reach.byAudience} count={count} />
      <ReachTable caption={t("summary.byAgeBand")} rows={c.reach.byAgeBand} count={count} />
      <ReachTable caption={t("summary.byLocality")} rows={c.reach.byLocality} count={count} />

      <H>{t("summary.exceptionsHeading")}</H>
      <p className="hint">
        {t("summary.exceptionRule", { points: c.exceptionRule.points, min: c.exceptionRule.minAnswers })}
      </p>
      {c.exceptions.length ? (
        <ul className="exception-list">
          {c.exceptions.map((e) => (
            <li key={e.outcomeId}>
              <span className="tag escalated">{t("meetings.exception")}</span>{" "}
              {t(e.direction === "better" ? "summary.exceptionBetter" : "summary.exceptionWorse", {
                outcome: e.outcome,
                share: e.share,
                earlier: e.earlierShare,
                answers: e.answers,
                previous: e.previousAnswers,
                points: e.points,
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("summary.noExceptions")}</p>
      )}

      <H>{t("summary.outcomesHeading")}</H>
      <TableScroll label={t("summary.outcomesHeading")}>
        <table>
          <caption>{t("summary.outcomesHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("figures.outcome")}</th>
              <th scope="col" className="num">
                {t("summary.people")}
              </th>
              <th scope="col" className="num">
                {t("summary.contributions")}: {t("summary.thisPeriod")}
              </th>
              <th scope="col" className="num">
                {t("summary.contributions")}: {t("summary.periodBefore", { period: before })}
              </th>
              <th scope="col" className="num">
                {t("summary.positiveShare")}: {t("summary.thisPeriod")}
              </th>
              <th scope="col" className="num">
                {t("summary.positiveShare")}: {t("summary.periodBefore", { period: before })}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.outcomes.map((o) => (
              <tr key={o.outcomeId}>
                <th scope="row">{o.title}</th>
                <td className="num">{count(o.people)}</td>
                <td className="num">{count(o.contributions)}</td>
                <td className="num">{count(o.previousContributions)}</td>
                <td className="num">{o.positiveShare === null ? "–" : `${o.positiveShare}%`}</td>
                <td className="num">{o.previousPositiveShare === null ? "–" : `${o.previousPositiveShare}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {c.outcomes.map((o) => (
        <section key={o.outcomeId} aria-labelledby={`outcome-${o.outcomeId}`}>
          <H2 id={`outcome-${o.outcomeId}`}>{o.title}</H2>
          {o.priorities.length > 0 && (
            <>
              <p className="label">{t("summary.prioritiesHeading")}</p>
              <ul>
                {o.priorities.map((p) => (
                  <li key={p.priorityId}>
                    {p.title}: {count(p.contributions)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="label">{t("summary.themesHeading")}</p>
          {o.themes.length ? (
            <ul>
              {o.themes.map((th) => (
                <li key={th.themeId}>
                  {th.name}: {count(th.contributions)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("summary.noThemes")}</p>
          )}
        </section>
      ))}

      <H>{t("summary.pairedHeading")}</H>
      {c.paired.length ? (
        c.paired.map((p) => (
          <section key={p.questionId} aria-labelledby={`paired-${p.questionId}`} className="paired">
            <H2 id={`paired-${p.questionId}`}>{p.question}</H2>
            <p>
              {t("summary.pairedFrom", {
                consultation: p.consultation,
                young: count(p.youngPeople),
                parents: count(p.parents),
              })}
            </p>
            <ul>
              {p.rows.flatMap((r) => {
                if (r.youngShare === null || r.parentShare === null) return [];
                const gap = r.parentShare - r.youngShare;
                if (Math.abs(gap) < 10) return [];
                return [
                  <li key={r.label}>
                    {t(gap > 0 ? "summary.paired.parentsMore" : "summary.paired.youngMore", {
                      label: r.label,
                      count: Math.abs(gap),
                    })}
                  </li>,
                ];
              })}
            </ul>
          </section>
        ))
      ) : (
        <p>{t("summary.pairedNone")}</p>
      )}

      <H>{t("summary.chartsHeading")}</H>
      {c.charts.map((chart) => (
        <ChartFigure key={chart.id} chart={chart} />
      ))}

      <H>{t("summary.quotesHeadingView")}</H>
      {c.quotes.length ? (
        c.quotes.map((q) => (
          <figure key={q.contributionId} className="quote">
            <blockquote>
              <p>“{q.text}”</p>
            </blockquote>
            <figcaption>
              {t(`audienceShort.${q.audience}`)}
              {q.ageBand ? `, ${t(`ageBand.${q.ageBand}`)}` : ""}
            </figcaption>
          </figure>
        ))
      ) : (
        <p>{t("summary.noQuotesChosen")}</p>
      )}
      {c.contactOfficer && <p>{t("summary.contactLine", { name: c.contactOfficer })}</p>}
    </div>
  );
}

function ReachTable({
  caption,
  rows,
  count,
}: {
  caption: string;
  rows: ReachRow[];
  count: (n: ProtectedCount) => string;
}) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col" className="num">
              {t("summary.people")}
            </th>
            <th scope="col" className="num">
              {t("summary.contributions")}
            </th>
            <th scope="col" className="num">
              {t("summary.population")}
            </th>
            <th scope="col" className="num">
              {t("summary.per1000")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">{count(r.people)}</td>
              <td className="num">{count(r.contributions)}</td>
              <td className="num">
                {r.population === null ? t("summary.notEntered") : r.population.toLocaleString("en-GB")}
              </td>
              <td className="num">
                {r.per1000 === null ? "–" : r.per1000.toLocaleString("en-GB", { minimumFractionDigits: 1 })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
