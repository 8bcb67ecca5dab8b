import { coverageView } from "~/components/feedback/coverage.server";
import type { Lang } from "~/i18n/index";
import { INBOX_PER_PAGE, inboxQuery } from "~/models/inbox/types";
import { inboxFilterOptions, taggingVocabulary, tagTitles } from "~/models/inbox.server";
import { listLocalities } from "~/models/reference.server";
import { suggestTags } from "~/models/suggest.server";
import { inboxPage } from "~/routes/staff/feedback/filters.server";
import { formatDate } from "~/utils/time";

/** Suggestions below this are noise beside the plan's five outcomes, and are not offered. */
const MIN_CONFIDENCE = 0.05;

/**
 * The inbox page's data for an address, in a language: the rows of the filters asked, with suggested tags, the filter
 * choices and the coverage table. Over a million contributions this is tens to hundreds of ms of SQLite, so the route
 * runs it in a worker thread (app/workers/tasks.server.ts).
 */
export function inboxPageData(href: string, lang: Lang) {
  const url = new URL(href);
  const p = inboxPage(url);
  const vocabulary = taggingVocabulary();
  // A tag of an earlier plan still shows its name.
  const shownOutcomes = new Set(vocabulary.outcomes.map((o) => o.id));
  const shownPriorities = new Set(vocabulary.outcomes.flatMap((o) => o.priorities.map((x) => x.id)));
  const older = tagTitles(
    [...new Set(p.rows.flatMap((r) => r.tags.map((t) => t.outcomeId)))].filter((x) => !shownOutcomes.has(x)),
    [...new Set(p.rows.flatMap((r) => r.tags.map((t) => t.priorityId ?? 0)))].filter(
      (x) => x && !shownPriorities.has(x),
    ),
  );
  const suggestions = suggestTags(
    p.rows
      .filter((r) => r.state === "approved")
      .map((r) => ({ id: r.id, text: r.text, exclude: r.tags.map((x) => x.outcomeId) })),
  );
  return {
    rows: p.rows.map((r) => ({
      ...r,
      createdOn: formatDate(r.createdAt, lang),
      suggestions: (suggestions.get(r.id) ?? []).filter((x) => x.confidence >= MIN_CONFIDENCE),
    })),
    total: p.total,
    more: p.more,
    page: p.page,
    pages: p.more ? null : Math.max(1, Math.ceil(p.total / INBOX_PER_PAGE)),
    raw: p.raw,
    ignored: p.ignored,
    search: inboxQuery(p.raw),
    vocabulary,
    olderTitles: {
      outcomes: Object.fromEntries(older.outcomes),
      priorities: Object.fromEntries(older.priorities),
    },
    options: {
      ...inboxFilterOptions(),
      localities: listLocalities().map((l) => ({ id: l.id, name: l.name })),
    },
    coverage: coverageView(p.filters.period ?? "this_term", lang),
    done: url.searchParams.get("done"),
  };
}

export type InboxPageData = ReturnType<typeof inboxPageData>;
