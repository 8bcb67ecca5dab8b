import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "sounding-board-demo";
export type DemoRole = "officer" | "safeguarding" | "board" | "admin";

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
    const results = await new AxeBuilder({ page: target })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
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

export async function signInAs(page: Page, role: DemoRole) {
  await page.goto("/staff/sign-in");
  await page.getByLabel("Email address").fill(`${role}@demo.test`);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Staff sign in" })).toBeVisible();
}

export const test = base;
export { expect };
