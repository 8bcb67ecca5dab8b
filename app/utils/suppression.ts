/** Groups smaller than this are never shown, so no child can be singled out. */
export const SUPPRESS_BELOW = 5;

/** A count as shown: the number, or null where it is suppressed. */
export type Cell = number | null;

/**
 * Suppresses every cell under the threshold, and where a row has exactly one suppressed cell, the next smallest
 * too, so a hidden count can't be worked out by subtracting the others from the row's total.
 */
export function suppress(values: number[], threshold = SUPPRESS_BELOW): Cell[] {
  const cells: Cell[] = values.map((v) => (v > 0 && v < threshold ? null : v));
  const hidden = cells.filter((c) => c === null).length;
  if (hidden === 1 && values.length > 1) {
    let smallest = -1;
    values.forEach((v, i) => {
      if (cells[i] !== null && v > 0 && (smallest === -1 || v < values[smallest])) smallest = i;
    });
    if (smallest !== -1) cells[smallest] = null;
  }
  return cells;
}
