// Answers in progress, kept on the server under the receipt so one question per page works with JavaScript off.
import { and, eq, sql } from "drizzle-orm";
import { type DB, getDb } from "~db/client";
import { responseDrafts } from "~db/schema";
import type { DraftAbout, DraftAnswer } from "./types";

const draftStatements = new WeakMap<DB, ReturnType<typeof prepareDraftQuery>>();

function prepareDraftQuery(db: DB) {
  return db
    .select({ answers: responseDrafts.answers, about: responseDrafts.about })
    .from(responseDrafts)
    .where(
      and(
        eq(responseDrafts.receiptHash, sql.placeholder("receiptHash")),
        eq(responseDrafts.consultationId, sql.placeholder("consultationId")),
      ),
    )
    .prepare();
}

/** The answers in progress for a receipt (read on every answer page, so the statement is prepared once). */
export function getDraft(receiptHash: string, consultationId: number) {
  const db = getDb();
  let query = draftStatements.get(db);
  if (!query) {
    query = prepareDraftQuery(db);
    draftStatements.set(db, query);
  }
  return query.get({ receiptHash, consultationId }) ?? null;
}

/** Keeps one answer in the draft (or removes it when an optional question is skipped). */
export function saveDraftAnswer(receiptHash: string, consultationId: number, questionId: number, answer?: DraftAnswer) {
  const db = getDb();
  db.transaction((tx) => {
    const existing = tx
      .select({ answers: responseDrafts.answers, consultationId: responseDrafts.consultationId })
      .from(responseDrafts)
      .where(eq(responseDrafts.receiptHash, receiptHash))
      .get();
    const answers = existing && existing.consultationId === consultationId ? { ...existing.answers } : {};
    if (answer) answers[String(questionId)] = answer;
    else delete answers[String(questionId)];
    const updatedAt = new Date().toISOString();
    tx.insert(responseDrafts)
      .values({ receiptHash, consultationId, answers, updatedAt })
      .onConflictDoUpdate({ target: responseDrafts.receiptHash, set: { answers, consultationId, updatedAt } })
      .run();
  });
}

export function saveDraftAbout(receiptHash: string, consultationId: number, about: DraftAbout) {
  const updatedAt = new Date().toISOString();
  getDb()
    .insert(responseDrafts)
    .values({ receiptHash, consultationId, answers: {}, about, updatedAt })
    .onConflictDoUpdate({ target: responseDrafts.receiptHash, set: { about, updatedAt } })
    .run();
}

/** Forgets the answers in progress once they are sent: nothing of them stays to be read from that browser. */
export function deleteDraft(receiptHash: string, consultationId: number) {
  getDb()
    .delete(responseDrafts)
    .where(and(eq(responseDrafts.receiptHash, receiptHash), eq(responseDrafts.consultationId, consultationId)))
    .run();
}
