import { createEvent, type DateArray } from "ics";

/** The instant as ics's UTC date array, to the minute (sessions are chosen to the minute). */
function utcParts(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/**
 * A session as a calendar file. Times go out in UTC (a Z time): every calendar shows them in its own zone, so nobody has
 * to know whether London was on summer time. The UID stays the same for the session, so a second download (after a
 * change or a cancellation) updates the event instead of adding another.
 */
export function sessionIcs(
  s: {
    id: number;
    title: string;
    startsAt: string;
    endsAt: string;
    place: string | null;
    onlineUrl: string | null;
    status: string;
    questions: { position: number; text: string }[];
    /** How many times the time, place or status changed: calendars replace an event only for a higher SEQUENCE. */
    sequence?: number;
  },
  words: { questions: string; url: string },
) {
  const description = [words.questions, ...s.questions.map((q) => `${q.position}. ${q.text}`), "", words.url].join(
    "\n",
  );
  const { error, value } = createEvent({
    uid: `session-${s.id}@sounding-board`,
    productId: "sounding-board",
    title: s.title,
    start: utcParts(s.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: utcParts(s.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    location: s.place ?? s.onlineUrl ?? undefined,
    ...(s.onlineUrl ? { url: s.onlineUrl } : {}),
    description,
    status: s.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence: s.sequence ?? 0,
  });
  if (error || !value) throw error ?? new Error("calendar file not made");
  return value;
}
