// Session timeouts (WCAG 2.2.1) and the retention admin page. The server's clock cannot be faked: the tests move a
// session's last_seen_at back in the e2e database and move the browser's clock forward with page.clock.
import path from "node:path";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, demoCode, expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";

const SHOTS = "test-results/session-timeout";
const RETENTION_TEXT = "[removed: kept for the agreed time only]";

function db() {
  const conn = new Database(path.resolve("tests/.tmp/e2e.db"), { fileMustExist: true });
  conn.pragma("busy_timeout = 5000");
  return conn;
}

/** Moves back the last request seen on every session of this account. */
function idleFor(email: string, minutes: number) {
  const conn = db();
  const at = new Date(Date.now() - minutes * 60_000).toISOString();
  conn
    .prepare("update staff_sessions set last_seen_at = ? where staff_id = (select id from staff_users where email = ?)")
    .run(at, email);
  conn.close();
  return at;
}

function lastSeen(email: string) {
  const conn = db();
  const row = conn
    .prepare(
      "select max(last_seen_at) as at from staff_sessions where staff_id = (select id from staff_users where email = ?)",
    )
    .get(email) as { at: string };
  conn.close();
  return row.at;
}

/** The warning's timer and the typing keeper start once React has hydrated the staff page (and run its effects). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("form.staff-who");
    return Boolean(form && Object.keys(form).some((k) => k.startsWith("__reactFiber")));
  });
  await page.waitForTimeout(250);
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

async function setIdleMinutes(page: Page, minutes: number) {
  await page.goto("/staff/admin/retention");
  await page.getByLabel("Minutes without activity before signing out").fill(String(minutes));
  await page.getByRole("button", { name: "Save time limits" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Time limits saved." })).toBeVisible();
}

/** Other specs run against the same server: the default limits come back whatever happened here. */
function defaultSettings() {
  const conn = db();
  conn.prepare("delete from app_settings where key in ('staffSession', 'retention')").run();
  conn.close();
}

test.afterEach(defaultSettings);

test("an idle-timeout warning extends the session", async ({ page }) => {
  await signInAs(page, "admin");
  await setIdleMinutes(page, 5);
  await expectNoAxeViolations(page);

  await page.clock.install();
  await page.goto("/staff/plan");
  await hydrated(page);
  // 3½ of the 5 minutes have passed on the server; the browser's clock catches up.
  const setBack = idleFor("admin@demo.test", 3.5);
  await page.clock.fastForward("03:30");
  const dialog = page.getByRole("alertdialog", { name: "Do you want to stay signed in?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("#timeout-countdown")).toHaveText(
    "You'll be signed out in 2 minutes because you haven't done anything.",
  );
  await expect(dialog.locator("#timeout-countdown")).toHaveAttribute("aria-live", "polite");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/warning.png` });

  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();
  expect(Date.parse(lastSeen("admin@demo.test"))).toBeGreaterThan(Date.parse(setBack) + 3 * 60_000);
  await page.getByRole("link", { name: "Reference data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reference data" })).toBeVisible();

  // Escape means "stay" too.
  const again = idleFor("admin@demo.test", 3.5);
  await page.clock.fastForward("03:30");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect.poll(() => Date.parse(lastSeen("admin@demo.test"))).toBeGreaterThan(Date.parse(again) + 3 * 60_000);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Reference data" })).toBeVisible();
});

test("In Arabic on a 320 px screen, the timeout warning reads right to left and fits", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL ?? "" }]);
  const page = await context.newPage();
  await page.goto("/staff/sign-in");
  await page.locator("input[type=email]").fill("admin@demo.test");
  await page.locator("input[type=password]").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.locator("#code").fill(demoCode());
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/staff$/);
  const conn = db();
  conn
    .prepare("insert or replace into app_settings (key, value, updated_at) values ('staffSession', ?, ?)")
    .run(JSON.stringify({ idleMinutes: 5, absoluteHours: 10 }), new Date().toISOString());
  conn.close();
  await page.clock.install();
  await page.goto("/staff/admin");
  await hydrated(page);
  idleFor("admin@demo.test", 3.5);
  await page.clock.fastForward("03:30");
  const dialog = page.getByRole("alertdialog", { name: "هل تريد البقاء مسجّلًا الدخول؟" });
  await expect(dialog).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(dialog.locator("#timeout-countdown")).toHaveText("سيتم تسجيل خروجك بعد دقيقتين لأنك لم تقم بأي نشاط.");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/warning-ar-320.png` });
  await dialog.getByRole("button", { name: "البقاء مسجّلًا الدخول" }).click();
  await expect(dialog).toBeHidden();
  await context.close();
});

test("after an idle timeout, signing in again puts back what was being typed", async ({ page }) => {
  await signInAs(page, "officer");
  await page.goto("/staff/consultations/new");
  await hydrated(page);
  await page.getByLabel("Title", { exact: true }).fill("Bus fares for under-16s");
  await page.getByLabel("Plain summary").fill("Tell us what buses cost you");
  idleFor("officer@demo.test", 31);
  await page.getByRole("button", { name: "Create draft" }).click();

  await expect(page).toHaveURL(/\/staff\/sign-in\?next=%2Fstaff%2Fconsultations%2Fnew&ended=idle&sent=1$/);
  await expect(page.getByRole("status").first()).toContainText(
    "You were signed out after 30 minutes without activity. Sign in to carry on; what you were typing is kept.",
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/signed-out.png`, fullPage: true });
  await page.getByLabel("Email address").fill("officer@demo.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/staff\/consultations\/new$/);
  await expect(page.getByText("We've put back what you were typing.")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Bus fares for under-16s");
  await expect(page.getByLabel("Plain summary")).toHaveValue("Tell us what buses cost you");
  await expectNoAxeViolations(page);

  // A page opened (not a form sent) after the timeout: the sign-in page, with nothing said to be sent.
  idleFor("officer@demo.test", 31);
  await page.reload();
  await expect(page).toHaveURL(/\/staff\/sign-in\?next=%2Fstaff%2Fconsultations%2Fnew&ended=idle$/);
});

test("without JavaScript, a form sent after an idle timeout is kept for that person and sent again after signing in", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  const title = "Skate park lights after dark";
  try {
    await signInAs(page, "officer");
    await page.goto("/staff/consultations/new");
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Plain summary").fill("Tell us when the park feels dark");
    idleFor("officer@demo.test", 31);
    await page.getByRole("button", { name: "Create draft" }).click();

    await expect(page).toHaveURL(/\/staff\/sign-in\?next=%2Fstaff%2Fconsultations%2Fnew&ended=idle&sent=1&kept=1$/);
    await expect(page.getByRole("status").first()).toContainText(
      "What you sent has been kept for an hour. After you sign in, you can check it and send it again.",
    );
    await expectNoAxeViolations(page);
    // Nothing was created while signed out.
    const conn = db();
    const count = () =>
      (conn.prepare("select count(*) as n from consultations where title = ?").get(title) as { n: number }).n;
    expect(count()).toBe(0);

    await page.getByLabel("Email address").fill("officer@demo.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/staff\/consultations\/new$/);
    const kept = page.getByRole("region", { name: "What you sent before you were signed out" });
    await expect(kept).toContainText(title);
    await expect(kept).toContainText("Tell us when the park feels dark");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/kept-no-js.png`, fullPage: true });
    await kept.getByRole("button", { name: "Send it again" }).click();
    await expect(page).not.toHaveURL(/\/staff\/consultations\/new$/);
    expect(count()).toBe(1);

    // Shown once: the page opened again has no kept form.
    await page.goto("/staff/consultations/new");
    await expect(page.getByRole("region", { name: "What you sent before you were signed out" })).toHaveCount(0);
    conn.close();
  } finally {
    await context.close();
  }
});

test("the retention page previews exactly what a run anonymises, runs it, and the audit log shows it", async ({
  page,
}) => {
  const conn = db();
  const insert = conn.prepare(
    `insert into contributions (source, kind, audience, body, masked_body, moderation_state, created_at)
     values ('consultation', 'text', 'young_people', ?, ?, 'approved', '2001-03-01T10:00:00Z')`,
  );
  const ids = ["Old words one", "Old words two", "Old words three"].map((w) =>
    Number(insert.run(w, w).lastInsertRowid),
  );
  conn.close();

  await signInAs(page, "admin");
  await page.goto("/staff/admin");
  await page.getByRole("link", { name: "Time limits and keeping words" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Time limits and keeping people's words");
  await expect(page.getByText("3 answers would be anonymised now.")).toBeVisible();
  const others = page.getByRole("region", { name: "What the next run will do" }).getByRole("listitem");
  await expect(others).toHaveText([
    "0 session notes",
    "0 answers under closed safeguarding cases",
    "0 unsent answers to forget",
    "0 checked import files to clear",
  ]);
  // Not run yet, unless the suite's server was up at 03:00 London time, when the nightly run ran
  await expect(
    page.getByText(/^(It has not run yet\.|Last run .+, started by the nightly run: \d[\d,]* answers? anonymised\.)$/),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/retention.png`, fullPage: true });

  // A bad limit is refused with a clear message.
  await page.getByLabel("Keep people's words for (months)").fill("500");
  await page.getByRole("button", { name: "Save how long words are kept" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator("#freeTextMonths-error")).toContainText(
    "Enter a number of months from 1 to 120, or leave it empty",
  );
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Anonymise now" }).click();
  await expect(page.getByText("Done. The run is recorded in the audit log.")).toBeVisible();
  await expect(page.getByText("0 answers would be anonymised now.")).toBeVisible();
  await expect(page.getByText(/^Last run .+, started by Sam Reid: 3 answers anonymised\.$/)).toBeVisible();
  await expectNoAxeViolations(page);
  const check = db();
  const bodies = check
    .prepare(`select body, masked_body as masked from contributions where id in (${ids.join(",")})`)
    .all();
  check.close();
  expect(bodies).toEqual(ids.map(() => ({ body: RETENTION_TEXT, masked: null })));

  await page.getByRole("link", { name: "Every run in the audit log" }).click();
  const row = page.locator("tbody tr").first();
  await expect(row.getByRole("cell").nth(2)).toHaveText("Old words anonymised");
  await expect(row).toContainText("Sam Reid");
  await expect(row).toContainText(
    "trigger: admin, freeTextMonths: 24, safeguardingMonths: 72, contributions: 3, sessionNotes: 0, safeguardingWords: 0, drafts: 0, importFiles: 0",
  );
  await expect(page.getByRole("combobox", { name: "What happened" })).toContainText("Old words anonymised");
  await expectNoAxeViolations(page);
});

test("In Arabic on a 320 px screen, the retention page reads right to left and fits", async ({ browser, baseURL }) => {
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
  await page.goto("/staff/admin/retention");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("حدود الوقت والاحتفاظ بكلمات الناس");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/retention-ar-320.png`, fullPage: true });
  await context.close();
});
