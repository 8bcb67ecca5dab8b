import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { openYouSaidWeDid, youSaidWeDidCsv } from "~/models/open-data.server";
import {
  entryContributorLangs,
  entryFilterOptions,
  entryReachesPass,
  getEntry,
  listEntries,
  listEntriesForPass,
  markEntryRead,
} from "~/models/you-said-we-did.server";
import { getDb } from "~db/client";
import {
  agendaItems,
  agendaQuestions,
  boardResponses,
  consultations,
  contributions,
  groupSessions,
  passes,
  passResponses,
  responseActions,
  responses,
  sessionViews,
  summaries,
  summarySources,
  threadMessages,
  threads,
  youSaidWeDid,
  youSaidWeDidCorrections,
  youSaidWeDidTranslations,
} from "~db/schema";
import { makeCounty } from "../support/factories";

// "You said, we did" as the public, a pass holder and the open-data files read it. Entries are inserted as the Board's
// publishing writes them (board_responses published, you_said_we_did, translations, actions).

const county = makeCounty();
const db = getDb();
const [banbury, kidwell] = county.localities;
const { staySafe, healthy } = county.outcomes;
const T0 = "2026-10-01T09:00:00.000Z";
let seq = 0;

const consultationId = db
  .insert(consultations)
  .values({
    slug: "ysdw-test",
    title: "Travel",
    summary: "s",
    audience: "young_people",
    opensAt: T0,
    closesAt: "2026-10-30T00:00:00.000Z",
    status: "closed",
  })
  .returning()
  .get().id;

function makePass(isParent = false) {
  seq++;
  return db
    .insert(passes)
    .values({
      nickname: `Blue Otter ${seq}`,
      nicknameKey: `blue otter ${seq}`,
      secretHash: "x",
      isParent,
      createdAt: T0,
    })
    .returning()
    .get().id;
}

function contribution(source: string, responseId: number | null = null) {
  return db
    .insert(contributions)
    .values({
      source,
      kind: "text",
      consultationId: source === "consultation" ? consultationId : null,
      responseId,
      audience: "young_people",
      body: "words",
      moderationState: "approved",
      createdAt: T0,
    })
    .returning()
    .get().id;
}

/** A consultation answer, in a language, linked to the pass (or to no pass). */
function answer(passId: number | null, language = "en") {
  seq++;
  const responseId = db
    .insert(responses)
    .values({
      consultationId,
      receiptHash: `r${seq}`,
      audience: "young_people",
      language,
      createdAt: T0,
      updatedAt: T0,
    })
    .returning()
    .get().id;
  if (passId) db.insert(passResponses).values({ passId, responseId, linkedAt: T0 }).run();
  return contribution("consultation", responseId);
}

function threadMessage(passId: number, language = "en") {
  const threadId = db
    .insert(threads)
    .values({ passId, status: "answered", language, createdAt: T0, updatedAt: T0 })
    .returning()
    .get().id;
  const id = contribution("question");
  db.insert(threadMessages).values({ threadId, from: "asker", contributionId: id, createdAt: T0 }).run();
  return id;
}

function sessionView(passId: number) {
  const sessionId = db
    .insert(groupSessions)
    .values({ title: "Sounding Board", startsAt: T0, endsAt: T0, createdAt: T0 })
    .returning()
    .get().id;
  const agendaQuestionId = db
    .insert(agendaQuestions)
    .values({ sessionId, position: 1, text: "What would help?" })
    .returning()
    .get().id;
  const id = contribution("session");
  db.insert(sessionViews).values({ sessionId, agendaQuestionId, contributionId: id, passId, createdAt: T0 }).run();
  return id;
}

type Entry = {
  sources: number[];
  outcomeId?: number | null;
  localityIds?: number[];
  publishedAt: string;
  status?: "draft" | "published";
  translations?: ("pl" | "ar")[];
  actions?: { description: string; status: string; droppedReason?: string; pl?: string; ar?: string }[];
  checked?: boolean;
  words: string;
};

/** A summary of these contributions, its agenda item, the Board's response and (if published) its entry. */
function publish(e: Entry) {
  const summaryId = db
    .insert(summaries)
    .values({
      title: e.words,
      periodFrom: T0,
      periodTo: T0,
      outcomeIds: e.outcomeId ? [e.outcomeId] : [],
      keyMessage: "k",
      status: "sent",
    })
    .returning()
    .get().id;
  if (e.sources.length)
    db.insert(summarySources)
      .values(e.sources.map((contributionId) => ({ summaryId, contributionId })))
      .run();
  seq++;
  const itemId = db
    .insert(agendaItems)
    .values({ meetingId: county.meeting.id, summaryId, title: e.words, kind: "decision", position: seq })
    .returning()
    .get().id;
  const status = e.status ?? "published";
  const responseId = db
    .insert(boardResponses)
    .values({
      agendaItemId: itemId,
      decision: "Agreed",
      status,
      recordedAt: e.publishedAt,
      publishedAt: status === "published" ? e.publishedAt : null,
    })
    .returning()
    .get().id;
  const entryId = db
    .insert(youSaidWeDid)
    .values({
      boardResponseId: responseId,
      outcomeId: e.outcomeId === undefined ? staySafe.id : e.outcomeId,
      youSaid: `You said: ${e.words}`,
      weDid: `We did: ${e.words}`,
      youSaidParents: `Young people said: ${e.words}`,
      weDidParents: `The Board did: ${e.words}`,
      publishedAt: e.publishedAt,
      checkedByYoungPeople: e.checked ?? false,
      localityIds: e.localityIds ?? [],
    })
    .returning()
    .get().id;
  for (const lang of e.translations ?? [])
    db.insert(youSaidWeDidTranslations)
      .values({
        responseId,
        lang,
        youSaid: `${lang} powiedzieliście: ${e.words}`,
        weDid: `${lang} zrobiliśmy: ${e.words}`,
        youSaidParents: `${lang} rodzice: ${e.words}`,
        weDidParents: `${lang} rada: ${e.words}`,
        updatedAt: e.publishedAt,
      })
      .run();
  (e.actions ?? []).forEach((a, i) => {
    db.insert(responseActions)
      .values({
        responseId,
        position: i + 1,
        description: a.description,
        descriptionPl: a.pl ?? null,
        descriptionAr: a.ar ?? null,
        leadAgency: "Youth Service",
        owner: "Head of Youth Service",
        dueOn: "2027-03-31",
        status: a.status,
        droppedReason: a.droppedReason ?? null,
        createdAt: e.publishedAt,
        updatedAt: e.publishedAt,
      })
      .run();
  });
  return entryId;
}

// Three passes: one answered a consultation, one asked a question, one sent a session view; a fourth spoke in nothing.
const answerer = makePass();
const asker = makePass();
const viewer = makePass(true);
const silent = makePass();
const answered = answer(answerer, "pl");
const asked = threadMessage(asker, "ar");
const viewed = sessionView(viewer);
const stranger = answer(null);

const lights = publish({
  sources: [answered, asked, stranger],
  localityIds: [banbury.id],
  publishedAt: "2026-11-01T10:00:00.000Z",
  translations: ["pl"],
  checked: true,
  actions: [
    { description: "Fix the lights on the park path", status: "in_progress" },
    { description: "Add a crossing by the gate", status: "done", pl: "Dodamy przejście przy bramie" },
    { description: "Move the bus stop", status: "dropped", droppedReason: "The road is too narrow" },
  ],
  words: "the park is dark",
});
const clubs = publish({
  sources: [viewed, answered],
  outcomeId: healthy.id,
  localityIds: [banbury.id, kidwell.id],
  publishedAt: "2026-11-05T10:00:00.000Z",
  translations: ["pl", "ar"],
  words: "clubs close early",
});
const strangers = publish({
  sources: [stranger],
  localityIds: [kidwell.id],
  publishedAt: "2026-11-03T10:00:00.000Z",
  words: "buses are late",
});
const draft = publish({
  sources: [answered, asked, viewed],
  publishedAt: "2026-11-06T10:00:00.000Z",
  status: "draft",
  words: "not yet decided",
});

db.insert(youSaidWeDidCorrections)
  .values([
    {
      entryId: lights,
      lang: "en",
      field: "we_did",
      before: "We did: the park is lit",
      after: "We did: the park is dark",
      note: "We had the wrong month",
      at: "2026-11-02T09:00:00.000Z",
    },
    {
      entryId: lights,
      lang: "en",
      field: "we_did_parents",
      before: "old parents' words",
      after: "The Board did: the park is dark",
      at: "2026-11-02T09:30:00.000Z",
    },
  ])
  .run();

const en = { lang: "en", version: "children" } as const;

describe("the public list", () => {
  it("shows published entries newest first, never a draft", () => {
    expect(listEntries({}, en).map((e) => e.id)).toEqual([clubs, strangers, lights]);
    expect(getEntry(draft, en)).toBeNull();
  });

  it("filters by outcome, by a locality the entry heard from, and by both", () => {
    expect(listEntries({ outcomeId: staySafe.id }, en).map((e) => e.id)).toEqual([strangers, lights]);
    expect(listEntries({ outcomeId: healthy.id }, en).map((e) => e.id)).toEqual([clubs]);
    expect(listEntries({ localityId: banbury.id }, en).map((e) => e.id)).toEqual([clubs, lights]);
    expect(listEntries({ localityId: kidwell.id }, en).map((e) => e.id)).toEqual([clubs, strangers]);
    expect(listEntries({ outcomeId: staySafe.id, localityId: kidwell.id }, en).map((e) => e.id)).toEqual([strangers]);
    expect(listEntries({ outcomeId: healthy.id, localityId: 999_999 }, en)).toEqual([]);
  });

  it("offers only the outcomes and localities entries have", () => {
    const options = entryFilterOptions();
    expect(options.outcomes.map((o) => o.key)).toEqual(["be-healthy", "stay-safe"]);
    expect(options.localities.map((l) => l.name)).toEqual(["Banbury Cross", "Kidwell"]);
  });

  it("gives the children's or the parents' words", () => {
    expect(getEntry(lights, en)).toMatchObject({
      version: "children",
      youSaid: "You said: the park is dark",
      weDid: "We did: the park is dark",
    });
    expect(getEntry(lights, { lang: "en", version: "parents" })).toMatchObject({
      version: "parents",
      youSaid: "Young people said: the park is dark",
      weDid: "The Board did: the park is dark",
    });
  });

  it("uses a translation where there is one and says when it falls back to English", () => {
    expect(getEntry(lights, { lang: "pl", version: "children" })).toMatchObject({
      lang: "pl",
      fallback: false,
      youSaid: "pl powiedzieliście: the park is dark",
      langs: ["en", "pl"],
    });
    expect(getEntry(lights, { lang: "pl", version: "parents" })).toMatchObject({
      weDid: "pl rada: the park is dark",
    });
    expect(getEntry(lights, { lang: "ar", version: "children" })).toMatchObject({
      lang: "en",
      fallback: true,
      youSaid: "You said: the park is dark",
    });
    expect(getEntry(clubs, { lang: "ar", version: "children" })).toMatchObject({
      lang: "ar",
      fallback: false,
      langs: ["en", "pl", "ar"],
    });
    expect(getEntry(clubs, en)?.fallback).toBe(false);
  });

  it("lists actions in order with their lead agency and status, and no owner", () => {
    const actions = getEntry(lights, en)?.actions ?? [];
    expect(actions.map((a) => [a.description, a.leadAgency, a.status, a.droppedReason])).toEqual([
      ["Fix the lights on the park path", "Youth Service", "in_progress", null],
      ["Add a crossing by the gate", "Youth Service", "done", null],
      ["Move the bus stop", "Youth Service", "dropped", "The road is too narrow"],
    ]);
    expect(Object.keys(actions[0])).not.toContain("owner");
    expect(getEntry(clubs, en)?.actions).toEqual([]);
  });

  it("words an action in the reader's language where the officer translated it, else in English saying so", () => {
    const words = (lang: "en" | "pl" | "ar", version: "children" | "parents") =>
      getEntry(lights, { lang, version })?.actions.map((a) => [a.description, a.lang]);
    for (const version of ["children", "parents"] as const) {
      expect(words("pl", version)).toEqual([
        ["Fix the lights on the park path", "en"],
        ["Dodamy przejście przy bramie", "pl"],
        ["Move the bus stop", "en"],
      ]);
      expect(words("ar", version)).toEqual([
        ["Fix the lights on the park path", "en"],
        ["Add a crossing by the gate", "en"],
        ["Move the bus stop", "en"],
      ]);
      expect(words("en", version)?.map(([, lang]) => lang)).toEqual(["en", "en", "en"]);
    }
  });

  it("shows the corrections to the words shown, and says who checked it", () => {
    expect(getEntry(lights, en)?.corrections).toEqual([
      {
        field: "we_did",
        before: "We did: the park is lit",
        after: "We did: the park is dark",
        note: "We had the wrong month",
        at: "2026-11-02T09:00:00.000Z",
      },
    ]);
    expect(getEntry(lights, { lang: "en", version: "parents" })?.corrections.map((c) => c.before)).toEqual([
      "old parents' words",
    ]);
    expect(getEntry(lights, { lang: "pl", version: "children" })?.corrections).toEqual([]);
    expect(getEntry(lights, en)?.checkedByYoungPeople).toBe(true);
    expect(getEntry(clubs, en)?.checkedByYoungPeople).toBe(false);
  });
});

describe("on the pass of everyone who spoke", () => {
  it("reaches a pass through answers, questions and session views, never a draft or someone else's entry", () => {
    expect(listEntriesForPass(answerer, en).map((e) => e.id)).toEqual([clubs, lights]);
    expect(listEntriesForPass(asker, en).map((e) => e.id)).toEqual([lights]);
    expect(listEntriesForPass(viewer, en).map((e) => e.id)).toEqual([clubs]);
    expect(listEntriesForPass(silent, en)).toEqual([]);
    expect(entryReachesPass(answerer, strangers)).toBe(false);
    expect(entryReachesPass(answerer, draft)).toBe(false);
  });

  it("comes in the holder's language and version", () => {
    const [entry] = listEntriesForPass(viewer, { lang: "ar", version: "parents" });
    expect(entry).toMatchObject({ id: clubs, lang: "ar", youSaid: "ar rodzice: clubs close early" });
    const polish = listEntriesForPass(asker, { lang: "ar", version: "children" });
    expect(polish[0]).toMatchObject({ id: lights, fallback: true, youSaid: "You said: the park is dark" });
  });

  it("is new until read, and reading is kept per pass", () => {
    expect(listEntriesForPass(answerer, en).map((e) => e.isNew)).toEqual([true, true]);
    expect(markEntryRead(answerer, lights, new Date("2026-11-07T08:00:00Z"))).toBe(true);
    expect(markEntryRead(answerer, lights)).toBe(true);
    expect(listEntriesForPass(answerer, en).map((e) => [e.id, e.isNew])).toEqual([
      [clubs, true],
      [lights, false],
    ]);
    expect(listEntriesForPass(asker, en).map((e) => e.isNew)).toEqual([true]);
  });

  it("cannot mark an entry that did not reach the pass", () => {
    expect(markEntryRead(silent, lights)).toBe(false);
    expect(markEntryRead(answerer, strangers)).toBe(false);
    expect(markEntryRead(answerer, draft)).toBe(false);
  });
});

describe("cards", () => {
  it("are offered in the languages the contributors used, where a translation exists", () => {
    // Contributors answered in Polish and asked in Arabic; only Polish has a translation.
    expect(entryContributorLangs(lights)).toEqual(["en", "pl"]);
    // A session view (no language kept) and an answer in Polish: Arabic is translated but nobody spoke it.
    expect(entryContributorLangs(clubs)).toEqual(["en", "pl"]);
    expect(entryContributorLangs(strangers)).toEqual(["en"]);
    expect(entryContributorLangs(draft)).toEqual([]);
  });
});

describe("open data", () => {
  it("carries every published entry with its actions and statuses, and no owner", () => {
    const entries = openYouSaidWeDid();
    expect(entries.map((e) => e.id)).toEqual([clubs, strangers, lights]);
    const l = entries[2];
    expect(l).toMatchObject({
      outcome: "Feeling safe",
      outcomeKey: "stay-safe",
      checkedByYoungPeople: true,
      localities: ["Banbury Cross"],
      youSaid: "You said: the park is dark",
      translations: [{ lang: "pl", youSaid: "pl powiedzieliście: the park is dark" }],
    });
    expect(l.actions.map((a) => [a.description, a.leadAgency, a.dueOn, a.status, a.droppedReason])).toEqual([
      ["Fix the lights on the park path", "Youth Service", "2027-03-31", "in_progress", null],
      ["Add a crossing by the gate", "Youth Service", "2027-03-31", "done", null],
      ["Move the bus stop", "Youth Service", "2027-03-31", "dropped", "The road is too narrow"],
    ]);
    expect(JSON.stringify(entries)).not.toContain("Head of Youth Service");
  });

  it("has one CSV row per action, and one for an entry without actions", () => {
    const rows = parse(youSaidWeDidCsv(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.action, r.status])).toEqual([
      [String(clubs), "", ""],
      [String(strangers), "", ""],
      [String(lights), "Fix the lights on the park path", "in_progress"],
      [String(lights), "Add a crossing by the gate", "done"],
      [String(lights), "Move the bus stop", "dropped"],
    ]);
    expect(rows[4].dropped_reason).toBe("The road is too narrow");
    expect(rows[0].localities).toBe("Banbury Cross | Kidwell");
  });
});
