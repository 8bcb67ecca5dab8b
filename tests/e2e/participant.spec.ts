import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "../support/fixtures";

test.use({ javaScriptEnabled: false });

/** Presses Tab until the target has focus, as a keyboard user would; fails if it is not reachable. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Could not reach ${target} with the Tab key`);
}

test("A young person answers a whole consultation by keyboard alone, at 320 px wide, with JavaScript off", async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto("/consultations/feeling-safe-travel");
  await expectNoAxeViolations(page);
  // Nothing scrolls sideways at 320 px.
  const overflow = async () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  // The skip link is the first thing a keyboard reaches.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();

  await tabTo(page, page.getByRole("link", { name: "Start now" }));
  await page.keyboard.press("Enter");

  // 1. Faces: arrow keys move between faces, Enter sends the form.
  await expect(page.getByText("Question 1 of 6")).toBeVisible();
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByRole("radio", { name: "Really bad" }));
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "OK" })).toBeChecked();
  await page.keyboard.press("Enter");

  // 2. One choice.
  await expect(page.getByText("Question 2 of 6")).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await tabTo(page, page.getByRole("radio", { name: "Walk" }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Bus" })).toBeChecked();
  await page.keyboard.press("Enter");

  // 3. Several choices: Space ticks, then the Continue button.
  await expect(page.getByText("Question 3 of 6")).toBeVisible();
  await tabTo(page, page.getByRole("checkbox", { name: "More lights on the way" }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");

  // 4. Ranking with numbered selects.
  await expect(page.getByText("Question 4 of 6")).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  const order = ["Feeling safe", "Getting there quickly", "Being with friends", "Not costing much"];
  for (const [i, label] of order.entries()) {
    await tabTo(page, page.getByLabel(label));
    await page.keyboard.press(String(i + 1));
    await expect(page.getByLabel(label)).toHaveValue(String(i + 1));
  }
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");

  // 5. Short text, sent with Enter.
  await expect(page.getByText("Question 5 of 6")).toBeVisible();
  await tabTo(page, page.getByRole("textbox"));
  await page.keyboard.type("A crossing by the school");
  await page.keyboard.press("Enter");

  // 6. Long text.
  await expect(page.getByText("Question 6 of 6")).toBeVisible();
  await tabTo(page, page.getByRole("textbox"));
  await page.keyboard.type("The bus is fine.");
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");

  // About you.
  await expect(page.getByRole("heading", { name: "About you" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  // Only this consultation's own age groups, youngest first.
  await tabTo(page, page.getByRole("radio", { name: "8 to 11" }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "12 to 15" })).toBeChecked();
  await tabTo(page, page.getByLabel("Where do you live?"));
  await page.keyboard.press("A");
  await expect(page.getByLabel("Where do you live?")).not.toHaveValue("");
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByRole("button", { name: "Send my answers" }), 80);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});

test("A parent switches the page to Arabic (right to left) and Polish without JavaScript", async ({ page }) => {
  await page.goto("/consultations");
  await page.getByRole("link", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expectNoAxeViolations(page);
  // Remembered on the next page.
  await page.goto("/you-said-we-did");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await page.getByRole("link", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("Answers to a closed or unknown consultation get a clear page, not a 500", async ({ page, request, baseURL }) => {
  const unknown = await page.goto("/consultations/no-such-consultation/question/1");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page);

  const closed = await page.goto("/consultations/your-say-youth-clubs/question/1");
  expect(closed?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This consultation is closed" })).toBeVisible();
  await expectNoAxeViolations(page);

  const post = await request.post("/consultations/your-say-youth-clubs/question/1", {
    headers: { Origin: new URL(baseURL ?? "").origin },
    form: { answer: "3" },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(410);

  // A tampered option id is refused with 400.
  const tampered = await request.post("/consultations/feeling-safe-travel/question/1", {
    headers: { Origin: new URL(baseURL ?? "").origin },
    form: { answer: "99" },
    maxRedirects: 0,
  });
  expect(tampered.status()).toBe(400);
});

test("The public pages each have one h1 and pass axe", async ({ page }) => {
  for (const path of [
    "/",
    "/consultations",
    "/you-said-we-did",
    "/privacy",
    "/accessibility",
    "/questions",
    "/staff/sign-in",
  ]) {
    await page.goto(path);
    await expect(page.locator("h1"), path).toHaveCount(1);
    await expectNoAxeViolations(page);
  }
});
