import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import {
  consultationsCsv,
  csvField,
  openConsultations,
  openResults,
  resultsCsv,
  toCsv,
} from "~/models/open-data.server";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const day = 86400_000;

function make(title: string, publish: boolean) {
  const c = createConsultation({
    staffId: county.officer.id,
    title,
    summary: "A test consultation",
    easySummary: null,
    audience: "young_people",
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  addQuestion({
    consultationId: c.id,
    kind: "single",
    prompt: 'How do you travel, "mostly"?',
    easyPrompt: null,
    why: null,
    required: true,
    maxLength: 1000,
    options: [{ label: "Walk" }, { label: "Bus" }, { label: "Car, or taxi" }],
    outcomeIds: [],
  });
  if (publish) publishConsultation(c.id);
  return c;
}

let receipts = 0;
function answerWith(slug: string, optionLabel: string, times: number) {
  const consultation = getConsultationBySlug(slug);
  if (!consultation) throw new Error("not found");
  const q = consultation.questions[0];
  const option = q.options.find((o) => o.label === optionLabel);
  if (!option) throw new Error("no option");
  for (let i = 0; i < times; i++) {
    receipts++;
    submitResponse({
      consultation,
      receiptHash: hashReceipt(`open-data-receipt-${receipts}-aaaaaaaaaaaa`),
      answers: { [q.id]: { optionIds: [option.id] } },
      about: null,
      language: "en",
      readingLevel: "standard",
      channel: "import",
      now: new Date(),
    });
  }
}

describe("open data", () => {
  const published = make("Getting about", true);
  const draft = make("Secret draft", false);
  answerWith(published.slug, "Walk", 3);
  answerWith(published.slug, "Bus", 7);

  it("hides the 3, and holds back the 7 so the 3 cannot be worked out from the 10 who answered", () => {
    const r = openResults(published.slug);
    expect(r?.responses).toEqual({ count: 10, suppressed: false });
    const q = r?.questions[0];
    expect(q?.answered).toEqual({ count: 10, suppressed: false });
    expect(q?.rows).toEqual([
      { label: "Walk", count: null, suppressed: true },
      { label: "Bus", count: null, suppressed: true },
      { label: "Car, or taxi", count: 0, suppressed: false },
    ]);
    const csv = parse(resultsCsv(r as NonNullable<typeof r>), { columns: true }) as Record<string, string>[];
    expect(csv.map((row) => [row.option, row.count, row.suppressed, row.answered])).toEqual([
      ["Walk", "", "true", "10"],
      ["Bus", "", "true", "10"],
      ["Car, or taxi", "0", "false", "10"],
    ]);
  });

  it("hides how many answered a question when 1 to 4 skipped it, so the skipped count cannot be worked out", () => {
    const c = make("Skipping allowed", false);
    addQuestion({
      consultationId: c.id,
      kind: "single",
      prompt: "Do you like the park?",
      easyPrompt: null,
      why: null,
      required: false,
      maxLength: 1000,
      options: [{ label: "Yes" }, { label: "No" }],
      outcomeIds: [],
    });
    publishConsultation(c.id);
    const consultation = getConsultationBySlug(c.slug);
    if (!consultation) throw new Error("not found");
    const [q1, q2] = consultation.questions;
    const walk = q1.options[0].id;
    const yes = q2.options[0].id;
    for (let i = 0; i < 10; i++) {
      receipts++;
      submitResponse({
        consultation,
        receiptHash: hashReceipt(`open-data-skip-${receipts}-aaaaaaaaaaaa`),
        // Two of the ten skip the second question.
        answers:
          i < 8
            ? { [q1.id]: { optionIds: [walk] }, [q2.id]: { optionIds: [yes] } }
            : { [q1.id]: { optionIds: [walk] } },
        about: null,
        language: "en",
        readingLevel: "standard",
        channel: "import",
        now: new Date(),
      });
    }
    const r = openResults(c.slug);
    expect(r?.responses).toEqual({ count: 10, suppressed: false });
    expect(r?.questions.map((q) => q.answered)).toEqual([
      { count: 10, suppressed: false },
      { count: null, suppressed: true },
    ]);
  });

  it("leaves drafts out of every file", () => {
    expect(openResults(draft.slug)).toBeNull();
    expect(openResults("no-such-consultation")).toBeNull();
    const slugs = openConsultations().map((c) => c.slug);
    expect(slugs).toContain(published.slug);
    expect(slugs).not.toContain(draft.slug);
    expect(consultationsCsv()).not.toContain("Secret draft");
  });

  it("quotes CSV fields per RFC 4180, with CRLF line ends", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(null)).toBe("");
    // A text a spreadsheet would run as a formula is written as text; a negative number stays a number.
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-1 for the bus")).toBe("'-1 for the bus");
    expect(csvField(-3)).toBe("-3");
    expect(
      toCsv([
        ["a", 1],
        ['x"y', "p,q"],
      ]),
    ).toBe('a,1\r\n"x""y","p,q"\r\n');
    const rows = parse(consultationsCsv(), { columns: true }) as Record<string, string>[];
    const mine = rows.find((r) => r.slug === published.slug);
    expect(mine?.question).toBe('How do you travel, "mostly"?');
    expect(mine?.options).toBe("Walk | Bus | Car, or taxi");
  });
});
