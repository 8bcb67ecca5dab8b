import { request as playwrightRequest } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, signInRequest, test } from "../support/fixtures";
import { readE2eDb } from "../support/pass-session";

// Issue 10, reference data: an administrator adds a locality and a school in it, hides an age band (and a young
// person getting a pass with JavaScript off is no longer offered it), corrects a population figure and reads the
// totals; an officer may not open any of it.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/admin";
const port = Number(process.env.E2E_PORT || 3100);
const origin = `http://localhost:${port}`;
const suffix = Date.now() % 100_000;
const PLACE = `Fenwick Green ${suffix}`;
const SCHOOL = `Fenwick Green ${suffix} Primary School`;
const nf = new Intl.NumberFormat("en");

/** The demo's age band settings, put back through the app (its cache too) whatever happened in the test. */
async function restoreAgeBands() {
  const c = await playwrightRequest.newContext({ baseURL: origin, extraHTTPHeaders: { Origin: origin } });
  try {
    expect(await signInRequest(c, "admin")).toBe(302);
    const form = new FormData();
    for (const band of ["8_11", "12_15", "16_19", "20_25"]) form.append("shown", band);
    for (const [i, band] of ["under_8", "8_11", "12_15", "16_19", "20_25"].entries())
      form.append(`order-${band}`, String(i + 1));
    const res = await c.post("/staff/admin/age-bands", { form });
    expect(res.status()).toBe(200);
  } finally {
    await c.dispose();
  }
}
test.afterAll(restoreAgeBands);

let localityId = 0;

test("An administrator adds a locality and a school in it; while the school is there the locality cannot be deleted", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Reference data" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Reference data" })).toBeVisible();
  const [counts] = readE2eDb<{ areas: number; localities: number; schools: number }>(
    "select (select count(*) from areas) as areas, (select count(*) from localities) as localities, (select count(*) from schools) as schools",
  );
  await expect(page.getByText(`${counts.localities} localities in ${counts.areas} areas`)).toBeVisible();
  await expect(page.getByText(`${counts.schools} schools`, { exact: true })).toBeVisible();
  await expect(page.getByText("4 of 5 age bands shown to participants")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Areas and localities" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Areas and localities" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing typed: a 400 with both errors; then a name that clashes with a locality the county has.
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add a locality" }) });
  let posted = page.waitForResponse((r) => r.request().method() === "POST");
  await form.getByRole("button", { name: "Add a locality" }).click();
  expect((await posted).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Enter a name of 2 to 80 characters.");
  await expect(page.locator(".error-summary")).toContainText("Choose an area.");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);
  await form.getByLabel("Locality name").fill("kingsbury   MARSH");
  await form.getByLabel("Area").selectOption({ label: "North" });
  posted = page.waitForResponse((r) => r.request().method() === "POST");
  await form.getByRole("button", { name: "Add a locality" }).click();
  expect((await posted).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText(
    "Another place already has this name (or one that makes the same web address). Choose a different name.",
  );
  await expect(form.getByLabel("Locality name")).toHaveValue("kingsbury   MARSH");
  await expectNoAxeViolations(page);

  await form.getByLabel("Locality name").fill(PLACE);
  await form.getByRole("button", { name: "Add a locality" }).click();
  await expect(page.getByRole("status")).toHaveText("Locality added.");
  await expect(page.getByRole("row", { name: /^North/ }).getByRole("link", { name: PLACE })).toBeVisible();
  await expectNoAxeViolations(page);
  localityId = readE2eDb<{ id: number }>("select id from localities where name = ?", PLACE)[0].id;
  expect(readE2eDb<{ slug: string }>("select slug from localities where id = ?", localityId)[0].slug).toBe(
    `fenwick-green-${suffix}`,
  );

  // A school in it: first with no phase (400, typing kept), then whole.
  await page.getByRole("link", { name: "Schools" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`${counts.schools} schools of ${counts.schools}`);
  await expectNoAxeViolations(page);
  await page.getByLabel("School name").fill(SCHOOL);
  await page
    .getByLabel("Locality", { exact: true })
    .last()
    .selectOption({ label: `${PLACE} (North)` });
  posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Add a school" }).click();
  expect((await posted).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Choose the school's phase.");
  await expect(page.getByLabel("School name")).toHaveValue(SCHOOL);
  await expectNoAxeViolations(page);
  await page.getByLabel("Phase", { exact: true }).last().selectOption({ label: "Primary" });
  await page.getByRole("button", { name: "Add a school" }).click();
  await expect(page.locator(".notice")).toHaveText("School added.");
  // The list is filtered to the new school's name.
  await expect(page.getByRole("status").last()).toHaveText(`1 school of ${counts.schools + 1}`);
  await expect(page.getByRole("row", { name: SCHOOL })).toContainText(`Primary${PLACE} (North)`);
  await expectNoAxeViolations(page);

  // Sorted by locality, the column says so.
  await page.getByRole("link", { name: "Locality (sort by this)" }).click();
  await expect(page.getByRole("columnheader", { name: "Locality" })).toHaveAttribute("aria-sort", "ascending");
  await expectNoAxeViolations(page);

  // The locality now has a school: deleting it is refused with the reason, 409.
  await page.goto(`/staff/admin/localities/${localityId}`);
  await expect(page.getByRole("heading", { level: 1, name: PLACE })).toBeVisible();
  posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Delete this locality" }).click();
  expect((await posted).status()).toBe(409);
  await expect(page.locator(".error-summary")).toContainText(
    "This cannot be deleted because it is still used by: schools.",
  );
  await expect(page.getByLabel("Locality name")).toHaveValue(PLACE);
  await expectNoAxeViolations(page);

  // Renamed and moved to the South: a new web address, and its school goes with it.
  await page.getByLabel("Locality name").fill(`${PLACE} Common`);
  await page.getByLabel("Area").selectOption({ label: "South" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await expect(page.getByRole("heading", { level: 1, name: `${PLACE} Common` })).toBeVisible();
  await expect(page.getByText(`Web address now: fenwick-green-${suffix}-common`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/staff/admin/schools?q=${encodeURIComponent(SCHOOL)}`);
  await expect(page.getByRole("row", { name: SCHOOL })).toContainText(`Primary${PLACE} Common (South)`);

  // The school serves the whole county after all; with nothing left in it, the locality can go.
  await page.getByRole("link", { name: SCHOOL }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Locality").selectOption({ label: "Countywide" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  expect(readE2eDb("select locality_id, phase from schools where name = ?", SCHOOL)).toEqual([
    { locality_id: null, phase: "primary" },
  ]);
  await page.goto(`/staff/admin/localities/${localityId}`);
  await page.getByRole("button", { name: "Delete this locality" }).click();
  await expect(page.getByRole("status")).toHaveText("Locality deleted.");
  await expect(page.getByRole("heading", { level: 1, name: "Areas and localities" })).toBeVisible();
  await expect(page.getByRole("link", { name: `${PLACE} Common` })).toHaveCount(0);
  expect(readE2eDb("select id from localities where id = ?", localityId)).toEqual([]);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/locality-refused.png`, fullPage: true });
});

test("An administrator hides an age band: a young person getting a pass with JavaScript off is not offered it", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "admin");
  await page.goto("/staff/admin/age-bands");
  await expect(page.getByRole("heading", { level: 1, name: "Age bands" })).toBeVisible();
  await expect(page.getByText("Participants are offered: 8 to 11, 12 to 15, 16 to 19, 20 to 25")).toBeVisible();
  await expectNoAxeViolations(page);

  // Every band for under-20s hidden: refused, with the reason.
  for (const band of ["8 to 11", "12 to 15", "16 to 19"])
    await page.getByRole("checkbox", { name: `Show ${band}` }).uncheck();
  const posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Save age bands" }).click();
  expect((await posted).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText(
    "Keep at least one age band for under-20s shown, or young people could not say how old they are.",
  );
  await expectNoAxeViolations(page);

  // 8 to 11 hidden, 16 to 19 first.
  await page.getByRole("checkbox", { name: "Show 12 to 15" }).check();
  await page.getByRole("checkbox", { name: "Show 16 to 19" }).check();
  await page.getByLabel("Order of 16 to 19").fill("1");
  await page.getByRole("button", { name: "Save age bands" }).click();
  await expect(page.getByRole("status")).toHaveText("Age bands saved. Participants see the new list now.");
  await expect(page.getByText("Participants are offered: 16 to 19, 12 to 15, 20 to 25")).toBeVisible();
  await expectNoAxeViolations(page);

  const young = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const child = await young.newPage();
    await child.goto("/pass/new");
    const age = child.getByRole("group", { name: "How old are you?" });
    await expect(age.locator("label")).toHaveText([
      "16 to 19",
      "12 to 15",
      "20 to 25",
      "I'd rather not say",
      "I'm a parent or carer",
    ]);
    await expect(child.getByRole("radio", { name: "8 to 11" })).toHaveCount(0);
    await expectNoAxeViolations(child);
    // A hidden band sent anyway is refused.
    const forged = await child.request.post("/pass/new", { headers: { Origin: origin }, form: { age: "8_11" } });
    expect(forged.status()).toBe(400);

    // A consultation for 8 to 19 now offers the two of its bands still shown, in the administrator's order.
    await child.goto("/consultations/feeling-safe-travel/about-you");
    await expect(child.getByRole("heading", { level: 1, name: "About you" })).toBeVisible();
    expect(
      await child.locator('input[name="ageBand"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(["16_19", "12_15", "prefer_not"]);
    await expectNoAxeViolations(child);
    const answered = await child.request.post("/consultations/feeling-safe-travel/about-you", {
      headers: { Origin: origin },
      form: { ageBand: "8_11", locality: "prefer_not" },
    });
    expect(answered.status()).toBe(400);
  } finally {
    await young.close();
  }

  await restoreAgeBands();
  await page.reload();
  await expect(page.getByText("Participants are offered: 8 to 11, 12 to 15, 16 to 19, 20 to 25")).toBeVisible();
});

test("An administrator corrects a population figure and reads the totals; a new year starts as a copy", async ({
  page,
}) => {
  await signInAs(page, "admin");
  const year = new Date().getUTCFullYear();
  await page.goto("/staff/admin/population");
  await expect(page.getByRole("heading", { level: 1, name: `Population in ${year}` })).toBeVisible();
  await expectNoAxeViolations(page);
  const sum = (where: string, ...params: unknown[]) =>
    readE2eDb<{ n: number | null }>(
      `select sum(people) as n from populations where year = ? ${where}`,
      year,
      ...params,
    )[0].n ?? 0;
  const before = { all: sum(""), band811: sum("and age_band = '8_11'"), band1215: sum("and age_band = '12_15'") };
  await expect(page.getByTestId("grand-total")).toHaveText(nf.format(before.all));

  const place = readE2eDb<{ id: number; name: string }>("select id, name from localities where slug = 'thornley'")[0];
  const cell = (band: string) => page.getByLabel(`${place.name}, ${band}`, { exact: true });
  const row = {
    "8_11": sum("and locality_id = ? and age_band = '8_11'", place.id),
    all: sum("and locality_id = ?", place.id),
  };
  await expect(cell("8 to 11")).toHaveValue(String(row["8_11"]));

  // Nonsense in a cell: a 400 naming the cell, what was typed kept, nothing saved.
  await cell("8 to 11").fill("-40");
  await cell("12 to 15").fill("1,500");
  let posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: `Save figures for ${year}` }).click();
  expect((await posted).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText(
    `Enter a whole number of people from 0 to 1000000 for ${place.name}, 8 to 11, or leave it empty.`,
  );
  await expect(page.locator(".error-summary li")).toHaveCount(1);
  await expect(cell("8 to 11")).toHaveValue("-40");
  await expect(cell("8 to 11")).toHaveAttribute("aria-invalid", "true");
  expect(sum("")).toBe(before.all);
  await expectNoAxeViolations(page);

  // 8 to 11 up by 123; "1,500" is read as 1500.
  const thornley1215 = sum("and locality_id = ? and age_band = '12_15'", place.id);
  await cell("8 to 11").fill(String(row["8_11"] + 123));
  await page.getByRole("button", { name: `Save figures for ${year}` }).click();
  await expect(page.getByRole("status")).toHaveText(`Population figures for ${year} saved.`);
  const change1215 = 1500 - thornley1215;
  await expect(page.getByTestId(`row-total-${place.id}`)).toHaveText(nf.format(row.all + 123 + change1215));
  await expect(page.getByTestId("band-total-8_11")).toHaveText(nf.format(before.band811 + 123));
  await expect(page.getByTestId("band-total-12_15")).toHaveText(nf.format(before.band1215 + change1215));
  await expect(page.getByTestId("grand-total")).toHaveText(nf.format(before.all + 123 + change1215));
  expect(sum("")).toBe(before.all + 123 + change1215);
  await expectNoAxeViolations(page);

  // At 320 px the grid scrolls in its own box; the page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/population-320.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A year started as a copy of the latest; the same year again is refused (409). It is a year before any the demo
  // has, so the latest year (what reach is compared against in other specs) stays the seeded one.
  const copy = readE2eDb<{ y: number }>("select min(year) as y from populations")[0].y - 1;
  await page.getByLabel("New year").fill(String(copy));
  await page.getByRole("button", { name: "Start a new year" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Population in ${copy}` })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    `${copy} started as a copy of the latest figures. Correct them below and save.`,
  );
  await expect(page.getByTestId("grand-total")).toHaveText(nf.format(before.all + 123 + change1215));
  await expectNoAxeViolations(page);
  await page.getByLabel("New year").fill(String(copy));
  posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Start a new year" }).click();
  expect((await posted).status()).toBe(409);
  await expect(page.locator(".error-summary")).toContainText(
    "There are already figures for that year. Choose it from the year list to change them.",
  );
  await expectNoAxeViolations(page);

  // The seeded figures back, through the same form, for the specs that follow.
  await page.goto(`/staff/admin/population?year=${year}`);
  await cell("8 to 11").fill(String(row["8_11"]));
  await cell("12 to 15").fill(String(thornley1215));
  await page.getByRole("button", { name: `Save figures for ${year}` }).click();
  await expect(page.getByRole("status")).toHaveText(`Population figures for ${year} saved.`);
  await expect(page.getByTestId("grand-total")).toHaveText(nf.format(before.all));
});

test("An officer may not open reference data or post to it; unknown ids are 404 and nonsense is a 400", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await expect(page.getByRole("link", { name: "Reference data" })).toHaveCount(0);
  for (const path of ["/staff/admin", "/staff/admin/places", "/staff/admin/population"])
    expect((await page.request.get(path)).status(), path).toBe(403);
  const post = await page.request.post("/staff/admin/places", {
    headers: { Origin: origin },
    form: { intent: "addArea", areaName: "Officer's Area" },
  });
  expect(post.status()).toBe(403);
  expect(readE2eDb("select id from areas where name = ?", "Officer's Area")).toEqual([]);
  const res = await page.goto("/staff/admin");
  expect(res?.status()).toBe(403);
  await expectNoAxeViolations(page);

  await page.goto("/staff");
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs(page, "admin");
  for (const path of ["/staff/admin/localities/999999", "/staff/admin/schools/abc", "/staff/admin/areas/0"])
    expect((await page.request.get(path)).status(), path).toBe(404);
  const nonsense = await page.request.post("/staff/admin/population", {
    headers: { Origin: origin },
    form: { intent: "save", year: "twenty" },
  });
  expect(nonsense.status()).toBe(400);
  const badSchool = await page.request.post("/staff/admin/schools", {
    headers: { Origin: origin },
    form: { name: "Ghost School", phase: "primary", localityId: "999999" },
  });
  expect(badSchool.status()).toBe(400);
  expect(await badSchool.text()).toContain("Choose a locality from the list.");
});
