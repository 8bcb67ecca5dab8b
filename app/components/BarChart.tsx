import { useTranslation } from "~/i18n/react";

export type BarRow = { key: string; label: string; value: number };

/**
 * A horizontal bar chart drawn as SVG, with the same figures in a table beside it: the chart is a picture
 * for those who can see it; the table is the data for everyone, including screen readers.
 */
export function BarChart({ caption, rows, valueLabel }: { caption: string; rows: BarRow[]; valueLabel: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((s, r) => s + r.value, 0);
  const rowH = 30;
  const labelW = 150;
  const barW = 230;
  return (
    <div className="chart-pair">
      <svg
        className="bar-chart"
        role="img"
        aria-label={t("chart.pictureOf", { caption })}
        viewBox={`0 0 ${labelW + barW + 60} ${rows.length * rowH + 4}`}
        width="100%"
      >
        {rows.map((r, i) => {
          const w = (r.value / max) * barW;
          return (
            <g key={r.key} transform={`translate(0 ${i * rowH})`}>
              <text x="0" y="19">
                {r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label}
              </text>
              <rect className="bar" x={labelW} y="5" height="20" width={Math.max(w, r.value > 0 ? 2 : 0)} rx="3" />
              <text x={labelW + w + 6} y="19">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("chart.answer")}</th>
            <th scope="col" className="num">
              {valueLabel}
            </th>
            <th scope="col" className="num">
              {t("chart.percent")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.value}</td>
              <td className="num">{total ? `${Math.round((r.value / total) * 100)}%` : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
