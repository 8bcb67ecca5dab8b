import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import {
  DEMO_PASSWORD,
  demoCode,
  expect,
  expectNoAxeViolations,
  signInAs,
  signOut,
  test,
  totpCode,
} from "../support/fixtures";
import { readE2eDb } from "../support/pass-session";

// Issue 12: staff accounts (invitations, roles, disabling) and two-factor sign-in with recovery codes.
test.describe.configure({ mode: "serial" });

const port = Number(process.env.E2E_PORT || 3100);
const origin = `http://localhost:${port}`;
const suffix = Date.now().toString(36);
const shots = "tests/.tmp/screens";
// scripts/e2e-server.sh points the app's SMTP at PORT+1000: this is that server.
const mail: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    stream.on("end", () => {
      mail.push({ to: session.envelope.rcptTo.map((r) => r.address), body: raw.replace(/=\r?\n/g, "") });
      callback();
    });
  },
});
test.beforeAll(() => new Promise<void>((resolve) => smtp.listen(port + 1000, "127.0.0.1", resolve)));
test.afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const officer = { name: `Bea Okoro ${suffix}`, email: `bea-${suffix}@example.org`, password: "paper lantern orchard" };
const lead = { name: `Sol Marin ${suffix}`, email: `sol-${suffix}@example.org`, password: "quiet harbour violet" };
const idOf = (email: string) => readE2eDb<{ id: number }>("select id from staff_users where email = ?", email)[0].id;

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(innerWidth);
}

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function invite(page: Page, who: { name: string; email: string }, role: string) {
  await page.goto("/staff/admin/staff");
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Email address").fill(who.email);
  await page.getByLabel("Role").selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: who.name })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Invitation sent. The link works once, for 72 hours.");
  await expect.poll(() => mail.filter((m) => m.to.includes(who.email)).length).toBe(1);
  const body = mail.filter((m) => m.to.includes(who.email))[0].body;
  const link = new RegExp(`${origin}/staff/invite/[A-Za-z0-9_-]{43}`).exec(body)?.[0];
  expect(link, body).toBeTruthy();
  return link as string;
}

async function freshPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto("/staff/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin invites an officer and disables another", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signInAs(page, "admin");
  await page.goto("/staff/admin");
  await page.getByRole("link", { name: "Staff accounts" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff accounts" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Sam Reid admin@demo\.test Administrator Active On/ })).toBeVisible();

  // A wrong address and no role: a message for each, and what was typed stays.
  await page.getByLabel("Name").fill(officer.name);
  await page.getByLabel("Email address").fill("not-an-email");
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Send invitation" }).click(),
  ]);
  expect(bad.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Enter an email address like name@example.org");
  await expect(page.getByRole("alert")).toContainText("Choose a role");
  await expect(page.getByLabel("Name")).toHaveValue(officer.name);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  const link = await invite(page, officer, "Participation officer");
  await expect(page.getByText("Invited, password not set")).toBeVisible();
  await expectNoAxeViolations(page);

  // The officer opens the link from the email and sets a password.
  const bea = await freshPage(browser);
  await bea.page.goto(link);
  await expect(bea.page.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  await expectNoAxeViolations(bea.page);
  await bea.page.getByLabel("New password").fill("too short");
  await bea.page.getByLabel("Type the password again").fill("too short");
  await bea.page.getByRole("button", { name: "Set password" }).click();
  await expect(bea.page.getByRole("alert")).toContainText("Your password must have at least 12 characters");
  await expectNoAxeViolations(bea.page);
  await bea.page.getByLabel("New password").fill(officer.password);
  await bea.page.getByLabel("Type the password again").fill(officer.password);
  await bea.page.getByRole("button", { name: "Set password" }).click();
  await expect(bea.page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(bea.page.getByText("Two-factor sign-in is off.")).toBeVisible();
  await expectNoAxeViolations(bea.page);
  // The link worked once.
  const again = await bea.page.request.get(link);
  expect(again.status()).toBe(404);
  await bea.page.goto(link);
  await expect(bea.page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
  await bea.page.goto("/staff");
  await expect(bea.page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // The admin changes her role, then back.
  await page.goto("/staff/admin/staff");
  await page.getByRole("link", { name: officer.name }).click();
  await page.getByLabel("Role").selectOption({ label: "Board member" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toHaveText("Role changed.");
  await expect(page.locator(".summary-list")).toContainText("Board member");
  await page.getByLabel("Role").selectOption({ label: "Participation officer" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.locator(".summary-list")).toContainText("Participation officer");

  // …and disables the account, after a confirmation.
  await page.getByRole("link", { name: "Disable the account" }).click();
  await expect(page.getByRole("heading", { name: `Disable ${officer.name}'s account?` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, disable the account" }).click();
  await expect(page.getByRole("status")).toHaveText("Account disabled. They have been signed out.");
  await expect(page.locator(".summary-list")).toContainText("Disabled");
  await expectNoAxeViolations(page);

  // Her open session ended at once, and she cannot sign in.
  await bea.page.goto("/staff");
  await expect(bea.page).toHaveURL(/\/staff\/sign-in\?next=%2Fstaff&ended=ended$/);
  await signInWithPassword(bea.page, officer.email, officer.password);
  await expect(bea.page.getByRole("alert")).toContainText("The email address or password is not right.");
  await bea.context.close();

  // Nobody disables themselves; the request is refused even when sent by hand.
  const adminId = idOf("admin@demo.test");
  await page.goto(`/staff/admin/staff/${adminId}`);
  await expect(page.getByText("You cannot disable your own account.")).toBeVisible();
  const self = await page.request.post(`/staff/admin/staff/${adminId}`, {
    form: { intent: "disable" },
    headers: { Origin: origin },
  });
  expect(self.status()).toBe(409);

  // The setting for every role, on and off again (other specs sign in as officers without a code).
  await page.goto("/staff/admin/staff");
  await page.getByRole("button", { name: "Require two-factor for every role" }).click();
  await expect(page.getByRole("status")).toHaveText("Two-factor sign-in is now required for every role.");
  await expect(page.getByText("Two-factor sign-in is required for every role.")).toBeVisible();
  await page.getByRole("button", { name: "Require it only for the safeguarding lead and administrators" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Two-factor sign-in is now required for the safeguarding lead and administrators only.",
  );
  await screenshot(page, "staff-accounts");
});

let leadCodes: string[] = [];

test("a staff member enrols in two-factor and signs in with a code, then with a recovery code", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signInAs(page, "admin");
  const link = await invite(page, lead, "Safeguarding lead");

  const { context, page: sol } = await freshPage(browser);
  await sol.goto(link);
  await sol.getByLabel("New password").fill(lead.password);
  await sol.getByLabel("Type the password again").fill(lead.password);
  await sol.getByRole("button", { name: "Set password" }).click();
  // The role needs two-factor: straight on to enrolment, and nothing else opens yet.
  await expect(sol.getByRole("heading", { level: 1, name: "Set up two-factor sign-in" })).toBeVisible();
  await expect(sol.getByRole("img", { name: "QR code to add Sounding Board to your authenticator app" })).toBeVisible();
  expect((await sol.request.get("/staff", { maxRedirects: 0 })).status()).toBe(302);
  await screenshot(sol, "two-factor-enrol");
  const secret = ((await sol.locator(".secret-text").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A code from two minutes ahead does not match.
  await sol.getByLabel("6-digit code").fill(totpCode(secret, 4));
  await sol.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(sol.getByRole("alert")).toContainText("That code does not match.");
  await expectNoAxeViolations(sol);
  const enrolCode = totpCode(secret);
  await sol.getByLabel("6-digit code").fill(enrolCode);
  await sol.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(sol.getByRole("heading", { level: 1, name: "Two-factor sign-in is on" })).toBeVisible();
  leadCodes = await sol.locator(".code-list code").allTextContents();
  expect(leadCodes).toHaveLength(10);
  for (const c of leadCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await expect(sol.getByRole("link", { name: "Download the codes as a text file" })).toHaveAttribute(
    "download",
    "sounding-board-recovery-codes.txt",
  );
  await expectNoAxeViolations(sol);
  await sol.getByRole("link", { name: "I've saved them, continue" }).click();
  await expect(sol.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(sol.getByText("You have 10 recovery codes left.")).toBeVisible();
  await expectNoAxeViolations(sol);
  await signOut(sol);

  // Password, then the code: the one already used is refused, a fresh one opens the session.
  await signInWithPassword(sol, lead.email, lead.password);
  await expect(sol.getByRole("heading", { level: 1, name: "Enter your sign-in code" })).toBeVisible();
  await expectNoAxeViolations(sol);
  await sol.getByLabel("6-digit code").fill(enrolCode);
  const [reused] = await Promise.all([
    sol.waitForResponse((r) => r.request().method() === "POST"),
    sol.getByRole("button", { name: "Continue" }).click(),
  ]);
  expect(reused.status()).toBe(400);
  await expect(sol.getByRole("alert")).toContainText("That code is not right or has already been used.");
  await expectNoAxeViolations(sol);
  // The next time step's code: the server accepts one step either side, never a step it has seen.
  await sol.getByLabel("6-digit code").fill(totpCode(secret, 1));
  await sol.getByRole("button", { name: "Continue" }).click();
  await expect(sol.getByRole("button", { name: "Sign out" })).toBeVisible();
  await signOut(sol);

  // Then with a recovery code instead.
  await signInWithPassword(sol, lead.email, lead.password);
  await sol.getByRole("link", { name: "Use a recovery code instead" }).click();
  await expect(sol.getByRole("heading", { level: 1, name: "Enter a recovery code" })).toBeVisible();
  await expectNoAxeViolations(sol);
  await sol.getByLabel("Recovery code").fill(leadCodes[0]);
  await sol.getByRole("button", { name: "Continue" }).click();
  await expect(sol.getByRole("button", { name: "Sign out" })).toBeVisible();
  await sol.goto("/staff/account");
  await expect(sol.getByText("You have 9 recovery codes left.")).toBeVisible();
  await signOut(sol);

  // A recovery code works once.
  await signInWithPassword(sol, lead.email, lead.password);
  await sol.getByRole("link", { name: "Use a recovery code instead" }).click();
  await sol.getByLabel("Recovery code").fill(leadCodes[0]);
  await sol.getByRole("button", { name: "Continue" }).click();
  await expect(sol.getByRole("alert")).toContainText("That recovery code is not right or has already been used");
  await expectNoAxeViolations(sol);
  await context.close();

  // The admin resets the lead's two-factor (a lost phone): their next sign-in enrols again.
  await page.goto(`/staff/admin/staff/${idOf(lead.email)}`);
  await page.getByRole("button", { name: "Reset two-factor sign-in" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Two-factor sign-in reset. They will set it up again when they next sign in.",
  );
  const next = await freshPage(browser);
  await signInWithPassword(next.page, lead.email, lead.password);
  await expect(next.page.getByRole("heading", { level: 1, name: "Set up two-factor sign-in" })).toBeVisible();
  await next.context.close();
});

test("the audit log shows each", async ({ page }) => {
  await signInAs(page, "admin");
  const bea = idOf(officer.email);
  const sol = idOf(lead.email);
  const cases: [string, string, number][] = [
    ["Signed in", "sign_in", sol],
    ["Failed sign-in", "sign_in_failed", 0],
    ["Role changed", "staff_role_changed", bea],
    ["Staff invited", "staff_invited", bea],
    ["Account disabled", "staff_disabled", bea],
    ["Two-factor turned on", "two_factor_enrolled", sol],
    ["Two-factor reset", "two_factor_reset", sol],
    ["Recovery code used", "recovery_code_used", sol],
  ];
  await page.goto("/staff/audit");
  for (const [label, action, subject] of cases) {
    await page.getByLabel("What happened").selectOption({ label });
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`action=${action}(&|$)`));
    const rows = page.locator("tbody tr");
    if (subject) {
      const expected = readE2eDb<{ n: number }>(
        "select count(*) n from audit_log where action = ? and subject_id = ?",
        action,
        subject,
      )[0].n;
      await expect(rows.filter({ hasText: new RegExp(`staff #${subject}(?!\\d)`) })).toHaveCount(expected);
      expect(expected).toBeGreaterThan(0);
    } else {
      // The failed sign-in of the disabled officer names the address tried.
      await expect(rows.filter({ hasText: officer.email })).toHaveCount(1);
    }
    await expect(rows.first().getByRole("cell").nth(2)).toHaveText(label);
  }
  await expectNoAxeViolations(page);
});

test("In Arabic on a 320 px screen, the code step reads right to left, fits, and says what is wrong", async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await freshPage(browser, { viewport: { width: 320, height: 800 } });
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL ?? "" }]);
  await page.goto("/staff/sign-in");
  await page.locator("#email").fill("safeguarding@demo.test");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("form button[type=submit]").click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("أدخل رمز تسجيل الدخول");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByRole("alert")).toContainText("أدخل الرمز المكوّن من 6 أرقام من تطبيق المصادقة");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${shots}/two-factor-code-ar-320.png`, fullPage: true });
  await page.locator("#code").fill(demoCode());
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/staff$/);
  await context.close();
});
