import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, signOut, test } from "../support/fixtures";
import { makePassSession, readE2eDb, signInWithPass } from "../support/pass-session";

// Issue 8: an officer publishes an answered question to /questions, anonymised; pass holders say it helped or report
// it; three reports hide it until an officer reviews it. Participant pages are used with JavaScript off.
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36).replace(/\d/g, "");
const QUESTION = `My name is Tom. Why do the ${stamp} swimming lessons at Brackenford pool stop in March?`;
const MASKED = `My name is [removed]. Why do the ${stamp} swimming lessons at Brackenford pool stop in March?`;
const ANSWER = "The pool needs a new roof. Lessons move to Ashcombe from March, and the bus there is free.";

function countyDay(addDays: number) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(
    new Date(Date.now() + addDays * 86400_000),
  );
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll("main form")];
    return forms.length > 0 && forms.every((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber")));
  });
}

async function passHolder(browser: Browser, baseURL: string, lang?: string) {
  const pass = makePassSession();
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await signInWithPass(context, baseURL, pass.sessionId);
  if (lang) await context.addCookies([{ name: "sb_lang", value: lang, url: baseURL }]);
  return { pass, context, page: await context.newPage() };
}

let threadId = 0;

test("An officer publishes an answered question: it shows on /questions with no nickname and the name masked", async ({
  browser,
  page,
  baseURL,
}) => {
  const asker = await passHolder(browser, baseURL as string);
  await asker.page.goto("/ask");
  await asker.page.getByLabel("Your question").fill(QUESTION);
  await asker.page.getByLabel("What is it about?").selectOption({ label: "Being healthy" });
  await asker.page.getByRole("button", { name: "Send my question" }).click();
  await expect(asker.page).toHaveURL(/\/pass\/questions\/\d+\?sent=question$/);
  threadId = Number(new URL(asker.page.url()).pathname.split("/").pop());

  // The officer approves it, gives it to themself, answers it with the reading-age hint beside the box.
  await signInAs(page, "officer");
  await page.goto("/staff/moderation?source=question");
  await hydrated(page);
  await page.locator("article").filter({ hasText: stamp }).getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("article").filter({ hasText: stamp })).toHaveCount(0);
  await page.goto(`/staff/questions/${threadId}`);
  await hydrated(page);
  await page.getByLabel("Answerer").selectOption({ label: "Priya Shah (Participation officer)" });
  await page.getByLabel("Answer by").fill(countyDay(7));
  await page.getByRole("button", { name: "Give the question" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved: the answerer and the due date.");
  await hydrated(page);
  await page.getByLabel("Answer", { exact: true }).fill(ANSWER);
  // With JavaScript the hint follows the typing: 18 words, 2 sentences, 21 syllables: 0.39 × 9 + 11.8 × 21/18 − 15.59 = 1.7.
  await expect(page.locator("#reading-age")).toContainText("Reading age: about 7 (Flesch–Kincaid grade 1.7).");
  await expect(page.locator("#reading-age")).toContainText("The young person who asked is 12 or older");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send the answer" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Your answer is sent. The young person has a message in their pass.",
  );

  // The preview is exactly what will be public: the name is masked; a word added to the question is refused.
  await expect(page.getByLabel("The question as it will appear")).toHaveValue(MASKED);
  await expect(page.getByLabel("The answer as it will appear")).toHaveValue(ANSWER);
  await page.getByLabel("The question as it will appear").fill(`${MASKED} Please answer`);
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Publish" }).click();
  expect((await refused).status()).toBe(409);
  await expect(page.locator(".error-summary")).toContainText(
    "You can take words out of the young person's question, but not add any.",
  );
  await expectNoAxeViolations(page);
  await page.getByLabel("The question as it will appear").fill(MASKED);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published on Questions and answers.");
  await expect(page.getByText("This question is published.")).toBeVisible();
  await signOut(page);

  // Anyone, without a pass and without JavaScript, finds it by a word and by its outcome.
  const visitor = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const v = await visitor.newPage();
  await v.goto("/questions");
  await expectNoAxeViolations(v);
  const published = readE2eDb<{ n: number }>(
    "select count(*) n from threads where published_at is not null and report_hidden_at is null",
  )[0].n;
  await expect(v.locator("main p[aria-live]")).toHaveText(
    published === 1 ? "1 question with an answer" : `${published} questions with answers`,
  );
  await v.getByLabel("Search the questions").fill(stamp);
  await v.getByRole("button", { name: "Search" }).click();
  await expect(v.locator("main p[aria-live]")).toHaveText("1 question found Show all questions");
  const card = v.locator("main .card");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("heading")).toHaveText(MASKED);
  await expect(card).toContainText(ANSWER);
  await expect(card).toContainText("Answered by a participation officer");
  await expect(card).not.toContainText("Tom.");
  await expect(card).not.toContainText(asker.pass.nickname);
  await expectNoAxeViolations(v);
  await v.goto(`/questions?q=${stamp}&outcome=${encodeURIComponent("999999")}`);
  await expect(v.locator("main .card")).toHaveCount(1);
  const staySafe = readE2eDb<{ id: number }>(
    "select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 and o.key = 'stay-safe'",
  )[0].id;
  await v.goto(`/questions?q=${stamp}&outcome=${staySafe}`);
  await expect(v.locator("main .card")).toHaveCount(0);
  await expect(v.locator("main p[aria-live]")).toHaveText("0 questions found Show all questions");

  // Without a pass: an invitation, and a POST is refused kindly.
  await v.goto(`/questions/${threadId}`);
  await expect(v.getByRole("link", { name: "Get a pass or sign in" })).toBeVisible();
  const noPass = await visitor.request.post(`/questions/${threadId}`, { form: { intent: "helped" } });
  expect(noPass.status()).toBe(403);
  await visitor.close();
  await asker.context.close();
});

test("'This helped me' counts once per pass and never shows 1 to 4; three reports hide it until an officer reviews it", async ({
  browser,
  page,
  baseURL,
}) => {
  const helpers = await passHolder(browser, baseURL as string);
  await helpers.page.goto(`/questions/${threadId}`);
  await helpers.page.getByRole("button", { name: "This helped me" }).click();
  await expect(helpers.page.getByRole("status")).toHaveText("Thank you. You said this helped you.");
  await expect(helpers.page.getByText("You said this helped you. Thank you.")).toBeVisible();
  // One person: shown as "a few", never "1".
  await expect(helpers.page.locator("main")).toContainText("A few people said this helped them");
  await expect(helpers.page.locator("main")).not.toContainText("1 person");
  await expectNoAxeViolations(helpers.page);
  // The same pass again changes nothing.
  await helpers.context.request.post(`/questions/${threadId}`, { form: { intent: "helped" } });
  expect(readE2eDb<{ n: number }>("select count(*) n from thread_helped where thread_id = ?", threadId)[0].n).toBe(1);
  await helpers.context.close();

  // Three different passes report it; the first forgets to choose why.
  for (let i = 0; i < 3; i++) {
    const reporter = await passHolder(browser, baseURL as string);
    await reporter.page.goto(`/questions/${threadId}`);
    if (i === 0) {
      const refused = reporter.page.waitForResponse((r) => r.request().method() === "POST");
      await reporter.page.getByRole("button", { name: "Report this" }).click();
      expect((await refused).status()).toBe(400);
      await expect(reporter.page.locator(".error-summary")).toContainText("Choose what is wrong");
      await expectNoAxeViolations(reporter.page);
    }
    await reporter.page.getByRole("radio", { name: "It says who someone is" }).check();
    await reporter.page.getByRole("button", { name: "Report this" }).click();
    if (i < 2) {
      await expect(reporter.page.getByRole("status")).toHaveText("Thank you for telling us. An adult will look at it.");
    } else {
      await expect(reporter.page).toHaveURL("/questions?reported=1");
      await expect(reporter.page.getByRole("status")).toHaveText(
        "Thank you for telling us. We have hidden it until an adult has looked at it.",
      );
      await expectNoAxeViolations(reporter.page);
    }
    await reporter.context.close();
  }
  const gone = await page.request.get(`/questions/${threadId}`);
  expect(gone.status()).toBe(404);
  await page.goto(`/questions?q=${stamp}`);
  await expect(page.locator("main .card")).toHaveCount(0);

  // The officer sees it among reported items, hidden, and keeps it after reading it.
  await signInAs(page, "officer");
  await page.goto("/staff/questions");
  const reported = page.locator("section[aria-labelledby=reported-title] li").filter({ hasText: stamp });
  await expect(reported).toContainText("3 reports");
  await expect(reported).toContainText("Hidden");
  await expectNoAxeViolations(page);
  await reported.getByRole("link").click();
  await expect(page.getByText(/^Hidden from the public: 3 reports since it was last reviewed/)).toBeVisible();
  await expect(page.getByText("1 person said it helped · 3 reports since the last review")).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Keep it published" }).click();
  await expect(page.getByRole("status")).toHaveText("Kept published. The reports so far no longer count.");
  await expect(page.getByText("This question is published.")).toBeVisible();
  await signOut(page);
  await page.goto(`/questions?q=${stamp}`);
  await expect(page.locator("main .card")).toHaveCount(1);
});

test("Questions and answers reads right to left in Arabic at 320 px, with JavaScript off", async ({
  browser,
  baseURL,
}) => {
  const holder = await passHolder(browser, baseURL as string, "ar");
  await holder.page.setViewportSize({ width: 320, height: 800 });
  for (const path of ["/questions", `/questions/${threadId}`]) {
    await holder.page.goto(path);
    await expect(holder.page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(await holder.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(holder.page);
  }
  await expect(holder.page.getByRole("button", { name: "هذا ساعدني" })).toBeVisible();
  await holder.page.screenshot({ path: "test-results/questions-public/ar-320.png", fullPage: true });
  await holder.context.close();
});
