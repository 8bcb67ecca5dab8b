import { useTranslation } from "~/i18n/react";
import type { ShownFigures } from "~/utils/figures";
import { type Shown, SUPPRESS_BELOW } from "~/utils/suppression";
import { BarChart } from "./BarChart";

/**
 * A summary's figures, already through the suppression rule (protectFigures): headline counts, then a bar chart
 * (SVG) with the same data in a table beside it. A hidden count has no bar and says so in words.
 */
export function FiguresView({ figures }: { figures: ShownFigures }) {
  const { t } = useTranslation();
  const show = (c: Shown) =>
    c === "fewer" ? t("common.fewerThan", { n: SUPPRESS_BELOW }) : c === "withheld" ? t("common.withheld") : c;
  const size = (c: Shown) => (typeof c === "number" ? c : 0);
  return (
    <section aria-label={t("figures.title")}>
      <ul className="stat-row">
        <li className="stat">
          <strong>{show(figures.people)}</strong> {t("figures.people")}
        </li>
        <li className="stat">
          <strong>{show(figures.contributions)}</strong> {t("figures.contributions")}
        </li>
      </ul>
      {figures.suppressed && (
        <p className="hint">{t("common.suppressionNote", { n: SUPPRESS_BELOW, max: SUPPRESS_BELOW - 1 })}</p>
      )}
      {/* The same chart as every other: mirrored in Arabic, a withheld count in words with no bar and no shares. */}
      <BarChart
        caption={t("figures.byAge")}
        valueLabel={t("figures.people")}
        labelHeading={t("figures.ageBand")}
        rows={figures.ageBands.map((a) => ({
          key: a.band,
          label: t(`ageBand.${a.band}`),
          value: size(a.count),
          shown: typeof a.count === "number" ? undefined : String(show(a.count)),
        }))}
      />
      <table>
        <caption>{t("figures.byOutcome")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("figures.outcome")}</th>
            <th scope="col" className="num">
              {t("figures.contributions")}
            </th>
            <th scope="col" className="num">
              {t("figures.scaleAnswers")}
            </th>
            <th scope="col" className="num">
              {t("figures.positive")}
            </th>
            <th scope="col" className="num">
              {t("figures.negative")}
            </th>
            <th scope="col" className="num">
              {t("figures.mean")}
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.outcomes.map((o) => (
            <tr key={o.outcomeId}>
              <td>{o.title}</td>
              <td className="num">{show(o.count)}</td>
              <td className="num">{show(o.scaleAnswers)}</td>
              <td className="num">{show(o.positive)}</td>
              <td className="num">{show(o.negative)}</td>
              <td className="num">{o.scaleMean ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {figures.localities.length > 0 && (
        <table>
          <caption>{t("figures.byLocality")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("figures.locality")}</th>
              <th scope="col" className="num">
                {t("figures.people")}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.localities.map((l) => (
              <tr key={l.name || "unknown"}>
                <td>{l.name || t("figures.notSaid")}</td>
                <td className="num">{show(l.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
