import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

// The demo consultation "Feeling safe on the way to school" answered the way a child does, shared by the specs that
// need a sent answer (pass, safeguarding, shared device) so a change to its questions is mended in one place.

export type TravelAnswers = { feeling?: "Good" | "Bad"; travel?: "Bus" | "Walk"; idea?: string };

/** Questions 1 to 5; the page is left on question 6, the one for the child's own words. */
export async function answerTravelUpToWords(page: Page, { feeling = "Bad", travel = "Bus", idea }: TravelAnswers = {}) {
  await page.goto("/consultations/feeling-safe-travel/question/1");
  await page.getByRole("radio", { name: feeling, exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: travel }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("checkbox", { name: "More lights on the way" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  for (const [i, label] of [
    "Feeling safe",
    "Getting there quickly",
    "Being with friends",
    "Not costing much",
  ].entries())
    await page.getByLabel(label).selectOption(String(i + 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Question 5 of 6")).toBeVisible();
  if (idea) await page.getByRole("textbox").fill(idea);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Question 6 of 6")).toBeVisible();
}

/** Question 6 and "about you" (12 to 15, and the first place when asked); the page is left on the check page. */
export async function finishTravel(page: Page, words: string, { place = false } = {}) {
  await page.getByRole("textbox").fill(words);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: "12 to 15" }).check();
  if (place) await page.getByLabel("Where do you live?").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Continue" }).click();
}
