import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { answerTravelUpToWords, finishTravel } from "../support/answering";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";

// Participant passes (issue 8): get one after answering, write the words down, sign back in, see what you answered,
// email for parents only, download and delete your data. Participant pages are used with JavaScript off.

const ar = {
  ...JSON.parse(fs.readFileSync("public/locales/ar/common.json", "utf8")),
  ...JSON.parse(fs.readFileSync("public/locales/ar/participant.json", "utf8")),
};

const TITLE = "Feeling safe on the way to school";
const shots = "test-results/pass-screens";

async function noScript(browser: Browser, width = 1280) {
  fs.mkdirSync(shots, { recursive: true });
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
  return context.newPage();
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The staff results page's "people answered" figure, read fresh with a split the page has not cached yet. */
async function peopleAnswered(staff: Page, consultationId: string, split: string) {
  await staff.goto(`/staff/consultations/${consultationId}/results?split=${split}`);
  return Number(await staff.locator(".stat strong").first().innerText());
}

async function answerTravel(page: Page) {
  await answerTravelUpToWords(page, { feeling: "Good", travel: "Walk", idea: "A crossing by the park gate" });
  await finishTravel(page, "The bus is fine most days.", { place: true });
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, your answers are sent" })).toBeVisible();
}

async function readPass(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: "Write down your pass" })).toBeVisible();
  const nickname = (await page.locator(".pass-nickname").innerText()).trim();
  const words = await page.locator(".pass-words li").allInnerTexts();
  expect(nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [1-9]\d$/);
  expect(words).toHaveLength(4);
  return { nickname, words };
}

test("A young person answers, gets a pass linked to the answers, signs back in, downloads and deletes it, and the results keep their total", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  fs.mkdirSync(shots, { recursive: true });
  const staff = await browser.newPage();
  await signInAs(staff, "officer");
  await staff.goto("/staff/consultations");
  const href = await staff.getByRole("link", { name: TITLE }).first().getAttribute("href");
  const consultationId = /\/staff\/consultations\/(\d+)/.exec(href ?? "")?.[1] ?? "";
  expect(consultationId).not.toBe("");
  const before = await peopleAnswered(staff, consultationId, "audience");

  const page = await noScript(browser);
  await answerTravel(page);
  expect(await peopleAnswered(staff, consultationId, "locality")).toBe(before + 1);

  // The done page offers a pass.
  await expect(page.getByRole("heading", { name: "Want to hear what happens?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Get a pass" }).click();

  // No age chosen: 400 with the error summary.
  await expect(page.getByRole("heading", { level: 1, name: "Get your pass" })).toBeVisible();
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Make my pass" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Choose how old you are");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "12 to 15" }).check();
  await page.getByRole("button", { name: "Make my pass" }).click();

  const { nickname, words } = await readPass(page);
  await expect(page.getByText("To print this page, use your browser's Print option.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/words-wide.png`, fullPage: true });
  // Shown once: the page does not show them again.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Your pass" })).toBeVisible();
  await expect(page.locator(".pass-words")).toHaveCount(0);

  // The answers sent before the pass are on it. Under 16: no email is offered.
  const answered = page.locator("section", { has: page.getByRole("heading", { name: "Consultations you answered" }) });
  await expect(answered.getByRole("heading", { level: 3 })).toHaveText([TITLE]);
  await expect(answered.getByText("Still open")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add an email address" })).toHaveCount(0);
  await expect(page.getByText("Email updates")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/pass-wide.png`, fullPage: true });
  const forged = await page.request.post("/pass/email", {
    headers: { Origin: new URL(baseURL ?? "").origin },
    form: { email: "me@example.test" },
  });
  expect(forged.status()).toBe(403);
  expect((await page.request.get("/pass/email")).status()).toBe(403);

  // Sign out, then back in: a wrong word gets a kind message, keeps the nickname, never shows the words.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You've signed out.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByLabel("Secret words").fill(`${words[0]} ${words[1]} ${words[2]} wrongword`);
  const wrong = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await wrong).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText(
    "That nickname and those words don't match. That's OK, check each word and try again",
  );
  await expect(page.getByLabel("Nickname")).toHaveValue(nickname);
  await expect(page.getByLabel("Secret words")).toHaveValue("");
  expect(await page.content()).not.toContain("wrongword");
  await expectNoAxeViolations(page);
  await page.getByLabel("Nickname").fill(nickname.toLowerCase());
  await page.getByLabel("Secret words").fill(words.join(", ").toUpperCase());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your pass" })).toBeVisible();
  await expect(page.locator(".pass-nickname")).toHaveText(nickname);
  await expect(answered.getByRole("heading", { level: 3 })).toHaveText([TITLE]);

  // My data: both downloads hold the answers.
  await page.getByRole("link", { name: "Download or delete your data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Download or delete your data" })).toBeVisible();
  await expectNoAxeViolations(page);
  const [jsonFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as a data file (JSON)" }).click(),
  ]);
  expect(jsonFile.suggestedFilename()).toBe("my-sounding-board-data.json");
  const exported = JSON.parse(fs.readFileSync((await jsonFile.path()) as string, "utf8"));
  expect(exported.pass).toMatchObject({ nickname, ageGroup: "12_15", email: null });
  expect(exported.consultations).toHaveLength(1);
  expect(exported.consultations[0].title).toBe(TITLE);
  const texts = exported.consultations[0].answers
    .filter((a: { text?: string }) => a.text)
    .map((a: { text: string }) => a.text);
  expect(texts).toEqual(["A crossing by the park gate", "The bus is fine most days."]);
  expect(exported.consultations[0].answers[0]).toEqual({
    question: "How safe do you feel on your way to school?",
    kind: "scale",
    value: 4,
  });
  const [htmlFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as a web page" }).click(),
  ]);
  expect(htmlFile.suggestedFilename()).toBe("my-sounding-board-data.html");
  const html = fs.readFileSync((await htmlFile.path()) as string, "utf8");
  expect(html).toContain(nickname);
  expect(html).toContain("A crossing by the park gate");
  expect(html).toContain(TITLE);

  // Delete: the page says what goes and what stays before anything happens.
  await page.getByRole("link", { name: "Delete my pass" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Delete my pass" })).toBeVisible();
  await expect(page.getByText("The words you wrote in your answers.")).toBeVisible();
  await expect(page.getByText(/our safeguarding team keeps it/)).toBeVisible();
  await expect(page.getByText("You can't undo this. Once your pass is deleted, it's gone for good.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, delete my pass" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your pass is deleted" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Gone: no session, the words no longer sign in, the download is refused.
  await page.goto("/pass");
  await expect(page.getByRole("heading", { level: 1, name: "Get a pass" })).toBeVisible();
  const afterDelete = await page.request.get("/pass/my-data.json", { maxRedirects: 0 });
  expect(afterDelete.status()).toBe(302);
  await page.goto("/pass/sign-in");
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByLabel("Secret words").fill(words.join(" "));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That nickname and those words don't match.");
  // The browser's receipt is forgotten too: the done page no longer finds these answers.
  await page.goto("/consultations/feeling-safe-travel/done");
  await expect(page).toHaveURL(/\/consultations\/feeling-safe-travel$/);

  // The staff results still count the answer: exactly one more than before the test answered.
  expect(await peopleAnswered(staff, consultationId, "age_band")).toBe(before + 1);
  await staff.close();
  await page.context().close();
});

test("Five wrong tries slow a nickname down, with a kind message and status 429", async ({ browser }) => {
  const page = await noScript(browser);
  await page.goto("/pass/sign-in");
  await expectNoAxeViolations(page);
  // Bad input: nothing typed.
  const empty = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await empty).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Enter your nickname");
  await expect(page.getByRole("alert")).toContainText("Enter your four secret words");
  await expectNoAxeViolations(page);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Nickname").fill("Sunny Llama 77");
    await page.getByLabel("Secret words").fill("apple apple apple apple");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    statuses.push((await response).status());
  }
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  await expect(page.getByRole("alert")).toContainText("You've tried a few times. Please wait 1 minute, then try again");
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("A parent adds an email for updates (a mistyped one is kept and explained), gets a new nickname, and puts later answers on the pass", async ({
  browser,
}) => {
  const page = await noScript(browser);
  await page.goto("/pass");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/landing-wide.png`, fullPage: true });
  await page.getByRole("link", { name: "Get a pass" }).click();
  await page.getByRole("radio", { name: "I'm a parent or carer" }).check();
  await page.getByRole("button", { name: "Make my pass" }).click();
  await readPass(page);
  await page.getByRole("link", { name: "I've written them down" }).click();
  await expect(page.getByText("You haven't answered a consultation with this pass yet.")).toBeVisible();
  await page.getByRole("link", { name: "Add an email address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email updates" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("carer-at-example");
  const bad = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Save email address" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Enter an email address like name@example.com");
  await expect(page.getByLabel("Email address")).toHaveValue("carer-at-example");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("Carer@Example.test");
  await page.getByRole("button", { name: "Save email address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your pass" })).toBeVisible();
  await expect(page.getByText("We send updates to carer@example.test")).toBeVisible();

  // A new nickname is made for them, never typed.
  const old = await page.locator(".pass-nickname").innerText();
  await page.getByRole("button", { name: "Give me a new nickname" }).click();
  await expect(page.getByText("You have a new nickname. Use it next time you sign in.")).toBeVisible();
  await expect(page.locator(".pass-nickname")).not.toHaveText(old);
  await expect(page.locator(".pass-nickname")).toHaveText(/^[A-Z][a-z]+ [A-Z][a-z]+ [1-9]\d$/);
  await expectNoAxeViolations(page);

  // Signed in, they answer another consultation and put those answers on their pass from the done page.
  await page.goto("/consultations/healthy-lunches/question/1");
  await page.getByRole("radio", { name: "Good", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: "I'm a parent or carer" }).check();
  await page.getByLabel("Where do you live?").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, your answers are sent" })).toBeVisible();
  await page.getByRole("button", { name: "Add these answers to my pass" }).click();
  const answered = page.locator("section", { has: page.getByRole("heading", { name: "Consultations you answered" }) });
  await expect(answered.getByRole("heading", { level: 3 })).toHaveText(["Healthy lunches at school"]);
  await page.goto("/consultations/healthy-lunches/done");
  await expect(page.getByText("These answers are on your pass.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("In Arabic at 320 px the pass pages read right to left, with the nickname and words left to right", async ({
  browser,
}) => {
  const page = await noScript(browser, 320);
  await page.goto("/language?to=ar&back=/pass");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: ar.pass.landing.title })).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/landing-ar-320.png`, fullPage: true });
  await page.getByRole("link", { name: ar.pass.landing.get }).first().click();
  await page.getByRole("button", { name: ar.pass.new.submit }).click();
  await expect(page.getByRole("alert")).toContainText(ar.pass.new.error.age);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: ar.ageBand["16_19"] }).check();
  await page.getByRole("button", { name: ar.pass.new.submit }).click();
  await expect(page.getByRole("heading", { level: 1, name: ar.pass.words.title })).toBeVisible();
  await expect(page.locator(".pass-nickname span")).toHaveAttribute("lang", "en");
  await expect(page.locator(".pass-nickname span")).toHaveAttribute("dir", "ltr");
  await expect(page.locator(".pass-words")).toHaveAttribute("dir", "ltr");
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/words-ar-320.png`, fullPage: true });
  await page.getByRole("link", { name: ar.pass.words.done }).click();
  await expect(page.getByRole("heading", { level: 1, name: ar.pass.home.title })).toBeVisible();
  // 16 and over may add an email.
  await expect(page.getByRole("link", { name: ar.pass.home.emailAdd })).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/pass-ar-320.png`, fullPage: true });
  await page.goto("/pass/delete");
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/delete-ar-320.png`, fullPage: true });
  await page.context().close();
});

test("With JavaScript, getting a pass shows the words once and offers a print button", async ({ page }) => {
  await page.goto("/pass/new");
  await page.getByRole("radio", { name: "16 to 19" }).check();
  await page.getByRole("button", { name: "Make my pass" }).click();
  await readPass(page);
  await expect(page.getByRole("button", { name: "Print this page" })).toBeVisible();
  await expect(page.getByText("To print this page, use your browser's Print option.")).toHaveCount(0);
  await page.getByRole("link", { name: "I've written them down" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your pass" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You've signed out.")).toBeVisible();
});
