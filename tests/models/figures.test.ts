import { describe, expect, it } from "vitest";
import {
  addQuestion,
  createConsultation,
  getConsultationBySlug,
  hashReceipt,
  listConsultationsForStaff,
  publishConsultation,
  submitResponse,
} from "~/models/consultations.server";
import { createSummary, getMeeting, listMeetings, recordBoardResponse } from "~/models/summaries.server";
import { getDb } from "~db/client";
import { bodies, meetings } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const day = 86400_000;
let receipts = 0;

function makeConsultation(title: string, questionCount: number, outcomeId = county.outcomes.staySafe.id) {
  const c = createConsultation({
    staffId: county.officer.id,
    title,
    summary: "A test consultation",
    easySummary: null,
    audience: "young_people",
    opensAt: new Date(Date.now() - 400 * day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  const questionIds: number[] = [];
  for (let i = 0; i < questionCount; i++) {
    questionIds.push(
      addQuestion({
        consultationId: c.id,
        kind: "scale",
        prompt: `Question ${i + 1} of ${title}`,
        easyPrompt: null,
        why: null,
        required: false,
        maxLength: 1000,
        options: [],
        outcomeIds: [outcomeId],
      }),
    );
  }
  publishConsultation(c.id);
  const consultation = getConsultationBySlug(c.slug);
  if (!consultation) throw new Error("not found");
  return { consultation, questionIds };
}

type Made = ReturnType<typeof makeConsultation>;

/** One response per value, each answering the first question with that face, at the given time. */
function answer(
  made: Made,
  values: number[],
  opts: { at?: Date; ageBand?: string | null; localityId?: number | null } = {},
) {
  for (const value of values) {
    receipts++;
    submitResponse({
      consultation: made.consultation,
      receiptHash: hashReceipt(`figures-receipt-${receipts}-aaaaaaaaaaaa`),
      answers: { [made.questionIds[0]]: { value } },
      about: opts.ageBand === undefined ? null : { ageBand: opts.ageBand ?? undefined, localityId: opts.localityId },
      language: "en",
      readingLevel: "standard",
      channel: "import",
      now: opts.at ?? new Date(),
    });
  }
}

describe("figures on staff lists count each consultation's and meeting's own rows", () => {
  it("lists the number of questions and responses of every consultation, not 1 for each", () => {
    const six = makeConsultation("Six questions", 6);
    const three = makeConsultation("Three questions", 3);
    const two = makeConsultation("Two questions, no answers", 2);
    answer(six, [1, 2, 3, 4, 5, 5, 4]);
    answer(three, [3, 3]);
    const rows = listConsultationsForStaff();
    const byTitle = (t: string) => rows.find((r) => r.title === t);
    expect(byTitle("Six questions")).toMatchObject({ questions: 6, responses: 7 });
    expect(byTitle("Three questions")).toMatchObject({ questions: 3, responses: 2 });
    expect(byTitle("Two questions, no answers")).toMatchObject({ questions: 2, responses: 0 });
    void two;
  });

  it("counts each meeting's own agenda items, and marks a response recorded only on the item that has one", () => {
    const db = getDb();
    const body = db.insert(bodies).values({ name: "Partnership", kind: "partnership" }).returning().get();
    const empty = db
      .insert(meetings)
      .values({ bodyId: body.id, title: "Partnership – empty", meetsOn: "2099-11-01" })
      .returning()
      .get();
    const scope = {
      from: new Date(Date.now() - 30 * day).toISOString(),
      to: new Date(Date.now() + day).toISOString(),
      outcomeIds: [county.outcomes.staySafe.id],
    };
    const items = [1, 2, 3].map((n) =>
      createSummary({
        staffId: county.officer.id,
        meetingId: county.meeting.id,
        title: `Item ${n}`,
        scope,
        keyMessage: "Key message",
        recommendation: null,
        quoteIds: [],
        kind: n === 3 ? "information" : "decision",
      }),
    );
    recordBoardResponse({
      staffId: county.boardMember.id,
      agendaItemId: items[1].itemId,
      decision: "Agreed",
      actions: "Do it",
      youSaid: "You said",
      weDid: "We did",
      youSaidParents: "You said (parents)",
      weDidParents: "We did (parents)",
    });
    const list = listMeetings();
    expect(list.find((m) => m.id === county.meeting.id)?.items).toBe(3);
    expect(list.find((m) => m.id === empty.id)?.items).toBe(0);
    const meeting = getMeeting(county.meeting.id);
    expect(meeting?.items.map((i) => [i.title, i.responded])).toEqual([
      ["Item 1", false],
      ["Item 2", true],
      ["Item 3", false],
    ]);
  });
});
