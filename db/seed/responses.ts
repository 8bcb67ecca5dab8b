import { eq } from "drizzle-orm";
import type { Audience, DraftAnswer } from "../../app/models/consultations/types";
import type { ModerationState } from "../../app/models/feedback/types";
import { buildResponse, writeResponse } from "../../app/models/responses.server";
import { checkText, type TextCheck } from "../../app/utils/text-safety";
import type { DB } from "../client";
import { contributions, contributionTags, moderationEvents } from "../schema";
import type { SeedConsultation, SeedQuestion } from "./consultations";
import type { Tx } from "./context";
import { addHours, DAY, minDate } from "./dates";
import type { Rng } from "./random";
import * as T from "./texts";

const BATCH = 500;

export function optionId(q: SeedQuestion, label: string) {
  const o = q.options.find((x) => x.label === label);
  if (!o) throw new Error(`no option "${label}"`);
  return o.id;
}

export const answer = {
  scale: (value: number): DraftAnswer => ({ value }),
  single: (q: SeedQuestion, label: string): DraftAnswer => ({ optionIds: [optionId(q, label)] }),
  multiple: (q: SeedQuestion, labels: string[], other?: string): DraftAnswer => {
    const a: DraftAnswer = { optionIds: labels.map((l) => optionId(q, l)) };
    if (other !== undefined) a.text = other;
    return a;
  },
  ranking: (q: SeedQuestion, order: string[]): DraftAnswer => ({
    ranks: Object.fromEntries(order.map((label, i) => [String(optionId(q, label)), i + 1])),
  }),
  text: (text: string): DraftAnswer => ({ text }),
};

/** Picks 1..max labels, each with its own chance, at least one. */
export function pickSome(rng: Rng, chances: Record<string, number>, max: number) {
  let chosen = Object.keys(chances).filter((label) => rng.chance(chances[label]));
  if (!chosen.length) chosen = [rng.weighted(chances)];
  return rng.shuffle(chosen).slice(0, max);
}

/** Orders labels by weighted draws without replacement. */
export function weightedOrder(rng: Rng, weights: Record<string, number>) {
  const left = { ...weights };
  const out: string[] = [];
  while (Object.keys(left).length) {
    const label = rng.weighted(left);
    out.push(label);
    delete left[label];
  }
  return out;
}

export function scaleValue(rng: Rng, mean: number, spread = 0.95) {
  return Math.min(5, Math.max(1, Math.round(mean + rng.normal() * spread)));
}

// Answers go through the one answer writer (buildResponse + writeResponse in app/models/responses.server.ts),
// then the officer's past moderation is replayed on the free text, as the moderation queue would have done it.

type TextDecision = { state: ModerationState; moderatedAt?: Date; reason?: string; officerTags?: number[] };
export type TextPolicy = (input: { at: Date; body: string; check: TextCheck; question: SeedQuestion }) => TextDecision;

export type SeedResponse = {
  at: Date;
  about: { audience: Audience; ageBand: string | null; localityId: number | null };
  answers: Record<string, DraftAnswer>;
  channel: "online" | "paper";
  language: string;
  readingLevel: "standard" | "easy";
};

export function insertBatched<R>(rows: R[], insert: (chunk: R[]) => void) {
  for (let i = 0; i < rows.length; i += BATCH) insert(rows.slice(i, i + BATCH));
}

export function writeResponses(
  db: DB,
  tx: Tx,
  c: SeedConsultation,
  list: SeedResponse[],
  policy: TextPolicy,
  officerId: number,
) {
  const tagRows: (typeof contributionTags.$inferInsert)[] = [];
  const eventRows: (typeof moderationEvents.$inferInsert)[] = [];

  for (const r of [...list].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const iso = r.at.toISOString();
    const prepared = buildResponse(c.asAnswered, r.answers, {
      audience: r.about.audience,
      ageBand: r.about.ageBand ?? undefined,
      localityId: r.about.localityId,
    });
    // Same connection as tx, so this write is part of the seed's one transaction.
    const responseId = writeResponse(db, prepared, {
      consultationId: c.id,
      receiptHash: null,
      channel: r.channel,
      language: r.language,
      readingLevel: r.readingLevel,
      at: iso,
    });
    const stored = tx
      .select({ id: contributions.id, questionId: contributions.questionId })
      .from(contributions)
      .where(eq(contributions.responseId, responseId))
      .all();

    for (const q of c.questions) {
      const a = r.answers[String(q.id)];
      if (!a) continue;
      const text = a.text?.trim() || null;
      if (!text) continue;
      const check = checkText(text);
      if (check.escalate) {
        if (!T.escalationTexts.has(text)) throw new Error(`unexpected escalation: ${text}`);
        policy({ at: r.at, body: text, check, question: q }); // keeps the random draws as they were
        continue;
      }
      const decision = policy({ at: r.at, body: text, check, question: q });
      if (!decision.moderatedAt || (decision.state !== "approved" && decision.state !== "hidden")) continue;
      const contributionId = stored.find((s) => s.questionId === q.id)?.id;
      if (!contributionId) throw new Error(`answer to question ${q.id} was not stored`);
      const at = decision.moderatedAt.toISOString();
      tx.update(contributions)
        .set({ moderationState: decision.state, moderatedAt: at, moderatedBy: officerId })
        .where(eq(contributions.id, contributionId))
        .run();
      eventRows.push({
        contributionId,
        staffId: officerId,
        action: decision.state === "approved" ? "approve" : "hide",
        fromState: "pending",
        toState: decision.state,
        reason: decision.reason ?? null,
        createdAt: at,
      });
      for (const outcomeId of decision.officerTags ?? []) {
        if (q.outcomeIds.includes(outcomeId)) continue;
        tagRows.push({ contributionId, outcomeId, source: "officer", taggedBy: officerId, createdAt: at });
      }
    }
  }

  insertBatched(tagRows, (chunk) => tx.insert(contributionTags).values(chunk).run());
  insertBatched(eventRows, (chunk) => tx.insert(moderationEvents).values(chunk).run());
  return list.length;
}

/** Free text in an open consultation: the last two days still wait for the officer, a few others too. */
export function openPolicy(rng: Rng, now: Date): TextPolicy {
  return ({ at, body }) => {
    if (T.offTopic.includes(body))
      return {
        state: "hidden",
        moderatedAt: minDate(addHours(at, rng.int(3, 30)), addHours(now, -1)),
        reason: "Not about the question",
      };
    if (now.getTime() - at.getTime() < 2 * DAY || rng.chance(0.07)) return { state: "pending" };
    return { state: "approved", moderatedAt: minDate(addHours(at, rng.int(3, 40)), addHours(now, -1)) };
  };
}
