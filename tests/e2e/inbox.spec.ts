import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, signOut, test } from "../support/fixtures";
import { readE2eDb } from "../support/pass-session";

// Issue 10, the inbox's stories: an officer filters to untagged parents' contributions from North area this term, tags
// five by keyboard alone at priority level, bulk-tags a selection, accepts a suggested tag and sees coverage change;
// then the same with JavaScript off; session notes and thread messages sit beside consultation answers; bad input.
test.describe.configure({ mode: "serial" });

const FILTERS = "audience=parents_carers&area=1&period=this_term&tagged=untagged&state=approved";

/** The start of this term in the county (autumn from 1 September, spring from 1 January, summer from 1 April). */
function termStartIso() {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const [y, m] = today.split("-").map(Number);
  const start = m >= 9 ? `${y}-09-01` : m <= 3 ? `${y}-01-01` : `${y}-04-01`;
  // London is an hour ahead of UTC on 1 September and 1 April, level with it on 1 January.
  return new Date(`${start}T00:00:00${m <= 3 ? "Z" : "+01:00"}`).toISOString();
}

const NOT_ESCALATED =
  "c.kind = 'text' and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id)";
const HAS_TAG = "exists (select 1 from contribution_tags t where t.contribution_id = c.id)";

/** The coverage of this term, counted straight from the server's database. */
function coverageNow() {
  const [row] = readE2eDb<{ tagged: number; untagged: number; waiting: number }>(
    `select sum(c.moderation_state = 'approved' and ${HAS_TAG}) as tagged,
       sum(c.moderation_state = 'approved' and not ${HAS_TAG}) as untagged,
       sum(c.moderation_state = 'pending') as waiting
     from contributions c where ${NOT_ESCALATED} and c.created_at >= ?`,
    termStartIso(),
  );
  return row;
}

/** Untagged, approved words from parents and carers in North area this term, newest first, from the database. */
function untaggedParentsNorth() {
  return readE2eDb<{ id: number; text: string }>(
    `select c.id, c.masked_body as text from contributions c
     where ${NOT_ESCALATED} and c.moderation_state = 'approved' and c.audience = 'parents_carers'
       and c.locality_id in (select id from localities where area_id = 1) and c.created_at >= ? and not ${HAS_TAG}
     order by c.created_at desc, c.id desc`,
    termStartIso(),
  );
}

const n = (x: number) => x.toLocaleString("en-GB");
const coverageLine = (c: { tagged: number; untagged: number; waiting: number }) =>
  `${n(c.tagged)} tagged, ${n(c.untagged)} not tagged, ${n(c.waiting)} waiting for moderation.`;

function firstOutcome() {
  const [o] = readE2eDb<{ id: number; title: string }>(
    "select o.id, o.title from outcomes o join plans p on p.id = o.plan_id where p.active = 1 order by o.position limit 1",
  );
  const priorities = readE2eDb<{ id: number; title: string }>(
    "select id, title from priorities where outcome_id = ? order by position, id",
    o.id,
  );
  return { ...o, priorities };
}

async function hydrated(page: Page) {
  await expect(page.getByRole("heading", { name: "Keyboard" })).toBeVisible();
}

test("An officer filters to untagged parents' words from North area this term and tags them by keyboard, in bulk and by suggestion", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/feedback");
  await expect(page.getByRole("heading", { level: 1, name: "Feedback inbox" })).toBeVisible();
  // The filters, chosen as an officer would; they stay in the address.
  await page.getByLabel("Who").selectOption({ label: "Parents and carers" });
  await page.getByLabel("Area").selectOption({ label: "North" });
  await page.getByLabel("When").selectOption({ label: "This term" });
  await page.getByLabel("Tagged").selectOption({ label: "Not tagged yet" });
  await page.getByText("More filters").click();
  await page.getByLabel("Moderation").selectOption({ label: "Approved" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/feedback\\?${FILTERS}$`));
  const before = coverageNow();
  const pool = untaggedParentsNorth();
  expect(pool.length).toBeGreaterThanOrEqual(12);
  await expect(page.locator("#inbox-count")).toHaveText(`${pool.length} contributions · Page 1`);
  await expect(page.locator("#coverage-summary")).toContainText(coverageLine(before));
  // The coverage's link opens the period's untagged words, whatever else this page is filtered by.
  await expect(page.getByRole("link", { name: "Open the untagged ones" })).toHaveAttribute(
    "href",
    "/staff/feedback?period=this_term&tagged=untagged&state=approved",
  );
  await hydrated(page);
  const cards = page.locator("[data-inbox-item]");
  await expect(cards).toHaveCount(Math.min(20, pool.length));
  expect(await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-id"))))).toEqual(
    pool.slice(0, 20).map((r) => r.id),
  );

  // Five tagged by keyboard alone: ↓ to the next, a number for the outcome, a letter for its priority.
  const outcome = firstOutcome();
  expect(outcome.priorities.length).toBeGreaterThanOrEqual(3);
  const letters = ["a", "b", "c", "a", "b"];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("ArrowDown");
    await expect(cards.nth(i)).toBeFocused();
    await page.keyboard.press("1");
    await expect(cards.nth(i).locator("[data-tags]")).toContainText(outcome.title);
    await expect(page.locator("#inbox-keys-priorities")).toContainText(`Priorities of ${outcome.title}:`);
    await page.keyboard.press(letters[i]);
    const priority = outcome.priorities["abc".indexOf(letters[i])];
    await expect(cards.nth(i).locator("[data-tags]")).toHaveText(`Tags: ${outcome.title}: ${priority.title}`);
  }
  await expectNoAxeViolations(page);
  const tagged = readE2eDb<{ contribution_id: number; outcome_id: number; priority_id: number }>(
    `select contribution_id, outcome_id, priority_id from contribution_tags where contribution_id in (${pool
      .slice(0, 5)
      .map((r) => r.id)
      .join(",")}) order by contribution_id`,
  );
  expect(tagged).toEqual(
    pool
      .slice(0, 5)
      .map((r, i) => ({
        contribution_id: r.id,
        outcome_id: outcome.id,
        priority_id: outcome.priorities["abc".indexOf(letters[i])].id,
      }))
      .sort((a, b) => a.contribution_id - b.contribution_id),
  );

  // The sixth and seventh selected (x), then tagged in bulk with a count and a confirmation.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("x");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("x");
  const stay = readE2eDb<{ id: number; title: string; pid: number; ptitle: string }>(
    `select o.id, o.title, p.id as pid, p.title as ptitle from outcomes o join plans pl on pl.id = o.plan_id
     join priorities p on p.outcome_id = o.id where pl.active = 1 and o.key = 'stay-safe' order by p.position, p.id limit 1`,
  )[0];
  await page.getByLabel("Tag to add").selectOption({ value: `p:${stay.pid}` });
  await page.getByRole("button", { name: "Check and tag" }).click();
  await expect(
    page.getByRole("heading", { name: `Tag 2 contributions with “${stay.title}: ${stay.ptitle}”?` }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Yes, tag them" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tagged 2." })).toHaveText(
    "Tagged 2. 0 already had that tag. 0 not approved, left alone.",
  );
  const bulk = readE2eDb<{ contribution_id: number; priority_id: number; via: string }>(
    `select t.contribution_id, t.priority_id, e.via from contribution_tags t
     join tag_events e on e.contribution_id = t.contribution_id and e.outcome_id = t.outcome_id
     where t.contribution_id in (?, ?) order by t.contribution_id`,
    pool[5].id,
    pool[6].id,
  );
  expect(bulk).toEqual(
    [pool[5].id, pool[6].id]
      .sort((a, b) => a - b)
      .map((id) => ({ contribution_id: id, priority_id: stay.pid, via: "bulk" })),
  );

  // The list reloads without the seven now tagged; the next one's first suggestion is accepted with one click.
  const rest = pool.slice(7);
  await expect(page.locator("#inbox-count")).toHaveText(`${rest.length} contributions · Page 1`);
  const card = page.locator(`[data-inbox-item][data-id="${rest[0].id}"]`);
  const suggestion = card.locator(".suggestions button").first();
  await expect(suggestion).toBeVisible();
  const label = (await suggestion.textContent()) ?? "";
  const m = /^Add (.+) \((\d+)% sure\)$/.exec(label);
  expect(m, label).not.toBeNull();
  await suggestion.click();
  await expect(page.getByRole("status").filter({ hasText: "Tags saved." })).toBeVisible();
  const [accepted] = readE2eDb<{ title: string; via: string; staff: string }>(
    `select o.title, e.via, s.name as staff from tag_events e join outcomes o on o.id = e.outcome_id
     join staff_users s on s.id = e.staff_id where e.contribution_id = ?`,
    rest[0].id,
  );
  expect(accepted).toEqual({ title: m?.[1], via: "suggestion", staff: "Priya Shah" });
  await expect(page.locator("#inbox-count")).toHaveText(`${rest.length - 1} contributions · Page 1`);

  // Coverage moved by exactly the eight tagged.
  await expect(page.locator("#coverage-summary")).toContainText(
    coverageLine({ tagged: before.tagged + 8, untagged: before.untagged - 8, waiting: before.waiting }),
  );

  // Each change is on the contribution's own page: who, when, from → to.
  await page.goto(`/staff/feedback/${pool[1].id}`);
  const history = page.locator("#tag-history tbody tr");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0).locator("td").nth(1)).toHaveText("Priya Shah");
  await expect(history.nth(0).locator("td").nth(2)).toHaveText(`Added: ${outcome.title}`);
  await expect(history.nth(0).locator("td").nth(3)).toHaveText("Keyboard");
  await expect(history.nth(1).locator("td").nth(2)).toHaveText(
    `Changed: ${outcome.title} → ${outcome.title}: ${outcome.priorities[1].title}`,
  );

  // The staff overview shows the same coverage.
  await page.goto("/staff");
  await expect(page.locator("#coverage-summary")).toContainText(coverageLine(coverageNow()));
  await expect(page.getByRole("link", { name: "Open the untagged ones" })).toHaveAttribute(
    "href",
    "/staff/feedback?period=this_term&tagged=untagged&state=approved",
  );
  const paperRow = page.locator('#coverage tr[data-source="paper"] td');
  const [paper] = readE2eDb<{ tagged: number; untagged: number }>(
    `select sum(${HAS_TAG}) as tagged, sum(not ${HAS_TAG}) as untagged from contributions c
     join responses r on r.id = c.response_id where ${NOT_ESCALATED} and c.moderation_state = 'approved'
       and r.channel = 'paper' and c.created_at >= ?`,
    termStartIso(),
  );
  await expect(paperRow.nth(0)).toHaveText(n(paper.tagged));
  await expect(paperRow.nth(1)).toHaveText(n(paper.untagged));
});

test("The same with JavaScript off: the checkbox form, bulk tagging and a suggestion", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, "officer");
  await page.goto("/staff/feedback");
  await page.getByLabel("Who").selectOption({ label: "Parents and carers" });
  await page.getByLabel("Area").selectOption({ label: "North" });
  await page.getByLabel("When").selectOption({ label: "This term" });
  await page.getByLabel("Tagged").selectOption({ label: "Not tagged yet" });
  await page.getByText("More filters").click();
  await page.getByLabel("Moderation").selectOption({ label: "Approved" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?${FILTERS}$`));
  const before = coverageNow();
  const pool = untaggedParentsNorth();
  expect(pool.length).toBeGreaterThanOrEqual(4);
  await expect(page.locator("#inbox-count")).toHaveText(`${pool.length} contributions · Page 1`);
  // No keyboard help without JavaScript: it would not work.
  await expect(page.getByRole("heading", { name: "Keyboard" })).toHaveCount(0);

  // The first card's form: two outcomes, one with a priority, and a theme.
  const outcome = firstOutcome();
  const [theme] = readE2eDb<{ id: number; name: string }>(
    "select id, name from themes where merged_into is null order by name limit 1",
  );
  const card = page.locator(`[data-inbox-item][data-id="${pool[0].id}"]`);
  await card.getByText("Change tags").click();
  await card.getByRole("checkbox", { name: outcome.title }).check();
  await card.getByLabel(`Priority within ${outcome.title}`).selectOption({ label: outcome.priorities[2].title });
  await card.getByRole("checkbox", { name: "Stay safe" }).check();
  await card.getByRole("checkbox", { name: theme.name }).check();
  await card.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tags saved." })).toBeVisible();
  expect(
    readE2eDb<{ title: string; ptitle: string | null }>(
      `select o.title, p.title as ptitle from contribution_tags t join outcomes o on o.id = t.outcome_id
       left join priorities p on p.id = t.priority_id where t.contribution_id = ? order by o.position`,
      pool[0].id,
    ),
  ).toEqual([
    { title: outcome.title, ptitle: outcome.priorities[2].title },
    { title: "Stay safe", ptitle: null },
  ]);
  expect(
    readE2eDb<{ theme_id: number }>("select theme_id from contribution_themes where contribution_id = ?", pool[0].id),
  ).toEqual([{ theme_id: theme.id }]);

  // Bulk: nothing chosen gets a 400 that says what to do; then one selected and tagged with a theme.
  const rest = pool.slice(1);
  await expect(page.locator("#inbox-count")).toHaveText(`${rest.length} contributions · Page 1`);
  const noTag = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Check and tag" }).click();
  expect((await noTag).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Choose the tag to add.");
  await page
    .locator(`[data-inbox-item][data-id="${rest[0].id}"]`)
    .getByRole("checkbox", { name: /Select for bulk/ })
    .check();
  await page.getByLabel("Tag to add").selectOption({ value: `t:${theme.id}` });
  await page.getByRole("button", { name: "Check and tag" }).click();
  await expect(page.getByRole("heading", { name: `Tag 1 contribution with “${theme.name}”?` })).toBeVisible();
  await page.getByRole("button", { name: "Yes, tag them" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tagged 1." })).toBeVisible();
  // A theme alone is not an outcome: it is still "not tagged" to the plan, so it stays in this list.
  await expect(page.locator("#inbox-count")).toHaveText(`${rest.length} contributions · Page 1`);

  // A suggestion, accepted by its button.
  const suggestion = page.locator(`[data-inbox-item][data-id="${rest[1].id}"] .suggestions button`).first();
  const label = (await suggestion.textContent()) ?? "";
  await suggestion.click();
  await expect(page.getByRole("status").filter({ hasText: "Tags saved." })).toBeVisible();
  const [accepted] = readE2eDb<{ title: string; via: string }>(
    "select o.title, e.via from tag_events e join outcomes o on o.id = e.outcome_id where e.contribution_id = ?",
    rest[1].id,
  );
  expect(label.startsWith(`Add ${accepted.title} (`)).toBe(true);
  expect(accepted.via).toBe("suggestion");
  await expect(page.locator("#coverage-summary")).toContainText(
    coverageLine({ tagged: before.tagged + 2, untagged: before.untagged - 2, waiting: before.waiting }),
  );
  await context.close();
});

test("Session notes and thread messages are in the inbox beside consultation answers, each labelled, counted exactly", async ({
  page,
}) => {
  await signInAs(page, "officer");
  const count = (where: string) =>
    readE2eDb<{ n: number }>(
      `select count(*) as n from contributions c where ${NOT_ESCALATED} and c.moderation_state in ('approved', 'pending', 'hidden') ${where}`,
    )[0].n;
  const label = (x: number) =>
    x > 1_000 ? "More than 1,000 contributions." : `${x} contribution${x === 1 ? "" : "s"}`;
  await page.goto("/staff/feedback");
  await expect(page.locator("#inbox-count")).toContainText(label(count("")));
  await page.goto("/staff/feedback?source=session_note");
  const notes = count(
    "and c.source = 'session' and exists (select 1 from session_notes sn where sn.contribution_id = c.id)",
  );
  expect(notes).toBeGreaterThan(0);
  await expect(page.locator("#inbox-count")).toHaveText(`${label(notes)} · Page 1`);
  await expect(page.locator(".inbox-card-title").first()).toContainText("Session note");
  await page.goto("/staff/feedback?source=question");
  const threads = count("and c.source = 'question'");
  expect(threads).toBeGreaterThan(0);
  await expect(page.locator("#inbox-count")).toHaveText(`${label(threads)} · Page 1`);
  await expect(page.locator(".inbox-card-title").first()).toHaveText("Question thread");
  // One search finds words from a session note and a consultation answer together.
  const [note] = readE2eDb<{ text: string }>(
    "select c.masked_body as text from contributions c join session_notes sn on sn.contribution_id = c.id where c.moderation_state = 'approved' limit 1",
  );
  const word = note.text.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w)) ?? "";
  await page.goto(`/staff/feedback?q=${encodeURIComponent(word)}`);
  await expect(page.locator("[data-inbox-item] blockquote", { hasText: note.text })).toBeVisible();
});

test("Bad input: nonsense filters are ignored with a notice; refused tags say why; only POST changes tags", async ({
  page,
}) => {
  await signInAs(page, "officer");
  const res = await page.goto("/staff/feedback?age=elderly&outcome=abc&source=paper&page=-3");
  expect(res?.status()).toBe(200);
  await expect(page.locator(".notice.warn")).toHaveText(
    "3 filters made no sense and were ignored: Age group, Outcome, Page.",
  );
  await expect(page.getByLabel("Source", { exact: true })).toHaveValue("paper");
  const post = (form: Record<string, string>) =>
    page.request.post("/staff/feedback/tag", { form, headers: { Origin: new URL(page.url()).origin } });
  const [pending] = readE2eDb<{ id: number }>(
    "select id from contributions where kind = 'text' and moderation_state = 'pending' limit 1",
  );
  const [approved] = readE2eDb<{ id: number }>(
    "select id from contributions where kind = 'text' and moderation_state = 'approved' limit 1",
  );
  const [retired] = readE2eDb<{ id: number }>(
    "select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 0 limit 1",
  );
  const tagOf = (contributionId: number) => ({
    contributionId: String(contributionId),
    outcomeId: String(firstOutcome().id),
  });
  const cases: [Record<string, string>, number, string][] = [
    [{ op: "toggle", contributionId: String(pending.id), outcomeId: "1" }, 409, "This is waiting for moderation."],
    [{ op: "toggle", contributionId: String(approved.id), outcomeId: "999999" }, 400, "That outcome does not exist."],
    [{ op: "toggle", contributionId: String(approved.id), outcomeId: String(retired.id) }, 409, "earlier plan"],
    [{ op: "dance", contributionId: "x" }, 400, "Something in the form was not right."],
    // Junk is refused, never read as "clear the priority" or as the default way in.
    [{ ...tagOf(approved.id), op: "priority", priorityId: "bogus" }, 400, "Something in the form was not right."],
    [{ ...tagOf(approved.id), op: "add", via: "bogus" }, 400, "Something in the form was not right."],
  ];
  const tagsNow = () =>
    readE2eDb<{ outcome_id: number; priority_id: number | null }>(
      "select outcome_id, priority_id from contribution_tags where contribution_id = ? order by outcome_id",
      approved.id,
    );
  const before = tagsNow();
  for (const [form, status, message] of cases) {
    const r = await post(form);
    expect(r.status()).toBe(status);
    expect(((await r.json()) as { message: string }).message).toContain(message);
  }
  // The inbox's own form: a priority that is not an id, or a selection with an id that is not one, is refused whole.
  const postInbox = (fields: [string, string][]) =>
    // Filtered to nothing, so a wrongly accepted "everything matching" would tag no one.
    page.request.post("/staff/feedback?q=zzqqnothing", {
      data: new URLSearchParams(fields).toString(),
      headers: { Origin: new URL(page.url()).origin, "Content-Type": "application/x-www-form-urlencoded" },
    });
  const outcome = firstOutcome();
  for (const fields of [
    [
      ["intent", "tags"],
      ["contributionId", String(approved.id)],
      ["outcome", String(outcome.id)],
      [`priority-${outcome.id}`, "bogus"],
    ],
    [
      ["intent", "bulk_check"],
      ["tag", `o:${outcome.id}`],
      ["scope", "selected"],
      ["ids", String(approved.id)],
      ["ids", "bogus"],
    ],
    // Everything matching is applied only with the count's newest contribution, sent back by the confirmation.
    [
      ["intent", "bulk_apply"],
      ["tag", `o:${outcome.id}`],
      ["scope", "all"],
    ],
  ] as [string, string][][]) {
    const r = await postInbox(fields);
    expect(r.status()).toBe(400);
    expect(await r.text()).toContain("Something in the form was not right. Check it and try again.");
  }
  expect(tagsNow()).toEqual(before);
  // The count of everything matching sends back the newest contribution it counted.
  const check = await postInbox([
    ["intent", "bulk_check"],
    ["tag", `o:${outcome.id}`],
    ["scope", "all"],
  ]);
  expect(check.status()).toBe(200);
  const [newest] = readE2eDb<{ id: number }>("select max(id) as id from contributions");
  expect(await check.text()).toContain(`<input type="hidden" name="maxId" value="${newest.id}"/>`);
  expect((await page.request.get("/staff/feedback/tag")).status()).toBe(405);
  // A Board member may read the plan but not tag.
  await signOut(page);
  await signInAs(page, "board");
  expect((await page.goto("/staff/feedback"))?.status()).toBe(403);
});
