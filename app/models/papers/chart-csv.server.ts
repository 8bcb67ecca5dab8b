import { getT } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/index";
import type { SummaryContent } from "~/models/summaries/types";
import { SUPPRESS_BELOW } from "~/utils/suppression";

/**
 * The data behind every chart of a paper as ONE tidy CSV: a row per chart, bar and series, so a spreadsheet can
 * filter and pivot it. A count of 1–4 people has no value, only the note "fewer than 5".
 */

export const CHART_CSV_COLUMNS = [
  "chart_id",
  "chart_title",
  "chart_description",
  "unit",
  "label",
  "series",
  "value",
  "note",
] as const;

// One CSV writer for the whole product (formula cells escaped): app/utils/csv.ts.
import { csvLine } from "~/utils/csv";

export { csvCell, csvLine } from "~/utils/csv";

export function chartCsv(content: SummaryContent, lang: Lang = "en"): string {
  const t = getT(lang);
  // A byte-order mark, so Excel reads the dashes and Polish letters as UTF-8.
  let out = `\uFEFF${csvLine([...CHART_CSV_COLUMNS])}`;
  for (const chart of content.charts)
    for (const row of chart.rows)
      chart.series.forEach((series, i) => {
        const v = row.values[i] ?? null;
        const hidden = v === null || (chart.unit !== "percent" && v > 0 && v < SUPPRESS_BELOW);
        const note = hidden
          ? chart.unit === "percent"
            ? t("exports.doc.tooFewToShow")
            : t("exports.doc.fewerThan5")
          : "";
        out += csvLine([
          chart.id,
          chart.title,
          chart.description,
          chart.unit,
          row.label,
          series,
          hidden ? null : v,
          note,
        ]);
      });
  return out;
}
