import fs from "node:fs";
import type { Page } from "@playwright/test";
import { countyDayStart } from "~/utils/time";
import { DEMO_PASSWORD, demoCode, expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";
import { readE2eDb } from "../support/pass-session";

// Issue 12, the audit log: a failed sign-in and an officer's refused access happen; an administrator finds exactly
// those entries by filtering, and downloads them as CSV. The log is shared with other specs, so every count shown is
// checked against the database the server writes.
test.describe.configure({ mode: "serial" });

const suffix = Date.now() % 100_000;
const WRONG_EMAIL = `nobody-${suffix}@demo.test`;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

const countOf = (action: string, staffId?: number) =>
  readE2eDb<{ n: number }>(
    `select count(*) as n from audit_log where action = ? ${staffId ? "and staff_id = ?" : ""}`,
    ...(staffId ? [action, staffId] : [action]),
  )[0].n;
const officerId = () =>
  readE2eDb<{ id: number; name: string }>("select id, name from staff_users where email = 'officer@demo.test'")[0];

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("A failed sign-in and an officer's refused access are in the audit log, filtered and downloaded", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // A wrong password for an address no one has.
  await page.goto("/staff/sign-in");
  await page.getByLabel("Email address").fill(WRONG_EMAIL);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#email-error")).toContainText("The email address or password is not right.");
  await expectNoAxeViolations(page);

  // The officer tries the audit log and is refused.
  const officerContext = await browser.newContext();
  const officerPage = await officerContext.newPage();
  await signInAs(officerPage, "officer");
  await expect(officerPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await officerPage.request.get("/staff/audit?q=private")).status()).toBe(403);
  await officerContext.close();

  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Failed sign-ins today.
  await page.getByLabel("What happened").selectOption({ label: "Failed sign-in" });
  await page.getByLabel("From (date)").fill(today);
  await page.getByLabel("To (date)").fill(today);
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`action=sign_in_failed.*from=${today}&to=${today}`));
  const failed = readE2eDb<{ n: number }>(
    "select count(*) as n from audit_log where action = 'sign_in_failed' and created_at >= ? and created_at < ?",
    countyDayStart(today),
    countyDayStart(today, 1),
  )[0].n;
  await expect(page.getByRole("status")).toHaveText(failed === 1 ? "1 entry" : `${failed} entries`);
  const failedRow = page.getByRole("row").filter({ hasText: WRONG_EMAIL });
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow.getByRole("cell").nth(1)).toHaveText("No one signed in");
  await expect(failedRow.getByRole("cell").nth(2)).toHaveText("Failed sign-in");
  await expect(failedRow.getByRole("cell").nth(4)).toHaveText(`email: ${WRONG_EMAIL}`);
  await expectNoAxeViolations(page);

  // The officer's refused access: the permission and the path, never the query string.
  const officer = officerId();
  await page.goto("/staff/audit");
  await page.getByLabel("What happened").selectOption({ label: "Access refused" });
  await page.getByLabel("Who").selectOption({ label: officer.name });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`action=access_refused&staff=${officer.id}`));
  const refused = countOf("access_refused", officer.id);
  await expect(page.getByRole("status")).toHaveText(refused === 1 ? "1 entry" : `${refused} entries`);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(Math.min(refused, 50));
  await expect(rows.first().getByRole("cell").nth(1)).toHaveText(officer.name);
  await expect(rows.first().getByRole("cell").nth(2)).toHaveText("Access refused");
  await expect(rows.first().getByRole("cell").nth(4)).toHaveText("permission: administer, path: /staff/audit");
  await expect(page.getByText("private")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The CSV carries the same filters and exactly the same entries.
  const link = page.getByRole("link", { name: "Download these entries as CSV" });
  await expect(link).toHaveAttribute("href", `/staff/audit.csv?action=access_refused&staff=${officer.id}`);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  const lines = csv.split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("created_at,staff_id,staff_name,action,subject_type,subject_id,detail");
  expect(lines).toHaveLength(refused + 1);
  expect(lines[1]).toMatch(
    new RegExp(
      `^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,${officer.id},${officer.name},access_refused,staff,${officer.id},"\\{""permission"":""administer"",""path"":""/staff/audit""\\}"$`,
    ),
  );
  expect(csv).not.toContain("private");
  // The download is itself recorded.
  expect(countOf("audit_exported")).toBeGreaterThan(0);
});

test("In Arabic on a 320 px screen, the audit log reads right to left and fits", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL ?? "" }]);
  const page = await context.newPage();
  await page.goto("/staff/sign-in");
  await page.locator("input[type=email]").fill("admin@demo.test");
  await page.locator("input[type=password]").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.locator("#code").fill(demoCode());
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/staff$/);
  await page.goto("/staff/audit?action=sign_in");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("سجل التدقيق");
  await expect(page.locator("tbody tr").first().getByRole("cell").nth(2)).toHaveText("تسجيل دخول");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await context.close();
});
