import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { bidiLayout } from "~/models/papers/bidi.server";
import { chartSvg } from "~/models/papers/chart.server";
import { renderDocx } from "~/models/papers/docx.server";
import { chartValueText } from "~/models/papers/outline.server";
import { renderPdf } from "~/models/papers/pdf.server";
import { staySafeContent } from "../fixtures/papers/content";
import { readDocx, readPdf } from "../support/papers";

// Issue 11: a sent summary as a committee paper, in Word and in PDF, with the fixture's figures exactly and no count
// of 1–4 people anywhere.

const content = staySafeContent();

/** Every table cell of the figures (the heading block's item and version numbers are not counts). */
const figureCells = (tables: string[][][]) => tables.slice(1).flat(2);

describe("the DOCX paper", () => {
  it("has the heading block of a committee paper, then its sections as real headings in order", async () => {
    const doc = readDocx(await renderDocx(content));
    expect(doc.tables[0]).toEqual([
      ["Body", "Children and Young People's Board"],
      ["Meeting", "Board – December 2026, 3 December 2026"],
      ["Agenda item", "4"],
      ["Type of item", "For decision"],
      ["Report of", "Director of Children's Services"],
      ["Version", "2"],
    ]);
    const headings = [...doc.xml.matchAll(/<w:pStyle w:val="(Title|Heading1)"\/>[\s\S]*?<w:t[^>]*>([^<]*)</g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    expect(headings).toEqual([
      "Title: Feeling safe on the way to school: what young people said this autumn",
      "Heading1: 1. Purpose of the report",
      "Heading1: 2. Recommendations",
      "Heading1: 3. Summary",
      "Heading1: 4. Who we heard from",
      "Heading1: 5. What they said",
      "Heading1: 6. Exception report",
      "Heading1: 7. Young people and parents side by side",
      "Heading1: 8. Figures",
      "Heading1: 9. In their own words",
      "Heading1: 10. Contact officer",
    ]);
    expect(doc.paragraphs).toContain("The Board is asked to agree:");
    expect(doc.paragraphs).toContain(
      "That the Board asks Passenger Transport to review the 42's evening timetable with the bus company.",
    );
    expect(doc.paragraphs).toContain(
      "Priya Shah, Participation Officer, participation@wealdshire.example, 01632 960 481",
    );
  });

  it("carries the exact figures, with 1–4 people as words", async () => {
    const doc = readDocx(await renderDocx(content));
    expect(doc.paragraphs).toContain("We heard from 1,284 people, who made 2,317 contributions.");
    expect(doc.tables).toContainEqual([
      ["Age group", "People", "Contributions", "Population", "Reached per 1,000"],
      ["Under 8", "fewer than 5", "fewer than 5", "14,200", "not worked out"],
      ["8 to 11", "38", "52", "12,900", "2.9"],
      ["12 to 15", "117", "203", "13,100", "8.9"],
    ]);
    expect(doc.paragraphs).toContain("No one aged 8 to 11 in Kingsbury Marsh took part.");
    expect(doc.paragraphs).toContain("Fewer than 5 young people aged under 8 took part.");
    expect(doc.paragraphs).toContain("906 people made 1,533 contributions (1,187 in the period before).");
    expect(doc.tables).toContainEqual([
      ["Face", "Answers"],
      ["Really bad", "96"],
      ["Bad", "74"],
      ["OK", "113"],
      ["Good", "118"],
      ["Really good", "53"],
    ]);
    expect(doc.tables).toContainEqual([
      ["Priority", "Contributions"],
      ["Safer journeys to school and back", "871"],
      ["Feeling safe online", "fewer than 5"],
    ]);
    expect(doc.paragraphs).toContain(
      "Poorer than expected: Stay safe. 41% good or really good, down from 63% (22 points; 454 answers, 391 before).",
    );
    expect(doc.paragraphs.some((p) => p.startsWith("Rule: an outcome is reported by exception"))).toBe(true);
    expect(doc.tables).toContainEqual([
      ["Answer", "Young people", "Parents and carers"],
      ["Bus", "24%", "46%"],
      ["Walk", "51%", "19%"],
      ["Lift in a car", "25%", "35%"],
    ]);
    expect(doc.paragraphs).toContain("Parents and carers chose “Bus” 22 points more often than young people.");
    expect(figureCells(doc.tables).filter((c) => /^[1-4]$/.test(c))).toEqual([]);
  });

  it("draws each chart as an image with alternative text, its sentence and its data table", async () => {
    const doc = readDocx(await renderDocx(content));
    expect(doc.files.filter((f) => f.startsWith("word/media/") && f.endsWith(".png"))).toHaveLength(2);
    const alts = [...doc.xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(alts).toEqual([content.charts[0].description, content.charts[1].description]);
    expect(doc.tables).toContainEqual([
      ["People", "This term", "Term before"],
      ["Under 8", "fewer than 5", "7"],
      ["8 to 11", "38", "29"],
      ["12 to 15", "117", "96"],
      ["16 to 19", "61", "58"],
    ]);
    expect(doc.tables).toContainEqual([
      ["Share", "This term", "Term before"],
      ["Good or really good", "41%", "63%"],
      ["OK", "27%", "21%"],
      ["Bad or really bad", "32%", "16%"],
    ]);
    // a table's first row repeats on each page and is read as its header
    expect(doc.xml.match(/<w:tblHeader\/>/g)?.length).toBe(doc.tables.length - 1);
  });

  it("quotes in general terms only, and keeps the masking", async () => {
    const doc = readDocx(await renderDocx(content));
    expect(doc.paragraphs).toContain(
      "“My daughter waits outside [removed] for forty minutes for me to finish work and pick her up.”",
    );
    expect(doc.paragraphs).toContain("— Young people, 12 to 15");
    expect(doc.paragraphs).toContain("— Parents and carers");
  });

  it("never prints a count of 1–4, even one that reached it by mistake", async () => {
    const leaked = staySafeContent({
      reach: { ...content.reach, people: 3, contributions: 4 },
    });
    leaked.outcomes[0].faces[0].count = 2;
    const doc = readDocx(await renderDocx(leaked));
    expect(doc.paragraphs).toContain("We heard from fewer than 5 people, who made fewer than 5 contributions.");
    expect(doc.tables).toContainEqual(expect.arrayContaining([["Really bad", "fewer than 5"]]));
  });

  it("is titled and in British English for whoever opens it", async () => {
    const buffer = await renderDocx(content);
    const core = strFromU8(unzipSync(new Uint8Array(buffer))["docProps/core.xml"]);
    expect(core).toContain(`<dc:title>${content.title}</dc:title>`);
    expect(readDocx(buffer).files).toContain("word/styles.xml");
    const styles = strFromU8(unzipSync(new Uint8Array(buffer))["word/styles.xml"]);
    expect(styles).toContain('<w:lang w:val="en-GB"/>');
  });

  it("says a draft was never sent", async () => {
    const doc = readDocx(await renderDocx(staySafeContent({ sent: null })));
    expect(doc.tables[0][0]).toEqual(["Status", "Draft: not yet sent to a meeting"]);
  });
});

describe("a chart", () => {
  it("is drawn with a bar for every shown value, words at each bar, and none for 1–4 people", async () => {
    const { getT } = await import("~/i18n/i18n.server");
    const chart = content.charts[0];
    const svg = chartSvg(chart, chartValueText(chart, getT("en"), "en"));
    expect(svg).toContain(`<title id="t">${chart.title}</title>`);
    expect(svg).toContain(`<desc id="d">${chart.description}</desc>`);
    // four age groups, two series: the one hidden count has no bar
    expect(svg.match(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="14"/g)).toHaveLength(7);
    const labels = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      "This term",
      "Term before",
      "Under 8",
      "8 to 11",
      "12 to 15",
      "16 to 19",
      "fewer than 5",
      "7",
      "38",
      "29",
      "117",
      "96",
      "61",
      "58",
    ]);
  });
});

describe("the PDF paper", () => {
  it("is tagged, in English, titled, with headings, figures with alternative text and page numbers", async () => {
    const buffer = await renderPdf(content);
    const raw = buffer.toString("latin1");
    expect(raw).toContain("/Marked true");
    expect(raw).toContain("/Lang (en-GB)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw.match(/\/S \/H1\b/g)).toHaveLength(1);
    expect(raw.match(/\/S \/H2\b/g)).toHaveLength(10);
    expect(raw.match(/\/S \/Figure\b/g)).toHaveLength(2);
    expect(raw.match(/\/S \/Table\b/g)?.length).toBeGreaterThanOrEqual(9);
    expect(raw).toContain(`/Alt (${content.charts[0].description})`);
    const pdf = await readPdf(buffer);
    expect(pdf.text[0]).toContain(`Page 1 of ${pdf.pages}`);
  });

  it("carries the exact figures, with 1–4 people as words", async () => {
    const { flat } = await readPdf(await renderPdf(content));
    for (const line of [
      "Body Children and Young People's Board",
      "Meeting Board – December 2026, 3 December 2026",
      "Agenda item 4",
      "Type of item For decision",
      "Report of Director of Children's Services",
      "1. Purpose of the report",
      "The Board is asked to agree:",
      "We heard from 1,284 people, who made 2,317 contributions.",
      "Young people 1,047 1,898 61,250 17.1",
      "Under 8 fewer than 5 fewer than 5 14,200 not worked out",
      "Kingsbury Marsh 0 0 4,410 0.0",
      "No one aged 8 to 11 in Kingsbury Marsh took part.",
      "Fewer than 5 young people aged under 8 took part.",
      "906 people made 1,533 contributions (1,187 in the period before).",
      "Really bad 96 Bad 74 OK 113 Good 118 Really good 53",
      "Feeling safe online fewer than 5",
      "Poorer than expected: Stay safe. 41% good or really good, down from 63% (22 points; 454 answers, 391 before).",
      "Bus 24% 46% Walk 51% 19% Lift in a car 25% 35%",
      "Under 8 fewer than 5 7 8 to 11 38 29 12 to 15 117 96 16 to 19 61 58",
      "Good or really good 41% 63% OK 27% 21% Bad or really bad 32% 16%",
      "— Young people, 12 to 15",
      "10. Contact officer Priya Shah, Participation Officer",
    ])
      expect(flat).toContain(line);
  });

  it("never prints a count of 1–4, even one that reached it by mistake", async () => {
    const leaked = staySafeContent({ reach: { ...content.reach, people: 1, contributions: 2 } });
    const { flat } = await readPdf(await renderPdf(leaked));
    expect(flat).toContain("We heard from fewer than 5 people, who made fewer than 5 contributions.");
  });

  it("sets a quote in Arabic right to left, its words in the order they were written", async () => {
    const arabic = staySafeContent({
      quotes: [
        {
          contributionId: 1,
          text: "أنا خايف أمشي لحالي بالليل والشارع مظلم وما في أضواء قريبة من البيت، وأحيانا بكون في ناس غرباء واقفين عند المحطة",
          audience: "young_people",
          ageBand: "12_15",
        },
        {
          contributionId: 2,
          text: "الباص رقم 42 بيتأخر كل يوم (أحيانا 20 دقيقة) وما حدا بيرد علينا",
          audience: "parents_carers",
          ageBand: null,
        },
      ],
    });
    // pdf.js reads drawn text back in the order it would be read: a line drawn with its words left to right (as
    // pdfkit draws them on its own) reads backwards.
    const { flat } = await readPdf(await renderPdf(arabic));
    expect(flat).toContain("“أنا خايف أمشي لحالي بالليل والشارع مظلم");
    expect(flat).toContain("الباص رقم 42 بيتأخر كل يوم");
    expect(flat).toContain("— Parents and carers");
  });

  it("marks a quote in Arabic as a right-to-left paragraph in the DOCX, and an English one not", async () => {
    const doc = readDocx(
      await renderDocx(
        staySafeContent({
          quotes: [
            { contributionId: 1, text: "أنا خايف أمشي لحالي بالليل", audience: "young_people", ageBand: "12_15" },
            { contributionId: 2, text: "The bus is late.", audience: "young_people", ageBand: "12_15" },
          ],
        }),
      ),
    );
    const paragraphOf = (words: string) => {
      const at = doc.xml.indexOf(words);
      return doc.xml.slice(doc.xml.lastIndexOf("<w:p>", at), at);
    };
    expect(paragraphOf("أنا خايف")).toContain("<w:bidi/>");
    expect(paragraphOf("أنا خايف")).toContain("<w:rtl/>");
    expect(paragraphOf("The bus is late.")).not.toContain("<w:bidi/>");
  });

  it("sets out right-to-left lines by the bidirectional algorithm: runs in the order seen, brackets mirrored", () => {
    const byLetters = (s: string) => s.length;
    const bus = bidiLayout("“الباص رقم 42 بيتأخر كل يوم (أحيانا 20 دقيقة) وما حدا بيرد علينا”", 1000, byLetters);
    expect(bus.rtl).toBe(true);
    // left to right as seen: the end of the sentence first; numbers left to right inside it
    expect(bus.lines).toEqual([
      {
        runs: [
          { text: " دقيقة( وما حدا بيرد علينا”", rtl: true },
          { text: "20", rtl: false },
          { text: " بيتأخر كل يوم )أحيانا ", rtl: true },
          { text: "42", rtl: false },
          { text: "“الباص رقم ", rtl: true },
        ],
      },
    ]);
    // wrapped between words, in the order written: the first words on the first line
    const wrapped = bidiLayout("أنا خايف أمشي لحالي بالليل", 14, byLetters);
    expect(wrapped.lines.map((l) => l.runs)).toEqual([
      [{ text: "أنا خايف أمشي", rtl: true }],
      [{ text: "لحالي بالليل", rtl: true }],
    ]);
    // English in an Arabic sentence stays left to right
    const mixed = bidiLayout("بحب Youth Club كتير", 1000, byLetters);
    expect(mixed.lines[0].runs).toEqual([
      { text: " كتير", rtl: true },
      { text: "Youth Club", rtl: false },
      { text: "بحب ", rtl: true },
    ]);
    // a sentence that starts in English is a left-to-right paragraph
    expect(bidiLayout("We said: شكرا", 1000, byLetters).rtl).toBe(false);
  });

  it("draws Polish words with their own letters", async () => {
    const polish = staySafeContent({ keyMessages: ["Młodzież z Łącka mówi, że autobus jeździ zbyt rzadko."] });
    const { flat } = await readPdf(await renderPdf(polish));
    expect(flat).toContain("Młodzież z Łącka mówi, że autobus jeździ zbyt rzadko.");
  });
});
