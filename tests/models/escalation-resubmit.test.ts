import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import { openEscalationCount } from "~/models/safeguarding.server";
import { getDb } from "~db/client";
import { contributions } from "~db/schema";
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
