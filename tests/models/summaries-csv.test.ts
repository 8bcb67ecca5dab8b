import { sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation } from "~/models/consultations/builder.server";
import type { SummaryScopeStored } from "~/models/summaries/types";
import { contributionsCsvStream } from "~/models/summaries.server";
import { csvCell, csvTextSql } from "~/utils/csv";
import { getDb } from "~db/client";
import { contributions, contributionTags, safeguardingCases } from "~db/schema";
import { makeCounty } from "../support/factories";

// The export at scale is written in 64 KB chunks with place and question names from maps, not joins: these rows make
// several chunks and check every column of the rows that could go wrong (names, formula cells, quotes, no question).
const county = makeCounty();
const [place1] = county.localities;
const day = 86400_000;
const now = Date.now();

const scope = (over: Partial<SummaryScopeStored> = {}): SummaryScopeStored => ({
  from: new Date(now - 10 * day).toISOString(),
  to: new Date(now + day).toISOString(),
  outcomeIds: [county.outcomes.healthy.id],
  priorityIds: [],
  sources: [],
  audiences: [],
  ageBands: [],
  localityIds: [],
  groupIds: [],
  ...over,
});

function setUp() {
  const db = getDb();
  const c = createConsultation({
    staffId: county.officer.id,
    title: "Export check",
    summary: "A test consultation",
    easySummary: null,
    audience: "both",
    opensAt: new Date(now - 40 * day).toISOString(),
    closesAt: new Date(now + 10 * day).toISOString(),
    minutes: 3,
  });
  const question = addQuestion({
    consultationId: c.id,
    easyPrompt: null,
    why: null,
    required: false,
    maxLength: 1000,
    kind: "long_text",
    prompt: "=What, would you change?",
    options: [],
    outcomeIds: [county.outcomes.healthy.id],
  });
  const at = new Date(now - day).toISOString();
  const add = (over: Partial<typeof contributions.$inferInsert>, tagged = true) => {
    const id = db
      .insert(contributions)
      .values({
        source: "consultation",
        kind: "text",
        consultationId: c.id,
        questionId: question,
        audience: "young_people",
        ageBand: "12_15",
        localityId: place1.id,
        body: "typed",
        maskedBody: "masked",
        moderationState: "approved",
        createdAt: at,
        ...over,
      })
      .returning({ id: contributions.id })
      .get().id;
    if (tagged)
      db.insert(contributionTags)
        .values({ contributionId: id, outcomeId: county.outcomes.healthy.id, source: "officer", createdAt: at })
        .run();
    return id;
  };
  const first = add({ maskedBody: '-1 "quoted", here' });
  const noQuestion = add({
    source: "question",
    consultationId: null,
    questionId: null,
    localityId: null,
    ageBand: null,
    audience: "parents_carers",
    maskedBody: "plain words",
  });
  db.$client.transaction(() => {
    for (let i = 0; i < 1500; i++)
      add({ maskedBody: `Row ${i} of many words, long enough to fill chunk after chunk.` });
  })();
  // Out of scope: waiting, untagged, escalated to safeguarding.
  add({ moderationState: "pending", maskedBody: "pending words" });
  add({ maskedBody: "untagged words" }, false);
  const escalated = add({ maskedBody: "escalated words" });
  db.insert(safeguardingCases).values({ contributionId: escalated, escalatedAt: at }).run();
  return { first, noQuestion, at, add };
}

describe("the contributions CSV of a summary", () => {
  it("streams every contribution in scope in the order they came (time, then id), in chunks, with names and escaping as one CSV writer gives them", async () => {
    const { first, noQuestion, at } = setUp();
    const text = await new Response(contributionsCsvStream(scope())).text();
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines[0]).toBe("id,created_at,source,kind,audience,age_band,locality,question,value,text");
    expect(lines).toHaveLength(1 + 2 + 1500);
    expect(lines[1]).toBe(
      `${first},${at},consultation,text,young_people,12_15,Banbury Cross,"'=What, would you change?",,"'-1 ""quoted"", here"`,
    );
    expect(lines[2]).toBe(`${noQuestion},${at},question,text,parents_carers,,,,,plain words`);
    const ids = lines.slice(1).map((l) => Number(l.split(",")[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(lines[1502]).toBe(
      `${noQuestion + 1500},${at},consultation,text,young_people,12_15,Banbury Cross,"'=What, would you change?",,"Row 1499 of many words, long enough to fill chunk after chunk."`,
    );
    expect(text).not.toContain("pending words");
    expect(text).not.toContain("untagged words");
    expect(text).not.toContain("escalated words");
  });

  it("reads on its own connection: answers are still written while it streams, and it shows the rows as they were", async () => {
    const { add } = setUp();
    const reader = contributionsCsvStream(scope()).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    // A write on the app's connection while the export is half read: refused with "connection is busy" if the export
    // stepped its statement there.
    const later = add({
      maskedBody: "written while the export streamed",
      createdAt: new Date(now - 2 * day).toISOString(),
    });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(later).toBeGreaterThan(0);
    expect(text).not.toContain("written while the export streamed");
    // the next export has it, first: it came earliest (its time is the oldest), though its id is the newest
    const again = await new Response(contributionsCsvStream(scope())).text();
    const rows = again.split("\r\n");
    expect(rows[1].startsWith(`${later},`)).toBe(true);
    expect(rows[1]).toContain("written while the export streamed");
  });
});

describe("csvTextSql, the CSV writer in SQL the export uses", () => {
  it("writes every cell exactly as csvCell does: formulas, quotes, commas, line ends, tabs, empty and missing", () => {
    const cells = [
      "=cmd()",
      "+1",
      "-2",
      "@SUM(A1)",
      "\tx",
      "\rx",
      "\nx",
      "plain",
      "a,b",
      'say "hi"',
      '-1 "quoted", here',
      "line\r\nbreak",
      "",
      " =leading space",
      "zażółć gęślą jaźń",
      "مرحبا، كيف حالك",
      '😀, "emoji"',
      null,
    ];
    const db = getDb();
    for (const cell of cells) {
      const query = new SQLiteSyncDialect().sqlToQuery(sql`select ${csvTextSql(sql`v`)} from (select ${cell} as v)`);
      const written = db.$client
        .prepare(query.sql)
        .pluck()
        .get(...(query.params as unknown[]));
      expect(written, JSON.stringify(cell)).toBe(csvCell(cell));
    }
  });
});
