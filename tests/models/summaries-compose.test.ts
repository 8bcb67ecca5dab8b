import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n.server";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import { computeSummaryContent, contentWhere, gapWords } from "~/models/summaries/content.server";
import { cachedFigures, figuresVersion } from "~/models/summaries/figures-cache.server";
import type { SummaryScopeStored } from "~/models/summaries/types";
import {
  ComposeError,
  contributionsCsvStream,
  getSummary,
  getSummaryVersion,
  maskMore,
  saveSummary,
  sendSummary,
  sourcesInChunks,
} from "~/models/summaries.server";
import { workerTasks } from "~/workers/tasks.server";
import { getDb } from "~db/client";
import {
  agendaItems,
  bodies,
  contributions,
  contributionTags,
  contributionThemes,
  localities,
  meetings,
  outcomes,
  populations,
  questionOptions,
  questions,
  safeguardingCases,
  summarySources,
  themes,
} from "~db/schema";
import { makeCounty } from "../support/factories";

// Fixture: a consultation for young people and parents on Stay safe, answered in this period and the one before, in
// two places with populations entered. Every figure below is worked out by hand from these answers.
const county = makeCounty();
const [place1, place2] = county.localities;
const day = 86400_000;
const now = Date.now();
const en = getT("en");
let receipts = 0;

const scope = (over: Partial<SummaryScopeStored> = {}): SummaryScopeStored => ({
  from: new Date(now - 30 * day).toISOString(),
  to: new Date(now + day).toISOString(),
  outcomeIds: [county.outcomes.staySafe.id],
  priorityIds: [],
  sources: [],
  audiences: [],
  ageBands: [],
  localityIds: [],
  groupIds: [],
  ...over,
});

let scaleQ = 0;
let choiceQ = 0;
let textQ = 0;

beforeAll(() => {
  const db = getDb();
  for (const l of [place1, place2])
    for (const [band, people] of [
      ["8_11", 1000],
      ["12_15", 2000],
      ["16_19", 500],
    ] as const)
      db.insert(populations).values({ year: 2026, localityId: l.id, ageBand: band, people }).run();
  const c = createConsultation({
    staffId: county.officer.id,
    title: "Safe streets",
    summary: "A test consultation",
    easySummary: null,
    audience: "both",
    opensAt: new Date(now - 400 * day).toISOString(),
    closesAt: new Date(now + 10 * day).toISOString(),
    minutes: 3,
  });
  const base = { consultationId: c.id, easyPrompt: null, why: null, required: false, maxLength: 1000 };
  const tags = [county.outcomes.staySafe.id];
  scaleQ = addQuestion({ ...base, kind: "scale", prompt: "How safe do you feel?", options: [], outcomeIds: tags });
  choiceQ = addQuestion({
    ...base,
    kind: "single",
    prompt: "How do you get to school?",
    options: [{ label: "Bus" }, { label: "Walk" }],
    outcomeIds: tags,
  });
  textQ = addQuestion({ ...base, kind: "long_text", prompt: "Tell us more", options: [], outcomeIds: tags });
  publishConsultation(c.id);
  const consultation = getConsultationBySlug(c.slug);
  if (!consultation) throw new Error("no consultation");
  const options = consultation.questions.find((q) => q.id === choiceQ)?.options ?? [];
  const option = (label: string) => options.find((o) => o.label === label)?.id ?? -1;
  const answer = (
    at: number,
    about: { audience: string; ageBand?: string; localityId: number },
    face: number,
    choice?: string,
    text?: string,
  ) => {
    receipts++;
    const answers: Record<string, { value?: number; optionIds?: number[]; text?: string }> = {
      [scaleQ]: { value: face },
    };
    if (choice) answers[choiceQ] = { optionIds: [option(choice)] };
    if (text) answers[textQ] = { text };
    submitResponse({
      consultation,
      receiptHash: hashReceipt(`compose-receipt-${receipts}-aaaaaaaaaaaa`),
      answers,
      about,
      language: "en",
      readingLevel: "standard",
      channel: "import",
      now: new Date(at),
    });
  };
  const young1 = { audience: "young_people", ageBand: "12_15", localityId: place1.id };
  // This period: 20 young people in place 1 (8 good or really good; 4 came by bus), 6 parents (3 good; 5 by bus),
  // 3 young people aged 8–11 in place 2 (all good).
  const faces20 = [5, 5, 4, 4, 5, 4, 4, 5, 1, 2, 3, 3, 2, 1, 3, 2, 3, 1, 2, 3];
  faces20.forEach((f, i) => {
    answer(now - (10 + i) * 3600_000, young1, f, i < 4 ? "Bus" : "Walk");
  });
  [5, 4, 4, 2, 1, 3].forEach((f, i) => {
    answer(now - (40 + i) * 3600_000, { audience: "parents_carers", localityId: place1.id }, f, i < 5 ? "Bus" : "Walk");
  });
  for (let i = 0; i < 3; i++)
    answer(now - (50 + i) * 3600_000, { audience: "young_people", ageBand: "8_11", localityId: place2.id }, 4);
  // The period before: 20 young people in place 1, 16 good or really good.
  for (let i = 0; i < 20; i++) answer(now - (40 + i / 2) * day, young1, i < 16 ? 4 : 2);
  // Free text, approved (and one escalated, which can never be chosen).
  answer(now - 5 * 3600_000, young1, 3, undefined, "The underpass by the station is dark and scary");
  db.update(contributions).set({ moderationState: "approved" }).where(eq(contributions.questionId, textQ)).run();
});

describe("a summary's content, computed live from contributions", () => {
  it("counts who we heard from against the population, suppresses 1–4 and names the gaps in words", () => {
    const c = computeSummaryContent({ summaryId: 0, version: 1, title: "T", scope: scope() }, en);
    // 20 + 6 + 3 people this period, plus the one who wrote (a 30th response); 30 people, 20×2 + 6×2 + 3 + 2 contributions.
    expect(c.reach.people).toBe(30);
    expect(c.reach.contributions).toBe(40 + 12 + 3 + 2);
    expect(c.reach.byAudience).toEqual([
      { key: "young_people", label: "Young people", people: 24, contributions: 45, population: 7000, per1000: 3.4 },
      {
        key: "parents_carers",
        label: "Parents and carers",
        people: 6,
        contributions: 12,
        population: null,
        per1000: null,
      },
    ]);
    // 3 aged 8–11 is hidden, and so is the next smallest (21 aged 12–15), or it could be worked out from the total.
    expect(c.reach.byAgeBand.map((r) => [r.key, r.people, r.population])).toEqual([
      ["8_11", null, 2000],
      ["12_15", null, 4000],
      ["16_19", 0, 1000],
    ]);
    expect(c.reach.byLocality.map((r) => [r.label, r.people, r.population])).toEqual([
      ["Banbury Cross", null, 3500],
      ["Kidwell", null, 3500],
    ]);
    expect(c.reach.gaps).toEqual([
      { ageBand: "8_11", locality: null, audience: null, people: "fewer-than-5" },
      { ageBand: "16_19", locality: null, audience: null, people: 0 },
      { ageBand: null, locality: "Kidwell", audience: null, people: "fewer-than-5" },
    ]);
    expect(c.reach.gaps.map((g) => gapWords(g, en))).toEqual([
      "Fewer than 5 aged 8 to 11",
      "No one aged 16 to 19",
      "Fewer than 5 in Kidwell",
    ]);
  });

  it("gives each outcome's faces and change against the period before, and flags the exception with its rule", () => {
    const c = computeSummaryContent({ summaryId: 0, version: 1, title: "T", scope: scope() }, en);
    const safe = c.outcomes.find((o) => o.outcomeId === county.outcomes.staySafe.id);
    // Faces this period: 20 young + 6 parents + 3 young + 1 writer = 30 answers.
    // 1: 3+1, 2: 4+1, 3: 5+1+1, 4: 4+2+3, 5: 4+1 → [4, 5, 7, 9, 5]; good or really good 14 of 30 = 47%.
    // The 4 is hidden, and the first 5 with it, or the 4 could be worked out from the 30.
    expect(safe?.faces).toEqual([
      { value: 1, count: null },
      { value: 2, count: null },
      { value: 3, count: 7 },
      { value: 4, count: 9 },
      { value: 5, count: 5 },
    ]);
    expect(safe?.positiveShare).toBe(47);
    expect(safe?.previousPositiveShare).toBe(80);
    expect(safe?.contributions).toBe(57);
    expect(safe?.previousContributions).toBe(20);
    expect(c.exceptionRule).toEqual({ points: 15, minAnswers: 20 });
    expect(c.exceptions).toEqual([
      {
        direction: "worse",
        outcomeId: county.outcomes.staySafe.id,
        outcome: "Stay safe",
        share: 47,
        earlierShare: 80,
        points: 33,
        answers: 30,
        previousAnswers: 20,
      },
    ]);
    // Be healthy was not chosen; a scope of it alone has nothing in it.
    const healthy = computeSummaryContent(
      { summaryId: 0, version: 1, title: "T", scope: scope({ outcomeIds: [county.outcomes.healthy.id] }) },
      en,
    );
    expect(healthy.reach.contributions).toBe(0);
    expect(healthy.exceptions).toEqual([]);
  });

  it("puts young people's and parents' answers side by side as shares, with the differences in words", () => {
    const c = computeSummaryContent({ summaryId: 0, version: 1, title: "T", scope: scope() }, en);
    const travel = c.paired.find((p) => p.questionId === choiceQ);
    expect(travel).toMatchObject({ youngPeople: 20, parents: 6 });
    expect(travel?.rows).toEqual([
      { label: "Bus", youngShare: 20, parentShare: 83 },
      { label: "Walk", youngShare: 80, parentShare: 17 },
    ]);
    expect(travel?.differences).toEqual([
      "Parents and carers chose “Bus” 63 points more often than young people.",
      "Young people chose “Walk” 63 points more often than parents and carers.",
    ]);
    const chart = c.charts.find((ch) => ch.id === `paired-${choiceQ}`);
    expect(chart?.rows).toEqual([
      { label: "Bus", values: [20, 83] },
      { label: "Walk", values: [80, 17] },
    ]);
    // Young people alone: no pairs.
    expect(
      computeSummaryContent({ summaryId: 0, version: 1, title: "T", scope: scope({ audiences: ["young_people"] }) }, en)
        .paired,
    ).toEqual([]);
  });

  it("never shows a count of 1–4 people: a scope of 3 people shows none of its counts", () => {
    const c = computeSummaryContent(
      { summaryId: 0, version: 1, title: "T", scope: scope({ localityIds: [place2.id] }) },
      en,
    );
    expect(c.reach.people).toBeNull();
    expect(c.reach.contributions).toBeNull();
    expect(c.outcomes[0].people).toBeNull();
    expect(c.outcomes[0].positiveShare).toBeNull();
    expect(c.outcomes[0].faces.map((f) => f.count)).toEqual([0, 0, 0, null, 0]);
    const numbers = JSON.stringify(c.reach).match(/"(people|contributions)":(\d+)/g) ?? [];
    expect(numbers.filter((m) => /:[1-4]$/.test(m))).toEqual([]);
  });
});

describe("composing, editing and sending a summary", () => {
  it("saves a draft with quotes masked more, sends version 1, then an edit and resend make version 2 on the same item", () => {
    const db = getDb();
    const [quote] = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(eq(contributions.questionId, textQ))
      .all();
    const draft = {
      title: "Feeling safe",
      scope: scope(),
      purpose: "To tell the Board what young people said.",
      keyMessages: ["Fewer feel safe than before."],
      recommendations: ["Light the underpass."],
      reportOf: "Head of Participation",
      contactOfficer: "Olive Officer",
      meetingId: county.meeting.id,
      itemKind: "decision" as const,
      quotes: [{ contributionId: quote.id, hide: ["station"] }],
    };
    const id = saveSummary(null, draft, county.officer.id);
    expect(getSummary(id)?.quotes.map((q) => q.text)).toEqual(["The underpass by the [removed] is dark and scary"]);
    const first = sendSummary(id, county.officer.id);
    expect(first.version).toBe(1);
    const v1 = getSummaryVersion(id, 1);
    expect(v1?.content.sent).toMatchObject({ meetingId: county.meeting.id, itemKind: "decision", itemNumber: 1 });
    expect(v1?.content.quotes[0].text).toBe("The underpass by the [removed] is dark and scary");
    expect(v1?.content.reach.people).toBe(30);
    const sources = db.select().from(summarySources).where(eq(summarySources.summaryId, id)).all();
    expect(sources.length).toBe(57);

    saveSummary(id, { ...draft, title: "Feeling safe on the way to school", quotes: [] }, county.officer.id);
    expect(getSummary(id)?.status).toBe("draft");
    const second = sendSummary(id, county.officer.id);
    expect(second).toMatchObject({ version: 2, itemId: first.itemId });
    const item = db.select().from(agendaItems).where(eq(agendaItems.id, first.itemId)).get();
    expect(item?.summaryVersionId).toBe(second.versionId);
    expect(item?.title).toBe("Feeling safe on the way to school");
    // Version 1 is kept as it was sent.
    expect(getSummaryVersion(id, 1)?.content.title).toBe("Feeling safe");
    expect(getSummaryVersion(id, 1)?.content.quotes).toHaveLength(1);
  });

  it("a worker's send writes its sources in short steps: the same rows as one transaction, and a narrower resend drops the rest", () => {
    const db = getDb();
    const sourcesOf = (id: number) =>
      db
        .select({ c: summarySources.contributionId })
        .from(summarySources)
        .where(eq(summarySources.summaryId, id))
        .all()
        .map((r) => r.c)
        .sort((a, b) => a - b);
    const inScope = (s: SummaryScopeStored) =>
      db
        .all<{ id: number }>(sql`select "contributions"."id" as id from "contributions" where ${contentWhere(s)}`)
        .map((r) => r.id)
        .sort((a, b) => a - b);
    const draft = {
      title: "Sent by a worker",
      scope: scope(),
      purpose: null,
      keyMessages: [],
      recommendations: [],
      reportOf: null,
      contactOfficer: null,
      meetingId: county.meeting.id,
      itemKind: "information" as const,
      quotes: [],
    };
    const id = saveSummary(null, draft, county.officer.id);
    expect(workerTasks.sendSummary(id, county.officer.id).version).toBe(1);
    expect(sourcesOf(id)).toHaveLength(57);
    expect(sourcesOf(id)).toEqual(inScope(scope()));
    const narrow = scope({ localityIds: [place1.id] });
    saveSummary(id, { ...draft, scope: narrow }, county.officer.id);
    expect(workerTasks.sendSummary(id, county.officer.id).version).toBe(2);
    expect(sourcesOf(id).length).toBeGreaterThan(0);
    expect(sourcesOf(id).length).toBeLessThan(57);
    expect(sourcesOf(id)).toEqual(inScope(narrow));
    // In steps of 7 ids: adding the wide scope back, then pruning to the narrow one, gives each set exactly.
    sourcesInChunks("add", id, scope(), db, 7);
    expect(sourcesOf(id)).toEqual(inScope(scope()));
    sourcesInChunks("prune", id, narrow, db, 7);
    expect(sourcesOf(id)).toEqual(inScope(narrow));
    // A send that would be refused writes no sources: the checks come first.
    const pastBody = db.insert(bodies).values({ name: "Old board", kind: "board" }).returning().get();
    const past = db
      .insert(meetings)
      .values({ bodyId: pastBody.id, title: "Gone", meetsOn: "2020-01-01" })
      .returning()
      .get();
    const refused = saveSummary(null, { ...draft, meetingId: past.id }, county.officer.id);
    expect(() => workerTasks.sendSummary(refused, county.officer.id)).toThrow(new ComposeError("past_meeting"));
    expect(sourcesOf(refused)).toEqual([]);
  });

  it("refuses a past meeting, an empty scope and a quote out of scope, and never lets a quote that is not approved in", () => {
    const db = getDb();
    const body = db.insert(bodies).values({ name: "Board", kind: "board" }).returning().get();
    const past = db.insert(meetings).values({ bodyId: body.id, title: "Old", meetsOn: "2020-01-01" }).returning().get();
    const base = {
      title: "X",
      scope: scope(),
      purpose: null,
      keyMessages: [],
      recommendations: [],
      reportOf: null,
      contactOfficer: null,
      meetingId: past.id,
      itemKind: "information" as const,
      quotes: [],
    };
    const pastId = saveSummary(null, base, county.officer.id);
    expect(() => sendSummary(pastId, county.officer.id)).toThrow(new ComposeError("past_meeting"));
    const emptyId = saveSummary(
      null,
      { ...base, meetingId: county.meeting.id, scope: scope({ outcomeIds: [county.outcomes.healthy.id] }) },
      county.officer.id,
    );
    expect(() => sendSummary(emptyId, county.officer.id)).toThrow(new ComposeError("empty_scope"));
    const [quote] = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(eq(contributions.questionId, textQ))
      .all();
    // A hidden contribution is out of reach as an escalated one is (only approved words with no case are read).
    db.update(contributions).set({ moderationState: "hidden" }).where(eq(contributions.id, quote.id)).run();
    expect(() =>
      saveSummary(null, { ...base, quotes: [{ contributionId: quote.id, hide: [] }] }, county.officer.id),
    ).toThrow(new ComposeError("bad_quote"));
    db.update(contributions).set({ moderationState: "approved" }).where(eq(contributions.id, quote.id)).run();
  });

  it("masks more only by replacing the officer's phrases, and streams the contributions in scope as CSV", async () => {
    expect(maskMore("Meet me at Oak Park, Oak park at 5", ["oak park"])).toBe("Meet me at [removed], [removed] at 5");
    const text = await new Response(contributionsCsvStream(scope())).text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("id,created_at,source,kind,audience,age_band,locality,question,value,text");
    expect(lines).toHaveLength(1 + 57);
    expect(lines.filter((l) => l.includes("The underpass by the station is dark and scary"))).toHaveLength(1);
  });
});

describe("live figures kept between opens of the compose page (figure_cache)", () => {
  const input = () => ({ summaryId: 0, version: 1, title: "T", scope: scope() });
  const fresh = () => computeSummaryContent(input(), en);
  const kept = () => computeSummaryContent(input(), en, getDb(), { cacheAs: "en" });
  const version = () => figuresVersion();
  const stored = () => getDb().$client.prepare("select count(*) from figure_cache").pluck().get() as number;
  const safe = (c: ReturnType<typeof fresh>) => c.outcomes.find((o) => o.outcomeId === county.outcomes.staySafe.id);

  it("gives exactly what a fresh count gives, and counts it once while nothing counted changes", () => {
    const first = kept();
    expect(first).toEqual(fresh());
    let counted = 0;
    const key = `test|${JSON.stringify(scope())}`;
    const once = () =>
      cachedFigures(key, () => {
        counted++;
        return fresh().reach;
      });
    expect(once()).toEqual(first.reach);
    expect(once()).toEqual(first.reach);
    expect(counted).toBe(1);
    // another language is another value: its words differ
    const cy = computeSummaryContent(input(), getT("pl"), getDb(), { cacheAs: "pl" });
    expect(cy.reach.byAudience[0].label).not.toBe(first.reach.byAudience[0].label);
    expect(kept().reach.byAudience[0].label).toBe("Young people");
    expect(stored()).toBeGreaterThanOrEqual(3);
  });

  it("is counted afresh after every kind of write that changes a figure, whichever code makes it", () => {
    const db = getDb();
    const [writer] = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(eq(contributions.questionId, textQ))
      .all();
    const [face] = db
      .select({ id: contributions.id })
      .from(contributions)
      .where(sql`${contributions.questionId} = ${scaleQ} and ${contributions.createdAt} >= ${scope().from}`)
      .all();
    const theme = db
      .insert(themes)
      .values({ name: "Dark underpasses", createdAt: new Date().toISOString() })
      .returning()
      .get();
    // Each write, then what the page shows after it: the cached value must be the fresh one, and differ from before.
    const writes: [string, () => void, (c: ReturnType<typeof fresh>) => unknown][] = [
      [
        "an approved contribution hidden",
        () => db.update(contributions).set({ moderationState: "hidden" }).where(eq(contributions.id, face.id)).run(),
        (c) => c.reach.contributions,
      ],
      [
        "and approved again",
        () => db.update(contributions).set({ moderationState: "approved" }).where(eq(contributions.id, face.id)).run(),
        (c) => c.reach.contributions,
      ],
      [
        "an approved answer's face changed",
        () => db.update(contributions).set({ valueInt: 5 }).where(eq(contributions.id, face.id)).run(),
        (c) => safe(c)?.faces,
      ],
      [
        "a tag removed",
        () => db.delete(contributionTags).where(eq(contributionTags.contributionId, writer.id)).run(),
        (c) => c.reach.contributions,
      ],
      [
        "the tag put back",
        () =>
          db
            .insert(contributionTags)
            .values({
              contributionId: writer.id,
              outcomeId: county.outcomes.staySafe.id,
              source: "officer",
              createdAt: new Date().toISOString(),
            })
            .run(),
        (c) => c.reach.contributions,
      ],
      [
        "a theme given",
        () =>
          db
            .insert(contributionThemes)
            .values({ contributionId: writer.id, themeId: theme.id, createdAt: new Date().toISOString() })
            .run(),
        (c) => safe(c)?.themes,
      ],
      [
        "a theme renamed",
        () => db.update(themes).set({ name: "Underpasses" }).where(eq(themes.id, theme.id)).run(),
        (c) => safe(c)?.themes,
      ],
      [
        "a population entered",
        () =>
          db
            .update(populations)
            .set({ people: 3000 })
            .where(sql`${populations.localityId} = ${place1.id} and ${populations.ageBand} = '8_11'`)
            .run(),
        (c) => c.reach.byAudience[0].population,
      ],
      [
        "a place renamed",
        () => db.update(localities).set({ name: "Banbury" }).where(eq(localities.id, place1.id)).run(),
        (c) => c.reach.byLocality[0].label,
      ],
      [
        "an outcome renamed",
        () =>
          db.update(outcomes).set({ title: "Staying safe" }).where(eq(outcomes.id, county.outcomes.staySafe.id)).run(),
        (c) => safe(c)?.title,
      ],
      [
        "an option renamed",
        () => db.update(questionOptions).set({ label: "Coach" }).where(sql`${questionOptions.label} = 'Bus'`).run(),
        (c) => c.paired.find((p) => p.questionId === choiceQ)?.rows[0]?.label,
      ],
      [
        "a question reworded",
        () => db.update(questions).set({ prompt: "How do you travel?" }).where(eq(questions.id, choiceQ)).run(),
        (c) => c.paired.find((p) => p.questionId === choiceQ)?.question,
      ],
      [
        "an answer escalated (a safeguarding case opened)",
        () =>
          db
            .insert(safeguardingCases)
            .values({ contributionId: face.id, escalatedAt: new Date().toISOString(), reason: "test" })
            .run(),
        (c) => c.reach.contributions,
      ],
    ];
    for (const [what, write, shown] of writes) {
      const before = kept();
      const v = version();
      expect(stored(), what).toBeGreaterThan(0);
      write();
      expect(version(), what).toBeGreaterThan(v);
      // nothing counted before the write is kept after it
      expect(stored(), what).toBe(0);
      const after = kept();
      expect(after, what).toEqual(fresh());
      expect(shown(after), what).not.toEqual(shown(before));
    }
  });

  it("is kept when what is written cannot change a figure: an answer waiting for moderation", () => {
    const v = version();
    const before = kept();
    const db = getDb();
    const [writer] = db.select().from(contributions).where(eq(contributions.questionId, textQ)).all();
    const waiting = db
      .insert(contributions)
      .values({ ...writer, id: undefined, moderationState: "pending", createdAt: new Date().toISOString() })
      .returning()
      .get();
    db.insert(contributionTags)
      .values({
        contributionId: waiting.id,
        outcomeId: county.outcomes.staySafe.id,
        source: "question",
        createdAt: new Date().toISOString(),
      })
      .run();
    expect(version()).toBe(v);
    expect(kept()).toEqual(before);
    // approved, it counts: and is counted
    db.update(contributions)
      .set({ moderationState: "approved" })
      .where(eq(contributions.moderationState, "pending"))
      .run();
    expect(version()).toBeGreaterThan(v);
    expect(kept()).toEqual(fresh());
    expect(kept().reach.contributions).not.toEqual(before.reach.contributions);
  });
});
