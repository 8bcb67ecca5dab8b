import { countyDayStart, countyToday } from "./time";

/**
 * The periods the inbox and its coverage filter by. Terms follow the English school year: autumn from 1 September,
 * spring from 1 January, summer from 1 April (Easter moves, the plan's reporting quarters do not).
 * Boundaries are midnight in the county (Europe/London).
 */
export const periodKeys = ["this_term", "last_term", "this_school_year", "last_school_year", "last_30_days"] as const;
export type PeriodKey = (typeof periodKeys)[number];

type Term = { year: number; term: 0 | 1 | 2 }; // 0 autumn (Sep–Dec), 1 spring (Jan–Mar), 2 summer (Apr–Aug)

function termOf(ymd: string): Term {
  const [y, m] = ymd.split("-").map(Number);
  if (m >= 9) return { year: y, term: 0 };
  if (m <= 3) return { year: y, term: 1 };
  return { year: y, term: 2 };
}

function termStart({ year, term }: Term) {
  return term === 0 ? `${year}-09-01` : term === 1 ? `${year}-01-01` : `${year}-04-01`;
}

function nextTerm({ year, term }: Term): Term {
  return term === 0 ? { year: year + 1, term: 1 } : term === 1 ? { year, term: 2 } : { year, term: 0 };
}

function previousTerm({ year, term }: Term): Term {
  return term === 0 ? { year, term: 2 } : term === 1 ? { year: year - 1, term: 0 } : { year, term: 1 };
}

/** [from, to) as ISO instants, and the county days they cover ("2026-09-01" to "2026-12-31") for showing. */
export function periodRange(key: PeriodKey, now = new Date()) {
  const today = countyToday(now);
  let fromDay: string;
  let toDay: string; // exclusive
  switch (key) {
    case "this_term": {
      const t = termOf(today);
      fromDay = termStart(t);
      toDay = termStart(nextTerm(t));
      break;
    }
    case "last_term": {
      const t = previousTerm(termOf(today));
      fromDay = termStart(t);
      toDay = termStart(nextTerm(t));
      break;
    }
    case "this_school_year":
    case "last_school_year": {
      const [y, m] = today.split("-").map(Number);
      const start = (m >= 9 ? y : y - 1) - (key === "last_school_year" ? 1 : 0);
      fromDay = `${start}-09-01`;
      toDay = `${start + 1}-09-01`;
      break;
    }
    case "last_30_days": {
      fromDay = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86400_000).toISOString().slice(0, 10);
      toDay = new Date(Date.parse(`${today}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
      break;
    }
  }
  const lastDay = new Date(Date.parse(`${toDay}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
  return { from: countyDayStart(fromDay), to: countyDayStart(toDay), fromDay, lastDay };
}
