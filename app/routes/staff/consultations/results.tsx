import { data, Form } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { BarChart } from "~/components/BarChart";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getConsultationForStaff } from "~/models/consultations/builder.server";
import { effectiveStatus } from "~/models/consultations/participant-reads.server";
import { approvedQuotes, type ConsultationResults, type Split, splits } from "~/models/results.server";
import { liveResults } from "~/utils/off-loop.server";
import { protectCounts, type Shown, SUPPRESS_BELOW } from "~/utils/suppression";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/results";

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  const id = Number(params.id);
  const c = Number.isInteger(id) ? getConsultationForStaff(id) : null;
  if (!c) throw data(null, { status: 404 });
  const t = getT(request);
  const lang = getLang(request);
  const requested = new URL(request.url).searchParams.get("split");
  const split: Split = (splits as readonly string[]).includes(requested ?? "") ? (requested as Split) : "none";
  // counted in a worker thread (a few hundred ms with 100,000 answers), kept 5 seconds there and here
  const results: ConsultationResults = await liveResults(c.id, split, lang);
  const groupName = (key: string, name: string) => {
    if (split === "audience") return t(`audienceShort.${key}`);
    if (split === "age_band") return t(`ageBand.${key}`);
    if (split === "locality") return key === "unknown" ? t("figures.notSaid") : name;
    return t("results.everyone");
  };
  const groupPeople = protectCounts(results.groups.map((g) => g.people));
  return {
    id: c.id,
    title: c.title,
    status: effectiveStatus(c),
    closesOn: formatDate(c.closesAt, lang),
    split,
    people: results.people,
    computedAt: new Intl.DateTimeFormat(lang === "ar" ? "ar-u-nu-latn" : lang, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZone: "Europe/London",
    }).format(new Date(results.computedAt)),
    groups: results.groups.map((g, i) => ({
      key: g.key,
      name: groupName(g.key, g.name),
      // The groups add up to the people shown above, so one hidden group would be given away: protectCounts.
      people: split !== "none" ? groupPeople[i] : g.people,
    })),
    questions: results.questions.map((q) => ({
      ...q,
      quotes: q.textCounts ? approvedQuotes(q.id, 3) : [],
    })),
  };
}

export default function Results({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  // A count from 1 to 4 reads "fewer than 5"; a larger one held back so that count can't be worked out reads "not shown".
  const shown = (cell: Shown, asNumber: (n: number) => React.ReactNode = (n) => n) =>
    cell === "fewer" ? (
      <span className="suppressed">{t("results.fewerThan", { n: SUPPRESS_BELOW })}</span>
    ) : cell === "withheld" ? (
      <span className="suppressed">{t("common.withheld")}</span>
    ) : (
      asNumber(cell)
    );
  return (
    <>
      <PageTitle title={t("results.title", { title: p.title })} />
      <a href={`/staff/consultations/${p.id}`} className="back-link">
        {p.title}
      </a>
      <h1>{t("results.title", { title: p.title })}</h1>
      <p>
        <span className="tag">{t(`status.${p.status}`)}</span>{" "}
        {p.status === "open" ? t("results.live", { date: p.closesOn }) : t("results.final")}{" "}
        {t("results.computedAt", { time: p.computedAt })}
      </p>
      <ul className="stat-row">
        <li className="stat">
          <strong>{p.people}</strong> {t("results.people")}
        </li>
      </ul>
      <Form method="get" className="filter-bar no-print">
        <div className="field">
          <label htmlFor="split">{t("results.splitBy")}</label>
          <select id="split" name="split" defaultValue={p.split}>
            {["none", "audience", "age_band", "locality"].map((s) => (
              <option key={s} value={s}>
                {t(`results.split.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" size="small">
          {t("results.show")}
        </Button>
      </Form>
      {p.split !== "none" && <p className="hint">{t("results.suppressionNote", { n: SUPPRESS_BELOW })}</p>}

      {p.questions.map((q) => (
        <section key={q.id} className="result-block" aria-labelledby={`q-${q.id}`}>
          <h2 id={`q-${q.id}`}>
            {t("results.questionN", { number: q.number })}: {q.prompt}
          </h2>
          <p className="meta">
            {t(`kind.${q.kind}`)} · {t("results.answered", { count: q.answered })}
          </p>
          {q.rows.length > 0 && (
            <>
              <BarChart
                caption={q.kind === "ranking" ? t("results.firstChoice") : t("results.countsFor", { number: q.number })}
                valueLabel={t("results.answers")}
                rows={q.rows.map((r) => ({ key: r.key, label: r.label, value: r.total }))}
              />
              {q.kind === "ranking" && (
                <p className="meta">
                  {t("results.meanRank")}: {q.rows.map((r) => `${r.label} ${r.meanRank ?? "–"}`).join(" · ")}
                </p>
              )}
              {p.split !== "none" && (
                <TableScroll
                  label={t("results.splitCaption", { number: q.number, split: t(`results.split.${p.split}`) })}
                >
                  <table>
                    <caption>
                      {t("results.splitCaption", { number: q.number, split: t(`results.split.${p.split}`) })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("chart.answer")}</th>
                        {p.groups.map((g) => (
                          <th key={g.key} scope="col" className="num">
                            {g.name}
                            <br />
                            <span className="meta">
                              {shown(g.people, (n) => t("results.peopleShort", { count: n }))}
                            </span>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {q.rows.map((r) => (
                        <tr key={r.key}>
                          <th scope="row">{r.label}</th>
                          {r.cells.map((cell, i) => (
                            <td key={p.groups[i]?.key ?? i} className="num">
                              {shown(cell)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </>
          )}
          {q.textCounts && (
            <>
              <p>
                {t("results.textCounts", {
                  total: q.textCounts.total,
                  approved: q.textCounts.approved,
                  pending: q.textCounts.pending + q.textCounts.escalated,
                })}{" "}
                <a href="/staff/moderation">{t("results.toModeration")}</a>
              </p>
              {q.quotes.map((quote) => (
                <blockquote key={quote}>“{quote}”</blockquote>
              ))}
            </>
          )}
        </section>
      ))}
    </>
  );
}
