import fs from "node:fs";
import { expect, expectNoAxeViolations, signInAs, test, tick } from "../support/fixtures";
import { readDocx, readPdf } from "../support/papers";
import { readE2eDb } from "../support/pass-session";

// Issue 11, composing: an officer composes a summary scoped to Stay safe for the last term, sees a reach gap, an
// exception flag and paired voices, picks two quotes (masking more in one), sends it to the Board for decision, edits
// it and sends version 2; a past meeting and a scope with nothing in it are refused in words. Every figure checked is
// counted here from the server's own database.
test.describe.configure({ mode: "serial" });
// The compose page is long (every figure, chart and table), and axe reads it after every state.
test.setTimeout(180_000);

/** Midnight in the county at the start of a day, as an ISO instant (London is UTC+1 from April to October). */
function countyMidnight(ymd: string) {
  const m = Number(ymd.slice(5, 7));
  return new Date(`${ymd}T00:00:00${m >= 4 && m <= 10 ? "+01:00" : "Z"}`).toISOString();
}

/** Last term, [from, to): autumn from 1 September, spring from 1 January, summer from 1 April. */
function lastTerm() {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const [y, m] = today.split("-").map(Number);
  const [from, to] =
    m >= 9 ? [`${y}-04-01`, `${y}-09-01`] : m <= 3 ? [`${y - 1}-09-01`, `${y}-01-01`] : [`${y}-01-01`, `${y}-04-01`];
  return { from: countyMidnight(from), to: countyMidnight(to) };
}

const term = lastTerm();
const before = {
  from: new Date(Date.parse(term.from) - (Date.parse(term.to) - Date.parse(term.from))).toISOString(),
  to: term.from,
};

const [staySafe] = readE2eDb<{ id: number }>(
  "select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 and o.key = 'stay-safe'",
);

/** The contributions a summary of Stay safe reads in a period, as a SQL table expression. */
const SCOPE = `(select c.* from contributions c where c.created_at >= ? and c.created_at < ?
  and c.moderation_state = 'approved'
  and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id)
  and exists (select 1 from contribution_tags ct where ct.contribution_id = c.id and ct.outcome_id = ?))`;
const PERSON = "(case when s.response_id is null then -s.id else s.response_id end)";

function reach(period: { from: string; to: string }) {
  const [row] = readE2eDb<{ people: number; n: number; under8: number }>(
    `select count(distinct ${PERSON}) as people, count(*) as n,
       count(distinct case when s.audience = 'young_people' and s.age_band = 'under_8' then ${PERSON} end) as under8
     from ${SCOPE} s`,
    period.from,
    period.to,
    staySafe.id,
  );
  return row;
}

function faces(period: { from: string; to: string }) {
  const [row] = readE2eDb<{ answers: number; positive: number }>(
    `select count(*) as answers, sum(s.value_int >= 4) as positive from ${SCOPE} s where s.kind = 'scale'`,
    period.from,
    period.to,
    staySafe.id,
  );
  return { ...row, share: Math.round((row.positive * 100) / row.answers) };
}

/** Each side's share choosing an option of "What would help most to feel safer?", whole percent of that side's people. */
function helpShares(label: string) {
  const [row] = readE2eDb<{ young: number; parents: number; youngChose: number; parentsChose: number }>(
    `select count(distinct case when s.audience = 'young_people' then ${PERSON} end) as young,
       count(distinct case when s.audience = 'parents_carers' then ${PERSON} end) as parents,
       count(distinct case when s.audience = 'young_people' and o.label = ? then ${PERSON} end) as youngChose,
       count(distinct case when s.audience = 'parents_carers' and o.label = ? then ${PERSON} end) as parentsChose
     from ${SCOPE} s join questions q on q.id = s.question_id
       join contribution_choices cc on cc.contribution_id = s.id join question_options o on o.id = cc.option_id
     where q.prompt = 'What would help most to feel safer?'`,
    label,
    label,
    term.from,
    term.to,
    staySafe.id,
  );
  return {
    young: Math.round((row.youngChose * 100) / row.young),
    parents: Math.round((row.parentsChose * 100) / row.parents),
  };
}

const todayInCounty = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
const boardMeetings = readE2eDb<{ id: number; title: string; meetsOn: string }>(
  `select m.id, m.title, m.meets_on as meetsOn from meetings m join bodies b on b.id = m.body_id
   where b.kind = 'board' order by m.meets_on`,
);
const boardNext = boardMeetings.find((m) => m.meetsOn.slice(0, 10) >= todayInCounty);
const boardPast = boardMeetings.filter((m) => m.meetsOn.slice(0, 10) < todayInCounty).pop();
const longDate = (ymd: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${ymd.slice(0, 10)}T12:00:00Z`),
  );

test("An officer composes a Stay safe summary for last term, sees a gap, an exception and paired voices, picks two quotes and sends it to the Board for decision, then edits it and sends version 2", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/summaries");
  await expect(page.getByRole("heading", { level: 1, name: "Summaries" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "New summary" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New summary" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Title").fill("Feeling safe in parks and on the street");
  await page.getByLabel("Period").selectOption({ label: "Last term" });
  await tick(page, "Stay safe");
  await page.getByRole("button", { name: "Save and show the figures" }).first().click();
  await expect(page.getByRole("status")).toHaveText(
    "Saved. The figures below are worked out from the contributions now.",
  );
  await expectNoAxeViolations(page);
  const summaryId = Number(new URL(page.url()).pathname.split("/").pop());

  // Who we heard from, counted from the database.
  const now = reach(term);
  expect(now.people).toBeGreaterThan(4);
  await expect(page.locator(".stat").nth(0)).toHaveText(`${now.people} people`);
  await expect(page.locator(".stat").nth(1)).toHaveText(`${now.n} contributions`);
  // A gap named in words: nobody under 8 answered, though the county has children under 8.
  expect(now.under8).toBe(0);
  await expect(page.locator(".gap-list li").filter({ hasText: /^No one aged Under 8$/ })).toHaveCount(1);

  // The exception flag, with its rule, against the period of the same length before.
  const f = faces(term);
  const e = faces(before);
  expect(e.share - f.share).toBeGreaterThanOrEqual(15);
  await expect(page.getByText("The rule: an outcome is flagged when the share of answers")).toBeVisible();
  await expect(page.locator(".exception-list li")).toHaveText(
    `Exception Stay safe: worse. ${f.share}% of ${f.answers} answers were good or really good, against ${e.share}% of ${e.answers} in the period before (${e.share - f.share} points).`,
  );

  // Paired voices: young people and parents side by side, the difference in words.
  const wardens = helpShares("Wardens or police");
  expect(wardens.parents - wardens.young).toBeGreaterThanOrEqual(10);
  const paired = page.locator(".paired").filter({ hasText: "What would help most to feel safer?" });
  await expect(
    paired.getByText(
      `Parents and carers chose “Wardens or police” ${wardens.parents - wardens.young} points more often than young people.`,
    ),
  ).toBeVisible();
  const chart = page.locator("figure.summary-chart").filter({ hasText: "What would help most to feel safer?" });
  await expect(chart.getByRole("img")).toBeVisible();
  await expect(chart.getByRole("row", { name: /Wardens or police/ })).toHaveText(
    `Wardens or police${wardens.young}%${wardens.parents}%`,
  );

  // Two quotes, the second with more masked; then the paper's words. The quotes offered are approved words in scope.
  const offered = page.locator('input[name="quoteIds"]');
  const quoteIds = [
    Number(await offered.nth(0).getAttribute("value")),
    Number(await offered.nth(1).getAttribute("value")),
  ];
  const quoteTexts = quoteIds.map(
    (id) =>
      readE2eDb<{ text: string; state: string }>(
        "select masked_body as text, moderation_state as state from contributions where id = ?",
        id,
      )[0],
  );
  expect(quoteTexts.map((q) => q.state)).toEqual(["approved", "approved"]);
  await offered.nth(0).check();
  await offered.nth(1).check();
  await page.getByLabel("Purpose of the report").fill("To tell the Board how safe young people feel in parks.");
  await page.getByLabel("Key messages (one a line)").fill("Far fewer young people feel safe in parks than before.");
  await page.getByLabel("Recommendations (one a line)").fill("That the Board asks for better lighting in parks.");
  await page.getByLabel("Report of").fill("Head of Participation");
  await page.getByLabel("Contact officer").fill("Priya Shah, Participation Officer");
  await page.getByRole("button", { name: "Save and show the figures" }).last().click();
  await expect(page.getByRole("status")).toBeVisible();
  const hidden = quoteTexts[1].text.split(" ").find((w) => /^[a-z]{5,}$/i.test(w)) ?? "";
  await page.getByLabel(/^Words to hide in this quote .*\(2: /).fill(hidden);

  // Sending to the Board, for decision.
  if (!boardNext) throw new Error("the demo has no Board meeting to come");
  await page.locator("#meetingId").selectOption(String(boardNext.id));
  await page.getByRole("radio", { name: "For decision" }).check();
  await page.getByRole("button", { name: "Send to the meeting" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Feeling safe in parks and on the street: version 1",
  );
  await expectNoAxeViolations(page);
  const [item] = readE2eDb<{ id: number; position: number; kind: string; versionId: number; version: number }>(
    `select a.id, a.position, a.kind, a.summary_version_id as versionId, v.version from agenda_items a
     join summary_versions v on v.id = a.summary_version_id where a.summary_id = ?`,
    summaryId,
  );
  expect(item).toMatchObject({ kind: "decision", version: 1 });
  await expect(page.locator(".summary-view > .panel").first()).toContainText(
    `Children and Young People's Board, ${boardNext.title}, ${longDate(boardNext.meetsOn)}. Item ${item.position}: For decision.`,
  );
  const masked = quoteTexts[1].text.replace(new RegExp(hidden, "gi"), "[removed]");
  expect(masked).toContain("[removed]");
  await expect(page.locator("blockquote")).toHaveText([`“${quoteTexts[0].text}”`, `“${masked}”`]);
  await expect(page.locator(".stat").nth(0)).toHaveText(`${now.people} people`);
  // The export buttons post the frozen version to the papers' endpoint.
  await expect(page.locator('form[action="/staff/exports"] input[name="versionId"]').first()).toHaveValue(
    String(item.versionId),
  );

  // Edit and resend: version 2 on the same agenda item; version 1 stays as it was sent.
  await page.getByRole("link", { name: "Edit this summary" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Title").fill("Feeling safe in parks and on the street: what young people and parents said");
  await page.getByRole("button", { name: "Send to the meeting" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Feeling safe in parks and on the street: what young people and parents said: version 2",
  );
  await expectNoAxeViolations(page);
  const after = readE2eDb<{ id: number; version: number; title: string }>(
    `select a.id, v.version, a.title from agenda_items a join summary_versions v on v.id = a.summary_version_id
     where a.summary_id = ?`,
    summaryId,
  );
  expect(after).toEqual([
    {
      id: item.id,
      version: 2,
      title: "Feeling safe in parks and on the street: what young people and parents said",
    },
  ]);
  await page.goto(`/staff/summaries/${summaryId}/versions/1`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Feeling safe in parks and on the street: version 1",
  );
  await page.goto("/staff/summaries");
  await expect(
    page.getByRole("row", { name: /Feeling safe in parks and on the street: what young people and parents said/ }),
  ).toContainText("Sent (version 2)");
});

test("A past meeting and a scope with nothing in it are refused, in words", async ({ page }) => {
  await signInAs(page, "officer");
  await page.goto("/staff/summaries/new");
  await page.getByLabel("Title").fill("Nothing to see");
  await page.getByLabel("Period").selectOption({ label: "The dates below" });
  await page.getByRole("textbox", { name: "From", exact: true }).fill("2020-01-01");
  await page.getByRole("textbox", { name: "To", exact: true }).fill("2020-01-31");
  await tick(page, "Stay safe");
  await page.getByRole("button", { name: "Save and show the figures" }).first().click();
  await expect(page.getByText("Nothing matches this scope: no approved contributions")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator("#meetingId").selectOption(String(boardNext?.id));
  await page.getByRole("radio", { name: "For information" }).check();
  await page.getByRole("button", { name: "Send to the meeting" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".error-summary")).toContainText(
    "Nothing matches this scope, so there is nothing to send. Change the scope first",
  );
  await expectNoAxeViolations(page);
  const summaryId = Number(new URL(page.url()).pathname.split("/").pop());
  expect(readE2eDb("select id from summary_versions where summary_id = ?", summaryId)).toEqual([]);

  // Last term has words in it, but the September Board has met. (The draft was saved as it was sent: open it again.)
  await page.goto(`/staff/summaries/${summaryId}`);
  await page.getByLabel("Period").selectOption({ label: "Last term" });
  await page.locator("#meetingId").selectOption(String(boardPast?.id));
  await page.getByRole("button", { name: "Send to the meeting" }).click();
  await expect(page.locator(".error-summary")).toContainText(
    "That meeting has already happened. Choose a meeting that is still to come",
  );
  await expectNoAxeViolations(page);
  expect(readE2eDb("select id from summary_versions where summary_id = ?", summaryId)).toEqual([]);

  // No title: the form says what to do.
  await page.getByLabel("Title").fill("");
  await page.getByRole("button", { name: "Save and show the figures" }).first().click();
  await expect(page.locator(".error-summary")).toContainText("Enter a title");
  await expectNoAxeViolations(page);
});

test("An officer previews a draft paper and downloads it as DOCX and PDF headed DRAFT – not sent; nothing is frozen", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/summaries/new");
  await page.getByLabel("Title").fill("Feeling safe at the bus station");
  await page.getByLabel("Period").selectOption({ label: "Last term" });
  await tick(page, "Stay safe");
  await page.getByRole("button", { name: "Save and show the figures" }).first().click();
  await expect(page.getByRole("status")).toBeVisible();
  const summaryId = Number(new URL(page.url()).pathname.split("/").pop());
  if (!boardNext) throw new Error("the demo has no Board meeting to come");
  await page.locator("#meetingId").selectOption(String(boardNext.id));
  await page.getByRole("radio", { name: "For information" }).check();
  await page.getByLabel("Report of").fill("Head of Participation");
  await page.getByRole("button", { name: "Save and show the figures" }).last().click();
  await expect(page.getByRole("status")).toBeVisible();
  const frozen = () => ({
    versions: readE2eDb<{ n: number }>("select count(*) as n from summary_versions")[0].n,
    items: readE2eDb<{ n: number }>("select count(*) as n from agenda_items")[0].n,
    jobs: readE2eDb<{ n: number }>("select count(*) as n from export_jobs")[0].n,
  });
  const before = frozen();
  const nextItem =
    readE2eDb<{ n: number }>(
      "select coalesce(max(position), 0) as n from agenda_items where meeting_id = ?",
      boardNext.id,
    )[0].n + 1;

  await page.getByRole("link", { name: "Preview the paper" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Preview of the paper: Feeling safe at the bus station",
  );
  await expectNoAxeViolations(page);
  const paper = page.getByRole("article", { name: "The draft paper" });
  await expect(paper.getByRole("heading", { level: 2 })).toHaveText(
    "DRAFT – not sent: Feeling safe at the bus station",
  );
  await expect(paper.locator("table.paper-facts tr")).toHaveText([
    "StatusDRAFT – not sent",
    "BodyChildren and Young People's Board",
    `Meeting${boardNext.title}, ${longDate(boardNext.meetsOn)}`,
    `Agenda item${nextItem}`,
    "Type of itemFor information",
    "Report ofHead of Participation",
    "Version1",
  ]);
  const now = reach(term);
  await expect(paper.getByText(/^We heard from \d/)).toHaveText(
    `We heard from ${now.people.toLocaleString("en-GB")} people, who made ${now.n.toLocaleString("en-GB")} contributions.`,
  );
  await expect(paper.getByRole("heading", { level: 3 })).toHaveText([
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
  await page.screenshot({ path: "test-results/summaries/draft-preview.png", fullPage: false });

  // The draft files, straight from the preview: headed as drafts, named as drafts.
  const [docx] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download draft (DOCX)" }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe("feeling-safe-at-the-bus-station-v1-DRAFT-not-sent.docx");
  const doc = readDocx(fs.readFileSync(await docx.path()));
  expect(doc.tables[0][0]).toEqual(["Status", "DRAFT – not sent"]);
  expect(doc.paragraphs).toContain("DRAFT – not sent: Feeling safe at the bus station");
  expect(doc.paragraphs).toContain(
    `We heard from ${now.people.toLocaleString("en-GB")} people, who made ${now.n.toLocaleString("en-GB")} contributions.`,
  );
  const [pdfDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download draft (PDF)" }).click(),
  ]);
  expect(pdfDownload.suggestedFilename()).toBe("feeling-safe-at-the-bus-station-v1-DRAFT-not-sent.pdf");
  const pdf = await readPdf(fs.readFileSync(await pdfDownload.path()));
  expect(pdf.flat).toContain("DRAFT – not sent: Feeling safe at the bus station");
  expect(frozen()).toEqual(before);
  expect(readE2eDb("select status from summaries where id = ?", summaryId)).toEqual([{ status: "draft" }]);

  // The draft links are on the compose page too; a Board member (who cannot compose) may not see drafts.
  await page.goto(`/staff/summaries/${summaryId}`);
  await expect(page.getByRole("link", { name: "Download draft (PDF)" })).toHaveAttribute(
    "href",
    `/staff/summaries/${summaryId}/draft/pdf`,
  );
  expect((await page.request.get(`/staff/summaries/${summaryId}/draft/odt`)).status()).toBe(404);

  // 320 px without sideways scroll; Arabic around an English paper.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`/staff/summaries/${summaryId}/preview`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/summaries/draft-preview-320.png", fullPage: false });
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const arabic = await context.newPage();
  await signInAs(arabic, "officer");
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL ?? "" }]);
  await arabic.goto(`/staff/summaries/${summaryId}/preview`);
  await expect(arabic.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(arabic.getByRole("heading", { level: 1 })).toHaveText("معاينة الورقة: Feeling safe at the bus station");
  await expect(arabic.getByRole("article")).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(arabic);
  await arabic.screenshot({ path: "test-results/summaries/draft-preview-ar.png", fullPage: false });
  await context.close();

  const board = await browser.newContext();
  const boardPage = await board.newPage();
  await signInAs(boardPage, "board");
  expect((await boardPage.request.get(`/staff/summaries/${summaryId}/draft/docx`)).status()).toBe(403);
  expect((await boardPage.request.get(`/staff/summaries/${summaryId}/preview`)).status()).toBe(403);
  await board.close();
});
