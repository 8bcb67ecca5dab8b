import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import type { ChartSpec } from "~/models/summaries/types";

/**
 * A ChartSpec laid out as a grouped horizontal bar chart, once, so the PNG in a DOCX and the vector drawing in a PDF
 * are the same picture. Every bar has its value written at its end (colour never carries meaning alone), and a value
 * hidden because it counts 1–4 people has no bar, only its words.
 */

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
/** DejaVu has Latin, Polish and Arabic glyphs: the same font for the PDF's text and the charts' labels. */
export const FONTS = {
  regular: path.join(fontDir, "DejaVuSans.ttf"),
  bold: path.join(fontDir, "DejaVuSans-Bold.ttf"),
};

/** Dark enough for 4.5:1 against white with white text inside, and told apart by lightness as well as hue. */
export const SERIES_COLOURS = ["#1d4f91", "#b35900", "#2e6b30", "#6a3d9a"];

export const CHART = {
  width: 480,
  labelWidth: 150,
  valueWidth: 92,
  barHeight: 14,
  barGap: 3,
  groupGap: 10,
  top: 8,
  legendHeight: 22,
  fontSize: 9,
};

export type ChartLayout = {
  width: number;
  height: number;
  legend: { x: number; y: number; colour: string; text: string }[];
  labels: { x: number; y: number; lines: string[] }[];
  bars: { x: number; y: number; w: number; h: number; colour: string }[];
  values: { x: number; y: number; text: string }[];
  axis: { x: number; y1: number; y2: number };
};

/** Breaks a label into at most two lines of about `max` characters; the data table beside it has the whole label. */
function wrap(label: string, max: number): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines.map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
  const second = lines.slice(1).join(" ");
  return [lines[0], `${second.slice(0, max - 1)}…`];
}

export function layoutChart(chart: ChartSpec, valueText: (v: number | null) => string): ChartLayout {
  const { width, labelWidth, valueWidth, barHeight, barGap, groupGap, top, legendHeight, fontSize } = CHART;
  const plotX = labelWidth + 8;
  const plotW = width - plotX - valueWidth;
  const series = chart.series.length || 1;
  const max = chart.unit === "percent" ? 100 : Math.max(1, ...chart.rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const legend = chart.series.map((text, i) => ({
    x: plotX + i * Math.floor(plotW / Math.max(1, chart.series.length)),
    y: top,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
    text,
  }));
  let y = top + (chart.series.length > 1 ? legendHeight : 4);
  const labels: ChartLayout["labels"] = [];
  const bars: ChartLayout["bars"] = [];
  const values: ChartLayout["values"] = [];
  const chartTop = y;
  for (const row of chart.rows) {
    const groupH = series * barHeight + (series - 1) * barGap;
    labels.push({ x: 0, y: y + groupH / 2, lines: wrap(row.label, Math.floor(labelWidth / (fontSize * 0.56))) });
    for (let i = 0; i < series; i++) {
      const v = row.values[i] ?? null;
      const by = y + i * (barHeight + barGap);
      const w = v === null || v <= 0 ? 0 : Math.max(1, (v / max) * plotW);
      if (w > 0) bars.push({ x: plotX, y: by, w, h: barHeight, colour: SERIES_COLOURS[i % SERIES_COLOURS.length] });
      values.push({ x: plotX + w + 4, y: by + barHeight / 2, text: valueText(v) });
    }
    y += groupH + groupGap;
  }
  return {
    width,
    height: Math.ceil(y - groupGap + 8),
    legend,
    labels,
    bars,
    values,
    axis: { x: plotX, y1: chartTop - 2, y2: y - groupGap + 2 },
  };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The chart as an SVG document (for the PNG in a DOCX), titled and described for anyone who opens it on its own. */
export function chartSvg(chart: ChartSpec, valueText: (v: number | null) => string): string {
  const l = layoutChart(chart, valueText);
  const f = CHART.fontSize;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}" role="img" aria-labelledby="t d">`,
    `<title id="t">${esc(chart.title)}</title><desc id="d">${esc(chart.description)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-family="DejaVu Sans" font-size="${f}" fill="#1a1a1a">`,
  ];
  if (chart.series.length > 1)
    for (const item of l.legend)
      parts.push(
        `<rect x="${item.x}" y="${item.y}" width="${f}" height="${f}" fill="${item.colour}"/>`,
        `<text x="${item.x + f + 4}" y="${item.y + f - 1}">${esc(item.text)}</text>`,
      );
  for (const label of l.labels) {
    const first = label.y - ((label.lines.length - 1) * (f + 2)) / 2 + f / 3;
    label.lines.forEach((line, i) => {
      parts.push(`<text x="${label.x}" y="${first + i * (f + 2)}">${esc(line)}</text>`);
    });
  }
  for (const b of l.bars)
    parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.w.toFixed(1)}" height="${b.h}" fill="${b.colour}"/>`);
  parts.push(`<line x1="${l.axis.x}" y1="${l.axis.y1}" x2="${l.axis.x}" y2="${l.axis.y2}" stroke="#1a1a1a"/>`);
  for (const v of l.values) parts.push(`<text x="${v.x.toFixed(1)}" y="${v.y + f / 3}">${esc(v.text)}</text>`);
  parts.push("</g></svg>");
  return parts.join("");
}

/** The chart as a PNG at twice its size, so it stays sharp when printed. */
export function chartPng(chart: ChartSpec, valueText: (v: number | null) => string) {
  const svg = chartSvg(chart, valueText);
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    font: { fontFiles: [FONTS.regular, FONTS.bold], loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  const { width, height } = layoutChart(chart, valueText);
  return { png, width, height };
}
