import { z } from "zod";
import {
  INBOX_PER_PAGE,
  type InboxFilterName,
  inboxFilterNames,
  inboxSources,
  inboxStates,
  type RawFilters,
} from "~/models/inbox/types";
import { type InboxFilters, listInbox } from "~/models/inbox.server";
import { AGE_BANDS, AUDIENCES } from "~/models/reference/types";
import { periodKeys } from "~/utils/periods";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Each filter the inbox reads from its address, and how a value is checked. */
const fields = {
  source: z.enum(inboxSources),
  consultation: id,
  group: id,
  session: id,
  audience: z.enum(AUDIENCES),
  age: z.enum(AGE_BANDS),
  area: id,
  locality: id,
  period: z.enum(periodKeys),
  outcome: id,
  priority: id,
  theme: id,
  tagged: z.enum(["tagged", "untagged"]),
  state: z.enum(inboxStates),
  q: z.string().trim().min(1).max(200),
  page: z.coerce.number().int().min(1).max(10_000),
} as const satisfies Record<InboxFilterName, z.ZodType>;
type Field = InboxFilterName;
const filterNames = inboxFilterNames;

/**
 * The filters in the address. A value that makes no sense (a stale bookmark, a hand-typed address) is dropped and named
 * in `ignored`, so the page says so instead of failing.
 */
export function readInboxFilters(url: URL) {
  const raw: RawFilters = {};
  const ignored: Field[] = [];
  const f: InboxFilters = {};
  let page = 1;
  for (const name of filterNames) {
    const value = url.searchParams.get(name);
    if (value === null || value.trim() === "") continue;
    const parsed = fields[name].safeParse(value);
    if (!parsed.success) {
      ignored.push(name);
      continue;
    }
    raw[name] = String(parsed.data);
    const v = parsed.data as never;
    switch (name) {
      case "source":
        f.source = v;
        break;
      case "consultation":
        f.consultationId = v;
        break;
      case "group":
        f.groupId = v;
        break;
      case "session":
        f.sessionId = v;
        break;
      case "audience":
        f.audience = v;
        break;
      case "age":
        f.ageBand = v;
        break;
      case "area":
        f.areaId = v;
        break;
      case "locality":
        f.localityId = v;
        break;
      case "period":
        f.period = v;
        break;
      case "outcome":
        f.outcomeId = v;
        break;
      case "priority":
        f.priorityId = v;
        break;
      case "theme":
        f.themeId = v;
        break;
      case "tagged":
        f.tagged = v;
        break;
      case "state":
        f.state = v;
        break;
      case "q":
        f.q = v;
        break;
      case "page":
        page = v;
        break;
    }
  }
  return { filters: f, raw, ignored, page };
}

export function inboxPage(url: URL) {
  const { filters, raw, ignored, page } = readInboxFilters(url);
  const list = listInbox(filters, page, INBOX_PER_PAGE);
  return { filters, raw, ignored, page, ...list };
}
