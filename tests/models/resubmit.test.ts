import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import { moderateContribution } from "~/models/feedback.server";
import { consultationResults } from "~/models/results.server";
import { openEscalationCount } from "~/models/safeguarding.server";
import { createSummary } from "~/models/summaries.server";
import { getDb } from "~db/client";
import { contributions, moderationEvents, summaryQuotes } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const day = 86400_000;

function openConsultation() {
  const c = createConsultation({
    staffId: county.officer.id,
    title: "Getting home",
    summary: "How do you get home?",
    easySummary: null,
    audience: "young_people",
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  const text = addQuestion({
    consultationId: c.id,
    kind: "long_text",
    prompt: "Tell us about getting home",
    easyPrompt: null,
    why: null,
    required: true,
    maxLength: 1000,
    options: [],
    outcomeIds: [county.outcomes.staySafe.id],
  });
  publishConsultation(c.id);
  const consultation = getConsultationBySlug(c.slug);
  if (!consultation) throw new Error("not found");
  return { consultation, text };
}

describe("a possible disclosure sent again with changed answers", () => {
  const { consultation, text } = openConsultation();
  const receiptHash = hashReceipt("receipt-resubmit-aaaaaaaaaa");
  const disclosure = "I'm scared to go back to my house when he's there";
  const send = (words: string) =>
    submitResponse({
      consultation,
      receiptHash,
      answers: { [text]: { text: words } },
      about: { ageBand: "12_15", localityId: county.localities[0].id },
      language: "en",
      readingLevel: "standard",
    });
  const escalatedRows = (responseId: number) =>
    getDb()
      .select({ id: contributions.id, body: contributions.body })
      .from(contributions)
      .where(and(eq(contributions.responseId, responseId), eq(contributions.moderationState, "escalated")))
      .all();

  it("is one case for the lead, told once, however often the same words are sent", () => {
    const before = openEscalationCount();
    const first = send(disclosure);
    expect(first).toMatchObject({ escalated: true, newlyEscalated: true });
    const again = send(disclosure);
    // The child still sees where to get help; the lead is not told twice about the same words.
    expect(again).toMatchObject({ responseId: first.responseId, escalated: true, newlyEscalated: false });
    expect(escalatedRows(first.responseId)).toEqual([{ id: expect.any(Number), body: disclosure }]);
    expect(openEscalationCount()).toBe(before + 1);
  });

  it("keeps the first words with the lead when they are taken back, and a new disclosure is a new case", () => {
    const calm = send("The bus is fine now, thanks.");
    expect(calm).toMatchObject({ escalated: false, newlyEscalated: false });
    expect(escalatedRows(calm.responseId).map((r) => r.body)).toEqual([disclosure]);
    const other = "he kept punching me after school";
    const next = send(other);
    expect(next).toMatchObject({ escalated: true, newlyEscalated: true });
    expect(escalatedRows(next.responseId).map((r) => r.body)).toEqual([disclosure, other]);
  });
});

describe("text a person acted on, then changed by its author", () => {
  const { consultation, text } = openConsultation();
  const db = getDb();
  const send = (receipt: string, words: string) =>
    submitResponse({
      consultation,
      receiptHash: hashReceipt(receipt),
      answers: { [text]: { text: words } },
      about: { ageBand: "12_15", localityId: county.localities[0].id },
      language: "en",
      readingLevel: "standard",
    });
  const rowsOf = (responseId: number) =>
    db
      .select({ id: contributions.id, state: contributions.moderationState, body: contributions.body })
      .from(contributions)
      .where(eq(contributions.responseId, responseId))
      .orderBy(contributions.id)
      .all();
  const eventsOf = (id: number) =>
    db
      .select({ action: moderationEvents.action, from: moderationEvents.fromState, to: moderationEvents.toState })
      .from(moderationEvents)
      .where(eq(moderationEvents.contributionId, id))
      .orderBy(moderationEvents.id)
      .all();

  it("keeps a hidden answer and its record as withdrawn; the new answer waits and counts once", () => {
    const first = send("receipt-hidden-aaaaaaaaaaaaa", "The park is rubbish and so are you");
    const [hidden] = rowsOf(first.responseId);
    moderateContribution({ staffId: county.officer.id, contributionId: hidden.id, decision: "hide", reason: "Rude" });
    const again = send("receipt-hidden-aaaaaaaaaaaaa", "The park needs more lights");
    expect(again.responseId).toBe(first.responseId);
    expect(rowsOf(first.responseId)).toEqual([
      { id: hidden.id, state: "withdrawn", body: "The park is rubbish and so are you" },
      { id: expect.any(Number), state: "pending", body: "The park needs more lights" },
    ]);
    expect(eventsOf(hidden.id)).toEqual([
      { action: "hide", from: "pending", to: "hidden" },
      { action: "withdrawn", from: "hidden", to: "withdrawn" },
    ]);
    const results = consultationResults(consultation.id, "none", String);
    const q = results.questions.find((x) => x.id === text);
    expect(q?.answered).toBe(1);
    expect(q?.textCounts).toEqual({ total: 1, approved: 0, pending: 1, escalated: 0, hidden: 0 });
  });

  it("lets the author change words a summary already quotes: the Board paper keeps its quote", () => {
    const first = send("receipt-quoted-aaaaaaaaaaaaa", "More lights on the path by the pond please");
    const [quoted] = rowsOf(first.responseId);
    moderateContribution({ staffId: county.officer.id, contributionId: quoted.id, decision: "approve" });
    const meeting = county.meeting;
    const { summaryId } = createSummary({
      staffId: county.officer.id,
      meetingId: meeting.id,
      title: "Parks",
      scope: {
        from: new Date(Date.now() - 86400_000).toISOString(),
        to: new Date(Date.now() + 86400_000).toISOString(),
        outcomeIds: [county.outcomes.staySafe.id],
      },
      keyMessage: "Lights.",
      recommendation: null,
      quoteIds: [quoted.id],
      kind: "information",
    });
    // Before, this threw: the quoted row could not be deleted (a 500 for a child changing an answer).
    const again = send("receipt-quoted-aaaaaaaaaaaaa", "Actually a bench would be better");
    expect(rowsOf(again.responseId).map((r) => r.state)).toEqual(["withdrawn", "pending"]);
    expect(db.select().from(summaryQuotes).where(eq(summaryQuotes.summaryId, summaryId)).all()).toEqual([
      expect.objectContaining({ contributionId: quoted.id, text: "More lights on the path by the pond please" }),
    ]);
  });

  it("never deletes or rewrites a moderation record, whoever asks", () => {
    const [event] = db.select({ id: moderationEvents.id }).from(moderationEvents).limit(1).all();
    expect(() => db.delete(moderationEvents).where(eq(moderationEvents.id, event.id)).run()).toThrow(
      "a moderation record is never deleted",
    );
    expect(() =>
      db.update(moderationEvents).set({ reason: "changed" }).where(eq(moderationEvents.id, event.id)).run(),
    ).toThrow("a moderation record is never changed");
  });
});
