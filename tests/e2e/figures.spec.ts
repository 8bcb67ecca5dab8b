import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";

// Issue 6: figures a Board can trust. The demo county's known numbers (db/seed), read exactly from each page.
test.describe.configure({ mode: "serial" });

/** The cells of a table's row, as the text a person reads, found by the row's first cell. */
async function rowCells(table: Locator, first: string) {
  const row = table.locator("tbody tr").filter({ has: table.page().getByText(first, { exact: true }) });
  await expect(row).toHaveCount(1);
  return (await row.locator("td, th").allInnerTexts()).map((s) => s.trim());
}

async function staffTable(page: Page, path: string) {
  await page.goto(path);
  const table = page.locator("main table").first();
  await expect(table).toBeVisible();
  await expectNoAxeViolations(page);
  return table;
}

test("An officer sees each consultation's own number of questions and responses", async ({ page }) => {
  await signInAs(page, "officer");
  const table = await staffTable(page, "/staff/consultations");
  const figures = async (title: string) => (await rowCells(table, title)).slice(-2);
  expect(await figures("Feeling safe on the way to school")).toEqual(["6", "150"]);
  expect(await figures("Healthy lunches at school")).toEqual(["3", "40"]);
  expect(await figures("Your say on youth clubs")).toEqual(["4", "120"]);
  expect(await figures("Mental health support in schools")).toEqual(["2", "0"]);
});

test("Meetings list each meeting's own agenda items, and only an item with a response says so", async ({ page }) => {
  await signInAs(page, "board");
  const table = await staffTable(page, "/staff/meetings");
  // Newest first; the seed names meetings by month from today's date, so rows are read without the month.
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
      return [cells[0].replace(/ – .*$/, ""), cells.at(-1)];
    }),
  );
  expect(rows).toEqual([
    ["Children and Young People's Strategic Partnership", "0"],
    ["Children and Young People's Board", "0"],
    ["Children and Young People's Board", "2"],
    ["Children and Young People's Strategic Partnership", "1"],
  ]);

  await table.locator("tbody tr").nth(2).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Children and Young People's Board – /);
  await expectNoAxeViolations(page);
  const card = (title: string) => page.locator(".card").filter({ has: page.getByRole("link", { name: title }) });
  await expect(card("What young people told us about youth clubs")).toContainText("Response recorded");
  await expect(card("What young people told us about youth clubs")).not.toContainText("Awaiting response");
  await expect(card("Sounding Board for Children and Young People: annual report")).toContainText("Awaiting response");
  await expect(card("Sounding Board for Children and Young People: annual report")).not.toContainText(
    "Response recorded",
  );
  await expect(page.getByText("Response recorded")).toHaveCount(1);
});
