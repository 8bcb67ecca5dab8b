import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "../support/fixtures";

// The parent's and the child's journey, charts in right-to-left, and focus after a client-side navigation (issue 6).

const ar = {
  ...JSON.parse(fs.readFileSync("public/locales/ar/common.json", "utf8")),
  ...JSON.parse(fs.readFileSync("public/locales/ar/participant.json", "utf8")),
};

async function noScript(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

async function inArabic(page: Page) {
  await page.goto("/language?to=ar&back=/");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("A parent who said so on the list is not asked again who they are, nor a child's age", async ({ page }) => {
  await page.goto("/consultations");
  await page.getByRole("link", { name: "I'm a parent or carer" }).click();
  await expect(page.getByText("Showing questions for parents and carers.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/consultations/healthy-lunches/question/1");
  await page.getByRole("radio", { name: "Good", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/question\/2$/);
  await page.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/question\/3$/);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "About you" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Are you a young person or a parent or carer?" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "How old are you?" })).toHaveCount(0);
  await expect(page.getByLabel("Where do you live?")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Where do you live?").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  const about = page.locator("dl.summary-list").nth(1);
  await expect(about.locator("dt")).toHaveText(["Are you a young person or a parent or carer?", "Where do you live?"]);
  await expect(about.locator("dd").first()).toHaveText("I'm a parent or carer");
  await expectNoAxeViolations(page);
});

test("Without JavaScript a parent sees both questions, and an age given by a parent is not kept", async ({
  browser,
}) => {
  const page = await noScript(browser);
  await page.goto("/consultations/healthy-lunches/question/1");
  await page.getByRole("radio", { name: "OK", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/question\/2$/);
  await page.goto("/consultations/healthy-lunches/about-you");
  const age = page.getByRole("group", { name: "How old are you?" });
  await expect(age).toBeVisible();
  await expect(age).toHaveAccessibleDescription(
    "Only if you're a young person: choose your age group. Parents and carers can skip this.",
  );
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "I'm a parent or carer" }).check();
  await page.getByRole("radio", { name: "12 to 15" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  const about = page.locator("dl.summary-list").nth(1);
  await expect(about.locator("dt")).toHaveText(["Are you a young person or a parent or carer?", "Where do you live?"]);
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("With JavaScript the age question goes away once someone says they are a parent", async ({ page }) => {
  await page.goto("/consultations/healthy-lunches/about-you");
  const age = page.getByRole("group", { name: "How old are you?" });
  await expect(age).toBeVisible();
  await page.getByRole("radio", { name: "I'm a parent or carer" }).check();
  await expect(age).toBeHidden();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "I'm a young person" }).check();
  await expect(age).toBeVisible();
});

test("A young person is offered only the consultation's own age groups, never 20 to 25", async ({ browser }) => {
  const page = await noScript(browser);
  await page.goto("/consultations/feeling-safe-travel/about-you");
  const age = page.getByRole("group", { name: "How old are you?" });
  await expect(age.getByRole("radio")).toHaveCount(4);
  await expect(age.locator("label")).toHaveText(["8 to 11", "12 to 15", "16 to 19", "I'd rather not say"]);
  await expect(page.getByText("20 to 25")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A band the consultation does not offer, sent anyway, is refused with a clear message at the group.
  await age
    .getByRole("radio")
    .first()
    .evaluate((el) => {
      (el as HTMLInputElement).value = "20_25";
      (el as HTMLInputElement).checked = true;
    });
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Continue" }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText('Choose an age group, or "I\'d rather not say"');
  await expect(age).toHaveAttribute("aria-describedby", "ageBand-hint ageBand-error");
  await expect(age).toHaveAccessibleDescription(/Choose your age group\..*Choose an age group/);
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("The Other box appears when Other is ticked, with JavaScript", async ({ page }) => {
  await page.goto("/consultations/healthy-lunches/question/2");
  const other = page.getByLabel("Your other answer");
  await expect(other).toBeHidden();
  await expectNoAxeViolations(page);
  await page.getByRole("checkbox", { name: "Other", exact: true }).check();
  await expect(other).toBeVisible();
  await expect(other).toHaveAccessibleDescription("");
  await expectNoAxeViolations(page);
  await page.getByRole("checkbox", { name: "Other", exact: true }).uncheck();
  await expect(other).toBeHidden();
});

test("The Other box is always there without JavaScript, with a hint saying when to fill it in", async ({ browser }) => {
  const page = await noScript(browser);
  await page.goto("/consultations/healthy-lunches/question/2");
  const other = page.getByLabel("Your other answer");
  await expect(other).toBeVisible();
  await expect(other).toHaveAccessibleDescription('Only fill this in if you ticked "Other".');
  await expectNoAxeViolations(page);
  await page.context().close();
});

for (const lang of ["en", "pl", "ar"] as const) {
  test(`Ranking selects show their whole text at 360 px (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    if (lang !== "en") await page.goto(`/language?to=${lang}&back=/`);
    await page.goto("/consultations/feeling-safe-travel/question/4");
    const selects = page.locator("select");
    await expect(selects).toHaveCount(4);
    const room = await selects.evaluateAll((all) =>
      all.map((el) => {
        const s = el as HTMLSelectElement;
        const style = getComputedStyle(s);
        const ctx = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const widest = Math.max(...[...s.options].map((o) => ctx.measureText(o.text).width));
        // Text, both paddings and the drop-down arrow (about 20 px) must fit inside the box.
        const inside =
          s.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 20;
        return { fits: widest <= inside, scrolls: s.scrollWidth > s.clientWidth };
      }),
    );
    expect(room).toEqual(Array(4).fill({ fits: true, scrolls: false }));
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });
}

for (const width of [1280, 320]) {
  test(`Arabic charts keep every label inside the drawing, mirrored (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await inArabic(page);
    await page.goto("/consultations/your-say-youth-clubs");
    const charts = page.locator("svg.bar-chart");
    await expect(charts).toHaveCount(3);
    // Faces are named in Arabic, in order.
    const faces = [1, 2, 3, 4, 5].map((n) => ar.scale[String(n)]);
    await expect(charts.first().locator("text:has(tspan)")).toHaveText(faces);
    const report = await charts.evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const outside = [...svg.querySelectorAll("text")].filter((t) => {
          const r = t.getBoundingClientRect();
          return (
            r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
          );
        }).length;
        // Right to left: the first label sits to the right of its bar, its figure to the left.
        const g = svg.querySelector("g") as SVGGElement;
        const [label, figure] = [...g.querySelectorAll("text")].map((t) => t.getBoundingClientRect());
        const bar = (g.querySelector("rect") as SVGRectElement).getBoundingClientRect();
        return { outside, mirrored: label.left >= bar.right - 0.5 && figure.right <= bar.left + 0.5 };
      }),
    );
    expect(report).toEqual(Array(3).fill({ outside: 0, mirrored: true }));
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });
}

test("English wording inside an Arabic page keeps its own direction", async ({ page }) => {
  await inArabic(page);
  await page.goto("/consultations/your-say-youth-clubs");
  const heading = page.getByRole("heading", { level: 3, name: "How often do you go to a youth club?" });
  expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
  const caption = page.locator("caption").filter({ hasText: "How often do you go to a youth club?" });
  expect(await caption.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");

  await page.goto("/consultations/feeling-safe-travel/question/1");
  await page.locator("input[name=answer][value='4']").check();
  await page.getByRole("button", { name: ar.common.continue }).click();
  await expect(page).toHaveURL(/question\/2$/);
  await page.goto("/consultations/feeling-safe-travel/check");
  const prompt = page.locator("dt").filter({ hasText: "How safe do you feel on your way to school?" });
  expect(await prompt.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
  await expect(prompt).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(page);
});

test("After a client-side navigation, focus is on the new page's heading", async ({ page }) => {
  await page.goto("/consultations/feeling-safe-travel/question/1");
  await page.getByRole("radio", { name: "Good", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/question\/2$/);
  await expect(page.getByRole("heading", { level: 1, name: "How do you usually get to school?" })).toBeFocused();
  await expectNoAxeViolations(page);
  // Nothing ticked on question 1 is carried over into question 2.
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  // An error keeps focus on the error summary instead.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expectNoAxeViolations(page);
});
