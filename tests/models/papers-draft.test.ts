import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { draftBlocks, draftContent, draftDownloadName, draftPaper, renderDraft } from "~/models/papers/draft.server";
import { getDb } from "~db/client";
import { agendaItems, exportJobs, summaries, summaryVersions } from "~db/schema";
import { staySafeContent } from "../fixtures/papers/content";
import { makeCounty } from "../support/factories";
import { readDocx, readPdf } from "../support/papers";

// Issue 11: a summary's paper can be seen and downloaded before it is sent, headed "DRAFT – not sent" in the document
// and its file name, and doing so freezes nothing.

let county: ReturnType<typeof makeCounty>;
beforeAll(() => {
  county = makeCounty();
});

function draftSummary(meetingId: number | null) {
  return getDb()
    .insert(summaries)
    .values({
      title: "Feeling safe on the bus",
      periodFrom: "2026-01-01T00:00:00.000Z",
      periodTo: "2026-04-01T00:00:00.000Z",
      outcomeIds: [county.outcomes.staySafe.id],
      scope: {
        from: "2026-01-01T00:00:00.000Z",
        to: "2026-04-01T00:00:00.000Z",
        outcomeIds: [county.outcomes.staySafe.id],
        priorityIds: [],
        sources: [],
        audiences: [],
        ageBands: [],
        localityIds: [],
        groupIds: [],
      },
      purpose: "To tell the Board how safe young people feel on buses.",
      keyMessage: "",
      meetingId,
      itemKind: meetingId ? "decision" : null,
      status: "draft",
      createdBy: county.officer.id,
    })
    .returning({ id: summaries.id })
    .get().id;
}

const counts = () => {
  const db = getDb();
  const n = (table: typeof summaryVersions | typeof agendaItems | typeof exportJobs) =>
    db.select({ n: count() }).from(table).get()?.n;
  return { versions: n(summaryVersions), items: n(agendaItems), jobs: n(exportJobs) };
};

describe("a draft paper", () => {
  it("is headed DRAFT – not sent, in the heading block, the title, every page's header and the file name", async () => {
    const content = staySafeContent();
    const doc = readDocx(await renderDraft("docx", content));
    expect(doc.tables[0][0]).toEqual(["Status", "DRAFT – not sent"]);
    expect(doc.xml).toContain(`DRAFT – not sent: ${content.title}`);
    expect(doc.files).toContain("word/header1.xml");
    expect(doc.paragraphs).toContain(
      "This is a draft. It has not been sent to the meeting, and its figures are worked out from the contributions as they are now, so they may change before it is sent.",
    );
    const pdf = await readPdf(await renderDraft("pdf", content));
    expect(pdf.flat).toContain(`DRAFT – not sent: ${content.title}`);
    // the footer of every page names it a draft
    for (const page of pdf.text) expect(page.replace(/\s+/g, " ")).toContain("DRAFT – not sent");
    expect(draftDownloadName("docx", content)).toBe(
      "feeling-safe-on-the-way-to-school-what-young-people-said-v2-DRAFT-not-sent.docx",
    );
    expect(draftDownloadName("pdf", content)).toMatch(/-v2-DRAFT-not-sent\.pdf$/);
  });

  it("uses the outline of the sent paper, charts drawn as the files draw them", () => {
    const blocks = draftBlocks(draftPaper(staySafeContent()));
    const headings = blocks
      .filter((b) => b.kind === "heading" && b.level === 2)
      .map((b) => ("text" in b ? b.text : ""));
    expect(headings).toEqual([
      "1. Purpose of the report",
      "2. Recommendations",
      "3. Summary",
      "4. Who we heard from",
      "5. What they said",
      "6. Exception report",
      "7. Young people and parents side by side",
      "8. Figures",
      "9. In their own words",
      "10. Contact officer",
    ]);
    const charts = blocks.filter((b) => b.kind === "chart");
    expect(charts.length).toBe(staySafeContent().charts.length);
    for (const c of charts) expect(c.src).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("is drawn from the saved summary with the meeting it would go to, and freezes nothing", async () => {
    const before = counts();
    expect(before.versions).toEqual(expect.any(Number));
    const id = draftSummary(county.meeting.id);
    const content = draftContent(id);
    expect(content?.version).toBe(1);
    expect(content?.sent).toMatchObject({
      meeting: "Board – December",
      body: "Children and Young People's Board",
      itemKind: "decision",
      itemNumber: 1,
    });
    if (!content) throw new Error("no draft");
    const doc = readDocx(await renderDraft("docx", content));
    expect(doc.tables[0].slice(0, 4)).toEqual([
      ["Status", "DRAFT – not sent"],
      ["Body", "Children and Young People's Board"],
      ["Meeting", "Board – December, 1 December 2099"],
      ["Agenda item", "1"],
    ]);
    expect(counts()).toEqual(before);
    const status = getDb().select({ s: summaries.status }).from(summaries).all();
    expect(status.every((r) => r.s === "draft")).toBe(true);
  });

  it("of a summary with no meeting yet says it was never sent", () => {
    const content = draftContent(draftSummary(null));
    expect(content?.sent).toBeNull();
    expect(draftContent(999_999)).toBeNull();
  });
});
