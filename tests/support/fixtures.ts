import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, test as base, expect, type Locator, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO_TOTP_SECRET } from "../../db/seed/demo-two-factor";

export const DEMO_PASSWORD = "sounding-board-demo";
export type DemoRole = "officer" | "safeguarding" | "board" | "partnership" | "admin";

/** True when timers run in the page, i.e. JavaScript is on. With it off, axe (which needs timers) cannot run there. */
async function scriptsRun(page: Page) {
  const timer = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0)));
  return Promise.race([timer, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 750))]);
}

/**
 * Every page and state a test visits is checked against WCAG 2.2 A and AA. For a page seen with JavaScript off,
 * axe runs on an exact copy of that page's HTML, with its scripts taken out, in a context where axe can run.
 */
export async function expectNoAxeViolations(page: Page) {
  let target = page;
  let cleanup = async () => {};
  if (!(await scriptsRun(page))) {
    const html = (await page.content())
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
      .replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, "");
    const url = page.url();
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
    target = await context.newPage();
    await target.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await target.goto(url);
    cleanup = () => context.close();
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
    expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  } finally {
    await cleanup();
  }
}

/** Ticks a react-aria checkbox the way a person does: by its label. */
export async function tick(scope: Page | Locator, label: string) {
  await scope
    .locator("label")
    .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
    .click();
}

/** The roles the demo enrols in two-factor sign-in (they always need it). */
export const TWO_FACTOR_ROLES: readonly DemoRole[] = ["safeguarding", "admin"];

/** A two-factor code for a base32 secret, for now or `steps` time steps ahead (the server accepts ±1 step). */
export function totpCode(secret: string, steps = 0) {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** The current code of the demo safeguarding lead and administrator (their DEMO-ONLY secret is published). */
export const demoCode = () => totpCode(DEMO_TOTP_SECRET);

/** The code step after the password, for the demo accounts that have two-factor sign-in. */
export async function passDemoCodeStep(page: Page) {
  await expect(page.getByRole("heading", { name: "Enter your sign-in code" })).toBeVisible();
  await page.getByLabel("6-digit code").fill(demoCode());
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function signInAs(page: Page, role: DemoRole) {
  await page.goto("/staff/sign-in");
  await page.getByLabel("Email address").fill(`${role}@demo.test`);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (TWO_FACTOR_ROLES.includes(role)) await passDemoCodeStep(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Signs a request context (maxRedirects: 0, Origin set) in as a demo role, through the code step where the role has
 * one. Returns the status of the last step: 302 when the session is open.
 */
export async function signInRequest(c: APIRequestContext, role: DemoRole) {
  const res = await c.post("/staff/sign-in", {
    form: { email: `${role}@demo.test`, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  if (!TWO_FACTOR_ROLES.includes(role) || res.status() !== 302) return res.status();
  expect(res.headers().location ?? "").toContain("/staff/sign-in/code");
  const code = await c.post("/staff/sign-in/code", { form: { code: demoCode() }, maxRedirects: 0 });
  return code.status();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Staff sign in" })).toBeVisible();
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Snapshot = { url: string; html: string; viewport: { width: number; height: number } | null };

/**
 * Watches every page a test opens (its own `page`, and pages in any context it makes, JavaScript on or off) and keeps
 * a copy of the HTML after each load and after each form submission or router data request, so an error state
 * shown without a navigation is kept too. When the test ends, axe checks every distinct copy.
 */
class AxeWatch {
  private snapshots = new Map<string, Snapshot>();
  private pending: Promise<unknown>[] = [];

  watch(page: Page) {
    const capture = async () => {
      try {
        const url = page.url();
        if (!url.startsWith("http")) return;
        // The state and the HTML are read together: a page still arriving (a form's redirect half-parsed) is not
        // copied, since its own load event copies it whole.
        const [state, html] = await page.evaluate(() => [
          document.readyState,
          `<!DOCTYPE html>${document.documentElement.outerHTML}`,
        ]);
        if (state !== "complete") return;
        if (!/<html[^>]*\blang=/i.test(html)) return; // a download or a JSON file, not a page
        const stripped = html
          .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
          .replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, "")
          .replace(/\snonce="[^"]*"/g, "");
        const viewport = page.viewportSize();
        const key = crypto.createHash("sha1").update(`${url}\n${viewport?.width}\n${stripped}`).digest("hex");
        if (!this.snapshots.has(key)) this.snapshots.set(key, { url, html: stripped, viewport });
      } catch {
        // The page navigated or closed while being copied: the next load is copied instead.
      }
    };
    const later = (ms: number) => this.pending.push(new Promise((r) => setTimeout(r, ms)).then(capture));
    page.on("load", () => later(0));
    page.on("response", (response) => {
      const request = response.request();
      if (request.frame() !== page.mainFrame()) return;
      if (request.method() === "POST" || new URL(response.url()).pathname.endsWith(".data")) later(400);
    });
  }

  async settle() {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }

  async violations(browser: Browser) {
    const found: string[] = [];
    if (!this.snapshots.size) return found;
    const context = await browser.newContext({ javaScriptEnabled: true });
    try {
      const target = await context.newPage();
      for (const { url, html, viewport } of this.snapshots.values()) {
        await target.setViewportSize(viewport ?? { width: 1280, height: 720 });
        await target.route(url, (route) =>
          route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
        );
        await target.goto(url);
        await target.unroute(url);
        const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze();
        for (const v of results.violations)
          found.push(
            `${url} (${viewport?.width ?? 1280} px): ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
          );
      }
    } finally {
      await context.close();
    }
    return found;
  }

  get count() {
    return this.snapshots.size;
  }
}

/**
 * Every test gets axe after every navigation and every submitted state, whether or not it asks: an automatic
 * fixture wraps the test's pages and any context it opens. `expectNoAxeViolations` stays for states reached
 * without a request (a disclosure opened, a chart toggled).
 */
export const test = base.extend<{ axeEveryState: undefined }>({
  axeEveryState: [
    async ({ browser, context, page }, use, testInfo) => {
      const watch = new AxeWatch();
      watch.watch(page);
      context.on("page", (p) => watch.watch(p));
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const made = await newContext(options);
        made.on("page", (p) => watch.watch(p));
        return made;
      };
      try {
        await use(undefined);
      } finally {
        browser.newContext = newContext;
      }
      await watch.settle();
      if (testInfo.status !== testInfo.expectedStatus) return;
      const violations = await watch.violations(browser);
      testInfo.annotations.push({ type: "axe", description: `${watch.count} states checked` });
      expect(violations, "axe violations on the pages and states this test visited").toEqual([]);
    },
    // axe over a long test's states can take a minute on a busy machine: that check gets its own time, not the test's.
    { auto: true, timeout: 300_000 },
  ],
});
export { expect };
