import type { EntryVersion, EntryView } from "~/models/you-said-we-did.server";
import { formatDate } from "~/utils/time";

/** The outcomes whose children's titles have a translation in the locale files; others are shown as the plan names them. */
export const translatedOutcomes = [
  "be-healthy",
  "stay-safe",
  "enjoy-and-achieve",
  "positive-contribution",
  "economic-wellbeing",
] as const;

/** An entry ready to render: dates written out in the page's language, nothing the reader need not see. */
export function presentEntry(e: EntryView, lang: string) {
  return {
    id: e.id,
    outcomeKey: e.outcomeKey,
    outcomeTitle: e.outcomeTitle,
    lang: e.lang,
    fallback: e.fallback,
    version: e.version,
    youSaid: e.youSaid,
    weDid: e.weDid,
    publishedOn: formatDate(e.publishedAt, lang),
    checked: e.checkedByYoungPeople,
    langs: e.langs,
    actions: e.actions.map((a) => ({
      id: a.id,
      description: a.description,
      lang: a.lang,
      leadAgency: a.leadAgency,
      dueOn: formatDate(a.dueOn, lang),
      status: a.status,
      droppedReason: a.droppedReason,
    })),
    corrections: e.corrections.map((c) => ({
      on: formatDate(c.at, lang),
      field: c.field,
      before: c.before,
      after: c.after,
      note: c.note,
    })),
  };
}

export type ShownEntry = ReturnType<typeof presentEntry>;

/** The two halves' headings, in the words of whoever the version is for. */
export function halfHeadings(version: EntryVersion) {
  return version === "parents"
    ? ({ said: "ysdw.parentsSaid", did: "ysdw.parentsDid" } as const)
    : ({ said: "ysdw.youSaid", did: "ysdw.weDid" } as const);
}
