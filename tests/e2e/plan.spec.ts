import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";
import { readE2eDb, writeE2eDb } from "../support/pass-session";

// Issue 10, the plan and the free themes: an administrator adds a priority and a target to the active plan and sees
// them exactly; officers use the new priority at once but cannot change the plan; the earlier plan is read-only; an
// officer makes, renames and merges themes, and every moved tag is recorded; a Board member reads the plan.
test.describe.configure({ mode: "serial" });

const PRIORITY = `Online safety and sexting ${Date.now() % 100_000}`;
const INDICATOR = "Pupils who know how to report something that worries them online (Wealdshire school survey)";
const THEME = `Buses ${Date.now() % 100_000}`;
const RENAMED = `${THEME} and trains`;
let priorityId = 0;
let targetId = 0;

/** Staff pages run React: a click before it hydrates is a plain HTML submission, which is fine, but typing can be lost. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll("main form")];
    return forms.length > 0 && forms.every((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber")));
  });
}

function post(page: Page) {
  return page.waitForResponse((r) => r.request().method() === "POST");
}

test("An administrator adds a priority and a target to the plan and sees them exactly", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/staff/plan");
  await expect(page.getByRole("heading", { level: 1, name: "Children and Young People's Plan 2025–28" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The demo plan's NI 112 row, exactly as seeded.
  const stayBefore = readE2eDb<{ n: number }>(
    "select count(*) as n from priorities p join outcomes o on o.id = p.outcome_id join plans pl on pl.id = o.plan_id where pl.active = 1 and o.key = 'stay-safe'",
  )[0].n;
  await expect(page.getByRole("region", { name: "Priorities and targets: Stay safe" }).locator("tbody")).toHaveCount(
    stayBefore,
  );

  await page.getByRole("link", { name: "Add a priority to Stay safe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a priority to Stay safe" })).toBeVisible();
  await hydrated(page);
  await expectNoAxeViolations(page);

  // Nothing typed, then a twin of an existing priority in other capitals: 400s, the typing kept.
  let bad = post(page);
  await page.getByRole("button", { name: "Add priority" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Enter a priority of 3 to 200 characters.");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
  await page.getByLabel("Priority").fill("EMOTIONAL wellbeing and anti-bullying");
  bad = post(page);
  await page.getByRole("button", { name: "Add priority" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("This outcome already has a priority with that name.");
  await expect(page.getByLabel("Priority")).toHaveValue("EMOTIONAL wellbeing and anti-bullying");
  await expectNoAxeViolations(page);

  await page.getByLabel("Priority").fill(PRIORITY);
  await page.getByRole("button", { name: "Add priority" }).click();
  await expect(page.getByRole("status")).toHaveText("Priority added. Officers can tag feedback to it now.");
  priorityId = readE2eDb<{ id: number }>("select id from priorities where title = ?", PRIORITY)[0].id;
  const group = page.locator(`tbody[data-priority="${priorityId}"]`);
  await expect(group.locator("th")).toContainText(PRIORITY);
  await expect(group.locator("td")).toHaveText(["No targets yet"]);
  await expect(page.getByRole("region", { name: "Priorities and targets: Stay safe" }).locator("tbody")).toHaveCount(
    stayBefore + 1,
  );
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: `Add a target to ${PRIORITY}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a target" })).toBeVisible();
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByLabel("Indicator", { exact: true }).fill(INDICATOR);
  await page.getByLabel("Code (optional)").fill("L 4");
  await page.getByLabel("Baseline (optional)").fill("48%");
  await page.getByLabel("Target (optional)").fill("75%");
  await page.getByLabel("Latest value (optional)").fill("52%");
  // A latest value without the day it was measured: 400, everything kept.
  bad = post(page);
  await page.getByRole("button", { name: "Add target" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Enter the date of the latest value.");
  await expect(page.getByLabel("Indicator", { exact: true })).toHaveValue(INDICATOR);
  await expect(page.getByLabel("Latest value (optional)")).toHaveValue("52%");
  await expectNoAxeViolations(page);
  await page.getByLabel("Date of the latest value").fill("2026-10-31");
  await page.getByLabel("Lead group (optional)").fill("Online Safety Group");
  await page.getByRole("button", { name: "Add target" }).click();
  await expect(page.getByRole("status")).toHaveText("Target added.");
  targetId = readE2eDb<{ id: number }>("select id from targets where priority_id = ?", priorityId)[0].id;
  await expect(page.locator(`tr[data-target="${targetId}"] td`)).toHaveText([
    "L 4",
    INDICATOR,
    "48%",
    "75%",
    "52%31 October 2026",
    "Online Safety Group",
    `Change the target ${INDICATOR}`,
  ]);
  await expectNoAxeViolations(page);
  expect(
    readE2eDb(
      "select action from audit_log where subject_type in ('priority', 'target') and subject_id in (?, ?)",
      priorityId,
      targetId,
    ),
  ).toEqual([{ action: "plan_priority_added" }, { action: "plan_target_added" }]);

  // A newer figure for the target: the row shows it exactly.
  await page.getByRole("link", { name: `Change the target ${INDICATOR}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change a target" })).toBeVisible();
  await expect(page.getByLabel("Latest value (optional)")).toHaveValue("52%");
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByLabel("Latest value (optional)").fill("57%");
  await page.getByLabel("Date of the latest value").fill("2026-11-20");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Target saved.");
  await expect(page.locator(`tr[data-target="${targetId}"] td`).nth(4)).toHaveText("57%20 November 2026");

  // The new priority moves up the outcome's list, above the one before it.
  const stayIds = () =>
    readE2eDb<{ id: number }>(
      "select p.id from priorities p join outcomes o on o.id = p.outcome_id join plans pl on pl.id = o.plan_id where pl.active = 1 and o.key = 'stay-safe' order by p.position, p.id",
    ).map((r) => r.id);
  const before = stayIds();
  expect(before.at(-1)).toBe(priorityId);
  await page.getByRole("link", { name: `Change the priority ${PRIORITY}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change a priority" })).toBeVisible();
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Move up" }).click();
  await expect(page.getByRole("status")).toHaveText("Order changed.");
  await expectNoAxeViolations(page);
  expect(stayIds()).toEqual([...before.slice(0, -2), priorityId, before.at(-2)]);
  await page.getByRole("link", { name: "Back to the plan" }).click();
  await expect(page.getByRole("region", { name: "Priorities and targets: Stay safe" }).locator("tbody")).toHaveCount(
    before.length,
  );
  const order = await page
    .getByRole("region", { name: "Priorities and targets: Stay safe" })
    .locator("tbody")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-priority"))));
  expect(order).toEqual(stayIds());

  // An outcome's words: an empty title is a 400 with the child's words kept.
  await page.getByRole("link", { name: "Change the outcome Stay safe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change an outcome" })).toBeVisible();
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByLabel("Outcome", { exact: true }).fill("");
  bad = post(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Enter an outcome of 3 to 120 characters.");
  await expect(page.getByLabel("What children and young people see")).toHaveValue("Feeling safe");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to the plan" }).click();

  // The earlier plan reads, without a way to change it; a change posted to it anyway is refused with a 409.
  await page.getByRole("link", { name: "Children and Young People's Plan 2022–25" }).click();
  await expect(page.getByText("This plan has ended.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Change/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Add a/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const old = readE2eDb<{ id: number; title: string }>(
    "select p.id, p.title from priorities p join outcomes o on o.id = p.outcome_id join plans pl on pl.id = o.plan_id where pl.active = 0 order by p.id limit 1",
  )[0];
  const refused = await page.request.post(`/staff/plan/priorities/${old.id}`, {
    form: { intent: "save", title: "New words for an old plan" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain("This plan has ended, so it can no longer be changed.");
  expect(readE2eDb("select title from priorities where id = ?", old.id)).toEqual([{ title: old.title }]);
  const shown = await page.goto(`/staff/plan/priorities/${old.id}`);
  expect(shown?.status()).toBe(409);
  await expect(page.getByRole("alert")).toContainText("This plan has ended, so it can no longer be changed.");
  await expectNoAxeViolations(page);

  // Nonsense ids are a 404, never a 500.
  for (const path of ["/staff/plan/priorities/abc", "/staff/plan/targets/999999999", "/staff/plan/outcomes/1e3"]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
});

test("An officer uses the new priority at once, reads the plan without edit controls, and cannot post a change", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/sessions/new");
  await expect(page.locator("#q0tag option", { hasText: PRIORITY })).toHaveCount(1);
  await expect(page.locator("#q0tag option", { hasText: PRIORITY })).toHaveAttribute("value", `p:${priorityId}`);

  // …and in the feedback inbox: offered for bulk tagging, and used on one contribution straight away.
  const [words] = readE2eDb<{ id: number }>(
    `select c.id from contributions c where c.kind = 'text' and c.moderation_state = 'approved' and c.source = 'question'
     and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id) order by c.id limit 1`,
  );
  await page.goto("/staff/feedback?source=question&state=approved");
  await expect(page.locator("#bulk-tag option", { hasText: PRIORITY })).toHaveAttribute("value", `p:${priorityId}`);
  const card = page.locator(`[data-inbox-item][data-id="${words.id}"]`);
  await card.getByText("Change tags").click();
  await card.getByRole("checkbox", { name: "Stay safe" }).check();
  await card.getByLabel("Priority within Stay safe").selectOption({ label: PRIORITY });
  await card.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tags saved." })).toBeVisible();
  expect(
    readE2eDb(
      "select priority_id from contribution_tags where contribution_id = ? and priority_id = ?",
      words.id,
      priorityId,
    ),
  ).toEqual([{ priority_id: priorityId }]);
  await expect(card.locator("[data-tags]")).toContainText(`Stay safe: ${PRIORITY}`);

  await page.goto("/staff/plan");
  await expect(page.locator(`tbody[data-priority="${priorityId}"] th`)).toHaveText(PRIORITY);
  await expect(page.getByRole("link", { name: /^Change/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Add a/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Start a new plan" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const refused = await page.request.post(`/staff/plan/priorities/${priorityId}`, {
    form: { intent: "save", title: "An officer's words" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  const target = await page.request.post(`/staff/plan/targets/${targetId}`, {
    form: { indicator: "Changed by an officer" },
    maxRedirects: 0,
  });
  expect(target.status()).toBe(403);
  expect(readE2eDb("select title from priorities where id = ?", priorityId)).toEqual([{ title: PRIORITY }]);
  expect(readE2eDb("select indicator from targets where id = ?", targetId)).toEqual([{ indicator: INDICATOR }]);
  const page403 = await page.goto(`/staff/plan/priorities/${priorityId}`);
  expect(page403?.status()).toBe(403);
  await expectNoAxeViolations(page);
});

test("An officer creates, renames and merges themes; every moved tag is recorded", async ({ page }) => {
  await signInAs(page, "officer");
  await page.goto("/staff/plan/themes");
  await expect(page.getByRole("heading", { level: 1, name: "Free themes" })).toBeVisible();
  await expectNoAxeViolations(page);
  const transport = readE2eDb<{ id: number; n: number }>(
    "select t.id, (select count(*) from contribution_themes c where c.theme_id = t.id) as n from themes t where t.name = 'Transport'",
  )[0];
  await expect(page.locator(`tr[data-theme="${transport.id}"] td.num`)).toHaveText(String(transport.n));
  await hydrated(page);

  await page.getByLabel("Name").fill(THEME);
  await page.getByRole("button", { name: "Create theme" }).click();
  await expect(page.getByRole("status")).toHaveText("Theme created.");
  const themeId = readE2eDb<{ id: number }>("select id from themes where name = ?", THEME)[0].id;
  await expect(page.locator(`tr[data-theme="${themeId}"] td.num`)).toHaveText("0");
  await expectNoAxeViolations(page);

  // A name taken in other capitals: 400 with the clash named, the typing kept.
  await hydrated(page);
  await page.getByLabel("Name").fill("  TRANSPORT ");
  const bad = post(page);
  await page.getByRole("button", { name: "Create theme" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText(
    "There is already a theme called Transport. Choose another name, or use that theme.",
  );
  await expect(page.getByLabel("Name")).toHaveValue("  TRANSPORT ");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: `Rename ${THEME}` }).click();
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByLabel("Name").fill(RENAMED);
  await page.getByRole("button", { name: "Rename theme" }).click();
  await expect(page.getByRole("status")).toHaveText("Theme renamed.");
  await expect(page.locator(`tr[data-theme="${themeId}"] th`)).toHaveText(RENAMED);

  // Two answers carry the new theme, one of them already tagged Transport.
  const [both, only] = writeE2eDb((db) => {
    const already = db
      .prepare(
        "select contribution_id as id from contribution_themes where theme_id = ? order by contribution_id limit 1",
      )
      .get(transport.id) as { id: number };
    const untagged = db
      .prepare(
        "select id from contributions where kind = 'text' and id not in (select contribution_id from contribution_themes) order by id limit 1",
      )
      .get() as { id: number };
    const add = db.prepare("insert into contribution_themes (contribution_id, theme_id, created_at) values (?, ?, ?)");
    for (const id of [already.id, untagged.id]) add.run(id, themeId, new Date().toISOString());
    return [already.id, untagged.id];
  });
  await page.reload();
  await expect(page.locator(`tr[data-theme="${themeId}"] td.num`)).toHaveText("2");

  await hydrated(page);
  await page.getByLabel("Merge this theme").selectOption({ label: RENAMED });
  await page.getByLabel("into this theme").selectOption({ label: "Transport" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge themes" })).toBeVisible();
  await expect(page.getByText(`2 contributions tagged ${RENAMED} will be tagged Transport instead.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: `Merge ${RENAMED} into Transport` }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Themes merged. Every tag moved and the change is in each contribution's history.",
  );
  await expect(page.locator(`tr[data-theme="${themeId}"]`)).toHaveCount(0);
  // The one that had both keeps a single Transport tag.
  await expect(page.locator(`tr[data-theme="${transport.id}"] td.num`)).toHaveText(String(transport.n + 1));
  await expectNoAxeViolations(page);
  expect(
    readE2eDb(
      "select contribution_id, kind, action, from_label, to_label, via from tag_events where via = 'merge' and from_label = ? order by contribution_id",
      RENAMED,
    ),
  ).toEqual(
    [both, only]
      .sort((a, b) => a - b)
      .map((id) => ({
        contribution_id: id,
        kind: "theme",
        action: "change",
        from_label: RENAMED,
        to_label: "Transport",
        via: "merge",
      })),
  );

  // Nonsense in the merge: a 400 with a message, never a 500.
  const nonsense = await page.goto(`/staff/plan/themes/merge?from=abc&into=${transport.id}`);
  expect(nonsense?.status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("Choose the theme to merge and the theme to merge it into.");
  await expectNoAxeViolations(page);
  const again = await page.request.post("/staff/plan/themes/merge", {
    form: { from: String(themeId), into: String(transport.id) },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(409);
});

test("Themes work with JavaScript off", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await signInAs(page, "officer");
  await page.goto("/staff/plan/themes");
  const name = `Cost of the bus ${Date.now() % 100_000}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create theme" }).click();
  await expect(page.getByRole("status")).toHaveText("Theme created.");
  await expect(page.getByRole("rowheader", { name })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test("A Board member reads the plan, at 320 px too, without the themes", async ({ page }) => {
  await signInAs(page, "board");
  await page.goto("/staff/plan");
  await expect(page.locator(`tbody[data-priority="${priorityId}"] th`)).toHaveText(PRIORITY);
  await expect(page.getByRole("link", { name: "See and change the themes" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect((await page.request.get("/staff/plan/themes")).status()).toBe(403);

  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(page);
});

test("Starting a new plan checks its dates before anything changes", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/staff/plan");
  await page.getByRole("link", { name: "Start a new plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Start a new plan" })).toBeVisible();
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByLabel("Title").fill("Children and Young People's Plan 2028–31");
  await page.getByLabel("Starts on").fill("2028-04-01");
  await page.getByLabel("Ends on").fill("2027-03-31");
  const bad = post(page);
  await page.getByRole("button", { name: "Start the new plan" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("The plan must end after it starts.");
  await expect(page.getByLabel("Title")).toHaveValue("Children and Young People's Plan 2028–31");
  await expectNoAxeViolations(page);
  expect(readE2eDb("select title from plans where active = 1")).toEqual([
    { title: "Children and Young People's Plan 2025–28" },
  ]);
});
