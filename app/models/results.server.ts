import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { ageBandRank } from "~/utils/figures";
import { protectCounts, type Shown, SUPPRESS_BELOW } from "~/utils/suppression";
import { getDb } from "~db/client";
import { contributionChoices, contributions, localities, responses } from "~db/schema";
import { loadQuestions } from "./consultations/participant-reads.server";
import { neverEscalated } from "./safeguarding.server";

export { SUPPRESS_BELOW };

export const splits = ["none", "audience", "age_band", "locality"] as const;
export type Split = (typeof splits)[number];

export type QuestionResult = {
  id: number;
  number: number;
  kind: string;
  prompt: string;
  /** rows: one per face or option; cells: one per split group */
  rows: { key: string; label: string; total: number; cells: Shown[]; meanRank?: number | null }[];
  answered: number;
  textCounts?: { total: number; approved: number; pending: number; escalated: number; hidden: number };
  quotes?: string[];
};

function splitColumn(split: Split) {
  switch (split) {
    case "audience":
      return sql<string>`${contributions.audience}`;
    case "age_band":
      return sql<string>`coalesce(${contributions.ageBand}, 'unknown')`;
    case "locality":
      return sql<string>`coalesce(cast(${contributions.localityId} as text), 'unknown')`;
    default:
      return sql<string>`'all'`;
  }
}

export const RESULTS_CACHE_MS = 5000;
/** A consultation's live results, as the staff and public results pages read them. */
export type ConsultationResults = {
  people: number;
  groups: { key: string; people: number; name: string }[];
  questions: QuestionResult[];
  computedAt: string;
};
const resultsCache = new Map<string, { at: number; value: ConsultationResults }>();

/**
 * Live results, worked out at most every 5 seconds per consultation, split and language: with 100,000 answers the
 * work takes ~150–250 ms, and officers watching a live consultation refresh often. `computedAt` says how fresh.
 */
export function consultationResults(
  consultationId: number,
  split: Split,
  scaleLabel: (n: number) => string,
  lang = "en",
  opts: { fresh?: boolean } = {},
) {
  const key = `${consultationId}|${split}|${lang}`;
  const hit = resultsCache.get(key);
  const now = Date.now();
  if (!opts.fresh && hit && now - hit.at < RESULTS_CACHE_MS) return hit.value;
  const value = computeResults(consultationId, split, scaleLabel);
  if (resultsCache.size > 200) resultsCache.clear();
  resultsCache.set(key, { at: now, value });
  return value;
}

/** Counts per face and option, split by audience, age band or locality. */
function computeResults(consultationId: number, split: Split, scaleLabel: (n: number) => string): ConsultationResults {
  const db = getDb();
  const questions = loadQuestions(consultationId);
  const column = splitColumn(split);

  // Groups of the split, with how many people are in each (from responses, so a group that skipped a question still shows).
  const groupExpr =
    split === "audience"
      ? sql<string>`${responses.audience}`
      : split === "age_band"
        ? sql<string>`coalesce(${responses.ageBand}, 'unknown')`
        : split === "locality"
          ? sql<string>`coalesce(cast(${responses.localityId} as text), 'unknown')`
          : sql<string>`'all'`;
  const groupRows = db
    .select({ key: groupExpr, people: sql<number>`count(*)` })
    .from(responses)
    .where(eq(responses.consultationId, consultationId))
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .all();
  const localityNames = new Map(
    split === "locality"
      ? db
          .select({ id: localities.id, name: localities.name })
          .from(localities)
          .all()
          .map((l) => [String(l.id), l.name])
      : [],
  );
  const order = (key: string, name: string) =>
    split === "age_band" ? String(ageBandRank(key)).padStart(2, "0") : key === "unknown" ? "\uffff" : name;
  const groups = groupRows
    .map((g) => ({ key: g.key, people: g.people, name: localityNames.get(g.key) ?? g.key }))
    .sort((a, b) => order(a.key, a.name).localeCompare(order(b.key, b.name)));
  const groupIndex = new Map(groups.map((g, i) => [g.key, i]));
  const people = groups.reduce((sum, g) => sum + g.people, 0);

  const scaleCounts = db
    .select({
      questionId: contributions.questionId,
      value: contributions.valueInt,
      group: column,
      n: sql<number>`count(*)`,
    })
    .from(contributions)
    .where(and(eq(contributions.consultationId, consultationId), eq(contributions.kind, "scale")))
    .groupBy(contributions.questionId, contributions.valueInt, sql`3`)
    .all();

  const choiceCounts = db
    .select({
      questionId: contributions.questionId,
      optionId: contributionChoices.optionId,
      group: column,
      n: sql<number>`count(*)`,
      firsts: sql<number>`sum(case when ${contributionChoices.rank} = 1 then 1 else 0 end)`,
      rankSum: sql<number>`sum(${contributionChoices.rank})`,
    })
    .from(contributions)
    .innerJoin(contributionChoices, eq(contributionChoices.contributionId, contributions.id))
    .where(and(eq(contributions.consultationId, consultationId), inArray(contributions.kind, ["choice", "ranking"])))
    .groupBy(contributions.questionId, contributionChoices.optionId, sql`3`)
    .all();

  // People who answered each question: one per response (a changed answer kept as withdrawn, or words kept with the
  // safeguarding lead beside a new answer, are still one person's answer).
  const answeredRows = db
    .select({
      questionId: contributions.questionId,
      n: sql<number>`count(distinct coalesce('r' || ${contributions.responseId}, 'c' || ${contributions.id}))`,
    })
    .from(contributions)
    .where(and(eq(contributions.consultationId, consultationId), ne(contributions.moderationState, "withdrawn")))
    .groupBy(contributions.questionId)
    .all();
  const answered = new Map(answeredRows.map((r) => [r.questionId, r.n]));

  const textStates = db
    .select({ questionId: contributions.questionId, state: contributions.moderationState, n: sql<number>`count(*)` })
    .from(contributions)
    .where(
      and(
        eq(contributions.consultationId, consultationId),
        eq(contributions.kind, "text"),
        sql`${contributions.body} is not null`,
        ne(contributions.moderationState, "withdrawn"),
      ),
    )
    .groupBy(contributions.questionId, contributions.moderationState)
    .all();

  const results: QuestionResult[] = questions.map((q, i) => {
    const base = { id: q.id, number: i + 1, kind: q.kind, prompt: q.prompt, answered: answered.get(q.id) ?? 0 };
    const makeRow = (key: string, label: string, counts: { group: string; n: number }[], extra = {}) => {
      const values = groups.map(() => 0);
      let total = 0;
      for (const c of counts) {
        const gi = groupIndex.get(c.group);
        if (gi !== undefined) values[gi] += c.n;
        total += c.n;
      }
      return { key, label, total, cells: split === "none" ? [total] : protectCounts(values), ...extra };
    };
    let rows: QuestionResult["rows"] = [];
    if (q.kind === "scale") {
      rows = [1, 2, 3, 4, 5].map((v) =>
        makeRow(
          String(v),
          scaleLabel(v),
          scaleCounts.filter((c) => c.questionId === q.id && c.value === v),
        ),
      );
    } else if (q.kind === "single" || q.kind === "multiple" || q.kind === "ranking") {
      rows = q.options.map((o) => {
        const counts = choiceCounts.filter((c) => c.questionId === q.id && c.optionId === o.id);
        if (q.kind !== "ranking") return makeRow(String(o.id), o.label, counts);
        const n = counts.reduce((s, c) => s + c.n, 0);
        const rankSum = counts.reduce((s, c) => s + c.rankSum, 0);
        return makeRow(
          String(o.id),
          o.label,
          counts.map((c) => ({ group: c.group, n: c.firsts })),
          { meanRank: n ? Math.round((rankSum / n) * 100) / 100 : null },
        );
      });
    }
    const states = textStates.filter((s) => s.questionId === q.id);
    const textCounts = states.length
      ? {
          total: states.reduce((s, x) => s + x.n, 0),
          approved: states.find((s) => s.state === "approved")?.n ?? 0,
          pending: states.find((s) => s.state === "pending")?.n ?? 0,
          escalated: states.find((s) => s.state === "escalated")?.n ?? 0,
          hidden: states.find((s) => s.state === "hidden")?.n ?? 0,
        }
      : undefined;
    return { ...base, rows, textCounts };
  });

  return {
    people,
    groups: split === "none" ? [{ key: "all", people, name: "all" }] : groups,
    questions: results,
    computedAt: new Date().toISOString(),
  };
}

/** A few approved, masked answers to a text question, newest first, to show beside the counts. */
export function approvedQuotes(questionId: number, limit = 5) {
  return getDb()
    .select({ text: contributions.maskedBody })
    .from(contributions)
    .where(
      and(
        eq(contributions.questionId, questionId),
        eq(contributions.moderationState, "approved"),
        neverEscalated,
        sql`${contributions.maskedBody} is not null`,
      ),
    )
    .orderBy(desc(contributions.createdAt), desc(contributions.id))
    .limit(limit)
    .all()
    .map((r) => r.text ?? "");
}
