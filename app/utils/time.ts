import { intlLocale } from "~/i18n";

/** The county's time zone: every date shown to people, and every day a person picks, is a day here. */
export const COUNTY_TZ = "Europe/London";

export function nowIso() {
  return new Date().toISOString();
}

// Made once per language: building an Intl.DateTimeFormat costs far more than using one (a queue page dates 20 items).
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (lang: string) => {
  let format = dayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lang), {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: COUNTY_TZ,
    });
    dayFormats.set(lang, format);
  }
  return format;
};

/** A stored date-only value ("2026-11-22") is that day, not the day before in some other zone. */
function toDate(iso: string) {
  return new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
}

/** "22 November 2026" in the county's own time zone, for dates shown to people. */
export function formatDate(iso: string | null | undefined, lang: string) {
  if (!iso) return "";
  return dayFormat(lang).format(toDate(iso));
}

/**
 * A period stored as [from, to) (the end is the first moment after it, e.g. the next midnight) shown with its last
 * day included: 19 November 00:00 to 23 November 00:00 reads "19–22 November 2026".
 */
export function formatPeriod(fromIso: string, toExclusiveIso: string, lang: string) {
  const from = toDate(fromIso);
  const lastMoment = new Date(Math.max(from.getTime(), toDate(toExclusiveIso).getTime() - 1));
  return dayFormat(lang).formatRange(from, lastMoment);
}

const offsetFormat = new Intl.DateTimeFormat("en-GB", { timeZone: COUNTY_TZ, timeZoneName: "longOffset" });
const todayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: COUNTY_TZ });

/** Minutes London is ahead of UTC at that instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: number) {
  const name = offsetFormat.formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant a day ("2026-11-19") begins in London, as an ISO string; `addDays` moves to a later or earlier day. */
export function countyDayStart(ymd: string, addDays = 0) {
  const utcMidnight = Date.parse(`${ymd}T00:00:00Z`) + addDays * 86400_000;
  const guess = utcMidnight - londonOffsetMinutes(utcMidnight) * 60_000;
  return new Date(utcMidnight - londonOffsetMinutes(guess) * 60_000).toISOString();
}

/** Today's date ("2026-11-22") in London. */
export function countyToday(now = new Date()) {
  return todayFormat.format(now);
}

/** The instant a London wall-clock time ("2026-12-03", "18:30") is, as an ISO string; null when it is not a real time. */
export function countyInstant(ymd: string, hm: string) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const t = /^(\d{1,2}):(\d{2})$/.exec(hm);
  if (!d || !t) return null;
  const [h, m] = [Number(t[1]), Number(t[2])];
  if (h > 23 || m > 59) return null;
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, m);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== Number(d[2]) - 1 || check.getUTCDate() !== Number(d[3])) return null;
  const guess = asUtc - londonOffsetMinutes(asUtc) * 60_000;
  return new Date(asUtc - londonOffsetMinutes(guess) * 60_000).toISOString();
}

const wallFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: COUNTY_TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant as the London day and time a form shows: { day: "2026-12-03", time: "18:30" }. */
export function countyWallClock(iso: string) {
  const parts = Object.fromEntries(wallFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** "18:30" (or the language's way of writing it) in London. */
export function formatTime(iso: string, lang: string) {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lang), { timeStyle: "short", timeZone: COUNTY_TZ });
    timeFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}
