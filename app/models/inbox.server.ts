import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PeriodKey } from "~/utils/periods";
import { periodRange } from "~/utils/periods";
import { getDb, type Tx } from "~db/client";
import {
  contributions,
  contributionTags,
  contributionThemes,
  outcomes,
  priorities,
  staffUsers,
  tagEvents,
  themes,
} from "~db/schema";
import { BULK_LIMIT, type InboxSource, type InboxState, type InboxTag, type TagRefusal } from "./inbox/types";
import { getOutcome, getPriority } from "./plan.server";
import { listActiveOutcomes } from "./reference.server";
import { tagsChanged } from "./suggest.server";
import { listThemeChoices } from "./themes.server";

export type InboxFilters = {
  source?: InboxSource;
  consultationId?: number;
  groupId?: number;
  sessionId?: number;
  audience?: string;
  ageBand?: string;
  areaId?: number;
  localityId?: number;
  period?: PeriodKey;
  outcomeId?: number;
  priorityId?: number;
  themeId?: number;
  tagged?: "tagged" | "untagged";
  state?: InboxState;
  q?: string;
};

/**
 * Words typed into the search box as an FTS5 query: each word a quoted prefix ("bull"* finds bullying), all of them
 * required. Quotes and operators typed by the officer are taken as letters, so no input can break the query.
 */
export function ftsQuery(text: string) {
  const words = text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(" ") : null;
}

// Names are spelt out in these subqueries: drizzle may write an interpolated column without its table name, which inside
// a subquery would mean the subquery's own table.
const C = sql.raw(`"contributions"`);

/** Every condition the filters ask for; the inbox only ever holds free text that is not (and never was) escalated. */
export function inboxWhere(f: InboxFilters, now = new Date()): SQL {
  const c: SQL[] = [
    sql`${C}."kind" = 'text'`,
    f.state
      ? sql`${C}."moderation_state" = ${f.state}`
      : sql`${C}."moderation_state" in ('approved', 'pending', 'hidden')`,
    sql`not exists (select 1 from safeguarding_cases sc where sc.contribution_id = ${C}."id")`,
  ];
  switch (f.source) {
    case "online":
    case "paper":
    case "import":
      c.push(sql`${C}."source" = 'consultation'`);
      c.push(sql`exists (select 1 from responses r where r.id = ${C}."response_id" and r.channel = ${f.source})`);
      break;
    case "question":
      c.push(sql`${C}."source" = 'question'`);
      break;
    case "session_note":
      c.push(sql`${C}."source" = 'session'`);
      c.push(sql`exists (select 1 from session_notes sn where sn.contribution_id = ${C}."id")`);
      break;
    case "session_view":
      c.push(sql`${C}."source" = 'session'`);
      c.push(sql`exists (select 1 from session_views sv where sv.contribution_id = ${C}."id")`);
      break;
  }
  if (f.consultationId) c.push(sql`${C}."consultation_id" = ${f.consultationId}`);
  if (f.groupId) c.push(sql`${C}."group_id" = ${f.groupId}`);
  if (f.sessionId)
    c.push(
      sql`(exists (select 1 from session_notes sn where sn.contribution_id = ${C}."id" and sn.session_id = ${f.sessionId}) or exists (select 1 from session_views sv where sv.contribution_id = ${C}."id" and sv.session_id = ${f.sessionId}))`,
    );
  if (f.audience) c.push(sql`${C}."audience" = ${f.audience}`);
  if (f.ageBand) c.push(sql`${C}."age_band" = ${f.ageBand}`);
  if (f.localityId) c.push(sql`${C}."locality_id" = ${f.localityId}`);
  else if (f.areaId) c.push(sql`${C}."locality_id" in (select l.id from localities l where l.area_id = ${f.areaId})`);
  if (f.period) {
    const { from, to } = periodRange(f.period, now);
    c.push(sql`${C}."created_at" >= ${from} and ${C}."created_at" < ${to}`);
  }
  if (f.priorityId)
    c.push(
      sql`exists (select 1 from contribution_tags ct where ct.contribution_id = ${C}."id" and ct.priority_id = ${f.priorityId})`,
    );
  else if (f.outcomeId)
    c.push(
      sql`exists (select 1 from contribution_tags ct where ct.contribution_id = ${C}."id" and ct.outcome_id = ${f.outcomeId})`,
    );
  if (f.themeId)
    c.push(
      sql`exists (select 1 from contribution_themes cth where cth.contribution_id = ${C}."id" and cth.theme_id = ${f.themeId})`,
    );
  if (f.tagged === "tagged")
    c.push(sql`exists (select 1 from contribution_tags ct where ct.contribution_id = ${C}."id")`);
  if (f.tagged === "untagged")
    c.push(sql`not exists (select 1 from contribution_tags ct where ct.contribution_id = ${C}."id")`);
  // biome-ignore lint/style/noNonNullAssertion: and() of at least one condition is never undefined
  return and(...c)!;
}

/**
 * The rows the filters match, as FROM, WHERE and ORDER BY. With words to search for, the full-text index leads: it gives
 * matches newest (highest id) first and the query stops at the page's end, instead of sorting every match by date.
 */
function matching(f: InboxFilters, now: Date) {
  const where = inboxWhere(f, now);
  const q = f.q ? ftsQuery(f.q) : null;
  if (!q)
    return {
      from: sql`${contributions}`,
      where,
      order: sql`${C}."created_at" desc, ${C}."id" desc`,
    };
  return {
    from: sql`contributions_fts join ${contributions} on ${C}."id" = contributions_fts.rowid`,
    where: sql`contributions_fts match ${q} and ${where}`,
    order: sql`contributions_fts.rowid desc`,
  };
}

/** SQLite's plan for one page of the inbox with these filters (scripts/inbox-plans.ts prints them). */
export function inboxQueryPlan(f: InboxFilters, now = new Date()) {
  const m = matching(f, now);
  return getDb()
    .all<{ id: number; parent: number; detail: string }>(
      sql`explain query plan select ${C}."id" from ${m.from} where ${m.where} order by ${m.order} limit 20`,
    )
    .map((r) => r.detail);
}

/**
 * Counting stops here: a bulk action counts up to its limit; a page of the inbox says "more than 1,000", which is true,
 * instead of reading thousands of matches to count them (the search's index gives them newest first, and only the
 * page's twenty are needed).
 */
export const COUNT_CAP = BULK_LIMIT;
export const LIST_COUNT_CAP = 1_000;

function countMatching(m: { from: SQL; where: SQL }, cap = COUNT_CAP) {
  const row = getDb().get<{ n: number }>(
    sql`select count(*) as n from (select 1 from ${m.from} where ${m.where} limit ${cap + 1})`,
  );
  const n = row?.n ?? 0;
  return { count: Math.min(n, cap), more: n > cap };
}

export type InboxRow = {
  id: number;
  source: InboxSource;
  text: string;
  audience: string;
  ageBand: string | null;
  locality: string | null;
  consultation: string | null;
  question: string | null;
  group: string | null;
  session: string | null;
  state: string;
  createdAt: string;
  tags: InboxTag[];
  themeIds: number[];
};

type RawRow = Omit<InboxRow, "tags" | "themeIds" | "source"> & {
  source: string;
  channel: string | null;
  isView: number;
};

function selectRows(from: SQL, where: SQL, tail: SQL): RawRow[] {
  return getDb().all<RawRow>(sql`
    select ${C}."id" as id, ${C}."source" as source, ${C}."masked_body" as text, ${C}."audience" as audience,
      ${C}."age_band" as ageBand, ${C}."moderation_state" as state, ${C}."created_at" as createdAt,
      (select l.name from localities l where l.id = ${C}."locality_id") as locality,
      (select co.title from consultations co where co.id = ${C}."consultation_id") as consultation,
      (select qu.prompt from questions qu where qu.id = ${C}."question_id") as question,
      (select g.name from groups g where g.id = ${C}."group_id") as "group",
      (select r.channel from responses r where r.id = ${C}."response_id") as channel,
      coalesce(
        (select gs.title from session_notes sn join group_sessions gs on gs.id = sn.session_id where sn.contribution_id = ${C}."id"),
        (select gs.title from session_views sv join group_sessions gs on gs.id = sv.session_id where sv.contribution_id = ${C}."id")
      ) as session,
      exists (select 1 from session_views sv where sv.contribution_id = ${C}."id") as isView
    from ${from}
    where ${where}
    ${tail}`);
}

function withTags(rows: RawRow[]): InboxRow[] {
  const ids = rows.map((r) => r.id);
  const tags = tagsOf(ids);
  const themeIds = themesOf(ids);
  return rows.map(({ channel: _c, isView: _v, ...r }) => ({
    ...r,
    source: sourceOf({ source: r.source, channel: _c, isView: _v }),
    tags: tags.get(r.id) ?? [],
    themeIds: themeIds.get(r.id) ?? [],
  }));
}

/** One contribution as the inbox shows it; null when it does not exist or is (or was) escalated. */
export function getInboxItem(id: number) {
  const where = sql`${C}."id" = ${id} and ${C}."kind" = 'text' and ${C}."moderation_state" <> 'escalated' and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = ${C}."id")`;
  const [row] = withTags(selectRows(sql`${contributions}`, where, sql``));
  return row ?? null;
}

/** One page of the inbox, newest first, with each contribution's tags and themes. */
export function listInbox(f: InboxFilters, page = 1, perPage = 20, now = new Date()) {
  const m = matching(f, now);
  const total = countMatching(m, LIST_COUNT_CAP);
  const rows = selectRows(m.from, m.where, sql`order by ${m.order} limit ${perPage} offset ${(page - 1) * perPage}`);
  return { total: total.count, more: total.more, rows: withTags(rows) };
}

function sourceOf(r: { source: string; channel: string | null; isView: number }): InboxSource {
  if (r.source === "question") return "question";
  if (r.source === "session") return r.isView ? "session_view" : "session_note";
  return (r.channel as InboxSource | null) ?? "online";
}

function tagsOf(ids: number[]) {
  const map = new Map<number, InboxTag[]>();
  if (!ids.length) return map;
  const rows = getDb()
    .select({
      contributionId: contributionTags.contributionId,
      outcomeId: contributionTags.outcomeId,
      priorityId: contributionTags.priorityId,
      source: contributionTags.source,
    })
    .from(contributionTags)
    .where(inArray(contributionTags.contributionId, ids))
    .all();
  for (const { contributionId, ...t } of rows) map.set(contributionId, [...(map.get(contributionId) ?? []), t]);
  return map;
}

function themesOf(ids: number[]) {
  const map = new Map<number, number[]>();
  if (!ids.length) return map;
  const rows = getDb()
    .select({ contributionId: contributionThemes.contributionId, themeId: contributionThemes.themeId })
    .from(contributionThemes)
    .where(inArray(contributionThemes.contributionId, ids))
    .all();
  for (const r of rows) map.set(r.contributionId, [...(map.get(r.contributionId) ?? []), r.themeId]);
  return map;
}

/** The tags of one contribution, for the answer to a tag change. */
export function contributionTagState(id: number) {
  return { tags: tagsOf([id]).get(id) ?? [], themeIds: themesOf([id]).get(id) ?? [] };
}

export class TagError extends Error {
  constructor(readonly reason: TagRefusal) {
    super(reason);
  }
}

/** Only approved words that never went to the safeguarding lead may be tagged. */
function taggable(tx: Tx, contributionId: number) {
  const row = tx.get<{ state: string; kind: string; escalated: number } | undefined>(
    sql`select moderation_state as state, kind, exists (select 1 from safeguarding_cases sc where sc.contribution_id = ${contributionId}) as escalated from contributions where id = ${contributionId}`,
  );
  if (!row) throw new TagError("not_found");
  if (row.escalated || row.state === "escalated") throw new TagError("escalated");
  if (row.state !== "approved") throw new TagError(row.state as TagRefusal);
}

type OutcomeInfo = { id: number; title: string; active: boolean };

function outcomeFor(tx: Tx, outcomeId: number): OutcomeInfo {
  const o = getOutcome(outcomeId, tx);
  if (!o) throw new TagError("unknown_outcome");
  return o;
}

/** A priority under this outcome; one under another outcome is as unknown as one that does not exist. */
function priorityFor(tx: Tx, priorityId: number, outcomeId: number) {
  const p = getPriority(priorityId, tx);
  if (!p || p.outcomeId !== outcomeId) throw new TagError("unknown_priority");
  return p;
}

const priorityTitle = (tx: Tx, priorityId: number | null) =>
  priorityId ? (getPriority(priorityId, tx)?.title ?? null) : null;

export type TagChange = {
  staffId: number;
  contributionId: number;
  outcomeId: number;
  /** toggle: on if off, off if on. add / remove: as said. priority: set the priority within the outcome (adds the outcome). */
  op: "toggle" | "add" | "remove" | "priority";
  /** For op "priority" (null clears it) or "add". */
  priorityId?: number | null;
  via: "key" | "form" | "suggestion";
};

// The suggestion model retrains soon after tags change (debounced in suggest.server).
const onTagsChanged = tagsChanged;

function labelOf(outcome: OutcomeInfo, priorityTitle: string | null) {
  return priorityTitle ? `${outcome.title}: ${priorityTitle}` : outcome.title;
}

/** One tag change, saved at once and recorded (who, when, from → to). Returns the contribution's tags afterwards. */
export function changeTag(input: TagChange) {
  const db = getDb();
  const now = new Date().toISOString();
  db.transaction((tx) => {
    taggable(tx, input.contributionId);
    const outcome = outcomeFor(tx, input.outcomeId);
    const existing = tx
      .select({ priorityId: contributionTags.priorityId })
      .from(contributionTags)
      .where(
        and(eq(contributionTags.contributionId, input.contributionId), eq(contributionTags.outcomeId, input.outcomeId)),
      )
      .get();
    const priority = input.priorityId ? priorityFor(tx, input.priorityId, input.outcomeId) : null;
    const turnOn = input.op === "add" || input.op === "priority" || (input.op === "toggle" && !existing);
    // A retired plan's tags stay where they are and may be taken off, but its outcomes are not newly applied.
    if (turnOn && !existing && !outcome.active) throw new TagError("retired_outcome");
    const event = {
      contributionId: input.contributionId,
      staffId: input.staffId,
      outcomeId: input.outcomeId,
      via: input.via,
      createdAt: now,
    };
    const fromPriorityTitle = priorityTitle(tx, existing?.priorityId ?? null);
    if (!turnOn) {
      if (!existing) return;
      tx.delete(contributionTags)
        .where(
          and(
            eq(contributionTags.contributionId, input.contributionId),
            eq(contributionTags.outcomeId, input.outcomeId),
          ),
        )
        .run();
      tx.insert(tagEvents)
        .values({
          ...event,
          kind: "outcome",
          action: "remove",
          fromPriorityId: existing.priorityId,
          fromLabel: labelOf(outcome, fromPriorityTitle),
        })
        .run();
      return;
    }
    if (!existing) {
      tx.insert(contributionTags)
        .values({
          contributionId: input.contributionId,
          outcomeId: input.outcomeId,
          priorityId: priority?.id ?? null,
          source: "officer",
          taggedBy: input.staffId,
          createdAt: now,
        })
        .run();
      tx.insert(tagEvents)
        .values({
          ...event,
          kind: priority ? "priority" : "outcome",
          action: "add",
          toPriorityId: priority?.id ?? null,
          toLabel: labelOf(outcome, priority?.title ?? null),
        })
        .run();
      return;
    }
    const wantPriority = input.op === "priority" || (input.op === "add" && input.priorityId !== undefined);
    if (!wantPriority || (existing.priorityId ?? null) === (priority?.id ?? null)) return;
    if (!outcome.active) throw new TagError("retired_outcome");
    tx.update(contributionTags)
      .set({ priorityId: priority?.id ?? null, source: "officer", taggedBy: input.staffId })
      .where(
        and(eq(contributionTags.contributionId, input.contributionId), eq(contributionTags.outcomeId, input.outcomeId)),
      )
      .run();
    tx.insert(tagEvents)
      .values({
        ...event,
        kind: "priority",
        action: "change",
        fromPriorityId: existing.priorityId,
        toPriorityId: priority?.id ?? null,
        fromLabel: labelOf(outcome, fromPriorityTitle),
        toLabel: labelOf(outcome, priority?.title ?? null),
      })
      .run();
  });
  onTagsChanged();
  return contributionTagState(input.contributionId);
}

/** Sets a contribution's outcome tags to exactly these (the checkbox form without JavaScript), recording each change. */
export function setTags(input: {
  staffId: number;
  contributionId: number;
  wanted: { outcomeId: number; priorityId: number | null }[];
  themeIds: number[];
}) {
  const db = getDb();
  const now = new Date().toISOString();
  db.transaction((tx) => {
    taggable(tx, input.contributionId);
    const current = new Map(
      tx
        .select({ outcomeId: contributionTags.outcomeId, priorityId: contributionTags.priorityId })
        .from(contributionTags)
        .where(eq(contributionTags.contributionId, input.contributionId))
        .all()
        .map((t) => [t.outcomeId, t.priorityId] as const),
    );
    const wanted = new Map(input.wanted.map((w) => [w.outcomeId, w.priorityId] as const));
    const titles = (id: number | null) => priorityTitle(tx, id);
    const base = { contributionId: input.contributionId, staffId: input.staffId, via: "form", createdAt: now };
    for (const [outcomeId, priorityId] of current) {
      if (wanted.has(outcomeId)) continue;
      const o = outcomeFor(tx, outcomeId);
      tx.delete(contributionTags)
        .where(
          and(eq(contributionTags.contributionId, input.contributionId), eq(contributionTags.outcomeId, outcomeId)),
        )
        .run();
      tx.insert(tagEvents)
        .values({
          ...base,
          kind: "outcome",
          outcomeId,
          action: "remove",
          fromPriorityId: priorityId,
          fromLabel: labelOf(o, titles(priorityId)),
        })
        .run();
    }
    for (const [outcomeId, priorityId] of wanted) {
      const o = outcomeFor(tx, outcomeId);
      if (priorityId) priorityFor(tx, priorityId, outcomeId);
      const had = current.has(outcomeId);
      const before = current.get(outcomeId) ?? null;
      if (had && before === priorityId) continue;
      if (!o.active) throw new TagError("retired_outcome");
      if (had) {
        tx.update(contributionTags)
          .set({ priorityId, source: "officer", taggedBy: input.staffId })
          .where(
            and(eq(contributionTags.contributionId, input.contributionId), eq(contributionTags.outcomeId, outcomeId)),
          )
          .run();
      } else {
        tx.insert(contributionTags)
          .values({
            contributionId: input.contributionId,
            outcomeId,
            priorityId,
            source: "officer",
            taggedBy: input.staffId,
            createdAt: now,
          })
          .run();
      }
      tx.insert(tagEvents)
        .values({
          ...base,
          kind: priorityId || before ? "priority" : "outcome",
          outcomeId,
          action: had ? "change" : "add",
          fromPriorityId: before,
          toPriorityId: priorityId,
          fromLabel: had ? labelOf(o, titles(before)) : null,
          toLabel: labelOf(o, titles(priorityId)),
        })
        .run();
    }
    const currentThemes = new Set(
      tx
        .select({ id: contributionThemes.themeId })
        .from(contributionThemes)
        .where(eq(contributionThemes.contributionId, input.contributionId))
        .all()
        .map((t) => t.id),
    );
    const wantedThemes = new Set(input.themeIds);
    for (const themeId of currentThemes) {
      if (wantedThemes.has(themeId)) continue;
      setThemeIn(tx, { ...base, themeId, on: false });
    }
    for (const themeId of wantedThemes) {
      if (currentThemes.has(themeId)) continue;
      setThemeIn(tx, { ...base, themeId, on: true });
    }
  });
  onTagsChanged();
  return contributionTagState(input.contributionId);
}

function setThemeIn(
  tx: Tx,
  input: { contributionId: number; staffId: number; themeId: number; on: boolean; via: string; createdAt: string },
) {
  const theme = tx
    .select({ name: themes.name, mergedInto: themes.mergedInto })
    .from(themes)
    .where(eq(themes.id, input.themeId))
    .get();
  if (!theme || (input.on && theme.mergedInto)) throw new TagError("unknown_theme");
  const where = and(
    eq(contributionThemes.contributionId, input.contributionId),
    eq(contributionThemes.themeId, input.themeId),
  );
  const had = Boolean(tx.select({ id: contributionThemes.themeId }).from(contributionThemes).where(where).get());
  if (had === input.on) return false;
  if (input.on)
    tx.insert(contributionThemes)
      .values({
        contributionId: input.contributionId,
        themeId: input.themeId,
        taggedBy: input.staffId,
        createdAt: input.createdAt,
      })
      .run();
  else tx.delete(contributionThemes).where(where).run();
  tx.insert(tagEvents)
    .values({
      contributionId: input.contributionId,
      staffId: input.staffId,
      kind: "theme",
      themeId: input.themeId,
      action: input.on ? "add" : "remove",
      fromLabel: input.on ? null : theme.name,
      toLabel: input.on ? theme.name : null,
      via: input.via,
      createdAt: input.createdAt,
    })
    .run();
  return true;
}

/** Puts a theme on a contribution or takes it off. */
export function changeTheme(input: {
  staffId: number;
  contributionId: number;
  themeId: number;
  on: boolean;
  via: "key" | "form";
}) {
  const now = new Date().toISOString();
  getDb().transaction((tx) => {
    taggable(tx, input.contributionId);
    setThemeIn(tx, { ...input, createdAt: now });
  });
  return contributionTagState(input.contributionId);
}

/**
 * A selection, or everything the filters match. With maxId (the newest contribution when the officer was shown the
 * count), words that arrived after that are left out, so what is tagged is what was counted.
 */
export type BulkTarget = { ids: number[] } | { filters: InboxFilters; maxId?: number };
export type BulkTag = { outcomeId: number; priorityId: number | null } | { themeId: number };

/** The approved contributions a bulk action would touch, and how many it would skip (not approved). */
function bulkIds(target: BulkTarget, now: Date) {
  const db = getDb();
  if ("ids" in target) {
    const ids = [...new Set(target.ids)].slice(0, BULK_LIMIT + 1);
    if (!ids.length) return { ids: [], skipped: 0, tooMany: false };
    const ok = db.all<{ id: number }>(
      sql`select id from contributions where id in (select value from json_each(${JSON.stringify(ids)})) and ${inboxWhere({ state: "approved" }, now)}`,
    );
    return { ids: ok.map((r) => r.id), skipped: ids.length - ok.length, tooMany: ids.length > BULK_LIMIT };
  }
  const maxId = target.maxId ?? db.get<{ n: number | null }>(sql`select max(id) as n from ${contributions}`)?.n ?? 0;
  const upTo = <M extends { where: SQL }>(m: M): M => ({ ...m, where: sql`${m.where} and ${C}."id" <= ${maxId}` });
  const all = countMatching(upTo(matching(target.filters, now)));
  const approved = upTo(matching({ ...target.filters, state: target.filters.state ?? "approved" }, now));
  const ids =
    target.filters.state && target.filters.state !== "approved"
      ? []
      : db
          .all<{ id: number }>(
            sql`select ${C}."id" as id from ${approved.from} where ${approved.where} limit ${BULK_LIMIT + 1}`,
          )
          .map((r) => r.id);
  return {
    ids: ids.slice(0, BULK_LIMIT),
    skipped: Math.max(0, all.count - Math.min(ids.length, BULK_LIMIT)),
    tooMany: all.more || ids.length > BULK_LIMIT,
    maxId,
  };
}

/**
 * What a bulk action would do, for the confirmation: how many it tags and how many it leaves (not approved); for
 * everything matching, also the newest contribution counted, for the confirmation to send back.
 */
export function previewBulk(target: BulkTarget, now = new Date()) {
  const { ids, skipped, tooMany, ...rest } = bulkIds(target, now);
  return { count: ids.length, skipped, tooMany, ...rest };
}

/**
 * Tags every approved contribution of the selection (or of everything matching the filters) in one transaction, with a
 * record for each one that changed. Contributions that already carry the tag are left as they are.
 */
export function bulkTag(input: { staffId: number; target: BulkTarget; tag: BulkTag }, now = new Date()) {
  const db = getDb();
  const at = now.toISOString();
  const result = db.transaction((tx) => {
    const { ids, skipped, tooMany } = bulkIds(input.target, now);
    if (tooMany) return { tagged: 0, already: 0, skipped, tooMany };
    const json = JSON.stringify(ids);
    if ("themeId" in input.tag) {
      const theme = tx
        .select({ name: themes.name, mergedInto: themes.mergedInto })
        .from(themes)
        .where(eq(themes.id, input.tag.themeId))
        .get();
      if (!theme || theme.mergedInto) throw new TagError("unknown_theme");
      const added = tx.all<{ contribution_id: number }>(sql`
        insert into contribution_themes (contribution_id, theme_id, tagged_by, created_at)
        select value, ${input.tag.themeId}, ${input.staffId}, ${at} from json_each(${json}) where true
        on conflict do nothing returning contribution_id`);
      tx.run(sql`
        insert into tag_events (contribution_id, staff_id, kind, theme_id, action, to_label, via, created_at)
        select value, ${input.staffId}, 'theme', ${input.tag.themeId}, 'add', ${theme.name}, 'bulk', ${at}
        from json_each(${JSON.stringify(added.map((a) => a.contribution_id))})`);
      return { tagged: added.length, already: ids.length - added.length, skipped, tooMany };
    }
    const outcome = outcomeFor(tx, input.tag.outcomeId);
    if (!outcome.active) throw new TagError("retired_outcome");
    const priority = input.tag.priorityId ? priorityFor(tx, input.tag.priorityId, input.tag.outcomeId) : null;
    const label = labelOf(outcome, priority?.title ?? null);
    // New tags first, then a priority given to those that had the outcome without one; a different priority is kept.
    const added = tx.all<{ contribution_id: number }>(sql`
      insert into contribution_tags (contribution_id, outcome_id, priority_id, source, tagged_by, created_at)
      select value, ${outcome.id}, ${priority?.id ?? null}, 'officer', ${input.staffId}, ${at} from json_each(${json}) where true
      on conflict do nothing returning contribution_id`);
    tx.run(sql`
      insert into tag_events (contribution_id, staff_id, kind, outcome_id, to_priority_id, action, to_label, via, created_at)
      select value, ${input.staffId}, ${priority ? "priority" : "outcome"}, ${outcome.id}, ${priority?.id ?? null}, 'add', ${label}, 'bulk', ${at}
      from json_each(${JSON.stringify(added.map((a) => a.contribution_id))})`);
    let upgraded: { contribution_id: number }[] = [];
    if (priority) {
      upgraded = tx.all<{ contribution_id: number }>(sql`
        update contribution_tags set priority_id = ${priority.id}, source = 'officer', tagged_by = ${input.staffId}
        where outcome_id = ${outcome.id} and priority_id is null
          and contribution_id in (select value from json_each(${json}))
        returning contribution_id`);
      tx.run(sql`
        insert into tag_events (contribution_id, staff_id, kind, outcome_id, to_priority_id, action, from_label, to_label, via, created_at)
        select value, ${input.staffId}, 'priority', ${outcome.id}, ${priority.id}, 'change', ${outcome.title}, ${label}, 'bulk', ${at}
        from json_each(${JSON.stringify(upgraded.map((a) => a.contribution_id))})`);
    }
    const changed = added.length + upgraded.length;
    return { tagged: changed, already: ids.length - changed, skipped, tooMany };
  });
  if (result.tagged) onTagsChanged();
  return result;
}

/** Every tag change on one contribution, oldest first: who, when, from → to. */
export function tagHistory(contributionId: number) {
  return getDb()
    .select({
      id: tagEvents.id,
      kind: tagEvents.kind,
      action: tagEvents.action,
      fromLabel: tagEvents.fromLabel,
      toLabel: tagEvents.toLabel,
      via: tagEvents.via,
      createdAt: tagEvents.createdAt,
      staff: staffUsers.name,
    })
    .from(tagEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, tagEvents.staffId))
    .where(eq(tagEvents.contributionId, contributionId))
    .orderBy(asc(tagEvents.id))
    .all();
}

export type CoverageRow = { source: InboxSource; tagged: number; untagged: number; waiting: number };

/**
 * How much is left before a summary: per source, approved contributions tagged and untagged, and free text still
 * waiting for moderation, in the period asked (or all time). Escalated words are not counted anywhere here.
 */
export function coverage(period?: PeriodKey, now = new Date()): CoverageRow[] {
  const range = period ? periodRange(period, now) : null;
  // Counting a term at national scale takes ~100 ms, and an officer paging through the inbox asks for it on every page.
  // The figures are kept until anything in the database changes: total_changes() counts every row this connection has
  // written, data_version moves when any other connection commits (the server's main thread when the page is counted
  // in a worker thread, another process, a backup restore). Either way the next page counts afresh: never stale.
  const db = getDb();
  const changes = db.get<{ c: number }>(sql`select total_changes() as c`)?.c ?? 0;
  const version = (db.$client.pragma("data_version", { simple: true }) as number) ?? 0;
  const key = `${period ?? "all"}|${range?.from ?? ""}|${range?.to ?? ""}|${changes}|${version}`;
  const cached = coverageCache.get(period ?? "all");
  if (cached?.key === key) return cached.rows;
  const rows = countCoverage(range);
  coverageCache.set(period ?? "all", { key, rows });
  return rows;
}

const coverageCache = new Map<string, { key: string; rows: CoverageRow[] }>();

function countCoverage(range: { from: string; to: string } | null): CoverageRow[] {
  const rows = getDb().all<{ src: string; tagged: number; untagged: number; waiting: number }>(sql`
    select
      case when ${C}."source" = 'question' then 'question'
           when ${C}."source" = 'session' then
             case when exists (select 1 from session_views sv where sv.contribution_id = ${C}."id") then 'session_view' else 'session_note' end
           else coalesce((select r.channel from responses r where r.id = ${C}."response_id"), 'online') end as src,
      sum(case when ${C}."moderation_state" = 'approved' and exists (select 1 from contribution_tags ct where ct.contribution_id = ${C}."id") then 1 else 0 end) as tagged,
      sum(case when ${C}."moderation_state" = 'approved' and not exists (select 1 from contribution_tags ct where ct.contribution_id = ${C}."id") then 1 else 0 end) as untagged,
      sum(case when ${C}."moderation_state" = 'pending' then 1 else 0 end) as waiting
    from ${contributions}
    where ${C}."kind" = 'text' and ${C}."moderation_state" in ('approved', 'pending')
      and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = ${C}."id")
      ${range ? sql`and ${C}."created_at" >= ${range.from} and ${C}."created_at" < ${range.to}` : sql``}
    group by src`);
  const bySource = new Map(rows.map((r) => [r.src, r]));
  return (["online", "paper", "import", "question", "session_note", "session_view"] as const).map((source) => ({
    source,
    tagged: bySource.get(source)?.tagged ?? 0,
    untagged: bySource.get(source)?.untagged ?? 0,
    waiting: bySource.get(source)?.waiting ?? 0,
  }));
}

/** The active plan's outcomes with their priorities, in order, for the tagging keys; and the themes on offer. */
export function taggingVocabulary() {
  return {
    outcomes: listActiveOutcomes().map(({ id, title, priorities }) => ({ id, title, priorities })),
    themes: listThemeChoices(),
  };
}

/** What the inbox's filters offer: consultations, groups, sessions and areas, by name. */
export function inboxFilterOptions() {
  const db = getDb();
  return {
    consultations: db.all<{ id: number; title: string }>(
      sql`select id, title from consultations order by created_at desc`,
    ),
    groups: db.all<{ id: number; name: string }>(sql`select id, name from groups order by name`),
    sessions: db.all<{ id: number; title: string }>(
      sql`select id, title from group_sessions where status <> 'draft' order by starts_at desc`,
    ),
    areas: db.all<{ id: number; name: string }>(sql`select id, name from areas order by id`),
  };
}

/** The titles of every outcome and priority a tag may show, including a retired plan's. */
export function tagTitles(outcomeIds: number[], priorityIds: number[]) {
  const db = getDb();
  const o = outcomeIds.length
    ? db.select({ id: outcomes.id, title: outcomes.title }).from(outcomes).where(inArray(outcomes.id, outcomeIds)).all()
    : [];
  const p = priorityIds.length
    ? db
        .select({ id: priorities.id, title: priorities.title })
        .from(priorities)
        .where(inArray(priorities.id, priorityIds))
        .all()
    : [];
  return { outcomes: new Map(o.map((x) => [x.id, x.title])), priorities: new Map(p.map((x) => [x.id, x.title])) };
}
