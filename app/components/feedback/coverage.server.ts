// The coverage table's figures for a period, as both the staff overview and the inbox show them.
import { coverage } from "~/models/inbox.server";
import { type PeriodKey, periodRange } from "~/utils/periods";
import { formatDate } from "~/utils/time";
import type { Coverage } from "./CoverageTable";

export function coverageView(period: PeriodKey, lang: string): Coverage & { period: PeriodKey } {
  const range = periodRange(period);
  return {
    period,
    from: formatDate(range.from, lang),
    // The range ends where the next day starts: the table names its last day.
    to: formatDate(`${range.lastDay}T12:00:00Z`, lang),
    rows: coverage(period),
  };
}
