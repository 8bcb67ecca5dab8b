import { Form, Link } from "react-router";
import { TableScroll } from "~/components/ui/TableScroll";
import { useTranslation } from "~/i18n/react";
import { inboxQuery, inboxSources } from "~/models/inbox/types";
import { periodKeys } from "~/utils/periods";

export type Coverage = {
  period: string;
  from: string;
  to: string;
  rows: { source: string; tagged: number; untagged: number; waiting: number }[];
};

/**
 * How much of a period's free text is tagged, not tagged, or still waiting for moderation, per source, with totals.
 * Counts of contributions (not of people), so small numbers are shown as they are.
 */
export function CoverageTable(props: {
  coverage: Coverage;
  /** Offer a link to the period's untagged, approved words (and no other filter). */
  linkUntagged?: boolean;
  periodForm?: boolean;
  open?: boolean;
}) {
  const { t } = useTranslation();
  const c = props.coverage;
  const sum = (k: "tagged" | "untagged" | "waiting") => c.rows.reduce((n, r) => n + r[k], 0);
  const n = (x: number) => x.toLocaleString("en-GB");
  return (
    <section className="panel coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title" style={{ marginTop: 0, fontSize: "1.1rem" }}>
        {t("inbox.coverage.title")}: {t(`inbox.period.${c.period}`)}
      </h2>
      <p className="meta" id="coverage-summary">
        {t("inbox.coverage.summary", {
          tagged: n(sum("tagged")),
          untagged: n(sum("untagged")),
          waiting: n(sum("waiting")),
        })}{" "}
        {props.linkUntagged && sum("untagged") > 0 && (
          <Link to={`/staff/feedback${inboxQuery({}, { tagged: "untagged", state: "approved", period: c.period })}`}>
            {t("inbox.coverage.openUntagged")}
          </Link>
        )}
      </p>
      {props.periodForm && (
        <Form method="get" className="filter-bar">
          <div className="field">
            <label className="label" htmlFor="coverage-period">
              {t("inbox.coverage.period")}
            </label>
            <select id="coverage-period" name="coverage" defaultValue={c.period}>
              {periodKeys.map((k) => (
                <option key={k} value={k}>
                  {t(`inbox.period.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" className="button small secondary">
              {t("inbox.coverage.show")}
            </button>
          </div>
        </Form>
      )}
      <details open={props.open || undefined}>
        <summary>{t("inbox.coverage.bySource")}</summary>
        <TableScroll label={t("inbox.coverage.bySource")}>
          <table id="coverage">
            <caption>{t("inbox.coverage.caption", { from: c.from, to: c.to })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("inbox.coverage.source")}</th>
                <th scope="col" className="num">
                  {t("inbox.coverage.tagged")}
                </th>
                <th scope="col" className="num">
                  {t("inbox.coverage.untagged")}
                </th>
                <th scope="col" className="num">
                  {t("inbox.coverage.waiting")}
                </th>
              </tr>
            </thead>
            <tbody>
              {inboxSources.map((s) => {
                const r = c.rows.find((x) => x.source === s) ?? { tagged: 0, untagged: 0, waiting: 0 };
                return (
                  <tr key={s} data-source={s}>
                    <th scope="row">{t(`inbox.source.${s}`)}</th>
                    <td className="num">{n(r.tagged)}</td>
                    <td className="num">{n(r.untagged)}</td>
                    <td className="num">{n(r.waiting)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr data-source="total">
                <th scope="row">{t("inbox.coverage.total")}</th>
                <td className="num">{n(sum("tagged"))}</td>
                <td className="num">{n(sum("untagged"))}</td>
                <td className="num">{n(sum("waiting"))}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}
