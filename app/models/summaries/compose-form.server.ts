import { z } from "zod";
import type { TFunction } from "~/i18n";
import { listMeetings } from "~/models/board.server";
import { listGroupsForStaff } from "~/models/groups.server";
import { ageBands, audiences, listActiveOutcomes, listLocalities } from "~/models/reference.server";
import { type PeriodKey, periodKeys, periodRange } from "~/utils/periods";
import { countyDayStart, countyToday, formatDate } from "~/utils/time";
import { ComposeError, type getSummary, liveContent, quoteCandidates, type SummaryDraft } from "../summaries.server";
import { cachedFigures } from "./figures-cache.server";
import { SUMMARY_SOURCES, type SummaryScopeStored } from "./types";

// The compose form, shared by /staff/summaries/new and /staff/summaries/:id: read it, check it, and gather what the page shows.

const ids = z.array(z.coerce.number().int().positive());
const formSchema = z.object({
  title: z.string().trim().min(1, "summary.err.title").max(200, "summary.err.tooLong"),
  period: z.enum(["", ...periodKeys]),
  from: z.string(),
  to: z.string(),
  outcomeIds: ids.min(1, "summary.err.outcomes"),
  priorityIds: ids,
  sources: z.array(z.enum(SUMMARY_SOURCES)),
  audiences: z.array(z.enum(audiences)),
  ageBands: z.array(z.enum(ageBands)),
  localityIds: ids,
  groupIds: ids,
  quoteIds: ids,
  purpose: z.string().trim().max(4000, "summary.err.tooLong"),
  keyMessages: z.string().max(8000, "summary.err.tooLong"),
  recommendations: z.string().max(8000, "summary.err.tooLong"),
  reportOf: z.string().trim().max(200, "summary.err.tooLong"),
  contactOfficer: z.string().trim().max(300, "summary.err.tooLong"),
  meetingId: z.union([z.literal(""), z.coerce.number().int().positive()]),
  itemKind: z.enum(["", "decision", "information"]),
});

/** What the form shows in its fields: strings and lists of strings, as posted or as stored. */
export type ComposeValues = {
  title: string;
  period: string;
  from: string;
  to: string;
  outcomeIds: string[];
  priorityIds: string[];
  sources: string[];
  audiences: string[];
  ageBands: string[];
  localityIds: string[];
  groupIds: string[];
  quoteIds: string[];
  hide: Record<string, string>;
  purpose: string;
  keyMessages: string;
  recommendations: string;
  reportOf: string;
  contactOfficer: string;
  meetingId: string;
  itemKind: string;
};

const LIST_FIELDS = [
  "outcomeIds",
  "priorityIds",
  "sources",
  "audiences",
  "ageBands",
  "localityIds",
  "groupIds",
  "quoteIds",
] as const;
const TEXT_FIELDS = [
  "title",
  "period",
  "from",
  "to",
  "purpose",
  "keyMessages",
  "recommendations",
  "reportOf",
  "contactOfficer",
  "meetingId",
  "itemKind",
] as const;

export function readValues(form: FormData): ComposeValues {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values = {} as ComposeValues;
  for (const k of TEXT_FIELDS) values[k] = text(k);
  for (const k of LIST_FIELDS) values[k] = form.getAll(k).map(String);
  values.hide = {};
  for (const [k, v] of form.entries())
    if (k.startsWith("hide-") && typeof v === "string" && v.trim()) values.hide[k.slice(5)] = v;
  return values;
}

/** The last day of [from, to) as the county's day, for the "To" field. */
const lastDay = (toExclusive: string) => countyToday(new Date(Date.parse(toExclusive) - 1));

export function valuesOf(s: NonNullable<ReturnType<typeof getSummary>>): ComposeValues {
  const period = periodKeys.find((k) => {
    const r = periodRange(k);
    return r.from === s.scope.from && r.to === s.scope.to;
  });
  const str = (xs: (string | number)[]) => xs.map(String);
  return {
    title: s.title,
    period: period ?? "",
    from: countyToday(new Date(s.scope.from)),
    to: lastDay(s.scope.to),
    outcomeIds: str(s.scope.outcomeIds),
    priorityIds: str(s.scope.priorityIds),
    sources: str(s.scope.sources),
    audiences: str(s.scope.audiences),
    ageBands: str(s.scope.ageBands),
    localityIds: str(s.scope.localityIds),
    groupIds: str(s.scope.groupIds),
    quoteIds: str(s.quotes.map((q) => q.contributionId)),
    hide: {},
    purpose: s.purpose ?? "",
    keyMessages: s.keyMessages.join("\n"),
    recommendations: s.recommendations.join("\n"),
    reportOf: s.reportOf ?? "",
    contactOfficer: s.contactOfficer ?? "",
    meetingId: s.meetingId ? String(s.meetingId) : "",
    itemKind: s.itemKind ?? "",
  };
}

export function blankValues(): ComposeValues {
  const last = periodRange("last_term");
  return {
    title: "",
    period: "last_term",
    from: last.fromDay,
    to: last.lastDay,
    outcomeIds: [],
    priorityIds: [],
    sources: [],
    audiences: [],
    ageBands: [],
    localityIds: [],
    groupIds: [],
    quoteIds: [],
    hide: {},
    purpose: "",
    keyMessages: "",
    recommendations: "",
    reportOf: "",
    contactOfficer: "",
    meetingId: "",
    itemKind: "",
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the posted form; for "send", a meeting and decision/information are needed too. Errors are keyed by field id. */
export function checkValues(values: ComposeValues, intent: "save" | "send", t: TFunction) {
  const errors: Record<string, string> = {};
  const parsed = formSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field] ??= issue.message.startsWith("summary.") ? t(issue.message) : t("summary.err.tooLong");
    }
  }
  let from = "";
  let to = "";
  if (values.period && (periodKeys as readonly string[]).includes(values.period)) {
    const r = periodRange(values.period as PeriodKey);
    from = r.from;
    to = r.to;
  } else if (DAY.test(values.from) && DAY.test(values.to) && values.from <= values.to) {
    from = countyDayStart(values.from);
    to = countyDayStart(values.to, 1);
  } else errors.from = t("summary.err.dates");
  if (intent === "send") {
    if (!values.meetingId) errors.meetingId = t("summary.err.meeting");
    if (!values.itemKind) errors.itemKind = t("summary.err.kind");
  }
  if (!parsed.success || Object.keys(errors).length) return { errors, draft: null };
  const d = parsed.data;
  const scope: SummaryScopeStored = {
    from,
    to,
    outcomeIds: d.outcomeIds,
    priorityIds: d.priorityIds,
    sources: d.sources,
    audiences: d.audiences,
    ageBands: d.ageBands,
    localityIds: d.localityIds,
    groupIds: d.groupIds,
  };
  const lines = (s: string) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const draft: SummaryDraft = {
    title: d.title,
    scope,
    purpose: d.purpose || null,
    keyMessages: lines(d.keyMessages),
    recommendations: lines(d.recommendations),
    reportOf: d.reportOf || null,
    contactOfficer: d.contactOfficer || null,
    meetingId: d.meetingId === "" ? null : d.meetingId,
    itemKind: d.itemKind === "" ? null : d.itemKind,
    quotes: d.quoteIds.map((id) => ({
      contributionId: id,
      hide: (values.hide[String(id)] ?? "").split(","),
    })),
  };
  return { errors, draft };
}

/** A ComposeError as the field it belongs to and its message. */
export function composeErrorField(error: ComposeError, t: TFunction): Record<string, string> {
  const field =
    error.code === "bad_quote"
      ? "quotes"
      : error.code === "empty_scope" || error.code === "no_outcome"
        ? "outcomeIds"
        : error.code === "no_kind"
          ? "itemKind"
          : "meetingId";
  return { [field]: t(`summary.err.${error.code === "not_found" ? "no_meeting" : error.code}`) };
}

/** The choices the form offers, in the reader's language. */
export function composeChoices(lang: string) {
  const today = countyToday();
  return {
    outcomes: listActiveOutcomes().map((o) => ({
      id: o.id,
      title: o.title,
      priorities: o.priorities.map((p) => ({ id: p.id, title: p.title })),
    })),
    localities: listLocalities(),
    groups: listGroupsForStaff().map((g) => ({ id: g.id, name: g.name })),
    meetings: listMeetings().map((m) => ({
      id: m.id,
      label: `${m.body}: ${m.title} (${formatDate(m.meetsOn, lang)})`,
      past: m.meetsOn.slice(0, 10) < today,
    })),
  };
}

/** The live figures and the quotes to choose from for a saved summary, in the reader's words. */
export function composeFigures(id: number, t: TFunction, lang: string) {
  const live = liveContent(id, t, undefined, { cacheAs: lang });
  if (!live) return null;
  const chosen = live.summary.quotes.map((q) => ({
    id: q.contributionId,
    text: q.text,
    audience: q.audience,
    ageBand: q.ageBand,
  }));
  const chosenIds = new Set(chosen.map((q) => q.id));
  // A scope with no contributions has no quotes to offer: not looked for (over a million rows that search finds nothing slowly).
  const others =
    live.content.reach.contributions === 0
      ? []
      : cachedFigures(`quotes|20|${JSON.stringify(live.summary.scope)}`, () =>
          quoteCandidates(live.summary.scope, 20),
        ).filter((q) => !chosenIds.has(q.id));
  return { summary: live.summary, content: live.content, quotes: [...chosen, ...others] };
}

export { ComposeError };
