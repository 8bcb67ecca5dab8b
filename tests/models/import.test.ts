import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { submitResponse } from "~/models/consultations/submission.server";
import type { Audience } from "~/models/consultations/types";
import {
  countResponsesByChannel,
  createImportJob,
  getConsultationForEntry,
  getImportJob,
  importContext,
  importTemplate,
  startImport,
} from "~/models/imports.server";
import { type ImportContext, parseImportFile } from "~/schemas/import";
import { getDb } from "~db/client";
import { contributionChoices, contributions, contributionTags, importJobs, responses } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const day = 86400_000;

function makeConsultation(audience: Audience) {
  const c = createConsultation({
    staffId: county.officer.id,
    title: `Getting to school (${audience})`,
    summary: "How do you get to school?",
    easySummary: null,
    audience,
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  const base = { consultationId: c.id, easyPrompt: null, why: null, maxLength: 1000, outcomeIds: [] };
  addQuestion({ ...base, kind: "scale", prompt: "How safe?", required: true, options: [] });
  addQuestion({
    ...base,
    kind: "single",
    prompt: "How do you travel?",
    required: true,
    options: [{ label: "Walk" }, { label: "Bus" }, { label: "Car" }],
  });
  addQuestion({
    ...base,
    kind: "multiple",
    prompt: "What would help?",
    required: true,
    options: [{ label: "Lights" }, { label: "Crossings" }, { label: "Other", isOther: true }],
    outcomeIds: [county.outcomes.staySafe.id],
  });
  addQuestion({
    ...base,
    kind: "ranking",
    prompt: "What matters most?",
    required: true,
    options: [{ label: "Safe" }, { label: "Quick" }, { label: "Cheap" }],
  });
  addQuestion({ ...base, kind: "short_text", prompt: "One change?", required: false, options: [] });
  addQuestion({ ...base, kind: "long_text", prompt: "Tell us more", required: false, maxLength: 50, options: [] });
  publishConsultation(c.id);
  const consultation = getConsultationForEntry(c.id);
  if (!consultation) throw new Error("not found");
  return consultation;
}

const consultation = makeConsultation("young_people");
const ctx: ImportContext = importContext(consultation);
const [qScale, qSingle, qMultiple, qRank] = consultation.questions;
const opt = (q: (typeof consultation.questions)[number], n: number) => q.options[n - 1].id;
const HEADER = "age_band,locality,q1,q2,q3,q3_other,q4,q5,q6";

/** A file with the header and these rows; each row's cells after the header's first columns. */
const file = (...rows: string[]) => [HEADER, ...rows].join("\n");
async function rejectedReasons(text: string) {
  const parsed = await parseImportFile(text, ctx);
  if (!parsed.ok) throw new Error(`file refused: ${parsed.error.key}`);
  return parsed.rejected.map((r) => ({ line: r.line, keys: r.reasons.map((x) => x.key) }));
}

describe("a file built to take the server down (issue 12)", () => {
  it("stops at the first row over the limit, giving other work its turn while it reads", async () => {
    // Two and a half million short rows under the right headings: 5 MB, the size limit.
    const huge = `${HEADER}\n${",\n".repeat(2_500_000)}1,,,,,,,,`;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const parsed = await parseImportFile(huge.replace(/,\n/g, "x\n"), ctx);
    clearInterval(timer);
    expect(parsed).toEqual({ ok: false, error: { key: "fileError.tooManyRows", values: { max: 5000 } } });
    // The timer ran while the file was read: the parse never held the event loop for the whole file.
    expect(ticks).toBeGreaterThan(0);
  });

  it("refuses a file of blank rows under the right headings without reading it all", async () => {
    const parsed = await parseImportFile(`${HEADER}\n${",\n".repeat(2_000_000)}`, ctx);
    expect(parsed).toEqual({ ok: false, error: { key: "fileError.tooManyRows", values: { max: 5000 } } });
  });

  it("refuses a file of one-cell rows at its heading row, without reading the rest", async () => {
    const parsed = await parseImportFile("a\n".repeat(1_000_000), ctx);
    expect(parsed).toEqual({ ok: false, error: { key: "fileError.unknownColumn", values: { column: "a" } } });
  });

  it("refuses a row longer than the limit, naming its line", async () => {
    const parsed = await parseImportFile(file(",,3,1,1,,1>2>3,,", `,,3,1,1,,1>2>3,,"${"a".repeat(40_000)}"`), ctx);
    expect(parsed).toEqual({ ok: false, error: { key: "fileError.rowTooLong", values: { line: 3, max: 32_000 } } });
  });
});

describe("the CSV row parser", () => {
  it("reads a good row by choice numbers and by choice words, ignoring case", async () => {
    const parsed = await parseImportFile(
      file(
        "12_15,banbury cross,4,2,1;3,my dog walks me,3>1>2,Wider paths,",
        ',,5,car,"crossings; LIGHTS",,Quick>Safe>Cheap,,',
      ),
      ctx,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rejected).toEqual([]);
    expect(parsed.total).toBe(2);
    const [first, second] = parsed.valid;
    expect(first.line).toBe(2);
    expect(first.about).toEqual({ ageBand: "12_15", localityId: county.localities[0].id });
    expect(first.answers[qScale.id]).toEqual({ value: 4 });
    expect(first.answers[qSingle.id]).toEqual({ optionIds: [opt(qSingle, 2)] });
    expect(first.answers[qMultiple.id]).toEqual({
      optionIds: [opt(qMultiple, 1), opt(qMultiple, 3)],
      text: "my dog walks me",
    });
    expect(first.answers[qRank.id]).toEqual({
      ranks: { [opt(qRank, 3)]: 1, [opt(qRank, 1)]: 2, [opt(qRank, 2)]: 3 },
    });
    expect(first.answers[consultation.questions[4].id]).toEqual({ text: "Wider paths" });
    expect(consultation.questions[5].id in first.answers).toBe(false);
    expect(second.about).toEqual({ localityId: null });
    expect(second.answers[qSingle.id]).toEqual({ optionIds: [opt(qSingle, 3)] });
    expect(second.answers[qMultiple.id]).toEqual({ optionIds: [opt(qMultiple, 2), opt(qMultiple, 1)] });
  });

  it("accepts its own template's example row", async () => {
    const parsed = await parseImportFile(importTemplate(consultation, "Example answer"), ctx);
    expect(parsed.ok && parsed.valid.length).toBe(1);
    expect(importTemplate(consultation, "x").split("\r\n")[0]).toBe(`\uFEFF${HEADER}`);
  });

  it("rejects each kind of bad value with its own reason, on the line where the row starts", async () => {
    const good = { scale: "3", single: "1", multiple: "1", rank: "1>2>3" };
    const row = (
      over: Partial<
        Record<"age" | "place" | "scale" | "single" | "multiple" | "other" | "rank" | "short" | "long", string>
      >,
    ) =>
      [
        over.age ?? "",
        over.place ?? "",
        over.scale ?? good.scale,
        over.single ?? good.single,
        over.multiple ?? good.multiple,
        over.other ?? "",
        over.rank ?? good.rank,
        over.short ?? "",
        over.long ?? "",
      ].join(",");
    const reasons = await rejectedReasons(
      file(
        row({ scale: "6" }), // 2
        row({ scale: "good" }), // 3
        row({ single: "Plane" }), // 4
        row({ single: "1;2" }), // 5
        row({ single: "4" }), // 6
        row({ multiple: "1;1" }), // 7
        row({ multiple: "3" }), // 8: Other without its words
        row({ other: "a horse" }), // 9: words without Other
        row({ rank: "1>2" }), // 10
        row({ rank: "1>1>2" }), // 11
        row({ long: "x".repeat(51) }), // 12
        row({ place: "Atlantis" }), // 13
        row({ age: "9_12" }), // 14
        row({ scale: "", single: " " }), // 15: required questions left blank
        `${row({})},extra`, // 16: more values than columns
        row({ short: '"two\nlines"', scale: "9" }), // 17-18: starts on 17
      ),
    );
    expect(reasons).toEqual([
      { line: 2, keys: ["reason.scale"] },
      { line: 3, keys: ["reason.scale"] },
      { line: 4, keys: ["reason.option"] },
      { line: 5, keys: ["reason.oneOnly"] },
      { line: 6, keys: ["reason.option"] },
      { line: 7, keys: ["reason.duplicate"] },
      { line: 8, keys: ["reason.other"] },
      { line: 9, keys: ["reason.otherUnused"] },
      { line: 10, keys: ["reason.rankAll"] },
      { line: 11, keys: ["reason.duplicate"] },
      { line: 12, keys: ["reason.tooLong"] },
      { line: 13, keys: ["reason.locality"] },
      { line: 14, keys: ["reason.ageBand"] },
      { line: 15, keys: ["reason.required", "reason.required"] },
      { line: 16, keys: ["reason.columns"] },
      { line: 17, keys: ["reason.scale"] },
    ]);
  });

  it("names the column and the value in a reason", async () => {
    const parsed = await parseImportFile(file(",Nowhere,3,Plane,1,,1>2>3,,"), ctx);
    if (!parsed.ok) throw new Error("refused");
    expect(parsed.rejected[0].reasons).toEqual([
      { key: "reason.locality", values: { value: "Nowhere" } },
      { key: "reason.option", values: { column: "q2", otherColumn: "q2_other", count: 3, value: "Plane" } },
    ]);
  });

  it("refuses a file whose headings are wrong, or that is not CSV", async () => {
    const refused = async (text: string) => {
      const parsed = await parseImportFile(text, ctx);
      return parsed.ok ? null : parsed.error;
    };
    expect(await refused("age_band,locality,q1,q2,q3,q4,q5,q6,colour\n,,3,1,1,1>2>3,,,red")).toEqual({
      key: "fileError.unknownColumn",
      values: { column: "colour" },
    });
    expect(await refused("age_band,locality,q1,q2,q3,q4,q5\n,,3,1,1,1>2>3,")).toEqual({
      key: "fileError.missingColumn",
      values: { column: "q6" },
    });
    expect((await refused("q1,q1,q2,q3,q4,q5,q6\n"))?.key).toBe("fileError.duplicateColumn");
    expect((await refused(`${HEADER}\n,,"3,1`))?.key).toBe("fileError.unreadable");
    expect((await refused(`${HEADER}\n,,,,,,,,\n\n`))?.key).toBe("fileError.empty");
    expect((await refused(""))?.key).toBe("fileError.empty");
    const good = ",,3,1,1,,1>2>3,,";
    expect(await parseImportFile(file(good, good, good), ctx, 2)).toEqual({
      ok: false,
      error: { key: "fileError.tooManyRows", values: { max: 2 } },
    });
    // Headings in any case and order, with a byte-order mark, are fine.
    const parsed = await parseImportFile("\uFEFFQ6,Q5,Q4,Q3,Q2,Q1\n,,1>2>3,2,1,5", ctx);
    expect(parsed.ok && parsed.valid.length).toBe(1);
  });

  it("asks for audience when a consultation is for everyone, and refuses the wrong one otherwise", async () => {
    const both = importContext(makeConsultation("both"));
    const parsed = await parseImportFile(
      [`audience,${HEADER}`, "parents_carers,,,3,1,1,,1>2>3,,", ",,,3,1,1,,1>2>3,,", "teachers,,,3,1,1,,1>2>3,,"].join(
        "\n",
      ),
      both,
    );
    if (!parsed.ok) throw new Error("refused");
    expect(parsed.valid.map((r) => r.about.audience)).toEqual(["parents_carers"]);
    expect(parsed.rejected.map((r) => r.reasons[0].key)).toEqual(["reason.audienceRequired", "reason.audience"]);
    expect(await parseImportFile(`${HEADER}\n,,3,1,1,,1>2>3,,`, both)).toEqual({
      ok: false,
      error: { key: "fileError.missingColumn", values: { column: "audience" } },
    });
    const wrong = await parseImportFile(`audience,${HEADER}\nparents_carers,,,3,1,1,,1>2>3,,`, ctx);
    expect(wrong.ok && wrong.rejected[0].reasons[0].key).toBe("reason.audienceFixed");
  });
});

describe("importing a checked file", () => {
  const db = getDb();
  const explain = (r: { key: string }) => `because ${r.key}`;
  const csv = file(
    "12_15,Kidwell,4,1,1;2,,1>2>3,Wider paths,",
    "8_11,,2,Bus,3,a horse,3>2>1,,Too dark in winter",
    ",,5,3,2,,2>1>3,,",
    "16_19,,7,1,1,,1>2>3,,",
  );

  it("keeps the rejected rows with their reasons and imports only the good ones, all together", async () => {
    const before = countResponsesByChannel(consultation.id, "import");
    const created = await createImportJob({
      consultation,
      staffId: county.officer.id,
      filename: "paper.csv",
      text: csv,
      explain,
    });
    if (!created.ok) throw new Error(created.error);
    const job = getImportJob(consultation.id, created.jobId);
    expect(job).toMatchObject({ status: "validated", totalRows: 4, validCount: 3, processed: 0 });
    expect(job?.rejectedRows).toEqual([{ line: 5, reasons: ["because reason.scale"] }]);
    expect(getImportJob(consultation.id + 1000, created.jobId)).toBeNull();

    const importing = startImport(consultation.id, created.jobId, { chunkSize: 1 });
    expect(getImportJob(consultation.id, created.jobId)).toMatchObject({ status: "importing", processed: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    // One row prepared between requests; the progress bar reads this.
    expect(getImportJob(consultation.id, created.jobId)).toMatchObject({ status: "importing", processed: 1 });
    const outcome = await importing;
    expect(outcome).toEqual({ status: "done", imported: 3 });
    expect(countResponsesByChannel(consultation.id, "import")).toBe(before + 3);
    expect(getImportJob(consultation.id, created.jobId)).toMatchObject({
      status: "done",
      importedCount: 3,
      processed: 3,
    });
    // The good rows are not kept once they are responses.
    const stored = db
      .select({ rows: importJobs.validRows })
      .from(importJobs)
      .where(eq(importJobs.id, created.jobId))
      .get();
    expect(stored?.rows).toEqual([]);

    const texts = db
      .select({ body: contributions.body, state: contributions.moderationState })
      .from(contributions)
      .innerJoin(responses, eq(responses.id, contributions.responseId))
      .where(and(eq(responses.consultationId, consultation.id), eq(responses.channel, "import")))
      .all()
      .filter((c) => c.body);
    expect(texts.map((c) => c.body).sort()).toEqual(["Too dark in winter", "Wider paths", "a horse"]);
    expect(texts.every((c) => c.state === "pending")).toBe(true);

    // A second click does nothing.
    expect(startImport(consultation.id, created.jobId)).toBeNull();
    expect(countResponsesByChannel(consultation.id, "import")).toBe(before + 3);
  });

  it("stores nothing at all when a row fails while being written", async () => {
    const created = await createImportJob({
      consultation,
      staffId: county.officer.id,
      filename: "again.csv",
      text: csv,
      explain,
    });
    if (!created.ok) throw new Error(created.error);
    // Simulate a failure on the last row: a place that no longer exists breaks its foreign key mid-transaction.
    const stored = db
      .select({ rows: importJobs.validRows })
      .from(importJobs)
      .where(eq(importJobs.id, created.jobId))
      .get();
    const rows = stored?.rows ?? [];
    rows[rows.length - 1].about.localityId = 999_999;
    db.update(importJobs).set({ validRows: rows }).where(eq(importJobs.id, created.jobId)).run();
    const count = () =>
      db.select({ n: sql<number>`count(*)` }).from(responses).where(eq(responses.consultationId, consultation.id)).get()
        ?.n;
    const contributionCount = () => db.select({ n: sql<number>`count(*)` }).from(contributions).get()?.n;
    const [responsesBefore, contributionsBefore] = [count(), contributionCount()];

    const outcome = await startImport(consultation.id, created.jobId);
    expect(outcome?.status).toBe("failed");
    expect(count()).toBe(responsesBefore);
    expect(contributionCount()).toBe(contributionsBefore);
    const job = getImportJob(consultation.id, created.jobId);
    expect(job).toMatchObject({ status: "failed", importedCount: 0 });
    // The same file was imported before: the page warns before it is counted twice.
    expect(job?.sameFileImportedAt).toEqual(expect.any(String));
  });

  it("stores an imported answer exactly as an online one is stored", async () => {
    const fresh = makeConsultation("both");
    const text = "My name is Amy Jones and someone hurts me at the bus stop";
    const created = await createImportJob({
      consultation: fresh,
      staffId: county.officer.id,
      filename: "same.csv",
      text: [`audience,${HEADER}`, `young_people,8_11,Kidwell,2,Car,1;3,${text},2>3>1,,`].join("\n"),
      explain,
    });
    if (!created.ok) throw new Error(created.error);
    const row = db.select({ rows: importJobs.validRows }).from(importJobs).where(eq(importJobs.id, created.jobId)).get()
      ?.rows[0];
    if (!row) throw new Error("no row");
    const at = new Date("2026-01-02T03:04:05.000Z");
    submitResponse({
      consultation: fresh,
      receiptHash: null,
      answers: row.answers,
      about: row.about,
      language: "en",
      readingLevel: "standard",
      channel: "import",
      now: at,
    });
    await startImport(fresh.id, created.jobId, { now: at });

    const stored = db
      .select()
      .from(responses)
      .where(eq(responses.consultationId, fresh.id))
      .all()
      .map((r) => ({
        response: { ...r, id: 0 },
        contributions: db
          .select()
          .from(contributions)
          .where(eq(contributions.responseId, r.id))
          .all()
          .map((c) => ({
            ...c,
            id: 0,
            responseId: 0,
            choices: db
              .select({ optionId: contributionChoices.optionId, rank: contributionChoices.rank })
              .from(contributionChoices)
              .where(eq(contributionChoices.contributionId, c.id))
              .all(),
            tags: db
              .select({
                outcomeId: contributionTags.outcomeId,
                source: contributionTags.source,
                at: contributionTags.createdAt,
              })
              .from(contributionTags)
              .where(eq(contributionTags.contributionId, c.id))
              .all(),
          })),
      }));
    expect(stored).toHaveLength(2);
    expect(stored[1]).toEqual(stored[0]);
    // And what was stored is what the CSV row says, read cell by cell rather than from the writer.
    const [q1, q2, q3, q4] = fresh.questions;
    const option = (q: typeof q1, label: string) => q.options.find((o) => o.label === label)?.id;
    const imported = stored[1];
    expect(imported.response).toMatchObject({ audience: "young_people", ageBand: "8_11", channel: "import" });
    const answerTo = (q: typeof q1) => imported.contributions.filter((c) => c.questionId === q.id);
    expect(answerTo(q1)).toMatchObject([{ kind: "scale", valueInt: 2 }]);
    expect(answerTo(q2).flatMap((c) => c.choices)).toEqual([{ optionId: option(q2, "Car"), rank: null }]);
    expect(answerTo(q3).flatMap((c) => c.choices.map((x) => x.optionId))).toEqual([
      option(q3, "Lights"),
      option(q3, "Other"),
    ]);
    expect(answerTo(q3).find((c) => c.body === text)).toMatchObject({
      maskedBody: "My name is [removed] and someone hurts me at the bus stop",
      moderationState: "escalated",
    });
    expect(
      answerTo(q4)
        .flatMap((c) => c.choices)
        .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
    ).toEqual([
      { optionId: option(q4, "Quick"), rank: 1 },
      { optionId: option(q4, "Cheap"), rank: 2 },
      { optionId: option(q4, "Safe"), rank: 3 },
    ]);
    const escalated = stored[0].contributions.find((c) => c.body === text);
    expect(escalated).toMatchObject({ moderationState: "escalated", maskedBody: expect.stringContaining("[removed]") });
    expect(stored[0].contributions.some((c) => c.tags.length === 1)).toBe(true);
  });

  it("refuses a file with wrong headings without making a job", async () => {
    const result = await createImportJob({
      consultation,
      staffId: county.officer.id,
      filename: "wrong.csv",
      text: "name,q1\nAmy,3",
      explain,
    });
    expect(result).toEqual({ ok: false, error: "because fileError.unknownColumn" });
  });
});
