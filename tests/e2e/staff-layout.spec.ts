import type { Page } from "@playwright/test";
import { type DemoRole, expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";

// Issue 6: staff pages are as well made as the participant pages: one layout, nothing wider than the screen at
// 320 px or 200% zoom, no axe violations, and a footer meant for staff.
test.describe.configure({ mode: "serial" });

/**
 * Every staff page a role can reach by following links from its overview, one page per route shape to check.
 * Up to three pages of a shape are opened to find links (a meeting with no items leads nowhere).
 */
async function staffPages(page: Page) {
  const seen = new Map<string, string>();
  const opened = new Map<string, number>();
  const visited = new Set<string>();
  const queue = ["/staff"];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    const shape = path.replace(/\/\d+/g, "/:id");
    if (visited.has(path) || (opened.get(shape) ?? 0) >= 3) continue;
    visited.add(path);
    opened.set(shape, (opened.get(shape) ?? 0) + 1);
    if (!seen.has(shape)) seen.set(shape, path);
    await page.goto(path);
    const hrefs = await page
      .locator("main a[href^='/staff']")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const clean = href.split(/[?#]/)[0];
      if (
        clean.endsWith(".csv") ||
        clean.endsWith(".docx") ||
        clean.endsWith("/download") ||
        /\/draft\/(docx|pdf)$/.test(clean) ||
        clean === "/staff/sign-out"
      )
        continue;
      queue.push(clean);
    }
  }
  return [...seen.values()];
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(innerWidth);
}

async function expectStaffFooter(page: Page) {
  const footer = page.locator("footer");
  await expect(footer.getByRole("link", { name: "Staff sign in" })).toHaveCount(0);
  await expect(footer).not.toContainText("We never ask for your name");
  await expect(footer).toContainText("Treat what you see here as confidential.");
}

test("the sign-in page fits a 320 px screen and passes axe", async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/staff/sign-in");
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
  }
});

const expected: Record<string, string[]> = {
  officer: [
    "/staff",
    "/staff/consultations",
    "/staff/consultations/new",
    "/staff/consultations/:id",
    "/staff/questions",
    "/staff/questions/:id",
    "/staff/groups",
    "/staff/groups/new",
    "/staff/groups/:id",
    "/staff/groups/:id/poster",
    "/staff/sessions",
    "/staff/sessions/new",
    "/staff/sessions/:id",
    "/staff/sessions/:id/run",
    "/staff/feedback",
    "/staff/feedback/:id",
    "/staff/plan",
    "/staff/plan/themes",
    "/staff/account",
  ],
  partnership: ["/staff", "/staff/questions", "/staff/questions/:id", "/staff/account"],
  board: [
    "/staff",
    "/staff/meetings",
    "/staff/meetings/:id",
    "/staff/agenda-items/:id",
    "/staff/plan",
    "/staff/exports",
    "/staff/account",
  ],
  admin: [
    "/staff",
    "/staff/consultations",
    "/staff/moderation",
    "/staff/meetings",
    "/staff/admin",
    "/staff/feedback",
    "/staff/audit",
    "/staff/admin/staff",
    "/staff/admin/staff/:id",
    "/staff/account",
  ],
};

for (const role of ["officer", "board", "partnership", "admin"] as DemoRole[]) {
  test(`${role}: every staff page fits 320 px and 1280 px, passes axe, and shows the staff footer`, async ({
    page,
  }) => {
    // Every staff page twice with axe: the admin's crawl is long, and longer on a busy machine.
    test.setTimeout(600_000);
    await signInAs(page, role);
    const pages = await staffPages(page);
    const shapes = pages.map((p) => p.replace(/\/\d+/g, "/:id"));
    for (const shape of expected[role]) expect(shapes).toContain(shape);
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of pages) {
        await page.goto(path);
        await expectNoSidewaysScroll(page);
        await expectNoAxeViolations(page);
        await expectStaffFooter(page);
      }
    }
  });
}

test("at 200% zoom the staff navigation is usable", async ({ browser }) => {
  // 200% zoom of a 1280 px window: a 640 px layout viewport drawn at twice the pixel density.
  const context = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await signInAs(page, "admin");
  const nav = page.getByRole("navigation", { name: "Staff" });
  for (const [name, path] of [
    ["Consultations", "/staff/consultations"],
    ["Moderation", "/staff/moderation"],
    ["Meetings and papers", "/staff/meetings"],
    ["Overview", "/staff"],
  ]) {
    const link = nav.getByRole("link", { name, exact: true });
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
  }
  await context.close();
});
