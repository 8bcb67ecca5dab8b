// Receipts: the random secret in a participant's cookie (only its hash is stored) and what it finds.
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "~db/client";
import { contributions, responses } from "~db/schema";

export function newReceipt() {
  return crypto.randomBytes(24).toString("base64url");
}

export function hashReceipt(receipt: string) {
  return crypto.createHash("sha256").update(receipt).digest("hex");
}

export function findResponseByReceipt(receiptHash: string) {
  return (
    getDb()
      .select({ id: responses.id, consultationId: responses.consultationId, updatedAt: responses.updatedAt })
      .from(responses)
      .where(eq(responses.receiptHash, receiptHash))
      .get() ?? null
  );
}

export function responseHasEscalation(responseId: number) {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(contributions)
    .where(and(eq(contributions.responseId, responseId), eq(contributions.moderationState, "escalated")))
    .get();
  return (row?.n ?? 0) > 0;
}
