import { wrapLabel } from "~/components/BarChart";
import { TableScroll } from "~/components/ui/TableScroll";
import { useTranslation } from "~/i18n/react";
import type { ChartSpec } from "~/models/summaries/types";

const RTL = new Set(["ar", "he", "fa", "ur"]);
const FONT = 14;
const LABEL_W = 170;
const GAP = 8;
const BAR_W = 200;
const VALUE_W = 70;
const WIDTH = LABEL_W + GAP + BAR_W + VALUE_W;
const BAR_H = 16;
const LINE_H = 17;

/** A value as written in the chart and its table: a hidden count in words, a share with its percent sign. */
export function useChartValue(unit: ChartSpec["unit"]) {
  const { t } = useTranslation();
  return (v: number | null) =>
    v === null ? (unit === "percent" ? "–" : t("common.withheld")) : unit === "percent" ? `${v}%` : String(v);
}

/**
 * A chart of a summary, drawn as SVG on the server from its ChartSpec (one bar per series in each row), with the same
 * figures in a table and one sentence saying what it shows. Mirrored for right-to-left pages.
 */
export function ChartFigure({ chart }: { chart: ChartSpec }) {
  const { t, lang } = useTranslation();
  const rtl = RTL.has(lang);
  const show = useChartValue(chart.unit);
  const max = chart.unit === "percent" ? 100 : Math.max(1, ...chart.rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const x = (at: number) => (rtl ? WIDTH - at : at);
  let top = 4;
  const laid = chart.rows.map((r) => {
    const lines = wrapLabel(r.label);
    const height = Math.max(lines.length * LINE_H, r.values.length * (BAR_H + 2)) + 12;
    const row = { ...r, lines, top, height };
    top += height;
    return row;
  });
  const legend = chart.series.length > 1;
  const legendH = legend ? 24 : 0;
  return (
    <figure className="summary-chart">
      <figcaption>
        <strong>{chart.title}</strong>
        <span className="chart-sentence"> {chart.description}</span>
      </figcaption>
      <svg
        className="bar-chart"
        role="img"
        aria-label={t("summary.chart.pictureOf", { title: chart.title })}
        viewBox={`0 0 ${WIDTH} ${top + legendH + 4}`}
        width="100%"
        fontSize={FONT}
      >
        {laid.map((r) => {
          const barsTop = r.top + (r.height - r.values.length * (BAR_H + 2)) / 2;
          const first = r.top + r.height / 2 - ((r.lines.length - 1) * LINE_H) / 2 + FONT * 0.35;
          return (
            <g key={r.label}>
              {/* Anchors are set for left-to-right runs and mirrored by hand: labels hug the bars' start, figures follow the bars. */}
              <text x={x(LABEL_W)} y={first} textAnchor={rtl ? "start" : "end"} direction="ltr">
                {r.lines.map((line, i) => (
                  <tspan key={line} x={x(LABEL_W)} dy={i === 0 ? 0 : LINE_H}>
                    {line}
                  </tspan>
                ))}
              </text>
              {r.values.map((v, i) => {
                const w = v === null ? 0 : Math.max((v / max) * BAR_W, v > 0 ? 2 : 0);
                const y = barsTop + i * (BAR_H + 2);
                const start = LABEL_W + GAP;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: series are fixed columns of the row
                  <g key={i}>
                    <rect
                      className={`bar series-${i}`}
                      x={rtl ? x(start) - w : start}
                      y={y}
                      width={w}
                      height={BAR_H}
                      rx="2"
                    />
                    <text x={x(start + w + 5)} y={y + BAR_H - 3} textAnchor={rtl ? "end" : "start"} direction="ltr">
                      {show(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        {legend &&
          chart.series.map((s, i) => (
            <g key={s}>
              <rect
                className={`bar series-${i}`}
                x={rtl ? x(10 + i * 200) - 14 : 10 + i * 200}
                y={top + 6}
                width="14"
                height="14"
              />
              <text x={x(30 + i * 200)} y={top + 18} textAnchor={rtl ? "end" : "start"} direction="ltr">
                {s}
              </text>
            </g>
          ))}
      </svg>
      <TableScroll label={chart.title}>
        <table>
          <caption className="visually-hidden">{chart.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("summary.chartRow")}</th>
              {chart.series.map((s) => (
                <th key={s} scope="col" className="num">
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">
                  <bdi>{r.label}</bdi>
                </th>
                {r.values.map((v, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one cell per series, in order
                  <td key={i} className="num">
                    {show(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
