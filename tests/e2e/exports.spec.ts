import fs from "node:fs";
import type { Download, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import type { SummaryContent } from "~/models/summaries/types";
import { fullSizeContent, staySafeContent } from "../fixtures/papers/content";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";
import { readDocx, readPdf } from "../support/papers";
import { writeE2eDb } from "../support/pass-session";

// Issue 11: an officer exports a sent summary as DOCX and PDF from the browser, waits on a progress page that works
// without JavaScript, and downloads files that carry the summary's figures exactly; chart data as CSV; a meeting's
// agenda pack; and who may not.

type Seeded = { versionId: number; meetingId: number; label: string; meetingLabel: string };

/**
 * A summary sent to the next Board meeting, written as the compose step writes one: the summary, its frozen version
 * and the agenda item that received it. `sent: false` leaves a version that went to no meeting.
 */
function seedVersion(content: SummaryContent, options: { sent?: boolean } = {}): Seeded {
  return writeE2eDb((db) => {
    const officer = db.prepare("select id from staff_users where email = 'officer@demo.test'").get() as { id: number };
    const meeting = db
      .prepare(
        "select m.id, m.title, m.meets_on as meetsOn, b.name as body from meetings m join bodies b on b.id = m.body_id where b.kind = 'board' and m.meets_on >= date('now') order by m.meets_on limit 1",
      )
      .get() as { id: number; title: string; meetsOn: string; body: string };
    const sent = options.sent !== false;
    const position =
      (
        db.prepare("select coalesce(max(position), 0) as p from agenda_items where meeting_id = ?").get(meeting.id) as {
          p: number;
        }
      ).p + 1;
    const summaryId = Number(
      db
        .prepare(
          "insert into summaries (meeting_id, item_kind, title, period_from, period_to, outcome_ids, scope, key_message, status, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          sent ? meeting.id : null,
          sent ? "decision" : null,
          content.title,
          content.scope.from,
          content.scope.to,
          JSON.stringify(content.scope.outcomeIds),
          JSON.stringify(content.scope),
          content.keyMessages.join("\n"),
          sent ? "sent" : "draft",
          officer.id,
        ).lastInsertRowid,
    );
    const frozen: SummaryContent = {
      ...content,
      summaryId,
      sent: sent
        ? {
            at: new Date().toISOString(),
            meetingId: meeting.id,
            body: meeting.body,
            meeting: meeting.title,
            meetsOn: meeting.meetsOn,
            itemKind: "decision",
            itemNumber: position,
          }
        : null,
    };
    const versionId = Number(
      db
        .prepare(
          "insert into summary_versions (summary_id, version, content, meeting_id, sent_by, sent_at) values (?, ?, ?, ?, ?, ?)",
        )
        .run(
          summaryId,
          content.version,
          JSON.stringify(frozen),
          sent ? meeting.id : null,
          officer.id,
          new Date().toISOString(),
        ).lastInsertRowid,
    );
    if (sent)
      db.prepare(
        "insert into agenda_items (meeting_id, summary_id, summary_version_id, title, kind, position, exception_flags) values (?, ?, ?, ?, 'decision', ?, '[]')",
      ).run(meeting.id, summaryId, versionId, content.title, position);
    const date = new Date(`${meeting.meetsOn}T12:00:00Z`).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "Europe/London",
    });
    return {
      versionId,
      meetingId: meeting.id,
      label: `${content.title} (version ${content.version}, ${sent ? meeting.title : "not sent to a meeting"})`,
      meetingLabel: `${meeting.title} (${date})`,
    };
  });
}

/** Chooses a version and a format on the exports page, exports it, and waits for the file on the progress page. */
async function exportPaper(page: Page, label: string, format: string): Promise<Download> {
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Exports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
  await page.getByLabel("Summary version").selectOption({ label });
  await page.getByRole("radio", { name: format }).check({ force: true });
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your export is ready" })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  const link = page.getByRole("link", { name: /^Download / });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return download;
}

const bytes = async (download: Download) => fs.readFileSync(await download.path());

test("An officer exports a sent summary as a Word document and a PDF that carry its figures exactly", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const content = staySafeContent({ title: "Feeling safe on the way to school: autumn term" });
  const seeded = seedVersion(content);
  await signInAs(page, "officer");

  const docxDownload = await exportPaper(page, seeded.label, "Word document (DOCX)");
  expect(docxDownload.suggestedFilename()).toBe("feeling-safe-on-the-way-to-school-autumn-term-v2.docx");
  const docx = readDocx(await bytes(docxDownload));
  expect(docx.tables[0]).toEqual([
    ["Body", "Children and Young People's Board"],
    ["Meeting", seeded.meetingLabel.replace(/ \((.*)\)$/, ", $1")],
    ["Agenda item", expect.stringMatching(/^\d+$/)],
    ["Type of item", "For decision"],
    ["Report of", "Director of Children's Services"],
    ["Version", "2"],
  ]);
  expect(docx.paragraphs).toContain("We heard from 1,284 people, who made 2,317 contributions.");
  expect(docx.tables).toContainEqual([
    ["Age group", "People", "Contributions", "Population", "Reached per 1,000"],
    ["Under 8", "fewer than 5", "fewer than 5", "14,200", "not worked out"],
    ["8 to 11", "38", "52", "12,900", "2.9"],
    ["12 to 15", "117", "203", "13,100", "8.9"],
  ]);
  expect(docx.paragraphs).toContain(
    "Poorer than expected: Stay safe. 41% good or really good, down from 63% (22 points; 454 answers, 391 before).",
  );
  expect([...docx.xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1])).toEqual(
    content.charts.map((c) => c.description),
  );

  const pdfDownload = await exportPaper(page, seeded.label, "PDF");
  expect(pdfDownload.suggestedFilename()).toBe("feeling-safe-on-the-way-to-school-autumn-term-v2.pdf");
  const pdfBytes = await bytes(pdfDownload);
  expect(pdfBytes.toString("latin1")).toContain("/Lang (en-GB)");
  const { flat } = await readPdf(pdfBytes);
  for (const line of [
    "Type of item For decision",
    "We heard from 1,284 people, who made 2,317 contributions.",
    "Under 8 fewer than 5 fewer than 5 14,200 not worked out",
    "No one aged 8 to 11 in Kingsbury Marsh took part.",
    "Really bad 96 Bad 74 OK 113 Good 118 Really good 53",
    "Bus 24% 46% Walk 51% 19% Lift in a car 25% 35%",
    "Under 8 fewer than 5 7 8 to 11 38 29 12 to 15 117 96 16 to 19 61 58",
  ])
    expect(flat).toContain(line);

  // both are listed among the officer's exports
  await page.getByRole("link", { name: "All your exports" }).click();
  const table = page.getByRole("table", { name: "Your exports" });
  await expect(
    table.getByRole("row", { name: /Word document \(DOCX\) of: Feeling safe on the way to school: autumn term Ready/ }),
  ).toHaveCount(1);
  await expect(
    table.getByRole("row", { name: /^PDF of: Feeling safe on the way to school: autumn term Ready/ }),
  ).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test("Without JavaScript, the progress page refreshes itself until the paper is ready", async ({ browser }) => {
  test.setTimeout(120_000);
  const seeded = seedVersion({ ...fullSizeContent(), title: "Everything we heard this year" });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, "officer");
  await page.goto("/staff/exports");
  await page.getByLabel("Summary version").selectOption({ label: seeded.label });
  await page.getByRole("radio", { name: "PDF" }).check();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/exports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Making your export" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Progress" })).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(page.getByRole("heading", { level: 1, name: "Your export is ready" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: "Download everything-we-heard-this-year-v2.pdf" })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test("The chart data comes as one CSV, and a meeting's papers as one agenda pack", async ({ page }) => {
  test.setTimeout(120_000);
  const seeded = seedVersion(staySafeContent({ title: "Chart data for the Board" }));
  await signInAs(page, "officer");
  const csv = await exportPaper(page, seeded.label, "Chart data (CSV)");
  expect(csv.suggestedFilename()).toBe("chart-data-for-the-board-v2-chart-data.csv");
  const rows = parse(await bytes(csv), { columns: true, bom: true }) as Record<string, string>[];
  expect(rows.filter((r) => r.chart_id === "reach-age").map((r) => [r.label, r.series, r.value, r.note])).toEqual([
    ["Under 8", "This term", "", "fewer than 5"],
    ["Under 8", "Term before", "7", ""],
    ["8 to 11", "This term", "38", ""],
    ["8 to 11", "Term before", "29", ""],
    ["12 to 15", "This term", "117", ""],
    ["12 to 15", "Term before", "96", ""],
    ["16 to 19", "This term", "61", ""],
    ["16 to 19", "Term before", "58", ""],
  ]);

  await page.goto("/staff/exports");
  await page.getByLabel("Meeting").selectOption({ label: seeded.meetingLabel });
  await page.getByRole("button", { name: "Make the agenda pack" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your export is ready" })).toBeVisible({ timeout: 60_000 });
  await expectNoAxeViolations(page);
  const [pack] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /^Download / }).click(),
  ]);
  expect(pack.suggestedFilename()).toMatch(/-agenda-pack\.pdf$/);
  const pdf = await readPdf(await bytes(pack));
  const contents = pdf.text[0].replace(/\s+/g, " ");
  expect(contents).toContain("Agenda pack Participation papers for");
  expect(contents).toMatch(/Items for decision .*Item \d+: Chart data for the Board \d+/);
  expect(pdf.pages).toBeGreaterThan(4);
});

test("Exports refuse bad input with a message, and people who may not see a summary", async ({ page, baseURL }) => {
  const draft = seedVersion(staySafeContent({ title: "A version sent to no meeting" }), { sent: false });
  const sent = seedVersion(staySafeContent({ title: "A paper for the Board member" }));
  await signInAs(page, "officer");
  await page.goto("/staff/exports");
  // nothing chosen: the error summary says what to do
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert")).toContainText("Choose a sent version of a summary to export.");
  await expectNoAxeViolations(page);

  const post = (form: Record<string, string | number>) =>
    page.request.post("/staff/exports", { form, headers: { Origin: baseURL ?? "" }, maxRedirects: 0 });
  const badKind = await post({ kind: "zip", versionId: draft.versionId });
  expect(badKind.status()).toBe(400);
  // as shown text (between tags), not the copy of every staff string the page carries in its data
  expect(await badKind.text()).toContain(
    ">Choose what to export: a Word document, a PDF, chart data or an agenda pack.<",
  );
  const noSuchVersion = await post({ kind: "pdf", versionId: 99_999_999 });
  expect(noSuchVersion.status()).toBe(400);
  expect(await noSuchVersion.text()).toContain(">Choose a sent version of a summary to export.<");
  const mine = await post({ kind: "pdf", versionId: sent.versionId });
  expect(mine.status()).toBe(302);
  const jobUrl = mine.headers().location;
  expect(jobUrl).toMatch(/^\/staff\/exports\/\d+$/);
  // the page carries every staff string in its data, so look for the link only a finished job has
  await expect
    .poll(async () => (await page.request.get(jobUrl)).text(), { timeout: 30_000 })
    .toContain(`href="${jobUrl}/download"`);
  const file = await page.request.get(`${jobUrl}/download`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toBe('attachment; filename="a-paper-for-the-board-member-v2.pdf"');
  expect(file.headers()["cache-control"]).toBe("private, no-store");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs(page, "board");
  // a Board member may export what went to a meeting, not a version that went nowhere
  expect((await post({ kind: "pdf", versionId: draft.versionId })).status()).toBe(403);
  expect((await post({ kind: "pdf", versionId: sent.versionId })).status()).toBe(302);
  // and never someone else's export
  expect((await page.request.get(jobUrl)).status()).toBe(404);
  expect((await page.request.get(`${jobUrl}/download`, { maxRedirects: 0 })).status()).toBe(404);
  await page.goto("/staff/exports");
  await expect(page.getByLabel("Summary version").getByRole("option", { name: draft.label })).toHaveCount(0);
  await expect(page.getByLabel("Summary version").getByRole("option", { name: sent.label })).toHaveCount(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs(page, "partnership");
  expect((await page.request.get("/staff/exports")).status()).toBe(403);
  expect((await post({ kind: "pdf", versionId: sent.versionId })).status()).toBe(403);
});

test("In Arabic on a 320 px screen, the exports pages read right to left and fit", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const seeded = seedVersion(staySafeContent({ title: "A paper read on a phone" }));
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL ?? "" }]);
  const page = await context.newPage();
  await page.goto("/staff/sign-in");
  await page.locator("input[type=email]").fill("officer@demo.test");
  await page.locator("input[type=password]").fill("sounding-board-demo");
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/staff$/);
  await page.goto("/staff/exports");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("عمليات التصدير");
  const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await noSideways()).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page
    .getByLabel("نسخة الملخص")
    .selectOption({ label: seeded.label.replace(/\(version (\d+), (.*)\)$/, "(النسخة $1، $2)") });
  await page.getByRole("radio", { name: "مستند وورد (DOCX)" }).check({ force: true });
  await page.getByRole("button", { name: "تصدير", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "التصدير جاهز" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "تنزيل a-paper-read-on-a-phone-v2.docx" })).toBeVisible();
  expect(await noSideways()).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await context.close();
});
