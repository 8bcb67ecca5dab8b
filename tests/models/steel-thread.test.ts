import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getAgendaItem, recordBoardResponse } from "~/models/board.server";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug, invalidateConsultationCache } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { SubmissionError, submitResponse } from "~/models/consultations/submission.server";
import { listModerationQueue, ModerationError, moderateContribution } from "~/models/feedback.server";
import { computeFigures, createSummary } from "~/models/summaries.server";
import { listYouSaidWeDid } from "~/models/you-said-we-did.server";
import { getDb } from "~db/client";
import { consultations, contributions, contributionTags, moderationEvents, responses } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const day = 86400_000;

function makeOpenConsultation(title: string) {
  const c = createConsultation({
    staffId: county.officer.id,
    title,
    summary: "How safe do you feel?",
    easySummary: null,
    audience: "young_people",
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  const scale = addQuestion({
    consultationId: c.id,
    kind: "scale",
    prompt: "How safe do you feel in the park?",
    easyPrompt: null,
    why: null,
    required: true,
    maxLength: 1000,
    options: [],
    outcomeIds: [county.outcomes.staySafe.id],
  });
  const text = addQuestion({
    consultationId: c.id,
    kind: "long_text",
    prompt: "What would help?",
    easyPrompt: null,
    why: null,
    required: false,
    maxLength: 1000,
    options: [],
    outcomeIds: [county.outcomes.staySafe.id],
  });
  publishConsultation(c.id);
  const consultation = getConsultationBySlug(c.slug);
  if (!consultation) throw new Error("not found");
  return { consultation, scale, text };
}

describe("a young person's answer travels to the Board and back", () => {
  const { consultation, scale, text } = makeOpenConsultation("Parks");
  const db = getDb();

  it("stores a submission as one response and a contribution per answer, with inherited tags, in one go", () => {
    const { responseId, escalated } = submitResponse({
      consultation,
      receiptHash: hashReceipt("receipt-one-aaaaaaaaaaaa"),
      answers: {
        [scale]: { value: 2 },
        [text]: { text: "More lights please. My name is Amy Jones, call 07700 900123." },
      },
      about: { ageBand: "8_11", localityId: county.localities[0].id },
      language: "en",
      readingLevel: "standard",
    });
    expect(escalated).toBe(false);
    const rows = db.select().from(contributions).where(eq(contributions.responseId, responseId)).all();
    expect(rows).toHaveLength(2);
    const scaleRow = rows.find((r) => r.kind === "scale");
    const textRow = rows.find((r) => r.kind === "text");
    expect(scaleRow?.moderationState).toBe("approved");
    expect(scaleRow?.valueInt).toBe(2);
    expect(textRow?.moderationState).toBe("pending");
    expect(textRow?.maskedBody).toBe("More lights please. My name is [removed], call [removed].");
    expect(textRow?.ageBand).toBe("8_11");
    const tags = db
      .select()
      .from(contributionTags)
      .where(eq(contributionTags.contributionId, textRow?.id ?? 0))
      .all();
    expect(tags.map((t) => [t.outcomeId, t.source])).toEqual([[county.outcomes.staySafe.id, "question"]]);
  });

  it("replaces the earlier answers when the same receipt sends again", () => {
    const receiptHash = hashReceipt("receipt-one-aaaaaaaaaaaa");
    const before = db.select({ n: sql<number>`count(*)` }).from(responses).get()?.n;
    submitResponse({
      consultation,
      receiptHash,
      answers: { [scale]: { value: 3 } },
      about: null,
      language: "en",
      readingLevel: "easy",
    });
    expect(db.select({ n: sql<number>`count(*)` }).from(responses).get()?.n).toBe(before);
    const r = db.select().from(responses).where(eq(responses.receiptHash, receiptHash)).get();
    const values = db
      .select()
      .from(contributions)
      .where(eq(contributions.responseId, r?.id ?? 0))
      .all();
    expect(values.map((v) => v.valueInt)).toEqual([3]);
    // and back again, with the text, for the rest of the story
    submitResponse({
      consultation,
      receiptHash,
      answers: { [scale]: { value: 2 }, [text]: { text: "More lights please. My name is Amy Jones." } },
      about: { ageBand: "8_11", localityId: county.localities[0].id },
      language: "en",
      readingLevel: "standard",
    });
  });

  it("refuses an incomplete submission and writes nothing", () => {
    const before = db.select({ n: sql<number>`count(*)` }).from(contributions).get()?.n;
    expect(() =>
      submitResponse({
        consultation,
        receiptHash: hashReceipt("receipt-two-bbbbbbbbbbbb"),
        answers: {},
        about: null,
        language: "en",
        readingLevel: "standard",
      }),
    ).toThrow(SubmissionError);
    expect(db.select({ n: sql<number>`count(*)` }).from(contributions).get()?.n).toBe(before);
  });

  it("refuses answers to a closed consultation", () => {
    db.update(consultations)
      .set({ closesAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(consultations.id, consultation.id))
      .run();
    invalidateConsultationCache(); // changed behind the model's back
    const closed = getConsultationBySlug(consultation.slug);
    expect(() =>
      submitResponse({
        consultation: closed ?? consultation,
        receiptHash: hashReceipt("receipt-three-ccccccccccc"),
        answers: { [scale]: { value: 5 } },
        about: null,
        language: "en",
        readingLevel: "standard",
      }),
    ).toThrow(/closed/);
    db.update(consultations)
      .set({ closesAt: consultation.closesAt })
      .where(eq(consultations.id, consultation.id))
      .run();
    invalidateConsultationCache();
  });

  it("escalates a disclosure instead of queueing it as ordinary text, and only the safeguarding lead may clear it", () => {
    const { escalated, responseId } = submitResponse({
      consultation,
      receiptHash: hashReceipt("receipt-four-dddddddddddd"),
      answers: { [scale]: { value: 1 }, [text]: { text: "a man at the park hits me" } },
      about: null,
      language: "en",
      readingLevel: "standard",
    });
    expect(escalated).toBe(true);
    // escalated text never enters the ordinary queue: it is with the safeguarding lead
    expect(listModerationQueue().rows.some((q) => q.body === "a man at the park hits me")).toBe(false);
    const id = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(sql`${contributions.responseId} = ${responseId} and ${contributions.kind} = 'text'`)
      .get()?.id as number;
    expect(() =>
      moderateContribution({
        staffId: county.officer.id,
        contributionId: id,
        decision: "approve",
        outcomeIds: [],
      }),
    ).toThrow(ModerationError);
  });

  it("approves and tags text, recording who did what", () => {
    const item = listModerationQueue().rows.find((q) => q.body?.startsWith("More lights"));
    expect(item).toBeTruthy();
    moderateContribution({
      staffId: county.officer.id,
      contributionId: item?.id ?? 0,
      decision: "approve",
      outcomeIds: [county.outcomes.staySafe.id, county.outcomes.healthy.id],
      reason: "fine",
    });
    const events = db
      .select()
      .from(moderationEvents)
      .where(eq(moderationEvents.contributionId, item?.id ?? 0))
      .all();
    expect(events).toMatchObject([
      { action: "approve", fromState: "pending", toState: "approved", staffId: county.officer.id },
    ]);
    const tags = db
      .select()
      .from(contributionTags)
      .where(eq(contributionTags.contributionId, item?.id ?? 0))
      .all();
    expect(tags.map((t) => t.outcomeId).sort()).toEqual(
      [county.outcomes.staySafe.id, county.outcomes.healthy.id].sort(),
    );
  });

  it("computes a summary's figures from approved, tagged contributions only", () => {
    const scope = {
      from: new Date(Date.now() - day).toISOString(),
      to: new Date(Date.now() + day).toISOString(),
      outcomeIds: [county.outcomes.staySafe.id],
    };
    const figures = computeFigures(scope);
    // two people: the first response (scale + approved text) and the escalated one (scale only; its text is not approved)
    expect(figures.people).toBe(2);
    expect(figures.contributions).toBe(3);
    expect(figures.ageBands).toEqual([
      { band: "8_11", count: 1 },
      { band: "unknown", count: 1 },
    ]);
    const staySafe = figures.outcomes.find((o) => o.outcomeId === county.outcomes.staySafe.id);
    expect(staySafe).toMatchObject({ scaleAnswers: 2, negative: 2, positive: 0, scaleMean: 1.5 });
  });

  it("makes the summary an agenda item for decision; the Board's response publishes a you said, we did", () => {
    const scope = {
      from: new Date(Date.now() - day).toISOString(),
      to: new Date(Date.now() + day).toISOString(),
      outcomeIds: [county.outcomes.staySafe.id],
    };
    const textId = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(sql`${contributions.moderationState} = 'approved' and ${contributions.kind} = 'text'`)
      .get()?.id as number;
    const { itemId } = createSummary({
      staffId: county.officer.id,
      meetingId: county.meeting.id,
      title: "Parks",
      scope,
      keyMessage: "Lights",
      recommendation: null,
      quoteIds: [textId],
      kind: "decision",
    });
    const item = getAgendaItem(itemId);
    expect(item?.kind).toBe("decision");
    expect(item?.quotes).toEqual(["More lights please. My name is [removed]."]);

    // a quote that is not approved in scope is refused
    expect(() =>
      createSummary({
        staffId: county.officer.id,
        meetingId: county.meeting.id,
        title: "x",
        scope,
        keyMessage: "x",
        recommendation: null,
        quoteIds: [999999],
        kind: "information",
      }),
    ).toThrow(/bad_quote/);

    recordBoardResponse({
      staffId: county.boardMember.id,
      agendaItemId: itemId,
      decision: "Agreed",
      youSaid: "You said the park is dark.",
      weDid: "We are fixing the lights.",
      youSaidParents: "Parents said",
      weDidParents: "We did",
    });
    expect(() =>
      recordBoardResponse({
        staffId: county.boardMember.id,
        agendaItemId: itemId,
        decision: "a",
        youSaid: "c",
        weDid: "d",
        youSaidParents: "e",
        weDidParents: "f",
      }),
    ).toThrow(/already_recorded/);
    const [entry] = listYouSaidWeDid();
    expect(entry).toMatchObject({
      youSaid: "You said the park is dark.",
      weDid: "We are fixing the lights.",
      outcome: "Feeling safe",
    });
  });
});
