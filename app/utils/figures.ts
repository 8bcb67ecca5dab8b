import type { SummaryFigures } from "~/models/summaries/types";
import { protectCount, protectCounts, type Shown } from "./suppression";

/** Age bands youngest first, then people who did not say: the one order every table and chart lists them in. */
export const AGE_BAND_ORDER = ["under_8", "8_11", "12_15", "16_19", "20_25", "prefer_not", "unknown"] as const;

/** A band's place in that order; a band this list does not know goes last. */
export function ageBandRank(band: string) {
  const i = (AGE_BAND_ORDER as readonly string[]).indexOf(band);
  return i === -1 ? AGE_BAND_ORDER.length : i;
}

export function byAgeBand(a: { band: string }, b: { band: string }) {
  return ageBandRank(a.band) - ageBandRank(b.band);
}

/** A summary's figures as they may be shown: every count through the one suppression rule, age bands in order. */
export type ShownFigures = {
  people: Shown;
  contributions: Shown;
  ageBands: { band: string; count: Shown }[];
  localities: { name: string; count: Shown }[];
  outcomes: {
    outcomeId: number;
    title: string;
    count: Shown;
    scaleAnswers: Shown;
    positive: Shown;
    negative: Shown;
    scaleMean: number | null;
  }[];
  /** true when any count is hidden, so the page says why */
  suppressed: boolean;
};

/**
 * Figures for summaries, agenda items, papers and exports. Runs on the server so a hidden count never reaches the
 * browser. Age bands and places add up to the people counted, so they get secondary suppression; an outcome's faces
 * with fewer than 5 answers show neither their split nor their average.
 */
export function protectFigures(f: SummaryFigures): ShownFigures {
  const bands = [...f.ageBands].sort(byAgeBand);
  const bandCells = protectCounts(bands.map((b) => b.count));
  const placeCells = protectCounts(f.localities.map((l) => l.count));
  const outcomes = f.outcomes.map((o) => {
    const answers = protectCount(o.scaleAnswers);
    const few = answers === "fewer";
    return {
      outcomeId: o.outcomeId,
      title: o.title,
      count: protectCount(o.count),
      scaleAnswers: answers,
      positive: few ? ("withheld" as const) : protectCount(o.positive),
      negative: few ? ("withheld" as const) : protectCount(o.negative),
      scaleMean: few ? null : o.scaleMean,
    };
  });
  const shown: Omit<ShownFigures, "suppressed"> = {
    people: protectCount(f.people),
    contributions: protectCount(f.contributions),
    ageBands: bands.map((b, i) => ({ band: b.band, count: bandCells[i] })),
    localities: f.localities.map((l, i) => ({ name: l.name, count: placeCells[i] })),
    outcomes,
  };
  const cells: Shown[] = [
    shown.people,
    shown.contributions,
    ...shown.ageBands.map((b) => b.count),
    ...shown.localities.map((l) => l.count),
    ...outcomes.flatMap((o) => [o.count, o.scaleAnswers, o.positive, o.negative]),
  ];
  return { ...shown, suppressed: cells.some((c) => typeof c !== "number") };
}
