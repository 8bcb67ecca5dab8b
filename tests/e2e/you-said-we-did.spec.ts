import crypto from "node:crypto";
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, expectNoAxeViolations, test } from "../support/fixtures";
import { readE2eDb, writeE2eDb } from "../support/pass-session";

// Issue 11: "you said, we did" reaches every person who spoke. A young person makes a pass and asks a question (in
// Polish); the Board's published entry counts that question, so it is on their pass, new until they read it; an
// action marked done shows as done; the public list filters by topic and place, in children's or parents' words, in
// Polish with a translation and in Arabic with the fallback notice; cards print on A5 and A4; open data carries it.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/you-said-we-did";
const locale = (lang: string) => ({
  ...JSON.parse(fs.readFileSync(`public/locales/${lang}/common.json`, "utf8")),
  ...JSON.parse(fs.readFileSync(`public/locales/${lang}/participant.json`, "utf8")),
});
const pl = locale("pl");
const ar = locale("ar");

const tag = crypto.randomBytes(3).toString("hex");
const words = {
  youSaid: `You said the path by the park is too dark to walk home (${tag}).`,
  weDid: `We are putting new lights on the park path before the clocks go back (${tag}).`,
  youSaidParents: `Young people told us the park path is too dark after school (${tag}).`,
  weDidParents: `The Board asked Highways to light the park path this winter (${tag}).`,
  plYouSaid: `Powiedzieliście, że ścieżka przy parku jest za ciemna (${tag}).`,
  plWeDid: `Stawiamy nowe lampy przy ścieżce w parku (${tag}).`,
  second: `You said the skate park needs a shelter (${tag}).`,
};

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function participant(browser: Browser, baseURL: string, opts: { width?: number; lang?: string } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: opts.width ?? 1280, height: 900 },
    baseURL,
  });
  if (opts.lang) await context.addCookies([{ name: "sb_lang", value: opts.lang, url: baseURL }]);
  return { context, page: await context.newPage() };
}

type Made = { entryId: number; secondId: number; actionIds: number[]; passId: number; outcomeId: number };
let made: Made;

/** What the Board's publishing writes: a summary of these contributions, its item, the published response, the entry. */
function publishEntry(
  contributionIds: number[],
  e: {
    youSaid: string;
    weDid: string;
    youSaidParents: string;
    weDidParents: string;
    pl?: boolean;
    ar?: boolean;
    checked?: boolean;
  },
  actions: { description: string; agency: string; status: string; ar?: string }[],
) {
  return writeE2eDb((db) => {
    const now = new Date().toISOString();
    const outcome = db
      .prepare(
        "select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 and o.key = 'stay-safe'",
      )
      .get() as { id: number };
    const locality = db.prepare("select id from localities where name = 'Ashcombe'").get() as { id: number };
    const meeting = db.prepare("select id from meetings order by id limit 1").get() as { id: number };
    const summaryId = Number(
      db
        .prepare(
          "insert into summaries (title, period_from, period_to, outcome_ids, key_message, status) values (?, ?, ?, ?, 'Dark paths', 'sent')",
        )
        .run(`Park path ${tag}`, now, now, JSON.stringify([outcome.id])).lastInsertRowid,
    );
    for (const c of contributionIds)
      db.prepare("insert into summary_sources (summary_id, contribution_id) values (?, ?)").run(summaryId, c);
    const itemId = Number(
      db
        .prepare(
          "insert into agenda_items (meeting_id, summary_id, title, kind, position) values (?, ?, ?, 'decision', 90)",
        )
        .run(meeting.id, summaryId, `Park path ${tag}`).lastInsertRowid,
    );
    const responseId = Number(
      db
        .prepare(
          "insert into board_responses (agenda_item_id, decision, actions, status, you_said, we_did, you_said_parents, we_did_parents, recorded_at, published_at) values (?, 'Agreed', '', 'published', ?, ?, ?, ?, ?, ?)",
        )
        .run(itemId, e.youSaid, e.weDid, e.youSaidParents, e.weDidParents, now, now).lastInsertRowid,
    );
    const entryId = Number(
      db
        .prepare(
          "insert into you_said_we_did (board_response_id, outcome_id, you_said, we_did, you_said_parents, we_did_parents, published_at, checked_by_young_people, locality_ids) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          responseId,
          outcome.id,
          e.youSaid,
          e.weDid,
          e.youSaidParents,
          e.weDidParents,
          now,
          e.checked ? 1 : 0,
          JSON.stringify([locality.id]),
        ).lastInsertRowid,
    );
    if (e.pl)
      db.prepare(
        "insert into you_said_we_did_translations (response_id, lang, you_said, we_did, you_said_parents, we_did_parents, updated_at) values (?, 'pl', ?, ?, ?, ?, ?)",
      ).run(responseId, words.plYouSaid, words.plWeDid, `Rodzice: ${words.plYouSaid}`, `Rada: ${words.plWeDid}`, now);
    if (e.ar)
      db.prepare(
        "insert into you_said_we_did_translations (response_id, lang, you_said, we_did, you_said_parents, we_did_parents, updated_at) values (?, 'ar', ?, ?, ?, ?, ?)",
      ).run(responseId, `قلتم: ${e.youSaid}`, `فعلنا: ${e.weDid}`, `الأهل: ${e.youSaid}`, `المجلس: ${e.weDid}`, now);
    const actionIds = actions.map((a, i) =>
      Number(
        db
          .prepare(
            "insert into response_actions (response_id, position, description, description_ar, lead_agency, owner, due_on, status, created_at, updated_at) values (?, ?, ?, ?, ?, 'Head of Highways', '2027-01-31', ?, ?, ?)",
          )
          .run(responseId, i + 1, a.description, a.ar ?? null, a.agency, a.status, now, now).lastInsertRowid,
      ),
    );
    return { entryId, actionIds, outcomeId: outcome.id };
  });
}

test("A young person's question feeds a Board decision: it is on their pass, new until read, and an action done shows as done", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  // A pass made the way a young person makes one, with JavaScript off, at 320 px.
  const { context, page } = await participant(browser, base, { width: 320 });
  await page.goto("/pass/new");
  await page.getByRole("radio", { name: "12 to 15" }).check();
  await page.getByRole("button", { name: "Make my pass" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Write down your pass" })).toBeVisible();
  const nickname = (await page.locator(".pass-nickname").innerText()).trim();
  const passId = readE2eDb<{ id: number }>("select id from passes where nickname = ?", nickname)[0].id;

  // They ask a question in Polish: the language their card will be printed in.
  await context.addCookies([{ name: "sb_lang", value: "pl", url: base }]);
  await page.goto("/ask");
  await page.getByLabel(pl.ask.questionLabel).fill("Dlaczego ścieżka przy parku jest taka ciemna wieczorem?");
  await page.getByRole("button", { name: pl.ask.send }).click();
  await expect(page).toHaveURL(/\/pass\/questions\/\d+/);
  const [asked] = readE2eDb<{ id: number }>(
    "select tm.contribution_id as id from thread_messages tm join threads t on t.id = tm.thread_id where t.pass_id = ?",
    passId,
  );
  await context.addCookies([{ name: "sb_lang", value: "en", url: base }]);

  // Before the Board answers, nothing is on the pass.
  await page.goto("/pass");
  const section = page.locator("section", {
    has: page.getByRole("heading", { level: 2, name: "What happened because you spoke" }),
  });
  await expect(
    section.getByText("When the Board does something about what you told us, it will be here."),
  ).toBeVisible();

  const first = publishEntry([asked.id], { ...words, pl: true, checked: true }, [
    { description: `Put six new lights on the park path ${tag}`, agency: "Highways", status: "not_started" },
    { description: `Cut back the hedges by the gate ${tag}`, agency: "Parks Service", status: "in_progress" },
  ]);
  const second = publishEntry(
    [asked.id],
    {
      youSaid: words.second,
      weDid: `We are asking the skate park's owners (${tag}).`,
      youSaidParents: `Parents: ${words.second}`,
      weDidParents: `Parents: asking the owners (${tag}).`,
    },
    [],
  );
  made = {
    entryId: first.entryId,
    secondId: second.entryId,
    actionIds: first.actionIds,
    passId,
    outcomeId: first.outcomeId,
  };

  await page.goto("/pass");
  await expect(section.getByText("2 new things happened because of what you told us.")).toBeVisible();
  const entry = section.locator("article", { hasText: words.youSaid });
  const other = section.locator("article", { hasText: words.second });
  await expect(entry.locator(".ysdw-new")).toHaveText("New");
  await expect(other.locator(".ysdw-new")).toHaveText("New");
  await expect(entry.getByText(words.weDid)).toBeVisible();
  await expect(entry.getByText("Young people checked these words before they were published.")).toBeVisible();
  await expect(entry.locator(".ysdw-action .tag")).toHaveText(["Not started yet", "Being done now"]);
  expect(await overflow(page)).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/pass-new-320.png`, fullPage: true });

  // "I have read this" is a POST: back on the pass, the first is no longer new; the other still is.
  await entry.getByRole("button", { name: "I have read this" }).click();
  await expect(page).toHaveURL(/\/pass#ysdw-title$/);
  await expect(section.getByText("1 new thing happened because of what you told us.")).toBeVisible();
  await expect(section.locator("article", { hasText: words.youSaid }).locator(".ysdw-new")).toHaveCount(0);
  await expect(section.locator("article", { hasText: words.second }).locator(".ysdw-new")).toHaveText("New");
  await expectNoAxeViolations(page);

  // Opening the other entry reads it too.
  await section.locator("article", { hasText: words.second }).getByRole("link", { name: "Read more" }).click();
  await expect(page).toHaveURL(`/you-said-we-did/${second.entryId}`);
  await page.goto("/pass");
  await expect(section.getByText("You have read everything here.")).toBeVisible();
  await expect(section.locator(".ysdw-new")).toHaveCount(0);
  expect(
    readE2eDb<{ entry_id: number }>(
      "select entry_id from you_said_we_did_reads where pass_id = ? order by entry_id",
      passId,
    ),
  ).toEqual([{ entry_id: first.entryId }, { entry_id: second.entryId }]);

  // An action marked done (as the Board's status change writes it) shows as done on the public entry and the pass.
  await page.goto(`/you-said-we-did/${first.entryId}`);
  const actions = page.locator(".ysdw-action");
  await expect(actions.locator(".tag")).toHaveText(["Not started yet", "Being done now"]);
  writeE2eDb((db) =>
    db
      .prepare("update response_actions set status = 'done', updated_at = ? where id = ?")
      .run(new Date().toISOString(), first.actionIds[0]),
  );
  await page.reload();
  await expect(actions.locator(".tag")).toHaveText(["Done", "Being done now"]);
  await expect(actions.first()).toContainText(`Put six new lights on the park path ${tag}`);
  await expect(actions.first()).toContainText("Led by Highways");
  await expect(page.getByText("Head of Highways")).toHaveCount(0);
  expect(await overflow(page)).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/entry-done-320.png`, fullPage: true });
  await context.close();
});

test("Someone else's pass does not get the entry, and cannot mark it read", async ({ browser, baseURL }) => {
  const base = baseURL ?? "";
  const { context, page } = await participant(browser, base);
  await page.goto("/pass/new");
  await page.getByRole("radio", { name: "12 to 15" }).check();
  await page.getByRole("button", { name: "Make my pass" }).click();
  const nickname = (await page.locator(".pass-nickname").innerText()).trim();
  const passId = readE2eDb<{ id: number }>("select id from passes where nickname = ?", nickname)[0].id;
  await page.goto("/pass");
  await expect(page.getByText(words.youSaid)).toHaveCount(0);
  const posted = await page.request.post(`/you-said-we-did/${made.entryId}`, { form: {}, headers: { Origin: base } });
  expect(posted.status()).toBe(200);
  expect(readE2eDb("select * from you_said_we_did_reads where pass_id = ?", passId)).toEqual([]);
  expect((await page.request.get("/you-said-we-did/999999")).status()).toBe(404);
  expect((await page.request.get("/you-said-we-did/abc")).status()).toBe(404);
  await context.close();
});

test("The public list filters by topic and place, and switches to the parents' words", async ({ page }) => {
  await page.goto("/you-said-we-did");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You said, we did");
  const titles = page.locator(".ysdw-entry-title");
  const all = readE2eDb<{ id: number }>(
    "select y.id from you_said_we_did y join board_responses b on b.id = y.board_response_id where b.status = 'published'",
  );
  await expect(titles).toHaveCount(all.length);

  const expected = (outcomeKey: string, place: string) =>
    readE2eDb<{ id: number }>(
      `select y.id from you_said_we_did y join board_responses b on b.id = y.board_response_id
         join outcomes o on o.id = y.outcome_id
       where b.status = 'published' and o.key = ?
         and exists (select 1 from json_each(y.locality_ids) j join localities l on l.id = j.value where l.name = ?)
       order by y.published_at desc, y.id desc`,
      outcomeKey,
      place,
    ).map((r) => `/you-said-we-did/${r.id}`);

  await page.getByLabel("Topic").selectOption({ label: "Feeling safe" });
  await page.getByLabel("Where people spoke from").selectOption({ label: "Ashcombe" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`outcome=${made.outcomeId}&locality=\\d+&for=young_people`));
  const safeAshcombe = expected("stay-safe", "Ashcombe");
  expect(safeAshcombe).toContain(`/you-said-we-did/${made.entryId}`);
  expect(await titles.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(safeAshcombe);
  await expectNoAxeViolations(page);

  // Another topic: the park path entry is not there.
  await page.getByLabel("Topic").selectOption({ label: "Learning and having fun" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(words.youSaid)).toHaveCount(0);
  expect(await titles.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(
    expected("enjoy-and-achieve", "Ashcombe"),
  );

  // Parents' words, remembered for the next visit.
  await page.getByLabel("Topic").selectOption({ label: "Feeling safe" });
  await page.getByLabel("Show the words for").selectOption({ label: "Parents and carers" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(words.youSaidParents)).toBeVisible();
  await expect(page.getByText(words.weDidParents)).toBeVisible();
  await expect(page.getByText(words.youSaid, { exact: true })).toHaveCount(0);
  // Parents' words under parents' headings, not "You said / We did".
  const parentsEntry = page.locator("article", { hasText: words.youSaidParents });
  await expect(parentsEntry.locator(".ysdw-said h3, .ysdw-did h3")).toHaveText([
    "What parents and carers told us",
    "What we're doing",
  ]);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/list-parents-wide.png`, fullPage: true });
  // The same on the entry's page, its card and its poster, in Polish too.
  await page.goto(`/you-said-we-did/${made.entryId}?for=parents_carers`);
  await expect(page.locator(".ysdw-said h3, .ysdw-did h3")).toHaveText([
    "What parents and carers told us",
    "What we're doing",
  ]);
  for (const [format, lang, said, did] of [
    ["card", "en", "What parents and carers told us", "What we're doing"],
    ["poster", "pl", pl.ysdw.parentsSaid, pl.ysdw.parentsDid],
  ] as const) {
    await page.goto(`/you-said-we-did/${made.entryId}/${format}?lang=${lang}&for=parents_carers`);
    await expect(page.locator(".ysdw-print-label")).toHaveText([
      said,
      did,
      lang === "en" ? "What is being done" : pl.ysdw.actionsTitle,
    ]);
    await expectNoAxeViolations(page);
  }
  await page.goto(`/you-said-we-did/${made.entryId}/card?lang=en&for=young_people`);
  await expect(page.locator(".ysdw-print-label").first()).toHaveText("You said");
  await page.goto("/you-said-we-did");
  await expect(page.getByLabel("Show the words for")).toHaveValue("parents_carers");
  await page.getByLabel("Show the words for").selectOption({ label: "Children and young people" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(words.youSaid)).toBeVisible();
});

test("In Polish the entry uses its translation; in Arabic, with none, it is in English with the notice (JavaScript off, 320 px)", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const polish = await participant(browser, base, { width: 320, lang: "pl" });
  await polish.page.goto(`/you-said-we-did/${made.entryId}`);
  await expect(polish.page.getByRole("heading", { level: 1 })).toHaveText(pl.ysdw.title);
  await expect(polish.page.getByText(words.plYouSaid)).toBeVisible();
  await expect(polish.page.getByText(words.plWeDid)).toBeVisible();
  await expect(polish.page.getByText(pl.consultation.fallbackNotice)).toHaveCount(0);
  await expect(polish.page.locator(".ysdw-entry-title")).toHaveText(pl.ysdw.outcomes["stay-safe"]);
  await expect(polish.page.locator(".ysdw-action .tag")).toHaveText([pl.ysdw.status.done, pl.ysdw.status.in_progress]);
  await expect(polish.page.getByText(pl.ysdw.actionsInEnglish)).toBeVisible();
  expect(await overflow(polish.page)).toBe(0);
  await expectNoAxeViolations(polish.page);
  await polish.page.screenshot({ path: `${SHOTS}/entry-pl-320.png`, fullPage: true });
  await polish.context.close();

  const arabic = await participant(browser, base, { width: 320, lang: "ar" });
  await arabic.page.goto(`/you-said-we-did/${made.entryId}`);
  await expect(arabic.page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(arabic.page.getByRole("heading", { level: 1 })).toHaveText(ar.ysdw.title);
  await expect(arabic.page.getByText(ar.consultation.fallbackNotice)).toBeVisible();
  await expect(arabic.page.getByText(words.youSaid)).toHaveAttribute("lang", "en");
  await expect(arabic.page.locator(".ysdw-entry-title")).toHaveText(ar.ysdw.outcomes["stay-safe"]);
  expect(await overflow(arabic.page)).toBe(0);
  await expectNoAxeViolations(arabic.page);
  await arabic.page.screenshot({ path: `${SHOTS}/entry-ar-320.png`, fullPage: true });

  // The public list in Arabic says the same.
  await arabic.page.goto("/you-said-we-did");
  await expect(arabic.page.getByText(ar.consultation.fallbackNotice)).toBeVisible();
  expect(await overflow(arabic.page)).toBe(0);
  await expectNoAxeViolations(arabic.page);
  await arabic.page.screenshot({ path: `${SHOTS}/list-ar-320.png`, fullPage: true });
  await arabic.context.close();
});

test("Cards print on A5 and posters on A4, in the languages the contributors used", async ({ page }) => {
  await page.goto(`/you-said-we-did/${made.entryId}`);
  // The young person asked in Polish and there is a Polish translation; nobody spoke Arabic.
  const links = page.locator(".ysdw-print-lang a");
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
    `/you-said-we-did/${made.entryId}/card?lang=en&for=young_people`,
    `/you-said-we-did/${made.entryId}/poster?lang=en&for=young_people`,
    `/you-said-we-did/${made.entryId}/card?lang=pl&for=young_people`,
    `/you-said-we-did/${made.entryId}/poster?lang=pl&for=young_people`,
  ]);
  expect((await page.request.get(`/you-said-we-did/${made.entryId}/card?lang=ar`)).status()).toBe(404);
  expect((await page.request.get(`/you-said-we-did/${made.entryId}/flyer?lang=en`)).status()).toBe(404);

  for (const [format, size, pageName] of [
    ["card", [420, 595], "ysdw-a5"],
    ["poster", [595, 842], "ysdw-a4"],
  ] as const) {
    await page.goto(`/you-said-we-did/${made.entryId}/${format}?lang=pl&for=young_people`);
    const card = page.locator("article.ysdw-print");
    await expect(card).toHaveAttribute("lang", "pl");
    await expect(card.getByRole("heading", { level: 1 })).toHaveText(pl.ysdw.outcomes["stay-safe"]);
    await expect(card.locator("svg.outcome-icon")).toHaveAttribute("data-outcome", "stay-safe");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/${format}-pl-wide.png`, fullPage: true });

    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const el = document.querySelector("article.ysdw-print") as HTMLElement;
      const style = getComputedStyle(el);
      const words = getComputedStyle(el.querySelector(".ysdw-print-words") as HTMLElement);
      const header = document.querySelector(".site-header") as HTMLElement;
      return {
        page: style.getPropertyValue("page"),
        wordsPt: Number.parseFloat(words.fontSize) * 0.75,
        header: getComputedStyle(header).display,
        tools: getComputedStyle(document.querySelector(".ysdw-print-tools") as HTMLElement).display,
      };
    });
    expect(printed.page).toBe(pageName);
    expect(printed.wordsPt).toBeGreaterThanOrEqual(format === "card" ? 15 : 20);
    expect(printed.header).toBe("none");
    expect(printed.tools).toBe("none");
    // Back to the default: page.pdf prints with print media unless screen is forced.
    await page.emulateMedia({ media: null });

    // The printed paper itself: one page of the right size, with the Polish words on it.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    expect(doc.numPages).toBe(1);
    const [, , w, h] = (await doc.getPage(1)).view;
    expect([Math.round(w), Math.round(h)]).toEqual(size);
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain(`(${tag})`);
    expect(text).toContain(pl.ysdw.youSaid);
    expect(text).toContain(`${pl.ysdw.status.done}:`);
  }
});

test("An A5 card lists three long actions with their status and still prints on exactly one page, wide, 320 px and in Arabic", async ({
  page,
  browser,
  baseURL,
}) => {
  const long = "Neighbourhood-improvement-partnership";
  const card = publishEntry(
    [],
    {
      youSaid: `You said the underpass by the leisure centre feels unsafe after dark, that the lights are often broken and that nobody comes to fix them when you report it, so you walk the long way round by the main road instead (${tag}).`,
      weDid: `We asked the ${long} to fix every light in the underpass, paint it with young people's designs and check it each week through the winter (${tag}).`,
      youSaidParents: `Parents: the underpass is unsafe (${tag}).`,
      weDidParents: `Parents: the lights are being fixed (${tag}).`,
      ar: true,
    },
    [
      {
        description: `Replace every light in the underpass with vandal-proof lamps and a sensor that reports a broken lamp the same night ${long} (${tag})`,
        agency: "Highways",
        status: "in_progress",
        ar: `تبديل كل المصابيح في النفق بمصابيح مقاومة للتخريب (${tag})`,
      },
      {
        description: `Paint the underpass walls with designs chosen by young people from the two nearest secondary schools and the youth club (${tag})`,
        agency: "Arts Service",
        status: "not_started",
      },
      {
        description: `Check the underpass every week from October to March and publish what was found and fixed on the council's website (${tag})`,
        agency: "Community Safety",
        status: "done",
      },
    ],
  );
  const pdfPages = async () => {
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(doc, { mergePages: true });
    const [, , w, h] = (await doc.getPage(1)).view;
    return { pages: doc.numPages, size: [Math.round(w), Math.round(h)], text: text.replace(/\s+/g, " ") };
  };
  await page.goto(`/you-said-we-did/${card.entryId}/card?lang=en&for=young_people`);
  const items = page.locator(".ysdw-print-actions li");
  await expect(items).toHaveText([
    /^Being done now: Replace every light in the underpass/,
    /^Not started yet: Paint the underpass walls/,
    /^Done: Check the underpass every week/,
  ]);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/card-actions-wide.png`, fullPage: true });
  const printed = await pdfPages();
  expect(printed.pages).toBe(1);
  expect(printed.size).toEqual([420, 595]);
  for (const status of ["Being done now: Replace", "Not started yet: Paint", "Done: Check"])
    expect(printed.text).toContain(status);
  expect(printed.text).toContain("Find out more:");

  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  expect(await overflow(page)).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/card-actions-320.png`, fullPage: true });

  // In Arabic: the translated action in Arabic, the others in English and marked so; still one A5 page.
  const arabic = await participant(browser, baseURL ?? "", { width: 320, lang: "ar" });
  await arabic.page.goto(`/you-said-we-did/${card.entryId}/card?lang=ar&for=young_people`);
  const arItems = arabic.page.locator(".ysdw-print-actions li > span");
  await expect(arItems.nth(0)).toHaveText(`تبديل كل المصابيح في النفق بمصابيح مقاومة للتخريب (${tag})`);
  expect(await arItems.nth(0).getAttribute("lang")).toBeNull();
  await expect(arItems.nth(1)).toHaveAttribute("lang", "en");
  await expect(arabic.page.locator("article.ysdw-print")).toHaveAttribute("dir", "rtl");
  expect(await overflow(arabic.page)).toBe(0);
  await expectNoAxeViolations(arabic.page);
  await arabic.page.screenshot({ path: `${SHOTS}/card-actions-ar-320.png`, fullPage: true });
  await arabic.context.close();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/you-said-we-did/${card.entryId}/card?lang=ar&for=young_people`);
  const arPrinted = await pdfPages();
  expect(arPrinted.pages).toBe(1);
  expect(arPrinted.size).toEqual([420, 595]);
});

test("The open-data files carry the entry's actions and statuses, no owner, and no count from 1 to 4", async ({
  request,
}) => {
  const json = await request.get("/open-data/you-said-we-did.json");
  expect(json.status()).toBe(200);
  const body = await json.json();
  const entry = body.entries.find((e: { id: number }) => e.id === made.entryId);
  expect(entry).toMatchObject({
    outcomeKey: "stay-safe",
    localities: ["Ashcombe"],
    checkedByYoungPeople: true,
    youSaid: words.youSaid,
    translations: [{ lang: "pl", youSaid: words.plYouSaid }],
  });
  expect(
    entry.actions.map((a: { description: string; leadAgency: string; status: string }) => [
      a.description,
      a.leadAgency,
      a.status,
    ]),
  ).toEqual([
    [`Put six new lights on the park path ${tag}`, "Highways", "done"],
    [`Cut back the hedges by the gate ${tag}`, "Parks Service", "in_progress"],
  ]);
  const text = JSON.stringify(body);
  expect(text).not.toContain("Head of Highways");
  expect(text).not.toContain("Dlaczego ścieżka");

  const csv = await request.get("/open-data/you-said-we-did.csv");
  const rows = (parse(await csv.text(), { columns: true }) as Record<string, string>[]).filter(
    (r) => r.id === String(made.entryId),
  );
  expect(rows.map((r) => [r.action, r.lead_agency, r.status])).toEqual([
    [`Put six new lights on the park path ${tag}`, "Highways", "done"],
    [`Cut back the hedges by the gate ${tag}`, "Parks Service", "in_progress"],
  ]);

  // No number in either file is a count of 1 to 4: the only numbers are ids, and no field holds a count at all.
  const numbers: [string, number][] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === "number") numbers.push([key, v]);
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(body, "");
  expect([...new Set(numbers.map(([k]) => k))]).toEqual(["id"]);
  // The CSV's columns: none of them is a count.
  expect(Object.keys(rows[0])).toEqual([
    "id",
    "outcome",
    "published_at",
    "corrected_at",
    "checked_by_young_people",
    "localities",
    "you_said",
    "we_did",
    "you_said_parents",
    "we_did_parents",
    "action",
    "lead_agency",
    "due_on",
    "status",
    "dropped_reason",
    "status_since",
  ]);
});
