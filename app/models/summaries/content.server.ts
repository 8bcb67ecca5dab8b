import { type SQL, sql } from "drizzle-orm";
import type { TFunction } from "~/i18n";
import { AGE_BAND_ORDER, ageBandRank } from "~/utils/figures";
import { protectCount, protectCounts, type Shown } from "~/utils/suppression";
import { getDb } from "~db/client";
import { currentFigureIndex, indexedRead, type ScopeCounts } from "./figure-index.server";
import { cachedFigures } from "./figures-cache.server";
import type {
  ChartSpec,
  OutcomeFigures,
  PairedVoices,
  ProtectedCount,
  ReachGap,
  ReachRow,
  SummaryContent,
  SummaryScopeStored,
} from "./types";

/** Anything that can run raw SQL reads: the connection or a transaction. */
export type SqlReader = { all: <T>(query: SQL) => T[] };

/** Words for the figures (chart titles, sentences, gaps), in the reader's language: the request's or the paper's (en). */
export type Translate = TFunction;

/** The rule an outcome is flagged by: its share of positive faces moved this many points, with this many answers in each. */
export const CONTENT_EXCEPTION_RULE = { points: 15, minAnswers: 20 } as const;
/** Shares of the two sides of a paired question are named in words when they differ by this many points or more. */
export const PAIRED_DIFFERENCE_POINTS = 10;

// Spelt out in full inside subqueries, so no column can be read as the subquery's own.
const C = sql.raw(`"contributions"`);

/** scope "thread" is stored as contributions.source "question" (a thread starts with a question). */
const SOURCE_COLUMN: Record<string, string> = { consultation: "consultation", thread: "question", session: "session" };

function inList(values: (string | number)[]) {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/**
 * Contributions a summary reads: approved, never escalated, in the period, tagged to a chosen outcome, in every chosen
 * dimension. `tagJoined`: the query already joins contribution_tags ct on a chosen outcome, which says the same as the
 * "tagged to a chosen outcome" test (so it is left out, unless priorities narrow it); at a million rows that probe is
 * a good part of the time.
 */
export function contentWhere(
  scope: SummaryScopeStored,
  period = { from: scope.from, to: scope.to },
  opts: { tagJoined?: boolean } = {},
): SQL {
  const c: SQL[] = [
    sql`${C}."created_at" >= ${period.from} and ${C}."created_at" < ${period.to}`,
    // Written as a literal so the partial index contributions_scope_idx (approved rows only) can serve it.
    sql`${C}."moderation_state" = 'approved'`,
    // A list read once (cases are few), not a subquery run for each of a million rows; contribution_id is never null.
    sql`${C}."id" not in (select sc.contribution_id from safeguarding_cases sc)`,
  ];
  const outcomeIds = scope.outcomeIds.length ? scope.outcomeIds : [-1];
  if (scope.priorityIds.length)
    c.push(
      sql`exists (select 1 from contribution_tags ct2 indexed by contribution_tags_scope_idx where ct2.contribution_id = ${C}."id" and +ct2.outcome_id in (${inList(outcomeIds)}) and ct2.priority_id in (${inList(scope.priorityIds)}))`,
    );
  else if (!opts.tagJoined)
    c.push(
      sql`exists (select 1 from contribution_tags ct2 indexed by contribution_tags_scope_idx where ct2.contribution_id = ${C}."id" and +ct2.outcome_id in (${inList(outcomeIds)}))`,
    );
  if (scope.sources.length) c.push(sql`${C}."source" in (${inList(scope.sources.map((s) => SOURCE_COLUMN[s] ?? s))})`);
  if (scope.audiences.length) c.push(sql`${C}."audience" in (${inList(scope.audiences)})`);
  if (scope.ageBands.length) c.push(sql`${C}."age_band" in (${inList(scope.ageBands)})`);
  if (scope.localityIds.length) c.push(sql`${C}."locality_id" in (${inList(scope.localityIds)})`);
  if (scope.groupIds.length) c.push(sql`${C}."group_id" in (${inList(scope.groupIds)})`);
  return sql.join(c, sql` and `);
}

/** A person is one set of answers (a response); a contribution without one counts as one voice. */
const PERSON = sql`(case when ${C}."response_id" is null then -${C}."id" else ${C}."response_id" end)`;

/** The period of the same length just before the scope's. */
export function previousPeriodOf(scope: { from: string; to: string }) {
  const from = Date.parse(scope.from);
  const to = Date.parse(scope.to);
  return { from: new Date(from - (to - from)).toISOString(), to: scope.from };
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);
const asProtected = (s: Shown): ProtectedCount => (typeof s === "number" ? s : null);
const one = (n: number): ProtectedCount => asProtected(protectCount(n));
/** Counts that add up to a total shown beside them: 1–4 hidden, and one more where a single hidden one could be worked out. */
const many = (ns: number[]): ProtectedCount[] => protectCounts(ns).map(asProtected);

type CellRow = { audience: string; ageBand: string | null; localityId: number | null; people: number; n: number };
type NamedCount = { outcomeId: number; id: number; name: string; n: number };
type PairRow = { questionId: number; audience: string; label: string; pos: number; n: number };
type PairQuestion = {
  questionId: number;
  prompt: string;
  consultation: string;
  young: number;
  parents: number;
};

// The joins to tags below are CROSS JOINs: SQLite then keeps contributions (read in period order from the covering
// index contributions_scope_idx) as the outer loop, instead of walking an outcome's tags and fetching each row; and
// each contribution's tags are read from contribution_tags_scope_idx, which holds the priority too (the outcome index
// it would pick for a single outcome sends every row to the table for it). "+outcome_id": one seek per contribution to
// its two or three tags, then the outcomes checked, rather than one seek per chosen outcome.
type TagGroup = { outcomeId: number; priorityId: number | null; value: number | null; n: number };

/**
 * Counts per outcome, priority and face, for the scope's period and the one of the same length before, in one pass over
 * both (they are adjacent): contributions, priorities, faces and the change are all sums of these.
 */
function tagGroups(
  db: SqlReader,
  scope: SummaryScopeStored,
  previous: { from: string; to: string },
  outcomeIds: number[],
) {
  const rows = db.all<TagGroup & { current: number }>(sql`
    select (${C}."created_at" >= ${scope.from}) as current, ct.outcome_id as outcomeId, ct.priority_id as priorityId,
      (case when ${C}."kind" = 'scale' then ${C}."value_int" end) as value, count(*) as n
    from ${C} cross join contribution_tags ct indexed by contribution_tags_scope_idx on ct.contribution_id = ${C}."id"
    where ${contentWhere(scope, { from: previous.from, to: scope.to }, { tagJoined: true })}
      and +ct.outcome_id in (${inList(outcomeIds)})
    group by 1, 2, 3, 4`);
  // A scope ending before it starts reads nothing in either period, as before: its previous period starts after its end.
  return { now: rows.filter((r) => r.current === 1), before: rows.filter((r) => r.current === 0) };
}

function outcomePeople(db: SqlReader, scope: SummaryScopeStored, outcomeIds: number[]) {
  return db.all<{ outcomeId: number; people: number }>(sql`
    select ct.outcome_id as outcomeId, count(distinct ${PERSON}) as people
    from ${C} cross join contribution_tags ct indexed by contribution_tags_scope_idx on ct.contribution_id = ${C}."id"
    where ${contentWhere(scope, undefined, { tagJoined: true })} and +ct.outcome_id in (${inList(outcomeIds)})
    group by ct.outcome_id`);
}

/** The reach table of one dimension: people and contributions per key, against the population where it is known. */
function reachRows(
  keys: { key: string; label: string; population: number | null }[],
  counts: Map<string, { people: number; n: number }>,
): ReachRow[] {
  const people = many(keys.map((k) => counts.get(k.key)?.people ?? 0));
  const contributions = many(keys.map((k) => counts.get(k.key)?.n ?? 0));
  return keys.map((k, i) => {
    const p = people[i];
    return {
      key: k.key,
      label: k.label,
      people: p,
      contributions: contributions[i],
      population: k.population,
      per1000: p !== null && k.population ? Math.round((p * 10000) / k.population) / 10 : null,
    };
  });
}

/**
 * A summary's content, computed live from contributions: who we heard from against the population (with gaps named),
 * what they said per outcome with the change against the period before, exception flags, paired voices and charts.
 * Every count of 1–4 people is suppressed here, on the server, so none reaches a page or a paper.
 */
export function computeSummaryContent(
  input: {
    summaryId: number;
    version: number;
    title: string;
    scope: SummaryScopeStored;
    purpose?: string | null;
    keyMessages?: string[];
    recommendations?: string[];
    reportOf?: string | null;
    contactOfficer?: string | null;
    quotes?: SummaryContent["quotes"];
  },
  t: Translate,
  db: SqlReader = getDb(),
  opts: { cacheAs?: string } = {},
): SummaryContent {
  // The figures depend on the scope and the contributions alone: cached, when asked, until anything they count changes.
  const figures = opts.cacheAs
    ? cachedFigures(`content|${opts.cacheAs}|${JSON.stringify(input.scope)}`, () =>
        // counted from the thread's index when read through its own connection (not inside another's transaction)
        db === getDb() ? indexedScopeFigures(input.scope, t) : scopeFigures(input.scope, t, db),
      )
    : scopeFigures(input.scope, t, db);
  const content: SummaryContent = {
    summaryId: input.summaryId,
    version: input.version,
    title: input.title,
    scope: input.scope,
    previousPeriod: figures.previousPeriod,
    purpose: input.purpose ?? null,
    keyMessages: input.keyMessages ?? [],
    recommendations: input.recommendations ?? [],
    reportOf: input.reportOf ?? null,
    contactOfficer: input.contactOfficer ?? null,
    reach: figures.reach,
    outcomes: figures.outcomes,
    exceptionRule: { points: CONTENT_EXCEPTION_RULE.points, minAnswers: CONTENT_EXCEPTION_RULE.minAnswers },
    exceptions: figures.exceptions,
    paired: figures.paired,
    charts: [],
    quotes: input.quotes ?? [],
    sent: null,
  };
  content.charts = chartsOf(content, t);
  return content;
}

/** What a summary's scope counts: the part of its content read from contributions (seconds at a million of them). */
type ScopeFigures = Pick<SummaryContent, "previousPeriod" | "reach" | "outcomes" | "exceptions" | "paired">;

/**
 * Where the raw counts come from: SQL over the contributions (a paper being sent, a transaction's own view), or the
 * thread's in-memory index of them (figure-index.server.ts: the compose page, preview and drafts), which gives the
 * same counts in a fraction of the time.
 */
type Counts = {
  cells: () => CellRow[];
  groups: () => { now: TagGroup[]; before: TagGroup[] };
  outcomePeople: () => { outcomeId: number; people: number }[];
  themeCounts: () => { outcomeId: number; themeId: number; n: number }[];
  pairQuestions: () => { questionId: number; young: number; parents: number }[];
  pairCounts: (questionIds: number[]) => { choice: ScopeCounts["choiceCounts"]; scale: ScopeCounts["scaleCounts"] };
};

function sqlCounts(db: SqlReader, scope: SummaryScopeStored, previous: { from: string; to: string }): Counts {
  const where = contentWhere(scope);
  const outcomeIds = scope.outcomeIds.length ? scope.outcomeIds : [-1];
  return {
    // Who we heard from: one pass, grouped by the three dimensions a person keeps across their answers.
    cells: () =>
      db.all<CellRow>(sql`
        select ${C}."audience" as audience, ${C}."age_band" as ageBand, ${C}."locality_id" as localityId,
          count(distinct ${PERSON}) as people, count(*) as n
        from ${C} where ${where} group by 1, 2, 3`),
    groups: () => tagGroups(db, scope, previous, outcomeIds),
    outcomePeople: () => outcomePeople(db, scope, outcomeIds),
    // Counted by theme id from the covering index of contribution_themes. The scope index named: left to itself the
    // planner walks contributions_inbox_state_idx by every kind (4.3 s against 3.7 s for five years of everything at a
    // million contributions).
    themeCounts: () =>
      db.all<{ outcomeId: number; themeId: number; n: number }>(sql`
        select ct.outcome_id as outcomeId, cth.theme_id as themeId, count(*) as n
        from ${C} indexed by contributions_scope_idx cross join contribution_tags ct indexed by contribution_tags_scope_idx on ct.contribution_id = ${C}."id"
          cross join contribution_themes cth on cth.contribution_id = ${C}."id"
        where ${contentWhere(scope, undefined, { tagJoined: true })} and +ct.outcome_id in (${inList(outcomeIds)})
        group by 1, 2`),
    pairQuestions: () =>
      db.all<{ questionId: number; young: number; parents: number }>(sql`
        select ${C}."question_id" as questionId,
          count(distinct case when ${C}."audience" = 'young_people' then ${PERSON} end) as young,
          count(distinct case when ${C}."audience" = 'parents_carers' then ${PERSON} end) as parents
        from ${C}
        where ${where} and ${C}."kind" in ('scale', 'choice', 'ranking') and ${C}."question_id" is not null
        group by 1`),
    pairCounts: (ids) => ({
      choice: db.all<ScopeCounts["choiceCounts"][number]>(sql`
        select ${C}."question_id" as questionId, ${C}."audience" as audience, cc.option_id as key, count(distinct ${PERSON}) as n
        from ${C} join contribution_choices cc on cc.contribution_id = ${C}."id"
        where ${where} and ${C}."question_id" in (${inList(ids)}) and ${C}."audience" in ('young_people', 'parents_carers')
        group by 1, 2, 3`),
      scale: db.all<ScopeCounts["scaleCounts"][number]>(sql`
        select ${C}."question_id" as questionId, ${C}."audience" as audience, ${C}."value_int" as key, count(distinct ${PERSON}) as n
        from ${C}
        where ${where} and ${C}."kind" = 'scale' and ${C}."question_id" in (${inList(ids)})
          and ${C}."audience" in ('young_people', 'parents_carers') and ${C}."value_int" is not null
        group by 1, 2, 3`),
    }),
  };
}

function indexCounts(c: ScopeCounts): Counts {
  return {
    cells: () => c.cells,
    groups: () => ({
      now: c.groups.filter((g) => g.current === 1),
      before: c.groups.filter((g) => g.current === 0),
    }),
    outcomePeople: () => c.outcomePeople,
    themeCounts: () => c.themeCounts,
    pairQuestions: () => c.pairQuestions,
    pairCounts: (ids) => ({
      choice: c.choiceCounts.filter((r) => ids.includes(r.questionId)),
      scale: c.scaleCounts.filter((r) => ids.includes(r.questionId)),
    }),
  };
}

/**
 * A scope's figures counted from the thread's index of contributions, in one read transaction with the names and
 * populations read beside them; in SQL when the index cannot count it exactly.
 */
function indexedScopeFigures(scope: SummaryScopeStored, t: Translate): ScopeFigures {
  const db = getDb();
  return indexedRead(db.$client, () => {
    const previous = previousPeriodOf(scope);
    const counts = currentFigureIndex(db.$client)?.counts(scope, previous);
    return scopeFigures(scope, t, db, counts ? indexCounts(counts) : undefined);
  });
}

function scopeFigures(scope: SummaryScopeStored, t: Translate, db: SqlReader, source?: Counts): ScopeFigures {
  const previousPeriod = previousPeriodOf(scope);
  const outcomeIds = scope.outcomeIds.length ? scope.outcomeIds : [-1];
  const counts = source ?? sqlCounts(db, scope, previousPeriod);

  const cells = counts.cells();
  const totalPeople = cells.reduce((s, r) => s + r.people, 0);
  const totalContributions = cells.reduce((s, r) => s + r.n, 0);
  const sum = (pick: (r: CellRow) => string) => {
    const m = new Map<string, { people: number; n: number }>();
    for (const r of cells) {
      const k = pick(r);
      const v = m.get(k) ?? { people: 0, n: 0 };
      m.set(k, { people: v.people + r.people, n: v.n + r.n });
    }
    return m;
  };

  const localityRows = db.all<{ id: number; name: string; area: string }>(
    sql`select l.id as id, l.name as name, a.name as area from localities l join areas a on a.id = l.area_id order by a.id, l.name`,
  );
  const localitiesInScope = scope.localityIds.length
    ? localityRows.filter((l) => scope.localityIds.includes(l.id))
    : localityRows;
  // The population of the year the period ends in, or the latest year entered before it.
  const year = Number(scope.to.slice(0, 4));
  const popRows = db.all<{ localityId: number; ageBand: string; people: number }>(sql`
    select locality_id as localityId, age_band as ageBand, people from populations
    where year = (select coalesce(max(year) filter (where year <= ${year}), max(year)) from populations)`);
  const bandsInPopulation = [...new Set(popRows.map((p) => p.ageBand))].sort((a, b) => ageBandRank(a) - ageBandRank(b));
  const bandsInScope = scope.ageBands.length ? scope.ageBands : bandsInPopulation;
  const popOf = (filter: (p: { localityId: number; ageBand: string }) => boolean) => {
    const rows = popRows.filter(
      (p) => filter(p) && bandsInScope.includes(p.ageBand) && localitiesInScope.some((l) => l.id === p.localityId),
    );
    return rows.length ? rows.reduce((s, p) => s + p.people, 0) : null;
  };

  const audiences = scope.audiences.length ? scope.audiences : ["young_people", "parents_carers"];
  const byAudience = reachRows(
    audiences.map((a) => ({
      key: a,
      label: t(`audienceShort.${a}`),
      // The population entered is of children and young people; parents and carers have none to compare with.
      population: a === "young_people" ? popOf(() => true) : null,
    })),
    sum((r) => r.audience),
  );
  const youngCells = cells.filter((r) => r.audience === "young_people");
  const ageKeys = [...new Set([...bandsInScope, ...youngCells.map((r) => r.ageBand ?? "unknown")])].sort(
    (a, b) => ageBandRank(a) - ageBandRank(b),
  );
  const byAgeBand = reachRows(
    ageKeys.map((band) => ({
      key: band,
      label: t(`ageBand.${(AGE_BAND_ORDER as readonly string[]).includes(band) ? band : "unknown"}`),
      population: band === "unknown" || band === "prefer_not" ? null : popOf((p) => p.ageBand === band),
    })),
    (() => {
      const m = new Map<string, { people: number; n: number }>();
      for (const r of youngCells) {
        const k = r.ageBand ?? "unknown";
        const v = m.get(k) ?? { people: 0, n: 0 };
        m.set(k, { people: v.people + r.people, n: v.n + r.n });
      }
      return m;
    })(),
  );
  const byLocality = reachRows(
    [
      ...localitiesInScope.map((l) => ({
        key: String(l.id),
        label: l.name,
        population: popOf((p) => p.localityId === l.id),
      })),
      ...(cells.some((r) => r.localityId === null)
        ? [{ key: "none", label: t("summary.notSaid"), population: null }]
        : []),
    ],
    sum((r) => (r.localityId === null ? "none" : String(r.localityId))),
  );

  // Gaps: where the population has children but we heard from none (or too few to count) of them.
  const gaps: ReachGap[] = [];
  const gapOf = (n: number): 0 | "fewer-than-5" | null => (n === 0 ? 0 : n < 5 ? "fewer-than-5" : null);
  if (audiences.includes("parents_carers")) {
    const parents = cells.filter((r) => r.audience === "parents_carers").reduce((s, r) => s + r.people, 0);
    const g = gapOf(parents);
    if (g !== null) gaps.push({ ageBand: null, locality: null, audience: "parents_carers", people: g });
  }
  if (audiences.includes("young_people")) {
    const youngBy = (band: string | null, localityId: number | null) =>
      youngCells
        .filter((r) => (band === null || r.ageBand === band) && (localityId === null || r.localityId === localityId))
        .reduce((s, r) => s + r.people, 0);
    const hasPop = (band: string | null, localityId: number | null) =>
      popRows.some(
        (p) =>
          p.people > 0 &&
          (band === null ? bandsInScope.includes(p.ageBand) : p.ageBand === band) &&
          (localityId === null ? localitiesInScope.some((l) => l.id === p.localityId) : p.localityId === localityId),
      );
    const wholeBands = new Set<string>();
    for (const band of bandsInScope) {
      const g = gapOf(youngBy(band, null));
      if (g !== null && hasPop(band, null)) {
        gaps.push({ ageBand: band, locality: null, audience: null, people: g });
        wholeBands.add(band);
      }
    }
    const wholePlaces = new Set<number>();
    for (const l of localitiesInScope) {
      const g = gapOf(youngBy(null, l.id));
      if (g !== null && hasPop(null, l.id)) {
        gaps.push({ ageBand: null, locality: l.name, audience: null, people: g });
        wholePlaces.add(l.id);
      }
    }
    // Cells inside bands and places heard from: named only when nobody at all answered there, to keep the list readable.
    for (const band of bandsInScope) {
      if (wholeBands.has(band)) continue;
      for (const l of localitiesInScope) {
        if (wholePlaces.has(l.id)) continue;
        if (youngBy(band, l.id) === 0 && hasPop(band, l.id))
          gaps.push({ ageBand: band, locality: l.name, audience: null, people: 0 });
      }
    }
  }

  // What they said, per outcome, now and in the period before.
  const { now: groups, before: groupsBefore } = counts.groups();
  const people = counts.outcomePeople();
  const sumOf = (rows: TagGroup[], outcomeId: number) =>
    rows.filter((r) => r.outcomeId === outcomeId).reduce((acc, r) => acc + r.n, 0);
  const priorityTitles = db.all<{ id: number; outcomeId: number; title: string }>(
    sql`select id, outcome_id as outcomeId, title from priorities where outcome_id in (${inList(outcomeIds)}) order by position, id`,
  );
  const prios: NamedCount[] = priorityTitles
    .map((p) => ({
      outcomeId: p.outcomeId,
      id: p.id,
      name: p.title,
      n: groups.filter((g) => g.outcomeId === p.outcomeId && g.priorityId === p.id).reduce((acc, g) => acc + g.n, 0),
    }))
    .filter((p) => p.n > 0);
  // Names joined to the few groups, not to every row; most first, then by name (as SQLite orders text: its bytes).
  const themeCounts = counts.themeCounts();
  const themeNames = new Map(
    themeCounts.length
      ? db
          .all<{ id: number; name: string }>(
            sql`select id, name from themes where id in (${inList([...new Set(themeCounts.map((c) => c.themeId))])})`,
          )
          .map((r) => [r.id, r.name])
      : [],
  );
  const themeRows: NamedCount[] = themeCounts
    .filter((c) => themeNames.has(c.themeId))
    .map((c) => ({ outcomeId: c.outcomeId, id: c.themeId, name: themeNames.get(c.themeId) as string, n: c.n }))
    .sort((a, b) => b.n - a.n || Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)) || a.id - b.id);
  const outcomeTitles = db.all<{ id: number; title: string }>(
    sql`select id, title from outcomes where id in (${inList(outcomeIds)}) order by position`,
  );
  const facesOf = (rows: TagGroup[], outcomeId: number) =>
    [1, 2, 3, 4, 5].map((v) =>
      rows.filter((r) => r.outcomeId === outcomeId && r.value === v).reduce((acc, r) => acc + r.n, 0),
    );
  const positive = (counts: number[]) => counts[3] + counts[4];
  const total = (counts: number[]) => counts.reduce((s, n) => s + n, 0);
  const outcomes: OutcomeFigures[] = outcomeTitles.map((o) => {
    const f = facesOf(groups, o.id);
    const fb = facesOf(groupsBefore, o.id);
    const shownFaces = many(f);
    return {
      outcomeId: o.id,
      title: o.title,
      people: one(people.find((p) => p.outcomeId === o.id)?.people ?? 0),
      contributions: one(sumOf(groups, o.id)),
      previousContributions: one(sumOf(groupsBefore, o.id)),
      faces: [1, 2, 3, 4, 5].map((value, i) => ({ value, count: shownFaces[i] })),
      positiveShare: total(f) >= 5 ? share(positive(f), total(f)) : null,
      previousPositiveShare: total(fb) >= 5 ? share(positive(fb), total(fb)) : null,
      priorities: prios
        .filter((p) => p.outcomeId === o.id)
        .map((p) => ({ priorityId: p.id, title: p.name, contributions: one(p.n) })),
      themes: themeRows
        .filter((p) => p.outcomeId === o.id)
        .map((p) => ({ themeId: p.id, name: p.name, contributions: one(p.n) })),
    };
  });

  const rule = CONTENT_EXCEPTION_RULE;
  const exceptions: SummaryContent["exceptions"] = [];
  for (const o of outcomeTitles) {
    const f = facesOf(groups, o.id);
    const fb = facesOf(groupsBefore, o.id);
    if (total(f) < rule.minAnswers || total(fb) < rule.minAnswers) continue;
    const s = share(positive(f), total(f));
    const e = share(positive(fb), total(fb));
    if (Math.abs(s - e) < rule.points) continue;
    exceptions.push({
      direction: s > e ? "better" : "worse",
      outcomeId: o.id,
      outcome: o.title,
      share: s,
      earlierShare: e,
      points: Math.abs(s - e),
      answers: total(f),
      previousAnswers: total(fb),
    });
  }

  return {
    previousPeriod,
    reach: {
      people: one(totalPeople),
      contributions: one(totalContributions),
      byAudience,
      byAgeBand,
      byLocality,
      gaps,
    },
    outcomes,
    exceptions,
    paired: pairedVoices(db, counts, t),
  };
}

/**
 * Questions answered by both young people and parents and carers in scope: each side's answers as shares of that side's
 * respondents (a side of fewer than 5 people shows no shares), with the differences of 10 points or more named.
 */
function pairedVoices(db: SqlReader, counts: Counts, t: Translate): PairedVoices[] {
  const answered = counts.pairQuestions().filter((q) => q.young > 0 && q.parents > 0);
  if (!answered.length) return [];
  const about = db.all<{
    questionId: number;
    prompt: string;
    consultation: string;
    consultationId: number;
    position: number;
  }>(sql`
    select q.id as questionId, q.prompt as prompt, co.title as consultation, co.id as consultationId, q.position as position
    from questions q join consultations co on co.id = q.consultation_id
    where q.id in (${inList(answered.map((q) => q.questionId))}) and q.kind in ('scale', 'single', 'multiple')`);
  const byId = new Map(answered.map((q) => [q.questionId, q]));
  const questions: PairQuestion[] = about
    .sort((a, b) => a.consultationId - b.consultationId || a.position - b.position || a.questionId - b.questionId)
    .map((a) => {
      const q = byId.get(a.questionId) as { young: number; parents: number };
      return {
        questionId: a.questionId,
        prompt: a.prompt,
        consultation: a.consultation,
        young: q.young,
        parents: q.parents,
      };
    });
  if (!questions.length) return [];
  const ids = questions.map((q) => q.questionId);
  const options = db.all<{ id: number; questionId: number; label: string; pos: number }>(
    sql`select id, question_id as questionId, label, position as pos from question_options where question_id in (${inList(ids)}) order by position`,
  );
  const pairCounts = counts.pairCounts(ids);
  const optionById = new Map(options.map((o) => [o.id, o]));
  const choiceRows: PairRow[] = [];
  for (const r of pairCounts.choice.sort((a, b) => a.questionId - b.questionId || a.key - b.key)) {
    const o = optionById.get(r.key);
    if (o) choiceRows.push({ questionId: r.questionId, audience: r.audience, label: o.label, pos: o.pos, n: r.n });
  }
  const scaleRows: PairRow[] = pairCounts.scale
    .sort((a, b) => a.questionId - b.questionId || a.key - b.key)
    .map((r) => ({ questionId: r.questionId, audience: r.audience, label: String(r.key), pos: r.key, n: r.n }));
  return questions.map((q) => {
    const rows = [...choiceRows, ...scaleRows].filter((r) => r.questionId === q.questionId);
    const labels = options.filter((o) => o.questionId === q.questionId).length
      ? options.filter((o) => o.questionId === q.questionId).map((o) => ({ label: o.label, key: o.label }))
      : [1, 2, 3, 4, 5].map((v) => ({ label: t(`scale.${v}`), key: String(v) }));
    const count = (audience: string, key: string) =>
      rows.find((r) => r.audience === audience && r.label === key)?.n ?? 0;
    const youngShown = q.young >= 5;
    const parentsShown = q.parents >= 5;
    const shareRows = labels.map((l) => ({
      label: l.label,
      youngShare: youngShown ? share(count("young_people", l.key), q.young) : null,
      parentShare: parentsShown ? share(count("parents_carers", l.key), q.parents) : null,
    }));
    const differences = shareRows.flatMap((r) => {
      if (r.youngShare === null || r.parentShare === null) return [];
      const gap = r.parentShare - r.youngShare;
      if (Math.abs(gap) < PAIRED_DIFFERENCE_POINTS) return [];
      return [
        t(gap > 0 ? "summary.paired.parentsMore" : "summary.paired.youngMore", {
          label: r.label,
          count: Math.abs(gap),
        }),
      ];
    });
    return {
      questionId: q.questionId,
      question: q.prompt,
      consultation: q.consultation,
      youngPeople: one(q.young),
      parents: one(q.parents),
      rows: shareRows,
      differences,
    };
  });
}

/** The charts of a summary, each with its data and one sentence: the page, the DOCX, the PDF and the CSV draw these. */
export function chartsOf(c: SummaryContent, t: Translate): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const ageRows = c.reach.byAgeBand.map((r) => ({ label: r.label, values: [r.people] }));
  const largest = (rows: { label: string; values: (number | null)[] }[]) =>
    rows.reduce<{ label: string; value: number } | null>(
      (best, r) =>
        r.values[0] !== null && (!best || r.values[0] > best.value) ? { label: r.label, value: r.values[0] } : best,
      null,
    );
  const topAge = largest(ageRows);
  charts.push({
    id: "reach-age",
    title: t("summary.chart.reachAge"),
    description: topAge
      ? t("summary.chart.reachAgeSentence", { label: topAge.label, count: topAge.value })
      : t("summary.chart.nothing"),
    unit: "people",
    series: [t("summary.chart.people")],
    rows: ageRows,
  });
  const placeRows = c.reach.byLocality.map((r) => ({ label: r.label, values: [r.people] }));
  const topPlace = largest(placeRows);
  charts.push({
    id: "reach-locality",
    title: t("summary.chart.reachLocality"),
    description: topPlace
      ? t("summary.chart.reachLocalitySentence", { label: topPlace.label, count: topPlace.value })
      : t("summary.chart.nothing"),
    unit: "people",
    series: [t("summary.chart.people")],
    rows: placeRows,
  });
  for (const o of c.outcomes) {
    const answered = o.faces.some((f) => f.count !== null && f.count > 0);
    if (!answered) continue;
    charts.push({
      id: `faces-${o.outcomeId}`,
      title: t("summary.chart.faces", { outcome: o.title }),
      description:
        o.positiveShare === null
          ? t("summary.chart.facesFew", { outcome: o.title })
          : o.previousPositiveShare === null
            ? t("summary.chart.facesSentence", { outcome: o.title, share: o.positiveShare })
            : t("summary.chart.facesChange", {
                outcome: o.title,
                share: o.positiveShare,
                earlier: o.previousPositiveShare,
              }),
      unit: "contributions",
      series: [t("summary.chart.answers")],
      rows: o.faces.map((f) => ({ label: t(`scale.${f.value}`), values: [f.count] })),
    });
  }
  for (const p of c.paired) {
    charts.push({
      id: `paired-${p.questionId}`,
      title: t("summary.chart.paired", { question: p.question }),
      description: p.differences[0] ?? t("summary.chart.pairedSame"),
      unit: "percent",
      series: [t("audienceShort.young_people"), t("audienceShort.parents_carers")],
      rows: p.rows.map((r) => ({ label: r.label, values: [r.youngShare, r.parentShare] })),
    });
  }
  return charts;
}

export { gapWords } from "~/components/summaries/words";

/** A scope's figures counted one way or the other, nothing kept: what tests compare (the two must always agree). */
export function countScopeFigures(scope: SummaryScopeStored, t: Translate, how: "sql" | "index"): ScopeFigures {
  return how === "index" ? indexedScopeFigures(scope, t) : scopeFigures(scope, t, getDb());
}

/**
 * A scope's raw counts one way or the other, before any suppression, in one order: what tests compare (a 2 against a
 * 3 would look the same once both are hidden as "fewer than 5").
 */
export function countScopeRaw(scope: SummaryScopeStored, how: "sql" | "index") {
  const db = getDb();
  return indexedRead(db.$client, () => {
    const previous = previousPeriodOf(scope);
    let counts: Counts;
    if (how === "sql") counts = sqlCounts(db, scope, previous);
    else {
      const c = currentFigureIndex(db.$client)?.counts(scope, previous);
      if (!c) throw new Error("the index cannot count this scope");
      counts = indexCounts(c);
    }
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    const groups = counts.groups();
    const questions = counts.pairQuestions().filter((q) => q.young > 0 || q.parents > 0);
    const pairs = questions.length ? counts.pairCounts(questions.map((q) => q.questionId)) : { choice: [], scale: [] };
    return {
      cells: sorted(counts.cells()),
      now: sorted(groups.now.map(({ outcomeId, priorityId, value, n }) => ({ outcomeId, priorityId, value, n }))),
      before: sorted(groups.before.map(({ outcomeId, priorityId, value, n }) => ({ outcomeId, priorityId, value, n }))),
      outcomePeople: sorted(counts.outcomePeople()),
      themeCounts: sorted(counts.themeCounts()),
      pairQuestions: sorted(questions),
      choice: sorted(pairs.choice),
      scale: sorted(pairs.scale),
    };
  });
}
