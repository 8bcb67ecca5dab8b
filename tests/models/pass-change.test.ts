import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import { openSentAnswersForChange } from "~/models/passes/change.server";
import { linkReceipts } from "~/models/passes/holder.server";
import { createPass } from "~/models/passes/passes.server";
import { recordCaseAction } from "~/models/safeguarding.server";
import { getDb } from "~db/client";
import { contributions, responseDrafts, responses, safeguardingCases } from "~db/schema";
import { makeCounty } from "../support/factories";

// Issue 12: changing answers after sending needs the pass they are on, never a cookie alone, and a change never
// erases what the safeguarding lead holds.

const county = makeCounty();
const day = 86400_000;

function openConsultation() {
  const c = createConsultation({
    staffId: county.officer.id,
    title: "Changing answers",
    summary: "A test",
    easySummary: null,
    audience: "young_people",
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  const base = { consultationId: c.id, easyPrompt: null, why: null, maxLength: 1000, outcomeIds: [] };
  const scale = addQuestion({ ...base, kind: "scale", prompt: "How safe?", required: true, options: [] });
  const single = addQuestion({
    ...base,
    kind: "single",
    prompt: "How do you travel?",
    required: true,
    options: [{ label: "Walk" }, { label: "Bus" }],
  });
  const text = addQuestion({ ...base, kind: "long_text", prompt: "Tell us more", required: true, options: [] });
  publishConsultation(c.id);
  const consultation = getConsultationBySlug(c.slug);
  if (!consultation) throw new Error("not found");
  return { consultation, scale, single, text };
}

describe("changing sent answers with a pass", () => {
  const { consultation, scale, single, text } = openConsultation();
  const options = consultation.questions.find((q) => q.id === single)?.options ?? [];
  const disclosure = "He hits me when I get home late";
  const receiptHash = hashReceipt("receipt-pass-change-aaaaaaaaaa");
  const sent = submitResponse({
    consultation,
    receiptHash,
    answers: {
      [scale]: { value: 2 },
      [single]: { optionIds: [options[1].id] },
      [text]: { text: disclosure },
    },
    about: { ageBand: "12_15", localityId: county.localities[0].id },
    language: "en",
    readingLevel: "standard",
  });

  let holder = { id: 0 };

  it("refuses a response that is not on this pass, and a consultation that has closed", async () => {
    holder = await createPass({ ageBand: "12_15", isParent: false });
    linkReceipts(holder.id, [receiptHash]);
    const stranger = await createPass({ ageBand: "12_15", isParent: false });
    expect(openSentAnswersForChange(stranger.id, sent.responseId)).toEqual({ ok: false, reason: "notYours" });
    expect(openSentAnswersForChange(holder.id, sent.responseId, new Date(Date.now() + 11 * day))).toEqual({
      ok: false,
      reason: "closed",
    });
    // Nothing was written by either refusal: the receipt is the one the answers were sent with.
    const row = getDb()
      .select({ h: responses.receiptHash })
      .from(responses)
      .where(eq(responses.id, sent.responseId))
      .get();
    expect(row?.h).toBe(receiptHash);
  });

  it("copies the answers into a draft under a new receipt, and the old receipt opens nothing", () => {
    const opened = openSentAnswersForChange(holder.id, sent.responseId);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.slug).toBe(consultation.slug);
    const newHash = hashReceipt(opened.receipt);
    expect(newHash).not.toBe(receiptHash);
    const draft = getDb().select().from(responseDrafts).where(eq(responseDrafts.receiptHash, newHash)).get();
    expect(draft?.answers).toEqual({
      [String(scale)]: { value: 2 },
      [String(single)]: { optionIds: [options[1].id] },
      [String(text)]: { text: disclosure },
    });
    expect(draft?.about).toEqual({ audience: "young_people", ageBand: "12_15", localityId: county.localities[0].id });
    expect(getDb().select().from(responses).where(eq(responses.receiptHash, receiptHash)).all()).toEqual([]);

    // The lead has acted on the disclosure before the child changes their answers.
    const escalated = getDb()
      .select({ id: contributions.id })
      .from(contributions)
      .where(and(eq(contributions.responseId, sent.responseId), eq(contributions.moderationState, "escalated")))
      .get();
    recordCaseAction({
      staffId: county.officer.id,
      contributionId: escalated?.id ?? -1,
      action: "spoke_to_dsl",
      note: "Spoke to the school's lead",
      status: "in_progress",
    });

    // Sending the changed answers replaces them in the same response; the disclosure stays with the lead.
    const again = submitResponse({
      consultation,
      receiptHash: newHash,
      answers: { [scale]: { value: 4 }, [single]: { optionIds: [options[0].id] }, [text]: { text: "It's fine now" } },
      about: { ageBand: "12_15", localityId: county.localities[0].id },
      language: "en",
      readingLevel: "standard",
    });
    expect(again.responseId).toBe(sent.responseId);
    const rows = getDb()
      .select({
        kind: contributions.kind,
        value: contributions.valueInt,
        body: contributions.body,
        state: contributions.moderationState,
      })
      .from(contributions)
      .where(eq(contributions.responseId, sent.responseId))
      .all();
    expect(rows.filter((r) => r.state === "escalated").map((r) => r.body)).toEqual([disclosure]);
    expect(rows.find((r) => r.kind === "scale")?.value).toBe(4);
    const cases = getDb()
      .select({ status: safeguardingCases.status })
      .from(safeguardingCases)
      .where(eq(safeguardingCases.contributionId, escalated?.id ?? -1))
      .all();
    expect(cases).toEqual([{ status: "in_progress" }]);
    expect(
      getDb()
        .select({ id: contributions.id })
        .from(contributions)
        .where(eq(contributions.id, escalated?.id ?? -1))
        .all(),
    ).toHaveLength(1);

    // Opened again, the draft holds the new answers, not the words the lead holds.
    const reopened = openSentAnswersForChange(holder.id, sent.responseId);
    if (!reopened.ok) throw new Error(reopened.reason);
    const second = getDb()
      .select()
      .from(responseDrafts)
      .where(eq(responseDrafts.receiptHash, hashReceipt(reopened.receipt)))
      .get();
    expect(second?.answers[String(text)]).toEqual({ text: "It's fine now" });
    expect(second?.answers[String(scale)]).toEqual({ value: 4 });
  });
});
