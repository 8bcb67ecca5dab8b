import { useTranslation } from "~/i18n/react";

/** `shown`, when set, replaces the figure (a count of 1 to 4 outside an officer's own results): no bar, no share. */
export type BarRow = { key: string; label: string; value: number; shown?: string };

/**
 * A horizontal bar chart drawn as SVG, with the same figures in a table beside it: the chart is a picture
 * for those who can see it; the table is the data for everyone, including screen readers.
 */
const RTL = new Set(["ar", "he", "fa", "ur"]);
/** First strong character is right-to-left (Hebrew, Arabic and their supplements). */
const RTL_TEXT = /^[^A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const FONT = 15;
/** A generous average glyph width at 15 px, so an estimated line never runs past the label column. */
const CHAR_W = 8.6;
const LABEL_W = 170;
const GAP = 8;
const BAR_W = 210;
const VALUE_W = 52;
const WIDTH = LABEL_W + GAP + BAR_W + VALUE_W;
const LINE_H = 18;
const MAX_LINES = 2;

/** Breaks a label into at most two lines that fit the label column; the rest is cut with "…" (the table has it all). */
export function wrapLabel(label: string, maxChars = Math.floor(LABEL_W / CHAR_W)): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    if (lines.length === MAX_LINES) break;
  }
  if (line && lines.length < MAX_LINES) lines.push(line);
  const used = lines.join(" ").length;
  const cut = used < label.trim().replace(/\s+/g, " ").length;
  const fitted = lines.slice(0, MAX_LINES).map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
  if (cut) {
    const last = fitted.length - 1;
    const text = fitted[last].endsWith("…") ? fitted[last] : `${fitted[last].slice(0, maxChars - 1)}…`;
    fitted[last] = text;
  }
  return fitted;
}

export function BarChart({
  caption,
  rows,
  valueLabel,
  labelHeading,
}: {
  caption: string;
  rows: BarRow[];
  valueLabel: string;
  /** the table's first column heading, when its rows are not answers (age groups) */
  labelHeading?: string;
}) {
  const { t, lang } = useTranslation();
  const rtl = RTL.has(lang);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((s, r) => s + r.value, 0);
  // With a figure withheld, the others' shares of the total would give it away: no percentages at all.
  const withheld = rows.some((r) => r.shown !== undefined);
  // Drawn left to right, then mirrored for right-to-left pages by flipping every x: labels sit at the
  // reading start, bars grow toward the reading end, and each figure follows its bar, in every language.
  const x = (at: number) => (rtl ? WIDTH - at : at);
  let top = 2;
  const laid = rows.map((r) => {
    const lines = wrapLabel(r.label);
    const height = Math.max(32, lines.length * LINE_H + 12);
    // A label keeps its own direction (an English option on an Arabic page ends with its own "?"), on the same edge.
    const labelRtl = rtl && RTL_TEXT.test(r.label);
    const row = { ...r, lines, top, height, labelRtl };
    top += height;
    return row;
  });
  return (
    <div className="chart-pair">
      <svg
        className="bar-chart"
        role="img"
        aria-label={t("chart.pictureOf", { caption })}
        viewBox={`0 0 ${WIDTH} ${top + 2}`}
        width="100%"
        direction={rtl ? "rtl" : "ltr"}
        fontSize={FONT}
      >
        {laid.map((r) => {
          const w = (r.value / max) * BAR_W;
          const barW = Math.max(w, r.value > 0 ? 2 : 0);
          const mid = r.top + r.height / 2;
          const firstBaseline = mid - ((r.lines.length - 1) * LINE_H) / 2 + FONT * 0.35;
          const barStart = LABEL_W + GAP;
          return (
            <g key={r.key}>
              {/* "end" is the side nearest the bar in both directions, so labels hug their bars. */}
              <text
                x={x(LABEL_W)}
                y={firstBaseline}
                textAnchor={rtl && !r.labelRtl ? "start" : "end"}
                direction={r.labelRtl ? "rtl" : "ltr"}
              >
                {r.lines.map((line, i) => (
                  <tspan key={line} x={x(LABEL_W)} dy={i === 0 ? 0 : LINE_H}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect
                className="bar"
                x={rtl ? x(barStart) - barW : barStart}
                y={mid - 10}
                height="20"
                width={barW}
                rx="3"
              />
              <text x={x(barStart + w + 6)} y={mid + FONT * 0.35} textAnchor="start" direction={rtl ? "rtl" : "ltr"}>
                {r.shown ?? r.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table>
        <caption dir="auto">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading ?? t("chart.answer")}</th>
            <th scope="col" className="num">
              {valueLabel}
            </th>
            {!withheld && (
              <th scope="col" className="num">
                {t("chart.percent")}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <bdi>{r.label}</bdi>
              </th>
              <td className="num">{r.shown ?? r.value}</td>
              {!withheld && <td className="num">{total ? `${Math.round((r.value / total) * 100)}%` : "–"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
