import Database from "better-sqlite3";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { getT } from "~/i18n/i18n.server";
import { byAgeBand } from "~/utils/figures";
import { countyToday } from "~/utils/time";
import { type Conn, type DB, getDb, type Tx } from "~db/client";
import {
  agendaItems,
  bodies,
  contributions,
  contributionTags,
  localities,
  meetings,
  outcomes,
  summaries,
  summaryQuotes,
  summarySources,
  summaryVersions,
} from "~db/schema";
import { neverEscalated } from "./safeguarding.server";
import { computeSummaryContent, contentWhere, type SqlReader, type Translate } from "./summaries/content.server";
import type { SummaryFigures, SummaryScopeStored } from "./summaries/types";

export type SummaryScope = { from: string; to: string; outcomeIds: number[] };

/** Anything that can run a select: the connection, or a transaction (the seed works out figures inside its own). */
export type Reader = Pick<ReturnType<typeof getDb>, "select">;

/** Contributions a summary may read (the seed uses it too): in the period, tagged to one of the outcomes, and not hidden or waiting. */
export function scopeWhere(scope: SummaryScope, db: Reader = getDb()) {
  return and(
    gte(contributions.createdAt, scope.from),
    lt(contributions.createdAt, scope.to),
    inArray(contributions.moderationState, ["approved"]),
    neverEscalated,
    inArray(
      contributions.id,
      db
        .select({ id: contributionTags.contributionId })
        .from(contributionTags)
        .where(inArray(contributionTags.outcomeId, scope.outcomeIds.length ? scope.outcomeIds : [-1])),
    ),
  );
}

/** The figures of a summary, computed from contributions: how many people, of which ages and places; per outcome. */
export function computeFigures(scope: SummaryScope, db: Reader = getDb()): SummaryFigures {
  const where = scopeWhere(scope, db);
  // A person is a response (one set of answers); contributions without one each count as one voice.
  const personKey = sql<string>`coalesce('r' || ${contributions.responseId}, 'c' || ${contributions.id})`;
  const totals = db
    .select({ people: sql<number>`count(distinct ${personKey})`, contributions: sql<number>`count(*)` })
    .from(contributions)
    .where(where)
    .get() ?? { people: 0, contributions: 0 };
  const ageBands = db
    .select({
      band: sql<string>`coalesce(${contributions.ageBand}, 'unknown')`,
      count: sql<number>`count(distinct ${personKey})`,
    })
    .from(contributions)
    .where(where)
    .groupBy(sql`1`)
    .all()
    .sort(byAgeBand);
  const places = db
    .select({ name: sql<string>`coalesce(${localities.name}, '')`, count: sql<number>`count(distinct ${personKey})` })
    .from(contributions)
    .leftJoin(localities, eq(localities.id, contributions.localityId))
    .where(where)
    .groupBy(sql`1`)
    .orderBy(desc(sql`2`))
    .all();
  const perOutcome = db
    .select({
      outcomeId: contributionTags.outcomeId,
      title: outcomes.title,
      count: sql<number>`count(*)`,
      scaleAnswers: sql<number>`sum(case when ${contributions.kind} = 'scale' then 1 else 0 end)`,
      scaleMean: sql<number | null>`avg(case when ${contributions.kind} = 'scale' then ${contributions.valueInt} end)`,
      positive: sql<number>`sum(case when ${contributions.kind} = 'scale' and ${contributions.valueInt} >= 4 then 1 else 0 end)`,
      negative: sql<number>`sum(case when ${contributions.kind} = 'scale' and ${contributions.valueInt} <= 2 then 1 else 0 end)`,
    })
    .from(contributions)
    .innerJoin(contributionTags, eq(contributionTags.contributionId, contributions.id))
    .innerJoin(outcomes, eq(outcomes.id, contributionTags.outcomeId))
    .where(and(where, inArray(contributionTags.outcomeId, scope.outcomeIds.length ? scope.outcomeIds : [-1])))
    .groupBy(contributionTags.outcomeId)
    .orderBy(asc(outcomes.position))
    .all();
  return {
    people: totals.people,
    contributions: totals.contributions,
    ageBands,
    localities: places,
    outcomes: perOutcome.map((o) => ({
      ...o,
      scaleMean: o.scaleMean === null ? null : Math.round(o.scaleMean * 100) / 100,
    })),
  };
}

/** Approved free text in scope, masked, for the officer to choose quotes from. */
export function candidateQuotes(scope: SummaryScope, limit = 50, db: Reader = getDb()) {
  return db
    .select({ id: contributions.id, text: contributions.maskedBody, ageBand: contributions.ageBand })
    .from(contributions)
    .where(and(scopeWhere(scope, db), isNotNull(contributions.maskedBody)))
    .orderBy(desc(contributions.createdAt))
    .limit(limit)
    .all();
}

/** The exception rule, as the agenda item states it: positive share moved by this many points, with this many answers. */
export const EXCEPTION_RULE = { points: 15, minAnswers: 20 } as const;

/** One outcome whose feedback moved markedly: what a Board member needs to read it in five seconds. */
export type ExceptionFlag = {
  direction: "better" | "worse";
  outcomeId: number;
  outcome: string;
  /** share of positive answers (good or really good), in whole percent, now and in the period before */
  share: number;
  earlierShare: number;
  /** how far the share moved, in percentage points (always positive) */
  points: number;
  answers: number;
  previousAnswers: number;
  /** the period before, [from, to), the same length as the summary's */
  previousFrom: string;
  previousTo: string;
};

/**
 * Flags outcomes whose feedback is markedly better or worse than in the period of the same length before: the share of
 * positive faces moved by EXCEPTION_RULE.points or more, with at least EXCEPTION_RULE.minAnswers faces answers in each.
 */
export function exceptionFlags(scope: SummaryScope, current: SummaryFigures, db: Reader = getDb()): ExceptionFlag[] {
  const from = new Date(scope.from).getTime();
  const to = new Date(scope.to).getTime();
  const previousFrom = new Date(from - (to - from)).toISOString();
  const previous = computeFigures({ ...scope, from: previousFrom, to: scope.from }, db);
  const flags: ExceptionFlag[] = [];
  for (const o of current.outcomes) {
    const before = previous.outcomes.find((p) => p.outcomeId === o.outcomeId);
    if (!before || o.scaleAnswers < EXCEPTION_RULE.minAnswers || before.scaleAnswers < EXCEPTION_RULE.minAnswers)
      continue;
    // Whole percents first, so the points said are exactly the difference of the two percents shown.
    const share = Math.round((o.positive * 100) / o.scaleAnswers);
    const earlierShare = Math.round((before.positive * 100) / before.scaleAnswers);
    if (Math.abs(share - earlierShare) < EXCEPTION_RULE.points) continue;
    flags.push({
      direction: share > earlierShare ? "better" : "worse",
      outcomeId: o.outcomeId,
      outcome: o.title,
      share,
      earlierShare,
      points: Math.abs(share - earlierShare),
      answers: o.scaleAnswers,
      previousAnswers: before.scaleAnswers,
      previousFrom,
      previousTo: scope.from,
    });
  }
  return flags;
}

/**
 * Flags as stored on an agenda item (one JSON object per string). An item flagged before flags said what they meant
 * holds a bare "worse:3": it is kept as a flag with nothing to tell, so the page still says there is an exception.
 */
export function readExceptionFlags(stored: string[]): (ExceptionFlag | null)[] {
  return stored.map((s) => {
    try {
      const flag = JSON.parse(s) as ExceptionFlag;
      return typeof flag === "object" && flag && (flag.direction === "better" || flag.direction === "worse")
        ? flag
        : null;
    } catch {
      return null;
    }
  });
}

export class SummaryError extends Error {
  constructor(public readonly code: "no_meeting" | "bad_quote") {
    super(code);
  }
}

/** Creates the summary, its quotes and sources, and the agenda item that carries it, in one transaction. */
export function createSummary(
  input: {
    staffId: number;
    meetingId: number;
    title: string;
    scope: SummaryScope;
    keyMessage: string;
    recommendation: string | null;
    quoteIds: number[];
    kind: "decision" | "information";
    /** when it was written, if not now (the seed's past meeting) */
    createdAt?: string;
  },
  db: Conn = getDb(),
) {
  return db.transaction((tx) => {
    const meeting = tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, input.meetingId)).get();
    if (!meeting) throw new SummaryError("no_meeting");
    const figures = computeFigures(input.scope, tx);
    const allowed = new Map(candidateQuotes(input.scope, 1000, tx).map((q) => [q.id, q.text ?? ""]));
    if (input.quoteIds.some((id) => !allowed.has(id))) throw new SummaryError("bad_quote");
    const summaryId = tx
      .insert(summaries)
      .values({
        meetingId: input.meetingId,
        title: input.title,
        periodFrom: input.scope.from,
        periodTo: input.scope.to,
        outcomeIds: input.scope.outcomeIds,
        figures,
        keyMessage: input.keyMessage,
        recommendation: input.recommendation,
        itemKind: input.kind,
        status: "sent",
        createdBy: input.staffId,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      })
      .returning({ id: summaries.id })
      .get().id;
    if (input.quoteIds.length) {
      tx.insert(summaryQuotes)
        .values(
          input.quoteIds.map((contributionId) => ({
            summaryId,
            contributionId,
            text: allowed.get(contributionId) ?? "",
          })),
        )
        .run();
    }
    tx.run(sql`insert into summary_sources (summary_id, contribution_id)
      select ${summaryId}, id from contributions where ${scopeWhere(input.scope, tx)}`);
    const position =
      (tx
        .select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, input.meetingId))
        .get()?.n ?? 0) + 1;
    const itemId = tx
      .insert(agendaItems)
      .values({
        meetingId: input.meetingId,
        summaryId,
        title: input.title,
        kind: input.kind,
        position,
        exceptionFlags: exceptionFlags(input.scope, figures, tx).map((f) => JSON.stringify(f)),
      })
      .returning({ id: agendaItems.id })
      .get().id;
    // Sent as it is made: its first version is frozen, so the agenda item says which version it received.
    const stored = storedScope({
      scope: null,
      periodFrom: input.scope.from,
      periodTo: input.scope.to,
      outcomeIds: input.scope.outcomeIds,
    });
    const meetingRow = tx
      .select({ title: meetings.title, meetsOn: meetings.meetsOn, body: bodies.name })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(eq(meetings.id, input.meetingId))
      .get();
    const content = computeSummaryContent(
      {
        summaryId,
        version: 1,
        title: input.title,
        scope: stored,
        keyMessages: splitLines(input.keyMessage),
        recommendations: splitLines(input.recommendation),
        quotes: input.quoteIds.map((contributionId) => {
          const who = tx
            .select({ audience: contributions.audience, ageBand: contributions.ageBand })
            .from(contributions)
            .where(eq(contributions.id, contributionId))
            .get();
          return {
            contributionId,
            text: allowed.get(contributionId) ?? "",
            audience: who?.audience ?? "young_people",
            ageBand: who?.ageBand ?? null,
          };
        }),
      },
      getT("en"),
      tx,
    );
    const sentAt = input.createdAt ?? new Date().toISOString();
    content.sent = {
      at: sentAt,
      meetingId: input.meetingId,
      body: meetingRow?.body ?? "",
      meeting: meetingRow?.title ?? "",
      meetsOn: meetingRow?.meetsOn ?? "",
      itemKind: input.kind,
      itemNumber: position,
    };
    const versionId = tx
      .insert(summaryVersions)
      .values({ summaryId, version: 1, content, meetingId: input.meetingId, sentBy: input.staffId, sentAt })
      .returning({ id: summaryVersions.id })
      .get().id;
    tx.update(agendaItems).set({ summaryVersionId: versionId }).where(eq(agendaItems.id, itemId)).run();
    tx.update(summaries).set({ scope: stored }).where(eq(summaries.id, summaryId)).run();
    return { summaryId, itemId };
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Editable summaries (issue 11): a draft composed and edited by an officer, computed live; sending freezes a version.

/** The scope of a summary written before scopes were stored: its period and outcomes, everything else "all". */
export function storedScope(row: {
  scope: SummaryScopeStored | null;
  periodFrom: string;
  periodTo: string;
  outcomeIds: number[];
}): SummaryScopeStored {
  return (
    row.scope ?? {
      from: row.periodFrom,
      to: row.periodTo,
      outcomeIds: row.outcomeIds,
      priorityIds: [],
      sources: [],
      audiences: [],
      ageBands: [],
      localityIds: [],
      groupIds: [],
    }
  );
}

export class ComposeError extends Error {
  constructor(
    public readonly code:
      | "not_found"
      | "bad_quote"
      | "empty_scope"
      | "no_meeting"
      | "past_meeting"
      | "no_kind"
      | "no_outcome",
  ) {
    super(code);
    this.name = "ComposeError";
  }
}

/** Key messages and recommendations are kept one to a line in their text columns. */
export const splitLines = (text: string | null | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export type SummaryDraft = {
  title: string;
  scope: SummaryScopeStored;
  purpose: string | null;
  keyMessages: string[];
  recommendations: string[];
  reportOf: string | null;
  contactOfficer: string | null;
  meetingId: number | null;
  itemKind: "decision" | "information" | null;
  /** chosen quotes in order; `hide`: words or phrases the officer masks on top of the automatic masking */
  quotes: { contributionId: number; hide: string[] }[];
};

/** Approved, never escalated free text in scope with its masked words: what quotes may be chosen from. */
export function quoteCandidates(scope: SummaryScopeStored, limit = 50, db: SqlReader = getDb()) {
  return db.all<{ id: number; text: string; audience: string; ageBand: string | null }>(sql`
    select "contributions"."id" as id, "contributions"."masked_body" as text, "contributions"."audience" as audience,
      "contributions"."age_band" as ageBand
    from "contributions"
    where ${contentWhere(scope)} and "contributions"."kind" = 'text' and "contributions"."masked_body" is not null
    order by "contributions"."created_at" desc, "contributions"."id" desc limit ${limit}`);
}

/** A quote with more masked by the officer: each phrase to hide becomes "[removed]", wherever it appears. */
export function maskMore(text: string, hide: string[]) {
  let out = text;
  for (const phrase of hide.map((h) => h.trim()).filter((h) => h.length > 0)) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(escaped, "gi"), "[removed]");
  }
  return out;
}

function checkedQuotes(
  tx: Tx,
  scope: SummaryScopeStored,
  quotes: SummaryDraft["quotes"],
  current: Map<number, string>,
) {
  if (!quotes.length) return [];
  const ids = quotes.map((q) => q.contributionId);
  const allowed = new Map(
    tx
      .all<{ id: number; text: string }>(sql`
        select "contributions"."id" as id, "contributions"."masked_body" as text from "contributions"
        where ${contentWhere(scope)} and "contributions"."kind" = 'text' and "contributions"."masked_body" is not null
          and "contributions"."id" in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`)
      .map((r) => [r.id, r.text]),
  );
  return quotes.map((q, position) => {
    const base = allowed.get(q.contributionId);
    if (base === undefined) throw new ComposeError("bad_quote");
    // A quote kept from before keeps the masking already added to it.
    return {
      contributionId: q.contributionId,
      text: maskMore(current.get(q.contributionId) ?? base, q.hide),
      position,
    };
  });
}

/** Creates (id null) or saves a draft summary; an edit after sending makes the summary a draft again (the next version). */
export function saveSummary(id: number | null, draft: SummaryDraft, staffId: number, db: Conn = getDb()) {
  if (!draft.scope.outcomeIds.length) throw new ComposeError("no_outcome");
  return db.transaction((tx) => {
    const now = new Date().toISOString();
    const current = new Map<number, string>();
    if (id !== null) {
      const exists = tx.select({ id: summaries.id }).from(summaries).where(eq(summaries.id, id)).get();
      if (!exists) throw new ComposeError("not_found");
      for (const q of tx
        .select({ contributionId: summaryQuotes.contributionId, text: summaryQuotes.text })
        .from(summaryQuotes)
        .where(eq(summaryQuotes.summaryId, id))
        .all())
        current.set(q.contributionId, q.text);
    }
    const quotes = checkedQuotes(tx, draft.scope, draft.quotes, current);
    const values = {
      title: draft.title,
      periodFrom: draft.scope.from,
      periodTo: draft.scope.to,
      outcomeIds: draft.scope.outcomeIds,
      scope: draft.scope,
      purpose: draft.purpose,
      keyMessage: draft.keyMessages.join("\n"),
      recommendation: draft.recommendations.length ? draft.recommendations.join("\n") : null,
      reportOf: draft.reportOf,
      contactOfficer: draft.contactOfficer,
      meetingId: draft.meetingId,
      itemKind: draft.itemKind,
      status: "draft",
    };
    let summaryId = id;
    if (summaryId === null) {
      summaryId = tx
        .insert(summaries)
        .values({ ...values, createdBy: staffId, createdAt: now })
        .returning({ id: summaries.id })
        .get().id;
    } else {
      tx.update(summaries)
        .set({ ...values, updatedBy: staffId, updatedAt: now })
        .where(eq(summaries.id, summaryId))
        .run();
      tx.delete(summaryQuotes).where(eq(summaryQuotes.summaryId, summaryId)).run();
    }
    if (quotes.length)
      tx.insert(summaryQuotes)
        .values(quotes.map((q) => ({ ...q, summaryId })))
        .run();
    return summaryId;
  });
}

/** A summary as its edit page reads it: the stored draft, its quotes and every version sent. */
export function getSummary(id: number, db: Conn = getDb()) {
  const row = db.select().from(summaries).where(eq(summaries.id, id)).get();
  if (!row) return null;
  const quotes = db
    .select({
      contributionId: summaryQuotes.contributionId,
      text: summaryQuotes.text,
      audience: contributions.audience,
      ageBand: contributions.ageBand,
    })
    .from(summaryQuotes)
    .innerJoin(contributions, eq(contributions.id, summaryQuotes.contributionId))
    .where(eq(summaryQuotes.summaryId, id))
    .orderBy(asc(summaryQuotes.position), asc(summaryQuotes.contributionId))
    .all();
  const versions = db
    .select({
      id: summaryVersions.id,
      version: summaryVersions.version,
      sentAt: summaryVersions.sentAt,
      meetingId: summaryVersions.meetingId,
      meeting: meetings.title,
      meetsOn: meetings.meetsOn,
    })
    .from(summaryVersions)
    .leftJoin(meetings, eq(meetings.id, summaryVersions.meetingId))
    .where(eq(summaryVersions.summaryId, id))
    .orderBy(desc(summaryVersions.version))
    .all();
  return {
    id: row.id,
    title: row.title,
    status: row.status as "draft" | "sent",
    scope: storedScope(row),
    purpose: row.purpose,
    keyMessages: splitLines(row.keyMessage),
    recommendations: splitLines(row.recommendation),
    reportOf: row.reportOf,
    contactOfficer: row.contactOfficer,
    meetingId: row.meetingId,
    itemKind: row.itemKind as "decision" | "information" | null,
    quotes,
    versions,
  };
}

/** Every summary, newest first, with where it went and the last version sent. */
export function listSummaries(db: Conn = getDb()) {
  const latest = db
    .select({ summaryId: summaryVersions.summaryId, version: sql<number>`max(${summaryVersions.version})`.as("v") })
    .from(summaryVersions)
    .groupBy(summaryVersions.summaryId)
    .as("latest");
  return db
    .select({
      id: summaries.id,
      title: summaries.title,
      status: summaries.status,
      periodFrom: summaries.periodFrom,
      periodTo: summaries.periodTo,
      meeting: meetings.title,
      meetsOn: meetings.meetsOn,
      itemKind: summaries.itemKind,
      version: latest.version,
      changedAt: sql<string>`coalesce(${summaries.updatedAt}, ${summaries.createdAt})`,
    })
    .from(summaries)
    .leftJoin(meetings, eq(meetings.id, summaries.meetingId))
    .leftJoin(latest, eq(latest.summaryId, summaries.id))
    .orderBy(desc(sql`coalesce(${summaries.updatedAt}, ${summaries.createdAt})`), desc(summaries.id))
    .all();
}

/** The content of a stored summary as it stands now (live figures), in the reader's words. */
export function liveContent(id: number, t: Translate, db: Conn = getDb(), opts: { cacheAs?: string } = {}) {
  const s = getSummary(id, db);
  if (!s) return null;
  const nextVersion = (s.versions[0]?.version ?? 0) + 1;
  return {
    summary: s,
    content: computeSummaryContent(
      {
        summaryId: s.id,
        version: nextVersion,
        title: s.title,
        scope: s.scope,
        purpose: s.purpose,
        keyMessages: s.keyMessages,
        recommendations: s.recommendations,
        reportOf: s.reportOf,
        contactOfficer: s.contactOfficer,
        quotes: s.quotes.map((q) => ({
          contributionId: q.contributionId,
          text: q.text,
          audience: q.audience,
          ageBand: q.ageBand,
        })),
      },
      t,
      db,
      opts,
    ),
  };
}

/**
 * Sends the summary to its meeting: freezes the next version (figures, quotes and text as sent, in English, the
 * papers' language) and puts it on the agenda, or gives the agenda item already there the new version.
 * Refused: a scope that matches nothing, no meeting or a meeting in the past, no decision/information choice.
 */
export function sendSummary(
  id: number,
  staffId: number,
  opts: {
    now?: Date;
    allowPast?: boolean;
    db?: Conn;
    live?: ReturnType<typeof liveContent>;
    /** the sources were written by sourcesInChunks before (a worker's send): the transaction leaves them alone */
    sourcesWritten?: boolean;
  } = {},
) {
  const db = opts.db ?? getDb();
  const now = opts.now ?? new Date();
  // The figures may be computed before the transaction (off the event loop, in a worker: seconds at a million rows),
  // so the write holds the database only for the writing. They are used if the summary is still as they read it.
  const early = opts.live;
  return db.transaction(
    (tx) => {
      const current = early ? getSummary(id, tx) : null;
      const live =
        early && current && JSON.stringify(current) === JSON.stringify(early.summary)
          ? early
          : liveContent(id, getT("en"), tx);
      if (!live) throw new ComposeError("not_found");
      const { summary, content } = live;
      // the same checks a worker makes before it writes any sources
      checkSendable(live, { now, allowPast: opts.allowPast, db: tx });
      const meeting = tx
        .select({ id: meetings.id, title: meetings.title, meetsOn: meetings.meetsOn, body: bodies.name })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(eq(meetings.id, summary.meetingId ?? -1))
        .get();
      if (!meeting || !summary.itemKind) throw new ComposeError("no_meeting");
      const at = now.toISOString();
      const existing = tx
        .select({ id: agendaItems.id, position: agendaItems.position })
        .from(agendaItems)
        .where(and(eq(agendaItems.summaryId, id), eq(agendaItems.meetingId, meeting.id)))
        .get();
      const position =
        existing?.position ??
        (tx
          .select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
          .from(agendaItems)
          .where(eq(agendaItems.meetingId, meeting.id))
          .get()?.n ?? 0) + 1;
      content.sent = {
        at,
        meetingId: meeting.id,
        body: meeting.body,
        meeting: meeting.title,
        meetsOn: meeting.meetsOn,
        itemKind: summary.itemKind,
        itemNumber: position,
      };
      const versionId = tx
        .insert(summaryVersions)
        .values({
          summaryId: id,
          version: content.version,
          content,
          meetingId: meeting.id,
          sentBy: staffId,
          sentAt: at,
        })
        .returning({ id: summaryVersions.id })
        .get().id;
      const flags = content.exceptions.map((e) =>
        JSON.stringify({
          ...e,
          previousFrom: content.previousPeriod.from,
          previousTo: content.previousPeriod.to,
        } satisfies ExceptionFlag),
      );
      let itemId: number;
      if (existing) {
        itemId = existing.id;
        tx.update(agendaItems)
          .set({ summaryVersionId: versionId, title: summary.title, kind: summary.itemKind, exceptionFlags: flags })
          .where(eq(agendaItems.id, existing.id))
          .run();
      } else {
        itemId = tx
          .insert(agendaItems)
          .values({
            meetingId: meeting.id,
            summaryId: id,
            summaryVersionId: versionId,
            title: summary.title,
            kind: summary.itemKind,
            position,
            exceptionFlags: flags,
          })
          .returning({ id: agendaItems.id })
          .get().id;
      }
      // Everyone whose words fed this version is told what the Board did with it.
      if (!opts.sourcesWritten) {
        tx.delete(summarySources).where(eq(summarySources.summaryId, id)).run();
        tx.run(sql`insert into summary_sources (summary_id, contribution_id)
        select ${id}, "contributions"."id" from "contributions" where ${contentWhere(summary.scope)}`);
      }
      tx.update(summaries).set({ status: "sent" }).where(eq(summaries.id, id)).run();
      return { versionId, version: content.version, itemId, scope: summary.scope };
    },
    { behavior: "immediate" },
  );
}

/**
 * Whether a summary as it stands could be sent now (the checks sendSummary makes, read only): a worker checks first,
 * before it writes any sources. Throws the ComposeError sendSummary would.
 */
export function checkSendable(
  live: NonNullable<ReturnType<typeof liveContent>>,
  opts: { now?: Date; allowPast?: boolean; db?: Conn } = {},
) {
  const db = opts.db ?? getDb();
  const { summary, content } = live;
  if (!summary.meetingId) throw new ComposeError("no_meeting");
  if (!summary.itemKind) throw new ComposeError("no_kind");
  const meeting = db
    .select({ meetsOn: meetings.meetsOn })
    .from(meetings)
    .where(eq(meetings.id, summary.meetingId))
    .get();
  if (!meeting) throw new ComposeError("no_meeting");
  if (!opts.allowPast && meeting.meetsOn.slice(0, 10) < countyToday(opts.now ?? new Date()))
    throw new ComposeError("past_meeting");
  if (!content.reach.contributions) throw new ComposeError("empty_scope");
}

/** Contribution ids per transaction when a summary's sources are written in steps. */
const SOURCE_CHUNK_IDS = 20_000;

/**
 * A summary's sources written in short transactions of SOURCE_CHUNK_IDS ids each, so sending one over a million
 * contributions never holds the database for long (the main thread's writes go in between). "add": every contribution
 * now in scope is added, rows already there kept (done before the send: if the send then fails, rows for a scope that
 * was not sent stay, which is why a worker checks the send can go first). "prune": rows no longer in scope are removed
 * (after the send). A crash part-way through "add" leaves the send not made; through "prune", rows of an earlier
 * version, whose words did feed that version. Each step reads the ids by range (no index), so it costs its range only.
 */
export function sourcesInChunks(
  step: "add" | "prune",
  summaryId: number,
  scope: SummaryScopeStored,
  db: DB = getDb(),
  chunk = SOURCE_CHUNK_IDS,
) {
  const maxId = db.get<{ m: number | null }>(sql`select max(id) as m from contributions`)?.m ?? 0;
  for (let from = 0; from < maxId; from += chunk) {
    const to = from + chunk;
    const inRange = sql`"contributions"."id" > ${from} and "contributions"."id" <= ${to}`;
    db.transaction(
      (tx) => {
        if (step === "add")
          tx.run(sql`insert or ignore into summary_sources (summary_id, contribution_id)
            select ${summaryId}, "contributions"."id" from "contributions" not indexed
            where ${inRange} and ${contentWhere(scope)}`);
        else
          tx.run(sql`delete from summary_sources where summary_id = ${summaryId}
            and contribution_id > ${from} and contribution_id <= ${to}
            and contribution_id not in (select "contributions"."id" from "contributions" not indexed
              where ${inRange} and ${contentWhere(scope)})`);
      },
      { behavior: "immediate" },
    );
  }
}

/** One frozen version, as sent. */
export function getSummaryVersion(summaryId: number, version: number, db: Conn = getDb()) {
  return (
    db
      .select({
        id: summaryVersions.id,
        content: summaryVersions.content,
        sentAt: summaryVersions.sentAt,
        meetingId: summaryVersions.meetingId,
      })
      .from(summaryVersions)
      .where(and(eq(summaryVersions.summaryId, summaryId), eq(summaryVersions.version, version)))
      .get() ?? null
  );
}

// One CSV writer for the whole product (formula cells escaped): app/utils/csv.ts.
import { csvCell, csvTextSql } from "~/utils/csv";

export { csvCell };

export const CONTRIBUTIONS_CSV_HEADER = [
  "id",
  "created_at",
  "source",
  "kind",
  "audience",
  "age_band",
  "locality",
  "question",
  "value",
  "text",
];

/** Strings of about this many characters are encoded and handed on at once: few chunks, none held long. */
const CSV_CHUNK_CHARS = 256 * 1024;
/** The longest a chunk of the CSV holds the event loop before it lets other requests run. */
const CSV_SLICE_MS = 20;

/**
 * Every contribution in a summary's scope as CSV, streamed in chunks straight from SQLite (masked words only, never what
 * was typed), so a million rows neither wait in memory nor hold the event loop for long. Rows come as finished lines, in
 * the order they came (time, then id): the order of the index the scope is searched by, so no sort holds up the first
 * chunk. Each pull writes one chunk of about 256 KB; the next waits until the reader has taken it.
 */
export function contributionsCsvStream(scope: SummaryScopeStored, db: DB = getDb()): ReadableStream<Uint8Array> {
  // Each row comes as its finished line, written by SQLite: one string per row rather than ten values, about half the
  // time. Ids, times, kinds, ages and values are written as they are (digits, ISO times and the app's own codes); the
  // words (place, question, masked text) escaped as csvCell escapes them.
  // Place names and questions escaped once each (materialised, then joined by id), not once per row: a fifth less time
  // for the widest scope at a million contributions (2.3 s → 1.9 s to write 740,000 lines).
  const query = new SQLiteSyncDialect().sqlToQuery(sql`
    with place_cell(id, cell) as materialized (select l.id, ${csvTextSql(sql`l.name`)} from localities l),
      question_cell(id, cell) as materialized (select q.id, ${csvTextSql(sql`q.prompt`)} from questions q)
    select "contributions"."id" || ',' || "contributions"."created_at" || ',' || "contributions"."source" || ','
      || "contributions"."kind" || ',' || "contributions"."audience" || ',' || coalesce("contributions"."age_band", '')
      || ',' || coalesce(place_cell.cell, '') || ',' || coalesce(question_cell.cell, '')
      || ',' || coalesce("contributions"."value_int", '') || ',' || ${csvTextSql(sql`"contributions"."masked_body"`)}
      || char(13, 10)
    from "contributions"
      left join place_cell on place_cell.id = "contributions"."locality_id"
      left join question_cell on question_cell.id = "contributions"."question_id"
    where ${contentWhere(scope)} order by "contributions"."created_at", "contributions"."id"`);
  // Its own read-only connection: while a statement is being stepped its connection can run no write, so streaming on the
  // shared one would refuse every answer sent meanwhile. The reader sees the database as it was when it began.
  const file = db.$client.name;
  const own = file && file !== ":memory:" ? new Database(file, { readonly: true, fileMustExist: true }) : null;
  own?.pragma("busy_timeout = 5000");
  const rows = (own ?? db.$client)
    .prepare(query.sql)
    .pluck(true)
    .iterate(...(query.params as unknown[])) as IterableIterator<string>;
  const finish = () => {
    rows.return?.();
    own?.close();
  };
  const encoder = new TextEncoder();
  let out = `${CONTRIBUTIONS_CSV_HEADER.join(",")}\r\n`;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let began = performance.now();
      for (let n = 1; ; n++) {
        const next = rows.next();
        if (next.done) {
          if (out) controller.enqueue(encoder.encode(out));
          out = "";
          finish();
          controller.close();
          return;
        }
        out += next.value;
        if (out.length >= CSV_CHUNK_CHARS) {
          controller.enqueue(encoder.encode(out));
          out = "";
          return;
        }
        // A narrow scope may read many rows to fill one chunk: never more than CSV_SLICE_MS at a time.
        if (n % 512 === 0 && performance.now() - began > CSV_SLICE_MS) {
          if (out) {
            controller.enqueue(encoder.encode(out));
            out = "";
            return;
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
          began = performance.now();
        }
      }
    },
    cancel() {
      finish();
    },
  });
}
