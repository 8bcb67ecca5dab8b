import type { Browser } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test, tick } from "../support/fixtures";

// Issue 3: consultations that children, young people, parents and carers can answer in minutes.
test.describe.configure({ mode: "serial" });

const title = `School lunches ${Date.now()}`;
let slug = "";
let consultationPath = "";
const isoDay = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

async function addQuestion(
  page: import("@playwright/test").Page,
  q: {
    kind: string;
    prompt: string;
    easy?: string;
    options?: string[];
    other?: boolean;
    optional?: boolean;
    outcome?: string;
  },
) {
  await page.getByLabel("Type of question").selectOption(q.kind);
  await page.getByLabel("Question", { exact: true }).fill(q.prompt);
  if (q.easy) await page.getByLabel("Easy read wording (optional)").fill(q.easy);
  if (q.options) await page.getByLabel("Choices").fill(q.options.join("\n"));
  if (q.other) await tick(page, 'Add an "Other" choice with a box to write in (multiple choice)');
  if (q.optional) await page.getByRole("radio", { name: "Optional" }).check();
  if (q.outcome) await tick(page, q.outcome);
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("heading", { level: 3, name: q.prompt })).toBeVisible();
}

/** Presses the form's button (whatever its words in this language) and waits for the next page. */
async function send(page: import("@playwright/test").Page, next: RegExp) {
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(next);
}

async function noScript(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

test("An officer builds a consultation with every question type, words it for easy read and Polish, previews and publishes it", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/consultations/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Plain summary").fill("Tell us what you think about lunch at school.");
  await page.getByLabel("Easy read summary (optional)").fill("Tell us about school lunch.");
  await page.getByRole("radio", { name: "Young people, parents and carers" }).check();
  await page.getByLabel("Opens on").fill(isoDay(-1));
  await page.getByLabel("Closes on").fill(isoDay(14));
  // A results date before the close date is refused, and everything typed is kept.
  await page.getByLabel("Results shared by (optional)").fill(isoDay(7));
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("alert")).toContainText("Results can only be shared after the close date");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectNoAxeViolations(page);
  await page.getByLabel("Results shared by (optional)").fill(isoDay(30));
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  consultationPath = new URL(page.url()).pathname;

  // Choices are needed for a choice question.
  await page.getByLabel("Type of question").selectOption("single");
  await page.getByLabel("Question", { exact: true }).fill("What do you usually eat at lunch?");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter 2 to 12 choices");
  await expectNoAxeViolations(page);

  await addQuestion(page, {
    kind: "scale",
    prompt: "How happy are you with school lunches?",
    easy: "Do you like school lunch?",
    outcome: "Be healthy",
  });
  await addQuestion(page, {
    kind: "single",
    prompt: "What do you usually eat at lunch?",
    easy: "What do you eat at lunch?",
    options: ["Hot school dinner", "Packed lunch", "Food from a shop"],
  });
  await addQuestion(page, {
    kind: "multiple",
    prompt: "What would make lunchtime better?",
    options: ["More time to eat", "Tastier food", "Somewhere to sit"],
    other: true,
  });
  await addQuestion(page, {
    kind: "ranking",
    prompt: "Put these in order of what matters most",
    options: ["Taste", "Price", "Healthy"],
  });
  await addQuestion(page, { kind: "short_text", prompt: "One word for school lunch", optional: true });
  await addQuestion(page, { kind: "long_text", prompt: "Tell us anything else about lunch", optional: true });
  await expect(page.getByRole("heading", { name: "6 questions" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Polish wording for the title and the first question; the rest falls back to English.
  await page.getByRole("link", { name: "Translations and easy read" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Title").fill("Obiady w szkole");
  await page.locator("textarea[name='c.summary']").fill("Powiedz nam, co myślisz o obiadach w szkole.");
  await page.getByLabel("Question").first().fill("Jak bardzo lubisz obiady w szkole?");
  await page.getByRole("button", { name: "Save wording" }).click();
  await expect(page.getByRole("status")).toContainText("Wording saved");

  await page.getByRole("link", { name: "Preview as a participant" }).click();
  await expect(page.getByText("Jak bardzo lubisz obiady w szkole?")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "English" }).click();
  await page.getByRole("link", { name: "Show easy read" }).click();
  await expect(page.getByText("Do you like school lunch?")).toBeVisible();
  await page.getByRole("link", { name: "Next question" }).click();
  await expect(page.getByText("What do you eat at lunch?")).toBeVisible();

  await page.goto(consultationPath);
  await page.getByRole("button", { name: "Publish consultation" }).click();
  await expect(page.getByText("Open", { exact: true })).toBeVisible();
  slug =
    ((await page.getByRole("link", { name: "See it as a participant" }).getAttribute("href")) ?? "").split("/").pop() ??
    "";
  expect(slug).not.toBe("");
});

test("A young person answers it in easy read with JavaScript off", async ({ browser }) => {
  const page = await noScript(browser);
  await page.goto(`/consultations/${slug}`);
  await page.getByRole("link", { name: "Easy read" }).click();
  await expect(page.getByText("Tell us about school lunch.")).toBeVisible();
  await page.getByRole("link", { name: "Start now" }).click();

  await expect(page.getByRole("heading", { name: "Do you like school lunch?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Really good" }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "What do you eat at lunch?" })).toBeVisible();
  await page.getByRole("radio", { name: "Packed lunch" }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  await page.getByRole("checkbox", { name: "Tastier food" }).check();
  await page.getByRole("checkbox", { name: "Other" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Tell us your other answer");
  await expect(page.getByRole("checkbox", { name: "Tastier food" })).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByLabel("Your other answer").fill("A salad bar");
  await page.getByRole("button", { name: "Continue" }).click();

  // Ranking without JavaScript: numbered selects.
  await page.getByLabel("Taste").selectOption("1");
  await page.getByLabel("Price").selectOption("1");
  await page.getByLabel("Healthy").selectOption("3");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Give each choice a different number");
  await expectNoAxeViolations(page);
  await page.getByLabel("Price").selectOption("2");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByText("Optional.")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click(); // skip the optional short answer
  await page.getByLabel("Tell us anything else about lunch").fill("The queue is too long.");
  await page.getByRole("button", { name: "Continue" }).click();

  await page.getByRole("radio", { name: "I'm a young person" }).check();
  await page.getByRole("radio", { name: "12 to 15" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(page.getByText("1. Taste")).toBeVisible();
  await expect(page.getByText("A salad bar")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  await page.context().close();
});

test("A parent answers the Polish version, with English where a text is not translated", async ({ page }) => {
  await page.goto(`/consultations/${slug}`);
  await page.getByRole("link", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.getByRole("heading", { level: 1, name: "Obiady w szkole" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator(`a[href='/consultations/${slug}/question/1']`).click();
  await expect(page.getByRole("heading", { name: "Jak bardzo lubisz obiady w szkole?" })).toBeVisible();
  await page.locator("input[name=answer][value='2']").check();
  await send(page, /question\/2$/);

  // Not translated: shown in English with a notice in Polish.
  await expect(page.getByRole("heading", { name: "What do you usually eat at lunch?" })).toBeVisible();
  // Marked as English inside the Polish page, so a screen reader switches voice (WCAG 3.1.2).
  await expect(page.getByRole("heading", { name: "What do you usually eat at lunch?" })).toHaveAttribute("lang", "en");
  await expect(page.locator(".notice.warn")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Hot school dinner" }).check();
  await send(page, /question\/3$/);
  await page.getByRole("checkbox", { name: "More time to eat" }).check();
  await send(page, /question\/4$/);
  await page.getByLabel("Taste").selectOption("3");
  await page.getByLabel("Price").selectOption("1");
  await page.getByLabel("Healthy").selectOption("2");
  await send(page, /question\/5$/);
  await send(page, /question\/6$/);
  await send(page, /about-you$/);

  await page.locator("input[name=audience][value=parents_carers]").check();
  await send(page, /\/check$/);
  await expectNoAxeViolations(page);
  await send(page, /\/done$/);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "English" }).click();
});

test("Results split by age group never show a group of fewer than 5", async ({ page }) => {
  await signInAs(page, "officer");
  await page.goto(`${consultationPath}/results`);
  // Exactly the two people who answered in the stories above: the young person and the parent.
  await expect(page.locator(".stat").filter({ hasText: "people answered" }).locator("strong")).toHaveText("2");
  await expect(page.getByRole("table", { name: "Answers to question 1" })).toContainText("Really good");
  await expectNoAxeViolations(page);
  await page.getByLabel("Split by").selectOption("age_band");
  await page.getByRole("button", { name: "Show" }).click();
  const split = page.getByRole("table", { name: "Question 1 by Age group" });
  await expect(split).toContainText("fewer than 5");
  await expect(split.locator("td").filter({ hasText: /^1$/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A busy consultation from the demo county shows real counts where groups are big enough.
  await page.goto("/staff/consultations");
  await page.getByRole("link", { name: "Feeling safe on the way to school" }).click();
  await page.getByRole("link", { name: "Results" }).click();
  await page.getByLabel("Split by").selectOption("age_band");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("table", { name: "Question 1 by Age group" })).toContainText("12 to 15");
  await expectNoAxeViolations(page);
});

test("An officer closes a consultation early and the public page then says it is closed", async ({ page, browser }) => {
  await signInAs(page, "officer");
  await page.goto(consultationPath);
  await page.getByRole("button", { name: "Close it now" }).click();
  await expect(page.getByText("Closed", { exact: true })).toBeVisible();
  const visitor = await noScript(browser);
  const response = await visitor.goto(`/consultations/${slug}/question/1`);
  expect(response?.status()).toBe(410);
  await visitor.goto(`/consultations/${slug}`);
  await expect(visitor.getByRole("heading", { name: "This is closed" })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitor.context().close();
});
