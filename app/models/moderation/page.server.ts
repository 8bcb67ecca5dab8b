import { z } from "zod";
import { can } from "~/auth/roles";
import type { Lang } from "~/i18n/index";
import { listModerationQueue, moderationFilterOptions, type QueueFilters } from "~/models/feedback.server";
import { listLocalities } from "~/models/reference.server";
import { openEscalationCount } from "~/models/safeguarding.server";
import { listsInForce } from "~/models/safeguarding-lists.server";
import { checkText, type SafeguardingLists } from "~/safeguarding";
import { type HighlightPart, highlightParts } from "~/safeguarding/highlight";
import { AGE_BANDS } from "~/schemas/import";
import { formatDate } from "~/utils/time";

export const PER_PAGE = 20;

// Unknown filter values are dropped rather than refused: a stale bookmark still opens the queue.
const filterSchema = z.object({
  source: z.enum(["online", "paper", "import", "question", "session"]).optional().catch(undefined),
  consultation: z.coerce.number().int().positive().optional().catch(undefined),
  age: z.enum(AGE_BANDS).optional().catch(undefined),
  locality: z.coerce.number().int().positive().optional().catch(undefined),
  flag: z
    .string()
    .regex(/^[a-z_]{1,30}$/)
    .optional()
    .catch(undefined),
  show: z.enum(["pending", "approved"]).catch("pending"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function readFilters(url: URL) {
  const f = filterSchema.parse(Object.fromEntries(url.searchParams));
  const filters: QueueFilters = {
    state: f.show,
    source: f.source,
    consultationId: f.consultation,
    ageBand: f.age,
    localityId: f.locality,
    flag: f.flag,
  };
  return { filters, page: f.page, raw: f };
}

const highlightsByLists = new WeakMap<SafeguardingLists, Map<string, HighlightPart[] | null>>();

/**
 * The original text cut where the check finds something, for highlighting: only for text that was flagged when it
 * came (the rest has nothing to find), checked again with the lists in force now.
 */
export function withHighlights(body: string | null, flags: string[], lists: SafeguardingLists | null) {
  if (!body || !flags.length || !lists) return null;
  // Officers open the same pages again and again: kept per text, for as long as these lists are in force.
  let kept = highlightsByLists.get(lists);
  if (!kept) {
    kept = new Map();
    highlightsByLists.set(lists, kept);
  }
  const hit = kept.get(body);
  if (hit !== undefined) return hit;
  const parts = highlightParts(body, checkText(body, { lists }).spans);
  const found = parts.some((p) => p.kind) ? parts : null;
  if (kept.size >= 2000) kept.clear();
  kept.set(body, found);
  return found;
}

/**
 * The moderation queue's page for an address: its rows, counts and filter choices. Counting what waits among a million
 * contributions is a few hundred ms of SQLite, so the route runs this in a worker thread.
 */
export function moderationPageData(href: string, lang: Lang, role: string) {
  const url = new URL(href);
  const { filters, page: pageNo, raw } = readFilters(url);
  const { total, rows } = listModerationQueue(filters, pageNo, PER_PAGE);
  const options = moderationFilterOptions();
  const lists = rows.some((i) => i.flags.length) ? listsInForce() : null;
  return {
    items: rows.map((i) => ({
      ...i,
      createdOn: formatDate(i.createdAt, lang),
      parts: withHighlights(i.body, i.flags, lists),
      // words that can signal harm, judged ordinary by the model: approved one at a time, never in a selection
      readAlone: i.flags.includes("harm_words"),
    })),
    total,
    page: pageNo,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    filters: raw,
    search: url.search,
    options: { ...options, localities: listLocalities().map((l) => ({ id: l.id, name: l.name })) },
    withLead: openEscalationCount(),
    isLead: can(role, "safeguard"),
    done: url.searchParams.get("done"),
  };
}

export type ModerationPageData = ReturnType<typeof moderationPageData>;
