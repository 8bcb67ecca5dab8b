import { expect, expectNoAxeViolations, test } from "../support/fixtures";

test.use({ javaScriptEnabled: false });

test("A young person answers by keyboard alone, at 320 px wide, with JavaScript off", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto("/consultations/feeling-safe-travel");
  await expectNoAxeViolations(page);
  // Nothing scrolls sideways at 320 px.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // The skip link is the first thing a keyboard reaches.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();

  await page.getByRole("link", { name: "Start now" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Question 1 of/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Radio faces: Tab into the group, arrow to choose, Enter submits the form.
  await page.getByRole("radio").first().focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "OK" })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Question 2 of/)).toBeVisible();
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

test("Answers to a closed or unknown consultation get a clear page, not a 500", async ({ page, request }) => {
  const unknown = await page.goto("/consultations/no-such-consultation/question/1");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page);

  const closed = await page.goto("/consultations/your-say-youth-clubs/question/1");
  expect(closed?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This consultation is closed" })).toBeVisible();
  await expectNoAxeViolations(page);

  const post = await request.post("/consultations/your-say-youth-clubs/question/1", {
    headers: { Origin: "http://localhost:3100" },
    form: { answer: "3" },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(410);

  // A tampered option id is refused with 400.
  const tampered = await request.post("/consultations/feeling-safe-travel/question/1", {
    headers: { Origin: "http://localhost:3100" },
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
