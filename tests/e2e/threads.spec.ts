import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, signOut, test } from "../support/fixtures";
import { makePassSession, readE2eDb, signInWithPass, writeE2eDb } from "../support/pass-session";

// Issue 8: a young person asks with their pass, an officer checks and assigns it, a Board member answers, and the
// young person reads the answer, replies and closes their question.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/threads";

/** A day in the county's time zone, as the date field takes it. */
function countyDay(addDays: number) {
  const d = new Date(Date.now() + addDays * 86400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(d);
}

async function youngPerson(browser: Browser, baseURL: string, opts: { js?: boolean; lang?: string } = {}) {
  const pass = makePassSession();
  const context = await browser.newContext({ javaScriptEnabled: opts.js ?? false, baseURL });
  await signInWithPass(context, baseURL, pass.sessionId);
  if (opts.lang) await context.addCookies([{ name: "sb_lang", value: opts.lang, url: baseURL }]);
  return { pass, context, page: await context.newPage() };
}

/** Staff pages run React: typing or clicking before it hydrates can be lost (React resets fields as it hydrates). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll("main form")];
    return forms.length > 0 && forms.every((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber")));
  });
}

/** The young person's words as the officer's queue shows them, approved from their own card. */
async function approveInModeration(page: Page, text: string, label: string) {
  await page.goto("/staff/moderation?source=question");
  const card = page.locator("article").filter({ hasText: text });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("heading")).toHaveText(label);
  await hydrated(page);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: /approved/i })).toBeVisible();
  await expect(page.locator("article").filter({ hasText: text })).toHaveCount(0);
}

const QUESTION = "Why did the number 42 bus after school stop running on Fridays?";
const ANSWER = "The bus company changed its timetable in September. We have asked them to bring the Friday bus back.";
const REPLY = "Thank you. When will you know if it is coming back?";

test("A young person asks with JavaScript off, an officer assigns it, a Board member answers, they reply and close it", async ({
  browser,
  page,
  baseURL,
}) => {
  // A real pass, got the way a young person gets one, so they can sign back in with its words later.
  const childContext = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const child = await childContext.newPage();
  await child.goto("/pass/new");
  await child.getByRole("radio", { name: "12 to 15" }).check();
  await child.getByRole("button", { name: "Make my pass" }).click();
  await expect(child.getByRole("heading", { level: 1, name: "Write down your pass" })).toBeVisible();
  const nickname = (await child.locator(".pass-nickname").innerText()).trim();
  const words = await child.locator(".pass-words li").allInnerTexts();
  expect(words).toHaveLength(4);
  const passId = readE2eDb<{ id: number }>("select id from passes where nickname = ?", nickname)[0].id;
  const yp = { context: childContext, pass: { passId } };
  await child.goto("/ask");
  await expect(child.getByRole("heading", { level: 1, name: "Ask a question" })).toBeVisible();
  await child.screenshot({ path: `${SHOTS}/ask-wide.png`, fullPage: true });

  // Symbols only: a 400 with the error summary, and what they typed is kept.
  await child.getByLabel("Your question").fill("?!?! 🙂");
  const bad = child.waitForResponse((r) => r.request().method() === "POST");
  await child.getByRole("button", { name: "Send my question" }).click();
  expect((await bad).status()).toBe(400);
  await expect(child.locator(".error-summary")).toContainText("Use some words too, not only emoji or symbols");
  await expect(child.getByLabel("Your question")).toHaveValue("?!?! 🙂");

  await child.getByLabel("Your question").fill(QUESTION);
  await child.getByLabel("What is it about?").selectOption({ label: "Feeling safe" });
  await child.getByRole("button", { name: "Send my question" }).click();
  await expect(child).toHaveURL(/\/pass\/questions\/\d+\?sent=question$/);
  const threadUrl = new URL(child.url()).pathname;
  const threadId = Number(threadUrl.split("/").pop());
  await expect(child.getByRole("status")).toHaveText("Thank you. Your question is sent. An adult will check it first.");
  await expect(child.locator(".tag")).toHaveText("Waiting for a check");
  await expect(child.locator(".thread-messages")).toContainText(QUESTION);
  await child.screenshot({ path: `${SHOTS}/thread-waiting-wide.png`, fullPage: true });

  // The officer approves it from the moderation queue, then gives it to the Board member with a due date.
  await signInAs(page, "officer");
  await approveInModeration(page, QUESTION, "A question from a young person");
  await page.goto("/staff/questions?status=waiting_assignment");
  await page.getByRole("link", { name: QUESTION }).click();
  await expect(page).toHaveURL(`/staff/questions/${threadId}`);
  await expectNoAxeViolations(page);
  await hydrated(page);
  const due = countyDay(7);
  await page.getByLabel("Answerer").selectOption({ label: "Cllr Helen Marsh (Board member)" });
  await page.getByLabel("Answer by").fill(due);
  await page.getByRole("button", { name: "Give the question" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved: the answerer and the due date.");
  await expect(page.locator(".summary-list")).toContainText("With the answerer");
  await expect(page.locator(".summary-list")).toContainText("Cllr Helen Marsh");
  await page.screenshot({ path: `${SHOTS}/staff-thread-wide.png`, fullPage: true });
  await signOut(page);

  // The Board member sees it among their questions and answers it.
  await signInAs(page, "board");
  await page.goto("/staff/questions");
  await page.getByRole("link", { name: QUESTION }).click();
  await expect(page).toHaveURL(`/staff/questions/${threadId}`);
  await hydrated(page);
  await page.getByLabel("Answer", { exact: true }).fill(ANSWER);
  await page.getByRole("button", { name: "Send the answer" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Your answer is sent. The young person has a message in their pass.",
  );
  await signOut(page);

  // The young person comes back another day: they sign in with their nickname and words and read the answer.
  await childContext.clearCookies();
  await child.goto("/pass/sign-in");
  await child.getByLabel("Nickname").fill(nickname);
  await child.getByLabel("Secret words").fill(words.join(" "));
  await child.getByRole("button", { name: "Sign in" }).click();
  await expect(child.getByRole("heading", { level: 1, name: "Your pass" })).toBeVisible();
  await expect(child.getByRole("link", { name: QUESTION })).toBeVisible();
  await expect(child.locator(".card").filter({ hasText: QUESTION }).locator(".tag")).toHaveText("Answered");
  await child.goto(threadUrl);
  await expect(child.locator(".tag")).toHaveText("Answered");
  await expect(child.locator(".thread-messages > li")).toHaveCount(2);
  await expect(child.locator(".thread-messages > li").nth(1)).toContainText(ANSWER);
  await expect(child.locator(".thread-messages > li").nth(1)).toContainText(
    "Answer from \u2068Cllr Helen Marsh\u2069 (",
  );
  await child.screenshot({ path: `${SHOTS}/thread-answered-wide.png`, fullPage: true });
  const inbox = readE2eDb<{ title: string; link: string }>(
    "select title, link from pass_messages where pass_id = ? order by id",
    yp.pass.passId,
  );
  expect(inbox).toEqual([{ title: "Your question has an answer", link: threadUrl }]);

  await child.getByLabel("Or write a reply").fill(REPLY);
  await child.getByRole("button", { name: "Send my reply" }).click();
  await expect(child.getByRole("status")).toHaveText("Thank you. Your reply is sent. An adult will check it first.");
  await expect(child.locator(".tag")).toHaveText("Waiting for a check");

  await signInAs(page, "officer");
  await approveInModeration(page, REPLY, "A reply");
  await signOut(page);

  await child.goto(threadUrl);
  await expect(child.locator(".tag")).toHaveText("With a Board member");
  await expect(child.getByText(`They will try to answer by`)).toBeVisible();
  await child.getByRole("button", { name: "This answered my question" }).click();
  await expect(child.getByRole("status")).toHaveText("Your question is closed. Thank you for asking.");
  await expect(child.locator(".tag")).toHaveText("Closed");
  expect(
    readE2eDb<{ status: string; closed_by: string }>("select status, closed_by from threads where id = ?", threadId),
  ).toEqual([{ status: "closed", closed_by: "asker" }]);

  // A reply to a closed question is refused with a clear message, not a 500.
  const late = await yp.context.request.post(threadUrl, { form: { intent: "reply", reply: "One more thing please" } });
  expect(late.status()).toBe(409);
  expect(await late.text()).toContain("This question is closed, so you can&#x27;t reply to it.");
  await yp.context.close();
});

/** An approved question given to the Board member, due on the given day, written as the server would have. */
function assignedQuestion(passId: number, text: string, dueOn: string) {
  return writeE2eDb((db) => {
    const now = new Date().toISOString();
    const board = db.prepare("select id from staff_users where email = 'board@demo.test'").get() as { id: number };
    const threadId = Number(
      db
        .prepare(
          "insert into threads (pass_id, status, assignee_id, due_on, language, created_at, updated_at) values (?, 'with_answerer', ?, ?, 'en', ?, ?)",
        )
        .run(passId, board.id, dueOn, now, now).lastInsertRowid,
    );
    const contributionId = Number(
      db
        .prepare(
          "insert into contributions (source, kind, audience, age_band, body, masked_body, moderation_state, flags, created_at) values ('question', 'text', 'young_people', '12_15', ?, ?, 'approved', '[]', ?)",
        )
        .run(text, text, now).lastInsertRowid,
    );
    db.prepare(
      "insert into thread_messages (thread_id, \"from\", contribution_id, created_at) values (?, 'asker', ?, ?)",
    ).run(threadId, contributionId, now);
    return threadId;
  });
}

test("Questions past their due date show as overdue, first, with the exact count on the overview", async ({ page }) => {
  const { passId } = makePassSession();
  const overdueSql =
    "select id from threads where status = 'with_answerer' and due_on < ? order by due_on, created_at, id";
  // The demo county has its own overdue question (the skate park, with the officer).
  const before = readE2eDb<{ id: number }>(overdueSql, countyDay(0)).length;
  const late1 = assignedQuestion(passId, "Overdue question about the skate park", countyDay(-3));
  const late2 = assignedQuestion(passId, "Overdue question about school dinners", countyDay(-1));
  const onTime = assignedQuestion(passId, "Question due next week about libraries", countyDay(6));
  const overdue = readE2eDb<{ id: number }>(overdueSql, countyDay(0)).map((r) => r.id);
  expect(overdue.length).toBe(before + 2);
  expect(overdue).toEqual(expect.arrayContaining([late1, late2]));
  const overdueLink = `${overdue.length} questions from young people are overdue`;

  await signInAs(page, "officer");
  await page.goto("/staff");
  await expect(page.getByRole("link", { name: overdueLink })).toBeVisible();
  await page.getByRole("link", { name: overdueLink }).click();
  await expect(page).toHaveURL("/staff/questions");
  const rows = page.locator("main table tbody tr");
  const all = readE2eDb<{ n: number }>("select count(*) n from threads")[0].n;
  await expect(rows).toHaveCount(all);
  await expect(page.getByRole("status")).toHaveText(`${all} questions`);
  const ids = await rows
    .locator("a")
    .evaluateAll((links) => links.map((a) => Number((a as HTMLAnchorElement).pathname.split("/").pop())));
  // Overdue first (oldest due date first), then the rest by due date.
  expect(ids.slice(0, overdue.length)).toEqual(overdue);
  expect(ids).toContain(onTime);
  await expect(page.locator("main table .tag")).toHaveCount(overdue.length);
  await expect(rows.filter({ hasText: "Overdue question about the skate park" })).toContainText("Overdue");
  await expect(rows.filter({ hasText: "Question due next week about libraries" })).not.toContainText("Overdue");

  const closed = readE2eDb<{ n: number }>("select count(*) n from threads where status = 'closed'")[0].n;
  await page.goto("/staff/questions?status=closed");
  await expect(page.locator("main table tbody tr")).toHaveCount(closed);
  await expect(page.getByRole("status")).toHaveText(closed === 1 ? "1 question" : `${closed} questions`);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/staff/questions");
  await page.screenshot({ path: `${SHOTS}/staff-list-320.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // The Board sees the same count on its meeting page.
  await signOut(page);
  await signInAs(page, "board");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/staff/meetings");
  // Newest first: the first Board meeting in the meetings table (overdue actions are a table of their own, above it,
  // and other specs may add meetings) is the next Board.
  await page
    .locator("main table")
    .filter({ has: page.locator("caption", { hasText: /^Meetings$/ }) })
    .getByRole("link", { name: /^Children and Young People's Board – / })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Children and Young People's Board – /);
  await expect(page.getByRole("link", { name: overdueLink })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("Each thread opens only for those it belongs to: officer, its answerer, its asker", async ({
  browser,
  page,
  baseURL,
}) => {
  const owner = await youngPerson(browser, baseURL as string);
  const assigned = assignedQuestion(owner.pass.passId, "A question for the Board member", countyDay(5));
  const unassigned = writeE2eDb((db) => {
    const now = new Date().toISOString();
    return Number(
      db
        .prepare(
          "insert into threads (pass_id, status, language, created_at, updated_at) values (?, 'waiting_assignment', 'en', ?, ?)",
        )
        .run(owner.pass.passId, now, now).lastInsertRowid,
    );
  });

  // The asker opens their own; another pass holder gets a 404; no pass goes to sign in.
  const mine = await owner.page.goto(`/pass/questions/${assigned}`);
  expect(mine?.status()).toBe(200);
  const other = await youngPerson(browser, baseURL as string);
  const theirs = await other.page.goto(`/pass/questions/${assigned}`);
  expect(theirs?.status()).toBe(404);
  const anon = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const anonPage = await anon.newPage();
  await anonPage.goto(`/pass/questions/${assigned}`);
  expect(new URL(anonPage.url()).pathname).toBe("/pass/sign-in");
  // Without a pass, /ask explains and links to getting one.
  await anonPage.goto("/ask");
  await expect(anonPage.getByRole("link", { name: "Get a pass" })).toHaveAttribute("href", "/pass");
  await expect(anonPage.getByRole("link", { name: "Sign in with my pass" })).toHaveAttribute("href", "/pass/sign-in");
  await anon.close();
  await other.context.close();

  // The officer opens both; the Board member only the one given to them; the safeguarding lead neither.
  await signInAs(page, "officer");
  expect((await page.goto(`/staff/questions/${assigned}`))?.status()).toBe(200);
  expect((await page.goto(`/staff/questions/${unassigned}`))?.status()).toBe(200);
  await signOut(page);
  await signInAs(page, "board");
  expect((await page.goto(`/staff/questions/${assigned}`))?.status()).toBe(200);
  expect((await page.goto(`/staff/questions/${unassigned}`))?.status()).toBe(404);
  await page.goto("/staff/questions");
  await expect(page.getByRole("link", { name: "A question for the Board member" })).toBeVisible();
  await signOut(page);
  await signInAs(page, "safeguarding");
  expect((await page.goto(`/staff/questions/${assigned}`))?.status()).toBe(403);
  await owner.context.close();
});

test("Ask a question reads right to left in Arabic at 320 px, with JavaScript off", async ({ browser, baseURL }) => {
  const yp = await youngPerson(browser, baseURL as string, { lang: "ar" });
  await yp.page.setViewportSize({ width: 320, height: 900 });
  await yp.page.goto("/ask");
  await expect(yp.page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(yp.page.getByRole("heading", { level: 1 })).toHaveText("اسأل سؤالًا");
  expect(await yp.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await yp.page.screenshot({ path: `${SHOTS}/ask-ar-320.png`, fullPage: true });
  await yp.page.getByLabel("سؤالك").fill("لماذا أُغلقت المكتبة يوم السبت؟");
  await yp.page.getByRole("button", { name: "أرسل سؤالي" }).click();
  await expect(yp.page.locator(".tag")).toHaveText("ينتظر الفحص");
  expect(await yp.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await yp.page.screenshot({ path: `${SHOTS}/thread-ar-320.png`, fullPage: true });
  await yp.context.close();
});

test("After five questions and replies in a day, a kind page says when to try again", async ({ browser, baseURL }) => {
  const yp = await youngPerson(browser, baseURL as string);
  for (let i = 1; i <= 5; i++) assignedQuestion(yp.pass.passId, `Earlier question number ${i}`, countyDay(6));
  await yp.page.goto("/ask");
  await expect(yp.page.getByRole("heading", { level: 1 })).toHaveText("You have sent a lot today");
  await expect(yp.page.getByText("You can send 5 questions or replies a day.")).toBeVisible();
  await expect(yp.page.getByText(/^You can send another after \d{1,2} \w+ \d{4} at \d{2}:\d{2}\.$/)).toBeVisible();
  const refused = await yp.context.request.post("/ask", { form: { question: "Is the pool open on Sunday?" } });
  expect(refused.status()).toBe(429);
  expect(await refused.text()).toContain("You can send another after");
  await yp.context.close();
});

test("A question that may be a disclosure shows where to get help and never reaches an answerer", async ({
  browser,
  page,
  baseURL,
}) => {
  const yp = await youngPerson(browser, baseURL as string);
  const words = "My step dad hits me when he is angry, who can I tell?";
  await yp.page.goto("/ask");
  await yp.page.getByLabel("Your question").fill(words);
  await yp.page.getByRole("button", { name: "Send my question" }).click();
  await expect(yp.page.getByRole("heading", { name: "If you need help now" })).toBeVisible();
  await expect(yp.page.locator(".thread-messages")).toContainText(words);
  await expect(yp.page.locator(".thread-messages")).toContainText(
    "We have passed this to an adult whose job is to keep children safe.",
  );
  const threadId = Number(new URL(yp.page.url()).pathname.split("/").pop());
  await yp.context.close();

  // Not in the moderation queue, not given to anyone; the officer sees only that it is with the lead.
  await signInAs(page, "officer");
  await page.goto("/staff/moderation?source=question");
  await expect(page.getByText(words)).toHaveCount(0);
  await page.goto(`/staff/questions/${threadId}`);
  await expect(page.getByText(words)).toHaveCount(0);
  await expect(page.getByText("This question was escalated to the safeguarding lead.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Give the question" })).toHaveCount(0);
  await signOut(page);
  await signInAs(page, "board");
  expect((await page.goto(`/staff/questions/${threadId}`))?.status()).toBe(404);
});

test("A hidden question tells the young person why, in the words the officer wrote for them", async ({
  browser,
  page,
  baseURL,
}) => {
  const yp = await youngPerson(browser, baseURL as string);
  const words = "What is the phone number of the head of the council?";
  const reason = "We can't share people's phone numbers. You can ask what the Board is doing about something.";
  await yp.page.goto("/ask");
  await yp.page.getByLabel("Your question").fill(words);
  await yp.page.getByRole("button", { name: "Send my question" }).click();
  const threadUrl = new URL(yp.page.url()).pathname;

  await signInAs(page, "officer");
  await page.goto("/staff/moderation?source=question");
  const card = page.locator("article").filter({ hasText: words });
  await hydrated(page);
  await card.locator("details[data-action=hide] summary").click();
  await expect(card.getByText("The young person will read this reason")).toBeVisible();
  await card.getByLabel(/^Why is it hidden\?/).fill(reason);
  await card.getByRole("button", { name: "Hide it" }).click();
  await expect(page.locator("article").filter({ hasText: words })).toHaveCount(0);
  await signOut(page);

  await yp.page.goto(threadUrl);
  await expect(yp.page.locator(".tag")).toHaveText("Closed");
  await expect(yp.page.locator(".thread-messages")).toContainText("We did not pass this on.");
  await expect(yp.page.locator(".thread-messages")).toContainText(`This is why: ${reason}`);
  await yp.page.screenshot({ path: `${SHOTS}/thread-hidden-wide.png`, fullPage: true });
  await yp.context.close();
});
