import type { Rng } from "./random";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

// Dates ---------------------------------------------------------------------------------------------------

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
export const addHours = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);
export const ymd = (d: Date) => d.toISOString().slice(0, 10);
export const minDate = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);

/** The first given weekday (0 = Sunday) on or after `d`, at midnight UTC. */
export function onWeekday(d: Date, weekday: number) {
  let out = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  while (out.getUTCDay() !== weekday) out = addDays(out, 1);
  return out;
}

/** Meetings are not held between Christmas and New Year: such a date moves on a week at a time. */
export function outsideHolidays(d: Date) {
  let out = d;
  while ((out.getUTCMonth() === 11 && out.getUTCDate() >= 20) || (out.getUTCMonth() === 0 && out.getUTCDate() <= 3))
    out = addDays(out, 7);
  return out;
}

export function monthYear(d: Date) {
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}

/** A moment between `from` and `to`, in waking hours, earlier days more likely (answers come in fastest at launch). */
export function answerTime(rng: Rng, from: Date, to: Date) {
  for (;;) {
    const span = to.getTime() - from.getTime();
    const t = new Date(from.getTime() + span * rng.next() ** 1.4);
    t.setUTCHours(
      rng.pick([
        8, 8, 12, 12, 13, 13, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20,
        21, 21,
      ]),
      rng.int(0, 59),
      rng.int(0, 59),
      rng.int(0, 999),
    );
    if (t.getTime() >= from.getTime() && t.getTime() < to.getTime()) return t;
  }
}
