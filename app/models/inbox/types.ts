// The feedback inbox's own words, safe for the browser.

/** Where a contribution came from, as the inbox names it (one contribution has exactly one). */
export const inboxSources = ["online", "paper", "import", "question", "session_note", "session_view"] as const;
export type InboxSource = (typeof inboxSources)[number];

/** The states an officer may list; escalated words are never in the inbox. */
export const inboxStates = ["approved", "pending", "hidden", "withdrawn"] as const;
export type InboxState = (typeof inboxStates)[number];

/** The keys that toggle outcomes 1–9 and pick a priority within the outcome last toggled. */
export const outcomeKeys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
export const priorityKeys = [
  "a",
  "b",
  "c",
  "d",
  "e",
  "f",
  "g",
  "h",
  "i",
  "k",
  "l",
  "m",
  "n",
  "o",
  "p",
  "q",
  "r",
] as const;

/** Contributions on one page of the inbox. */
export const INBOX_PER_PAGE = 20;

/** Bulk tagging touches at most this many contributions at once (about a second's work); narrower filters do more. */
export const BULK_LIMIT = 10_000;

export type InboxTag = { outcomeId: number; priorityId: number | null; source: string };

/** Why a tag change was refused. */
export const tagRefusals = [
  "not_found",
  "pending",
  "hidden",
  "escalated",
  "withdrawn",
  "unknown_outcome",
  "retired_outcome",
  "unknown_priority",
  "unknown_theme",
] as const;
export type TagRefusal = (typeof tagRefusals)[number];

/** The filters the inbox keeps in its address, in the order they are written there. */
export const inboxFilterNames = [
  "source",
  "consultation",
  "group",
  "session",
  "audience",
  "age",
  "area",
  "locality",
  "period",
  "outcome",
  "priority",
  "theme",
  "tagged",
  "state",
  "q",
  "page",
] as const;
export type InboxFilterName = (typeof inboxFilterNames)[number];
export type RawFilters = Partial<Record<InboxFilterName, string>>;

/** The inbox's address with these filters, and changes on top (page 1 unless said). */
export function inboxQuery(raw: RawFilters, changes: RawFilters = {}) {
  const params = new URLSearchParams();
  const all: RawFilters = { ...raw, ...changes };
  for (const name of inboxFilterNames) {
    const v = all[name];
    if (v !== undefined && v !== "" && !(name === "page" && v === "1")) params.set(name, v);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
