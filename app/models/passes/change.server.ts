// Changing answers after sending: only the holder of the pass the answers are on can, never a browser's cookie alone
// (issue 12). The sent answers are copied into a fresh draft under a new receipt; sending it replaces the response's
// answers by the rules of writeResponse, so a moderated, quoted or escalated answer is kept with its record.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { isAcceptingAnswers } from "~/models/consultations/participant-reads.server";
import { hashReceipt, newReceipt } from "~/models/consultations/receipts.server";
import type { DraftAbout, DraftAnswer } from "~/models/consultations/types";
import { getDb } from "~db/client";
import {
  consultations,
  contributionChoices,
  contributions,
  passResponses,
  responseDrafts,
  responses,
} from "~db/schema";

export type ChangeRefusal = "notYours" | "closed";

/**
 * Opens the answers of one response on this pass for changing. Returns the new receipt (for the browser's cookie)
 * and where to go, or why not: a response on no pass or another pass is "notYours"; a closed consultation "closed".
 */
export function openSentAnswersForChange(
  passId: number,
  responseId: number,
  now = new Date(),
): { ok: true; receipt: string; consultationId: number; slug: string } | { ok: false; reason: ChangeRefusal } {
  const db = getDb();
  return db.transaction((tx) => {
    const row = tx
      .select({
        consultationId: responses.consultationId,
        audience: responses.audience,
        ageBand: responses.ageBand,
        localityId: responses.localityId,
        slug: consultations.slug,
        status: consultations.status,
        opensAt: consultations.opensAt,
        closesAt: consultations.closesAt,
      })
      .from(passResponses)
      .innerJoin(responses, eq(responses.id, passResponses.responseId))
      .innerJoin(consultations, eq(consultations.id, responses.consultationId))
      .where(and(eq(passResponses.passId, passId), eq(passResponses.responseId, responseId)))
      .get();
    if (!row) return { ok: false, reason: "notYours" } as const;
    if (!isAcceptingAnswers(row, now)) return { ok: false, reason: "closed" } as const;

    // The answers in force: a withdrawn row is an earlier answer the person already replaced.
    const rows = tx
      .select({
        id: contributions.id,
        questionId: contributions.questionId,
        kind: contributions.kind,
        valueInt: contributions.valueInt,
        body: contributions.body,
      })
      .from(contributions)
      .where(and(eq(contributions.responseId, responseId), ne(contributions.moderationState, "withdrawn")))
      .orderBy(asc(contributions.id))
      .all();
    const choices = rows.length
      ? tx
          .select({
            contributionId: contributionChoices.contributionId,
            optionId: contributionChoices.optionId,
            rank: contributionChoices.rank,
          })
          .from(contributionChoices)
          .where(
            inArray(
              contributionChoices.contributionId,
              rows.map((r) => r.id),
            ),
          )
          .all()
      : [];
    const answers: Record<string, DraftAnswer> = {};
    for (const r of rows) {
      if (r.questionId === null) continue;
      const mine = choices.filter((c) => c.contributionId === r.id);
      const answer: DraftAnswer =
        r.kind === "scale"
          ? { value: r.valueInt ?? undefined }
          : r.kind === "ranking"
            ? { ranks: Object.fromEntries(mine.map((c) => [String(c.optionId), c.rank ?? 0])) }
            : r.kind === "text"
              ? { text: r.body ?? "" }
              : { optionIds: mine.map((c) => c.optionId), ...(r.body ? { text: r.body } : {}) }; // "Other" words
      answers[String(r.questionId)] = answer; // a later row for the same question is the newer answer
    }
    const about: DraftAbout = {
      audience: row.audience,
      ageBand: row.ageBand ?? undefined,
      localityId: row.localityId,
    };

    // A new receipt: the one the answers were sent with (still in a thank-you cookie somewhere) opens nothing now.
    const receipt = newReceipt();
    const receiptHash = hashReceipt(receipt);
    tx.update(responses).set({ receiptHash }).where(eq(responses.id, responseId)).run();
    tx.insert(responseDrafts)
      .values({ receiptHash, consultationId: row.consultationId, answers, about, updatedAt: now.toISOString() })
      .run();
    return { ok: true, receipt, consultationId: row.consultationId, slug: row.slug } as const;
  });
}
