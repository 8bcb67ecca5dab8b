import { z } from "zod";
import type { getT } from "~/i18n/i18n.server";
import { listGroupsForStaff } from "~/models/groups.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { AGENDA_ROWS, QUESTION_MAX } from "~/models/sessions/types";
import { listReferrableItems } from "~/models/sessions.server";
import { countyInstant, countyToday } from "~/utils/time";

type T = ReturnType<typeof getT>;

/** "All parents and carers' forums in North area": a set of groups picked in one go, spelt kind|audience|area. */
export function groupSets(groups: ReturnType<typeof listGroupsForStaff>) {
  const open = groups.filter((g) => g.status === "open" && g.kind === "forum" && g.area);
  const keys = [...new Set(open.map((g) => `forum|${g.audience}|${g.area}`))];
  return keys.map((key) => {
    const [, audience, area] = key.split("|");
    return { key, audience, area, ids: open.filter((g) => `forum|${g.audience}|${g.area}` === key).map((g) => g.id) };
  });
}

export function sessionFormLists() {
  const groups = listGroupsForStaff();
  return {
    groups: groups
      .filter((g) => g.status === "open")
      .map((g) => ({ id: g.id, name: g.name, area: g.area, audience: g.audience })),
    sets: groupSets(groups).map(({ key, audience, area }) => ({ key, audience, area })),
    outcomes: listActiveOutcomes().map((o) => ({
      id: o.id,
      title: o.title,
      priorities: o.priorities.map((p) => ({ id: p.id, title: p.title })),
    })),
    items: listReferrableItems(),
  };
}

const hm = /^\d{1,2}:\d{2}$/;
const baseSchema = z.object({
  title: z.string().trim().min(3).max(150),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  start: z.string().regex(hm),
  end: z.string().regex(hm),
  place: z.string().trim().max(300),
  accessInfo: z.string().trim().max(600),
  onlineUrl: z.union([z.literal(""), z.url({ protocol: /^https$/ }).max(500)]),
});

/** "12" → 12, "" → null; anything else is not one of ours and is dropped. */
const idOrNull = (v: FormDataEntryValue | null) => {
  const s = String(v ?? "");
  return /^\d{1,9}$/.test(s) ? Number(s) : null;
};

/** "o:3" (an outcome) or "p:12" (a priority under it). */
export function readTag(v: FormDataEntryValue | null) {
  const m = /^([op]):(\d{1,9})$/.exec(String(v ?? ""));
  if (!m) return { outcomeId: null, priorityId: null };
  return m[1] === "o" ? { outcomeId: Number(m[2]), priorityId: null } : { outcomeId: null, priorityId: Number(m[2]) };
}

/** The session's own details (title, when, where), as on the new-session form: for changing them later. */
export function readSessionDetails(form: FormData, t: T, now = new Date()) {
  const values: Record<string, string> = {};
  for (const key of ["title", "day", "start", "end", "place", "accessInfo", "onlineUrl"])
    values[key] = String(form.get(key) ?? "").slice(0, 1000);
  const errors: Record<string, string> = {};
  const parsed = baseSchema.safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0])] ??= t(`staffSessions.error.${String(issue.path[0])}`);
  let startsAt: string | null = null;
  let endsAt: string | null = null;
  if (parsed.success) {
    if (!parsed.data.place && !parsed.data.onlineUrl) errors.place = t("staffSessions.error.placeOrLink");
    startsAt = countyInstant(parsed.data.day, parsed.data.start);
    endsAt = countyInstant(parsed.data.day, parsed.data.end);
    if (!startsAt) errors.day = t("staffSessions.error.day");
    else if (startsAt <= now.toISOString()) errors.day = t("staffSessions.error.past");
    if (!endsAt) errors.end = t("staffSessions.error.end");
    else if (startsAt && endsAt <= startsAt) errors.end = t("staffSessions.error.endBefore");
  }
  if (Object.keys(errors).length || !parsed.success || !startsAt || !endsAt) return { values, input: null, errors };
  const d = parsed.data;
  return {
    values,
    errors: null,
    input: {
      title: d.title,
      startsAt,
      endsAt,
      place: d.place || null,
      accessInfo: d.accessInfo || null,
      onlineUrl: d.onlineUrl || null,
    },
  };
}

export function readSessionForm(form: FormData, t: T, now = new Date()) {
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string" && k !== "group") values[k] = v.slice(0, 1000);
  const errors: Record<string, string> = {};
  const parsed = baseSchema.safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0])] ??= t(`staffSessions.error.${String(issue.path[0])}`);
  const groupIds = form.getAll("group").flatMap((g) => (idOrNull(g) === null ? [] : [idOrNull(g) as number]));
  const set = String(form.get("groupSet") ?? "");
  if (set) {
    const found = groupSets(listGroupsForStaff()).find((s) => s.key === set);
    if (found) groupIds.push(...found.ids);
  }
  if (parsed.success && !parsed.data.place && !parsed.data.onlineUrl)
    errors.place = t("staffSessions.error.placeOrLink");
  if (!groupIds.length) errors.group = t("staffSessions.error.group");
  const questions = [];
  for (let i = 0; i < AGENDA_ROWS; i++) {
    const text = String(form.get(`q${i}`) ?? "").trim();
    if (!text) continue;
    if (text.length > QUESTION_MAX) errors[`q${i}`] = t("staffSessions.error.question", { max: QUESTION_MAX });
    questions.push({ text, ...readTag(form.get(`q${i}tag`)), agendaItemId: idOrNull(form.get(`q${i}item`)) });
  }
  let startsAt: string | null = null;
  let endsAt: string | null = null;
  if (parsed.success) {
    startsAt = countyInstant(parsed.data.day, parsed.data.start);
    endsAt = countyInstant(parsed.data.day, parsed.data.end);
    if (!startsAt) errors.day = t("staffSessions.error.day");
    else if (parsed.data.day < countyToday(now) || startsAt <= now.toISOString())
      errors.day = t("staffSessions.error.past");
    if (!endsAt) errors.end = t("staffSessions.error.end");
    else if (startsAt && endsAt <= startsAt) errors.end = t("staffSessions.error.endBefore");
  }
  if (Object.keys(errors).length || !parsed.success || !startsAt || !endsAt)
    return { values, groupIds: [...new Set(groupIds)], input: null, errors };
  const d = parsed.data;
  return {
    values,
    groupIds,
    errors: null,
    input: {
      title: d.title,
      startsAt,
      endsAt,
      place: d.place || null,
      accessInfo: d.accessInfo || null,
      onlineUrl: d.onlineUrl || null,
      groupIds: [...new Set(groupIds)],
      questions,
    },
  };
}
