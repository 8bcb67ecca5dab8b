import { describe, expect, it } from "vitest";
import { getMeeting, listMeetings, recordBoardResponse } from "~/models/board.server";
import {
  addQuestion,
  createConsultation,
  listConsultationsForStaff,
  publishConsultation,
} from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import { computeFigures, createSummary, exceptionFlags, readExceptionFlags } from "~/models/summaries.server";
import { protectFigures } from "~/utils/figures";
import { protectCount, protectCounts } from "~/utils/suppression";
import { countyDayStart, countyToday, formatDate, formatPeriod } from "~/utils/time";
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
    makeConsultation("Two questions, no answers", 2);
    answer(six, [1, 2, 3, 4, 5, 5, 4]);
    answer(three, [3, 3]);
    const rows = listConsultationsForStaff();
    const byTitle = (t: string) => rows.find((r) => r.title === t);
    expect(byTitle("Six questions")).toMatchObject({ questions: 6, responses: 7 });
    expect(byTitle("Three questions")).toMatchObject({ questions: 3, responses: 2 });
    expect(byTitle("Two questions, no answers")).toMatchObject({ questions: 2, responses: 0 });
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

describe("dates are county days, end dates included; age bands in order of age", () => {
  it("shows a period picked as 19 to 22 November as 19–22 November, in every language", () => {
    const from = countyDayStart("2026-11-19");
    const to = countyDayStart("2026-11-22", 1);
    expect([from, to]).toEqual(["2026-11-19T00:00:00.000Z", "2026-11-23T00:00:00.000Z"]);
    expect(formatPeriod(from, to, "en")).toBe("19\u2009–\u200922 November 2026");
    expect(formatPeriod(from, to, "pl")).toBe("19–22 listopada 2026");
    expect(formatPeriod(from, to, "ar")).toBe("19–22 نوفمبر 2026");
    expect(formatPeriod(countyDayStart("2026-11-19"), countyDayStart("2026-11-19", 1), "en")).toBe("19 November 2026");
  });

  it("starts a summer day at 23:00 UTC the evening before, and ends it there the next day", () => {
    const from = countyDayStart("2026-07-01");
    const to = countyDayStart("2026-07-31", 1);
    expect([from, to]).toEqual(["2026-06-30T23:00:00.000Z", "2026-07-31T23:00:00.000Z"]);
    expect(formatPeriod(from, to, "en")).toBe("1\u2009–\u200931 July 2026");
    expect(formatDate("2026-03-29T23:30:00Z", "en")).toBe("30 March 2026");
    expect(countyToday(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
  });

  it("lists a summary's age bands youngest first", () => {
    const made = makeConsultation("Bands", 1, county.outcomes.healthy.id);
    const at = new Date(Date.UTC(2020, 0, 15, 12));
    answer(made, [3, 3, 3, 3, 3], { at, ageBand: "16_19" });
    answer(made, [4, 4, 4, 4, 4, 4], { at, ageBand: "8_11" });
    answer(made, [5, 5, 5, 5, 5, 5, 5], { at, ageBand: "12_15" });
    answer(made, [2], { at, ageBand: null });
    const figures = computeFigures({
      from: countyDayStart("2020-01-15"),
      to: countyDayStart("2020-01-15", 1),
      outcomeIds: [county.outcomes.healthy.id],
    });
    expect(figures.ageBands).toEqual([
      { band: "8_11", count: 6 },
      { band: "12_15", count: 7 },
      { band: "16_19", count: 5 },
      { band: "unknown", count: 1 },
    ]);
  });
});

describe("one suppression rule for every figure outside an officer's own live results", () => {
  it("hides 1 to 4 as 'fewer', and one more where a total would give it away", () => {
    expect(protectCounts([2, 9, 7])).toEqual(["fewer", 9, "withheld"]);
    expect(protectCounts([1, 2, 10, 12])).toEqual(["fewer", "fewer", 10, 12]);
    expect(protectCounts([0, 5, 12])).toEqual([0, 5, 12]);
    expect(protectCounts([4])).toEqual(["fewer"]);
    expect(protectCount(4)).toBe("fewer");
    expect(protectCount(0)).toBe(0);
    expect(protectCount(5)).toBe(5);
  });

  it("shows a summary's figures with no count from 1 to 4, age bands in order", () => {
    const made = makeConsultation("Small groups", 1, county.outcomes.healthy.id);
    const at = new Date(Date.UTC(2020, 5, 10, 12));
    const [l1, l2] = county.localities.map((l) => l.id);
    answer(made, [5, 4, 1], { at, ageBand: "16_19", localityId: l1 }); // 3 people in Banbury Cross
    answer(made, [5, 5, 5, 4], { at, ageBand: "16_19", localityId: l2 });
    answer(made, [2, 3], { at, ageBand: "8_11", localityId: l2 });
    answer(made, [3, 3, 3, 3, 3, 3, 3, 3, 3], { at, ageBand: "12_15", localityId: l2 });
    const raw = computeFigures({
      from: countyDayStart("2020-06-10"),
      to: countyDayStart("2020-06-10", 1),
      outcomeIds: [county.outcomes.healthy.id],
    });
    expect(raw.people).toBe(18);
    const shown = protectFigures(raw);
    expect(shown).toEqual({
      people: 18,
      contributions: 18,
      ageBands: [
        { band: "8_11", count: "fewer" },
        { band: "12_15", count: 9 },
        { band: "16_19", count: "withheld" },
      ],
      localities: [
        { name: "Kidwell", count: "withheld" },
        { name: "Banbury Cross", count: "fewer" },
      ],
      outcomes: [
        {
          outcomeId: county.outcomes.healthy.id,
          title: "Be healthy",
          count: 18,
          scaleAnswers: 18,
          positive: 6,
          negative: "fewer",
          scaleMean: 3.39,
        },
      ],
      suppressed: true,
    });
  });

  it("hides the split and average of an outcome with fewer than 5 faces answers", () => {
    const shown = protectFigures({
      people: 3,
      contributions: 3,
      ageBands: [{ band: "12_15", count: 3 }],
      localities: [{ name: "", count: 3 }],
      outcomes: [
        { outcomeId: 1, title: "Be healthy", count: 3, scaleAnswers: 3, scaleMean: 4.33, positive: 3, negative: 0 },
      ],
    });
    expect(shown.people).toBe("fewer");
    expect(shown.outcomes[0]).toMatchObject({
      count: "fewer",
      scaleAnswers: "fewer",
      positive: "withheld",
      negative: "withheld",
      scaleMean: null,
    });
  });
});

describe("exception flags say which outcome, which way, by how much, against when, and by what rule", () => {
  const outcome = county.outcomes.staySafe;
  const made = makeConsultation("Exceptions", 1, outcome.id);
  /** n answers of which `positive` are 'really good' (5) and the rest 'OK' (3), on the given day. */
  const faces = (ymd: string, n: number, positive: number) =>
    answer(
      made,
      Array.from({ length: n }, (_, i) => (i < positive ? 5 : 3)),
      { at: new Date(`${ymd}T12:00:00Z`) },
    );
  const flagsFor = (from: string, to: string) => {
    const scope = { from: countyDayStart(from), to: countyDayStart(to, 1), outcomeIds: [outcome.id] };
    return exceptionFlags(scope, computeFigures(scope));
  };

  it("flags feedback markedly better than the period of the same length before", () => {
    faces("2021-01-05", 20, 6); // 30%
    faces("2021-01-15", 20, 10); // 50%
    expect(flagsFor("2021-01-11", "2021-01-20")).toEqual([
      {
        direction: "better",
        outcomeId: outcome.id,
        outcome: "Stay safe",
        share: 50,
        earlierShare: 30,
        points: 20,
        answers: 20,
        previousAnswers: 20,
        previousFrom: "2021-01-01T00:00:00.000Z",
        previousTo: "2021-01-11T00:00:00.000Z",
      },
    ]);
    const [flag] = readExceptionFlags([JSON.stringify(flagsFor("2021-01-11", "2021-01-20")[0]), "worse:3"]);
    expect(flag && formatPeriod(flag.previousFrom, flag.previousTo, "en")).toBe("1\u2009–\u200910 January 2021");
    expect(readExceptionFlags(["worse:3"])).toEqual([null]);
  });

  it("flags feedback markedly worse, exactly at 15 points", () => {
    faces("2021-03-05", 20, 12); // 60%
    faces("2021-03-15", 20, 9); // 45%
    expect(flagsFor("2021-03-11", "2021-03-20")).toMatchObject([
      { direction: "worse", share: 45, earlierShare: 60, points: 15 },
    ]);
  });

  it("does not flag a move of 14 points, nor one with fewer than 20 answers in a period", () => {
    faces("2021-05-05", 25, 10); // 40%
    faces("2021-05-15", 25, 16); // 64%: 24 points, flagged
    faces("2021-07-05", 20, 10); // 50%
    faces("2021-07-15", 25, 16); // 64%: 14 points
    faces("2021-09-05", 19, 0); // 0% from 19 answers
    faces("2021-09-15", 20, 20); // 100%
    expect(flagsFor("2021-05-11", "2021-05-20")).toHaveLength(1);
    expect(flagsFor("2021-07-11", "2021-07-20")).toEqual([]);
    expect(flagsFor("2021-09-11", "2021-09-20")).toEqual([]);
  });
});
