/**
 * The one rule for every count of people or answers shown outside an officer's own live results (summaries,
 * agenda items and papers, public pages, exports): a count from 1 to 4 is never shown, so no child can be singled
 * out; and where a hidden count could be worked out by subtracting the others from a total that is shown, one more
 * is held back.
 */
export const SUPPRESS_BELOW = 5;

/**
 * A count as shown outside an officer's live results: the number; "fewer" for a count from 1 to 4; "withheld" for a
 * larger count held back only so a "fewer" beside it cannot be worked out from the total.
 */
export type Shown = number | "fewer" | "withheld";

/** One count on its own (a headline total): hidden when it is from 1 to 4. */
export function protectCount(n: number, threshold = SUPPRESS_BELOW): Shown {
  return n > 0 && n < threshold ? "fewer" : n;
}

/**
 * Counts that add up to a total shown beside them (age bands of the people counted, faces of one question): every
 * count from 1 to 4 is hidden, and where exactly one is, the next smallest too, so it can't be worked out by
 * subtracting the others from the total.
 */
export function protectCounts(values: number[], threshold = SUPPRESS_BELOW): Shown[] {
  const cells: Shown[] = values.map((v) => protectCount(v, threshold));
  const hidden = cells.filter((c) => c === "fewer").length;
  if (hidden === 1 && values.length > 1) {
    let smallest = -1;
    values.forEach((v, i) => {
      if (typeof cells[i] === "number" && v > 0 && (smallest === -1 || v < values[smallest])) smallest = i;
    });
    if (smallest !== -1) cells[smallest] = "withheld";
  }
  return cells;
}
