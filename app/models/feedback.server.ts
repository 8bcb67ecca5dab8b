import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~db/client";
import { consultations, contributions, contributionTags, localities, moderationEvents, questions } from "~db/schema";

/** Free text waiting for a person: pending first by age, escalated ones on top. */
export function listModerationQueue(limit = 100) {
  const db = getDb();
  const rows = db
    .select({
      id: contributions.id,
      body: contributions.body,
      maskedBody: contributions.maskedBody,
      state: contributions.moderationState,
      flags: contributions.flags,
      ageBand: contributions.ageBand,
      audience: contributions.audience,
      createdAt: contributions.createdAt,
      consultation: consultations.title,
      question: questions.prompt,
      locality: localities.name,
    })
    .from(contributions)
    .leftJoin(consultations, eq(consultations.id, contributions.consultationId))
    .leftJoin(questions, eq(questions.id, contributions.questionId))
    .leftJoin(localities, eq(localities.id, contributions.localityId))
    .where(inArray(contributions.moderationState, ["pending", "escalated"]))
    .orderBy(sql`${contributions.moderationState} = 'escalated' desc`, asc(contributions.createdAt))
    .limit(limit)
    .all();
  const tags = rows.length
    ? db
        .select({ contributionId: contributionTags.contributionId, outcomeId: contributionTags.outcomeId })
        .from(contributionTags)
        .where(
          inArray(
            contributionTags.contributionId,
            rows.map((r) => r.id),
          ),
        )
        .all()
    : [];
  return rows.map((r) => ({ ...r, outcomeIds: tags.filter((t) => t.contributionId === r.id).map((t) => t.outcomeId) }));
}

export function countByModerationState() {
  const rows = getDb()
    .select({ state: contributions.moderationState, n: sql<number>`count(*)` })
    .from(contributions)
    .where(sql`${contributions.body} is not null`)
    .groupBy(contributions.moderationState)
    .all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Record<string, number>;
}

export class ModerationError extends Error {
  constructor(public readonly code: "not_found" | "needs_safeguarding" | "already_done") {
    super(code);
  }
}

/**
 * Approves or hides one contribution and sets the outcomes an officer tags it with, in one transaction,
 * with the event recorded: who, when, what, why. Escalated text is for the safeguarding lead only.
 */
export function moderateContribution(input: {
  staffId: number;
  mayActOnEscalated: boolean;
  contributionId: number;
  decision: "approve" | "hide";
  outcomeIds: number[];
  reason?: string;
}) {
  const db = getDb();
  const now = new Date().toISOString();
  db.transaction((tx) => {
    const c = tx
      .select({ state: contributions.moderationState })
      .from(contributions)
      .where(eq(contributions.id, input.contributionId))
      .get();
    if (!c) throw new ModerationError("not_found");
    if (c.state === "escalated" && !input.mayActOnEscalated) throw new ModerationError("needs_safeguarding");
    const toState = input.decision === "approve" ? "approved" : "hidden";
    tx.update(contributions)
      .set({ moderationState: toState, moderatedAt: now, moderatedBy: input.staffId })
      .where(eq(contributions.id, input.contributionId))
      .run();
    tx.insert(moderationEvents)
      .values({
        contributionId: input.contributionId,
        staffId: input.staffId,
        action: input.decision,
        fromState: c.state,
        toState,
        reason: input.reason || null,
        createdAt: now,
      })
      .run();
    setOfficerTags(tx, input.contributionId, input.outcomeIds, input.staffId, now);
  });
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

function setOfficerTags(tx: Tx, contributionId: number, outcomeIds: number[], staffId: number, now: string) {
  const existing = tx
    .select({ outcomeId: contributionTags.outcomeId, source: contributionTags.source })
    .from(contributionTags)
    .where(eq(contributionTags.contributionId, contributionId))
    .all();
  const wanted = new Set(outcomeIds);
  for (const tag of existing) {
    if (tag.source === "officer" && !wanted.has(tag.outcomeId)) {
      tx.delete(contributionTags)
        .where(and(eq(contributionTags.contributionId, contributionId), eq(contributionTags.outcomeId, tag.outcomeId)))
        .run();
    }
  }
  const have = new Set(existing.map((t) => t.outcomeId));
  const add = outcomeIds.filter((id) => !have.has(id));
  if (add.length) {
    tx.insert(contributionTags)
      .values(
        add.map((outcomeId) => ({ contributionId, outcomeId, source: "officer", taggedBy: staffId, createdAt: now })),
      )
      .run();
  }
}
