import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { byAgeBand } from "~/utils/figures";
import { type Conn, getDb } from "~db/client";
import {
  agendaItems,
  boardResponses,
  bodies,
  contributions,
  contributionTags,
  localities,
  meetings,
  outcomes,
  summaries,
  summaryQuotes,
  summarySources,
  youSaidWeDid,
} from "~db/schema";
import { markConsultationsReported } from "./consultations/builder.server";
import { neverEscalated } from "./safeguarding.server";
import type { SummaryFigures } from "./summaries/types";

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
    return { summaryId, itemId };
  });
}
