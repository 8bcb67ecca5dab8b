import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";
import { readE2eDb, writeE2eDb } from "../support/pass-session";

// Issue 11: the Board's response is drafted by an officer with a Board member, previewed, and published as its own
// step; actions have a lead agency, an owner, a date and a status that the Board follows through.

const ITEM = "Feeling safe on the way to school: what young people said since the 42 bus changed";
// A label with a visually hidden part ("Move up: <item>") may be read with a space before the colon.
const named = (visible: string, hidden: string) =>
  new RegExp(`^${visible} ?: ${hidden.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
const ymd = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
const LIGHTS = "Fit lights along the path from Marsh Lane to the 42 bus stop";
const TIMETABLE = "Review the 42's evening timetable with the bus company";

function item() {
  return readE2eDb<{ id: number; meetingId: number; meeting: string }>(
    `select a.id, a.meeting_id as meetingId, m.title as meeting
       from agenda_items a join meetings m on m.id = a.meeting_id where a.title = ?`,
    ITEM,
  )[0];
}

async function staffPage(browser: Browser, role: "officer" | "board", javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signInAs(page, role);
  return page;
}

/** Staff pages run React: typing before it hydrates can be lost (JavaScript-on pages only). */
async function hydrated(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll("main form")].every((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber"))),
  );
}

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

test("The demo's past Board meeting has a published response with two actions and Polish and Arabic", async () => {
  const rows = readE2eDb<{ status: string; owner: string }>(
    `select ra.status, ra.owner from response_actions ra
       join board_responses br on br.id = ra.response_id
       join you_said_we_did y on y.board_response_id = br.id
      where br.status = 'published' order by ra.position`,
  );
  expect(rows).toEqual([
    { status: "done", owner: "Head of Youth Service" },
    { status: "in_progress", owner: "Passenger Transport Manager" },
  ]);
  expect(readE2eDb<{ lang: string }>("select lang from you_said_we_did_translations order by lang")).toEqual([
    { lang: "ar" },
    { lang: "pl" },
  ]);
});

test("An officer and a Board member draft a response with two actions, preview it and publish it", async ({
  browser,
}) => {
  // Two people, two languages, about twenty pages and states each checked with axe.
  test.setTimeout(420_000);
  const { id, meetingId, meeting } = item();

  // The officer works with JavaScript off: every step is a plain form.
  const officer = await staffPage(browser, "officer", false);
  await officer.goto("/staff/meetings");
  await expect(officer.getByRole("heading", { name: "Overdue actions" })).toBeVisible();
  await expect(officer.getByText("No action is overdue.")).toBeVisible();
  await expectNoAxeViolations(officer);
  await officer.getByRole("link", { name: meeting }).click();
  await expect(officer.getByRole("heading", { level: 1, name: meeting })).toBeVisible();
  await expectNoAxeViolations(officer);
  await officer.getByRole("link", { name: ITEM }).click();
  await expect(officer.getByRole("heading", { level: 1, name: ITEM })).toBeVisible();
  await expectNoAxeViolations(officer);

  await fill(
    officer,
    "Decision",
    "The Board agreed to light the path to the bus stop and review the 42's evening buses.",
  );
  await fill(
    officer,
    "You said",
    "You said you feel scared walking home in the dark since the 42 bus stopped after 5pm.",
  );
  await fill(officer, "We did", "We are putting lights on the path from Marsh Lane to the bus stop.");
  await officer.getByRole("button", { name: "Save the draft" }).click();
  await expect(officer.getByText("Draft: not published yet")).toBeVisible();
  await expectNoAxeViolations(officer);

  // An action without an owner or a date is refused, with the messages at the top and at the fields.
  await officer.getByText("Add an action").click();
  await fill(officer, "What will be done", LIGHTS);
  await fill(officer, "Lead agency", "Wealdshire County Council Highways");
  await officer.getByRole("button", { name: "Add the action" }).click();
  const summary = officer.getByRole("alert");
  await expect(summary.getByRole("link")).toHaveText(["Enter who owns the action", "Enter the date it is due by"]);
  await expect(officer).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(officer);
  expect(readE2eDb("select id from response_actions where description = ?", LIGHTS)).toEqual([]);

  await fill(officer, "Owner", "Head of Highways");
  await fill(officer, "Due by", ymd(60));
  await officer.getByRole("button", { name: "Add the action" }).click();
  await expect(officer.getByTestId("action")).toHaveCount(1);
  await officer.getByText("Add an action").click();
  await fill(officer, "What will be done", TIMETABLE);
  await fill(officer, "Lead agency", "Wealdshire County Council Passenger Transport");
  await fill(officer, "Owner", "Passenger Transport Manager");
  await fill(officer, "Due by", ymd(-2));
  await officer.getByRole("button", { name: "Add the action" }).click();
  await expect(officer.getByTestId("action")).toHaveCount(2);
  await expect(officer.getByTestId("action").nth(1)).toContainText("Overdue");
  await expectNoAxeViolations(officer);

  // The children's draft goes to a Sounding Board session for comments.
  const sessions = officer.getByLabel("Sounding Board session");
  const firstSession = await sessions.locator("option").nth(1).getAttribute("value");
  await sessions.selectOption(firstSession ?? "");
  await officer.getByRole("button", { name: "Send the children's version to this session" }).click();
  await expect(officer.getByTestId("review")).toContainText("No approved comments yet.");
  await expectNoAxeViolations(officer);
  expect(
    readE2eDb<{ sessionId: number }>(
      "select session_id as sessionId from agenda_questions where agenda_item_id = ? and text like 'The Board wants%'",
      id,
    ),
  ).toEqual([{ sessionId: Number(firstSession) }]);

  // The officer's preview lists what is missing; an officer may not publish.
  await officer.getByRole("link", { name: "Preview what will be published" }).click();
  await expect(officer.getByRole("heading", { name: "Before it can be published" })).toBeVisible();
  await expect(officer.locator(".notice.warn").getByRole("listitem")).toHaveText([
    "Enter what parents and carers said",
    "Enter what was done, for parents and carers",
  ]);
  await expectNoAxeViolations(officer);
  const origin = new URL(officer.url()).origin;
  const forged = await officer.request.post(`/staff/agenda-items/${id}/preview`, {
    form: {},
    headers: { Origin: origin },
  });
  expect(forged.status()).toBe(403);
  expect(
    readE2eDb(
      "select id from you_said_we_did where board_response_id in (select id from board_responses where agenda_item_id = ?)",
      id,
    ),
  ).toEqual([]);

  // The Board member edits the same draft, adds the Polish version, previews and publishes.
  const board = await staffPage(browser, "board");
  await board.goto(`/staff/agenda-items/${id}`);
  await hydrated(board);
  await expect(board.getByLabel("We did", { exact: true })).toHaveValue(
    "We are putting lights on the path from Marsh Lane to the bus stop.",
  );
  await fill(
    board,
    "You said (parents and carers)",
    "Young people told us they feel unsafe walking home since the 42 bus stopped running after 5pm.",
  );
  await fill(
    board,
    "We did (parents and carers)",
    "The Board asked Highways to light the path from Marsh Lane to the bus stop, and Passenger Transport to review the evening timetable.",
  );
  await board.getByRole("button", { name: "Save the draft" }).click();
  await expect(board.getByText("Draft: not published yet")).toBeVisible();
  await board.getByText("Polish · no translation yet").click();
  await fill(
    board,
    "You said (Polish)",
    "Powiedzieliście, że boicie się wracać po ciemku, odkąd autobus 42 nie jeździ po 17:00.",
  );
  await fill(board, "We did (Polish)", "Stawiamy latarnie na ścieżce od Marsh Lane do przystanku.");
  await fill(
    board,
    "You said (parents and carers) (Polish)",
    "Młodzi ludzie powiedzieli nam, że czują się niebezpiecznie.",
  );
  await fill(board, "We did (parents and carers) (Polish)", "Rada poprosiła o oświetlenie ścieżki do przystanku.");
  await board.getByRole("button", { name: "Save the Polish version" }).click();
  await expect(board.getByText("Polish · translation given")).toBeVisible();
  await expectNoAxeViolations(board);

  await board.getByRole("link", { name: "Preview and publish" }).click();
  await expect(board.getByRole("heading", { level: 1, name: `Preview: ${ITEM}` })).toBeVisible();
  await expect(board.getByTestId("en-weDid")).toHaveText(
    "We are putting lights on the path from Marsh Lane to the bus stop.",
  );
  await expect(board.getByTestId("pl-weDid")).toHaveText("Stawiamy latarnie na ścieżce od Marsh Lane do przystanku.");
  await expect(board.getByRole("table", { name: "Actions" }).getByRole("row")).toHaveCount(3);
  await expectNoAxeViolations(board);
  // nothing is public before the separate publishing step
  expect(
    readE2eDb(
      "select id from you_said_we_did where board_response_id in (select id from board_responses where agenda_item_id = ?)",
      id,
    ),
  ).toEqual([]);
  await board.getByRole("button", { name: "Publish the response" }).click();
  await expect(board.getByRole("heading", { name: /^Published on / })).toBeVisible();
  await expectNoAxeViolations(board);

  const [entry] = readE2eDb<{ decision: string; youSaid: string; weDid: string; checked: number; localities: string }>(
    `select br.decision, y.you_said as youSaid, y.we_did as weDid, y.checked_by_young_people as checked, y.locality_ids as localities
       from you_said_we_did y join board_responses br on br.id = y.board_response_id where br.agenda_item_id = ?`,
    id,
  );
  expect(entry).toMatchObject({
    decision: "The Board agreed to light the path to the bus stop and review the 42's evening buses.",
    youSaid: "You said you feel scared walking home in the dark since the 42 bus stopped after 5pm.",
    weDid: "We are putting lights on the path from Marsh Lane to the bus stop.",
    checked: 0,
  });
  const actions = () =>
    readE2eDb<{ description: string; status: string }>(
      `select ra.description, ra.status from response_actions ra join board_responses br on br.id = ra.response_id
        where br.agenda_item_id = ? order by ra.position`,
      id,
    );
  expect(actions()).toEqual([
    { description: LIGHTS, status: "not_started" },
    { description: TIMETABLE, status: "not_started" },
  ]);
  // Publishing twice is refused.
  const again = await board.request.post(`/staff/agenda-items/${id}/preview`, {
    form: {},
    headers: { Origin: origin },
  });
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain("This response has already been published.");

  // The overdue action is shown to the Board.
  await board.goto("/staff/meetings");
  await expect(board.getByText("1 action is past its date and not done.")).toBeVisible();
  await expect(board.getByRole("table", { name: "Overdue actions" }).getByRole("row").nth(1)).toContainText(TIMETABLE);
  await expectNoAxeViolations(board);
  await board.goto("/staff");
  await expect(board.getByRole("link", { name: "1 Board action is overdue" })).toBeVisible();
  await expectNoAxeViolations(board);

  // The officer marks the lights done: the published entry's action shows it.
  await officer.goto(`/staff/agenda-items/${id}`);
  await officer.getByRole("combobox", { name: named("Change the status", LIGHTS) }).selectOption("done");
  await officer.getByRole("button", { name: named("Update the status", LIGHTS) }).click();
  await expect(officer.getByTestId("action").first().getByTestId("action-status")).toHaveText("Done");
  await expectNoAxeViolations(officer);
  // Dropping without a reason is refused.
  await officer.getByRole("combobox", { name: named("Change the status", TIMETABLE) }).selectOption("dropped");
  await officer.getByRole("button", { name: named("Update the status", TIMETABLE) }).click();
  await expect(officer.getByRole("alert").getByRole("link")).toHaveText(["Enter why the action was dropped"]);
  await expectNoAxeViolations(officer);
  expect(actions()).toEqual([
    { description: LIGHTS, status: "done" },
    { description: TIMETABLE, status: "not_started" },
  ]);
  expect(
    readE2eDb<{ status: string }>(
      `select e.status from response_action_events e join response_actions ra on ra.id = e.action_id
        where ra.description = ? order by e.id`,
      LIGHTS,
    ),
  ).toEqual([{ status: "not_started" }, { status: "done" }]);

  // The timetable action's wording is changed after it was added: a missing owner is refused; the change is kept in
  // the action's history, and children reading in Polish get the Polish wording.
  await officer.goto(`/staff/agenda-items/${id}`);
  const timetable = officer.getByTestId("action").nth(1);
  await timetable.locator("summary", { hasText: "Change the wording" }).click();
  await timetable.getByLabel(/^Owner ?:/).fill("");
  await timetable.getByRole("button", { name: named("Save the wording", TIMETABLE) }).click();
  await expect(officer.getByRole("alert").getByRole("link")).toHaveText(["Enter who owns the action"]);
  await expectNoAxeViolations(officer);
  const refused = officer.getByTestId("action").nth(1);
  await refused.getByLabel(/^Owner ?:/).fill("Head of Passenger Transport");
  await refused.getByLabel("What will be done, in Polish").fill("Przejrzymy wieczorny rozkład jazdy autobusu 42");
  await refused.getByRole("button", { name: named("Save the wording", TIMETABLE) }).click();
  const edited = officer.getByTestId("action").nth(1);
  await expect(edited.locator("dd").nth(1)).toHaveText("Head of Passenger Transport");
  await edited.getByText("History of this action").click();
  await expect(edited.locator("details > ul > li").last()).toContainText("wording changed");
  await expect(edited.locator("details ul > li ul > li")).toHaveCount(2);
  await expectNoAxeViolations(officer);
  expect(
    readE2eDb<{ kind: string; detail: string }>(
      `select e.kind, e.detail from response_action_events e join response_actions ra on ra.id = e.action_id
        where ra.description = ? order by e.id`,
      TIMETABLE,
    ).map((e) => [e.kind, e.detail === null ? null : Object.keys(JSON.parse(e.detail)).sort()]),
  ).toEqual([
    ["status", null],
    ["wording", ["descriptionPl", "owner"]],
  ]);
  const [entryRow] = readE2eDb<{ id: number }>(
    "select y.id from you_said_we_did y join board_responses br on br.id = y.board_response_id where br.agenda_item_id = ?",
    id,
  );
  const polish = await officer.context().browser()?.newContext({
    javaScriptEnabled: false,
    baseURL: test.info().project.use.baseURL,
  });
  if (!polish) throw new Error("no browser");
  await polish.addCookies([{ name: "sb_lang", value: "pl", url: test.info().project.use.baseURL ?? "" }]);
  const reader = await polish.newPage();
  await reader.goto(`/you-said-we-did/${entryRow.id}`);
  const steps = reader.locator(".ysdw-action-what");
  await expect(steps).toHaveText([LIGHTS, "Przejrzymy wieczorny rozkład jazdy autobusu 42"]);
  await expect(steps.nth(0)).toHaveAttribute("lang", "en");
  expect(await steps.nth(1).getAttribute("lang")).toBeNull();
  await expect(reader.getByText("Niektóre z tych kroków są na razie opisane tylko po angielsku.")).toBeVisible();
  await expectNoAxeViolations(reader);
  await polish.close();

  // A correction by the Board member changes the entry and shows what it said before; an officer may not correct.
  const officerCorrects = await officer.request.post(`/staff/agenda-items/${id}`, {
    headers: { Origin: origin },
    form: { intent: "correct", lang: "en", field: "weDid", after: "x", note: "y" },
  });
  expect(officerCorrects.status()).toBe(403);
  await board.goto(`/staff/agenda-items/${id}`);
  await hydrated(board);
  await board.getByText("Correct the published entry").click();
  await board.getByLabel("What to correct").selectOption("weDid");
  await fill(
    board,
    "The corrected words",
    "We are putting lights on the path from Marsh Lane to the bus stop by March.",
  );
  await fill(board, "Reason for the correction", "The date was agreed");
  await board.getByRole("button", { name: "Save the correction" }).click();
  await expect(board.getByTestId("corrections").getByRole("listitem")).toHaveCount(1);
  await expect(board.getByTestId("corrections")).toContainText(
    "was “We are putting lights on the path from Marsh Lane to the bus stop.”, now “We are putting lights on the path from Marsh Lane to the bus stop by March.”",
  );
  await expectNoAxeViolations(board);
  expect(
    readE2eDb<{ weDid: string; corrected: number }>(
      `select y.we_did as weDid, y.corrected_at is not null as corrected from you_said_we_did y
        join board_responses br on br.id = y.board_response_id where br.agenda_item_id = ?`,
      id,
    ),
  ).toEqual([{ weDid: "We are putting lights on the path from Marsh Lane to the bus stop by March.", corrected: 1 }]);

  await board.goto(`/staff/meetings/${meetingId}`);
  await expect(board.locator(`#item-${id}`)).toContainText("Response published");
  await expectNoAxeViolations(board);
  await officer.context().close();
  await board.context().close();
});

test("Roles that may not see meetings get 403; the officer arranges the agenda with plain forms", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  for (const role of ["partnership", "safeguarding"] as const) {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await signInAs(page, role);
    for (const path of ["/staff/meetings", `/staff/meetings/${item().meetingId}`, `/staff/agenda-items/${item().id}`])
      expect((await page.request.get(path)).status(), `${role} ${path}`).toBe(403);
    const res = await page.goto("/staff/meetings");
    expect(res?.status()).toBe(403);
    await expectNoAxeViolations(page);
    await context.close();
  }

  const officer = await staffPage(browser, "officer", false);
  const { meetingId } = item();
  await officer.goto(`/staff/meetings/${meetingId}`);
  await officer.getByText("Add an agenda item").click();
  await officer.getByRole("button", { name: "Add the item" }).click();
  await expect(officer.getByRole("alert").getByRole("link")).toHaveText([
    "Enter the title of the item",
    "Choose for decision or for information",
  ]);
  await expectNoAxeViolations(officer);
  await fill(officer, "Title of the item", "Youth travel pilot: update from Passenger Transport");
  await officer.getByRole("radio", { name: "For decision" }).check();
  const decisions = officer.getByRole("region", { name: "Items for decision" }).getByRole("heading", { level: 3 });
  // Other specs (exports) may have put their own items on this meeting: the order is read relative to what was there.
  const before = await decisions.allTextContents();
  expect(before).toContain(ITEM);
  await officer.getByRole("button", { name: "Add the item" }).click();
  const pilot = "Youth travel pilot: update from Passenger Transport";
  await expect(decisions).toHaveText([...before, pilot]);
  await officer
    .getByRole("button", { name: named("Move up", "Youth travel pilot: update from Passenger Transport") })
    .click();
  await expect(decisions).toHaveText([...before.slice(0, -1), pilot, ...before.slice(-1)]);
  await officer
    .getByRole("button", {
      name: named("Make it an item for information", "Youth travel pilot: update from Passenger Transport"),
    })
    .click();
  await expect(decisions).toHaveText(before);
  // Other specs may have added their own items for information to this meeting: this one is among them.
  await expect(
    officer
      .getByRole("region", { name: "Items for information" })
      .getByRole("heading", { level: 3, name: "Youth travel pilot: update from Passenger Transport" }),
  ).toHaveCount(1);
  await expect(officer.getByRole("button", { name: "Make the agenda pack (PDF)" })).toBeVisible();
  await expectNoAxeViolations(officer);

  // Bodies and meetings
  await officer.goto("/staff/meetings");
  await officer.getByText("Add a body").click();
  await fill(officer, "Name of the body", "North local children and young people's partnership board");
  await officer.getByLabel("Kind of body").selectOption("local_board");
  await officer.getByRole("button", { name: "Save the body" }).click();
  await expect(officer.getByRole("table", { name: "Bodies" })).toContainText(
    "North local children and young people's partnership board",
  );
  await officer.getByText("Add a meeting").click();
  await officer.getByRole("button", { name: "Save the meeting" }).click();
  await expect(officer.getByRole("alert").getByRole("link")).toHaveText([
    "Choose the body that meets",
    "Enter the title of the meeting",
    "Enter the date of the meeting as a real date",
  ]);
  await expectNoAxeViolations(officer);
  await officer
    .getByLabel("Body", { exact: true })
    .selectOption({ label: "North local children and young people's partnership board" });
  await fill(officer, "Title of the meeting", "North local board – spring");
  await fill(officer, "Date of the meeting", ymd(40));
  await fill(officer, "Place", "Banbury Cross Library");
  await officer.getByRole("button", { name: "Save the meeting" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "North local board – spring" })).toBeVisible();
  await expect(officer.getByText("Banbury Cross Library")).toBeVisible();
  await expectNoAxeViolations(officer);
  await officer.context().close();
});

test("An officer deletes a meeting and a body nothing depends on; a meeting with papers or a response is refused in words", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const { bodyId, meetingId } = writeE2eDb((db) => {
    const b = Number(
      db.prepare("insert into bodies (name, kind) values (?, 'local_board')").run(`East board ${stamp}`)
        .lastInsertRowid,
    );
    const m = Number(
      db
        .prepare("insert into meetings (body_id, title, meets_on) values (?, ?, '2099-05-02')")
        .run(b, `East – May ${stamp}`).lastInsertRowid,
    );
    return { bodyId: b, meetingId: m };
  });
  await signInAs(page, "officer");

  // The body still has a meeting: refused, with what to do.
  await page.goto(`/staff/bodies/${bodyId}`);
  await page.getByRole("link", { name: "Delete this body" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Delete East board ${stamp}?` })).toBeVisible();
  await expect(page.locator(".delete-panel .notice")).toHaveText(
    "This body cannot be deleted while it has meetings. Delete its meetings first (a meeting that received papers is kept as a record, and so is its body).",
  );
  await expect(page.getByRole("button", { name: "Yes, delete this body" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The empty meeting: confirm, then gone, and audited.
  await page.goto(`/staff/meetings/${meetingId}`);
  await page.getByRole("link", { name: "Delete this meeting" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/meetings/${meetingId}\\?delete=1#delete$`));
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  await page.locator("#delete").screenshot({ path: "test-results/responses/delete-meeting-320.png" });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect((await page.request.get(`/staff/meetings/${meetingId}?intent=delete`)).status()).toBe(200);
  expect(readE2eDb("select id from meetings where id = ?", meetingId)).toEqual([{ id: meetingId }]);
  await page.getByRole("button", { name: "Yes, delete this meeting" }).click();
  await expect(page.getByRole("status")).toHaveText("The meeting was deleted.");
  await expectNoAxeViolations(page);
  expect(readE2eDb("select id from meetings where id = ?", meetingId)).toEqual([]);
  expect(
    readE2eDb<{ n: number }>(
      "select count(*) as n from audit_log where action = 'meeting_deleted' and subject_id = ?",
      meetingId,
    )[0].n,
  ).toBe(1);

  // Now the body can go.
  await page.goto(`/staff/bodies/${bodyId}?delete=1`);
  await page.getByRole("button", { name: "Yes, delete this body" }).click();
  await expect(page.getByRole("status")).toHaveText("The body was deleted.");
  expect(readE2eDb("select id from bodies where id = ?", bodyId)).toEqual([]);

  // The demo's past Board meeting received a paper and has a published response: refused, on the page and by POST.
  const [past] = readE2eDb<{ id: number }>(
    `select distinct a.meeting_id as id from agenda_items a join board_responses br on br.agenda_item_id = a.id
      where br.status = 'published' and a.summary_version_id is not null limit 1`,
  );
  await page.goto(`/staff/meetings/${past.id}?delete=1`);
  await expect(page.locator(".delete-panel .notice")).toHaveText(
    "This meeting cannot be deleted: papers were sent to it, and a sent paper is a record that must be kept. If the date or place changed, edit the meeting instead.",
  );
  await expectNoAxeViolations(page);
  const origin = new URL(page.url()).origin;
  const refused = await page.request.post(`/staff/meetings/${past.id}`, {
    form: { intent: "delete" },
    headers: { Origin: origin },
  });
  expect(refused.status()).toBe(409);
  expect(readE2eDb("select id from meetings where id = ?", past.id)).toEqual([{ id: past.id }]);
});
