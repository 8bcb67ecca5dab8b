import type { Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";
import { makePassSession, readE2eDb, signInWithPass, writeE2eDb } from "../support/pass-session";

// Issue 9, the staff side of the story: an officer makes a local parents' forum and prints its poster, schedules a
// session with two agenda questions (one the Board referred), the facilitator runs it with the network cut off for part
// of it while a second facilitator watches, records attendance, closes it and sends the summary to the members; the
// Board's agenda item shows the answers to its question.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/sessions";
const FORUM = `Kingsbury Marsh Dads' and Carers' Group ${Date.now() % 100_000}`;
const TITLE = "Kingsbury Marsh parents: getting to school";
const Q1 = "How do your children get to school, and what would make it safer?";
const Q2 = "What would you change about school transport letters?";
const VIEW = "My son walks and there is no pavement for the last half mile";

/** A day in the county's time zone, as the date field takes it. */
function countyDay(addDays: number) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(
    new Date(Date.now() + addDays * 86400_000),
  );
}

/** Staff pages run React: typing before it hydrates can be lost. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll("main form")];
    return forms.length > 0 && forms.every((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber")));
  });
}

let groupId = 0;
let joinCode = "";
let sessionId = 0;
let parent: ReturnType<typeof makePassSession>;

test("An officer creates a local parents' group and prints its poster; the QR code decodes to the join link", async ({
  page,
  baseURL,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/groups");
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  // Every group in the server's database (the demo's 23, and any other spec's), exactly.
  const total = readE2eDb<{ n: number }>("select count(*) as n from groups")[0].n;
  expect(total).toBeGreaterThanOrEqual(23);
  await expect(page.getByRole("status")).toHaveText(`${total} groups of ${total}`);
  await page.getByRole("link", { name: "New group" }).click();
  await hydrated(page);

  // Nothing filled in: a 400 with the errors, and the typing kept.
  await page.getByLabel("Where it meets").fill("Kingsbury Marsh Village Hall");
  const bad = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Create group" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Enter a name of 3 to 120 characters.");
  await expect(page.locator(".error-summary")).toContainText("Choose who the group is for.");
  await expect(page.getByLabel("Where it meets")).toHaveValue("Kingsbury Marsh Village Hall");

  await page.getByLabel("Name").fill(FORUM);
  await page.getByLabel("Kind of group").selectOption({ label: "Children's centre parents' group" });
  await page.getByRole("radio", { name: "Parents and carers" }).check();
  await page.getByLabel("Locality").selectOption({ label: "Kingsbury Marsh (North)" });
  await page.getByLabel("Access information").fill("Step-free, hearing loop, free parking behind the hall.");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: FORUM })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Group created. Its join code is ready.");
  groupId = Number(new URL(page.url()).pathname.split("/").pop());
  const stored = readE2eDb<{ join_code: string; facilitator_id: number }>(
    "select join_code, facilitator_id from groups where id = ?",
    groupId,
  )[0];
  joinCode = `${stored.join_code.slice(0, 5)}-${stored.join_code.slice(5)}`;
  await expect(page.locator(".join-code")).toHaveText(joinCode);
  await expect(page.getByTestId("reach-total")).toHaveText("0");

  await page.getByRole("link", { name: "Print a poster" }).click();
  await expect(page.getByRole("heading", { level: 1, name: FORUM })).toBeVisible();
  await expect(page.getByTestId("poster-code")).toHaveText(joinCode);
  await page.screenshot({ path: `${SHOTS}/poster.png`, fullPage: true });
  const qr = PNG.sync.read(await page.locator(".poster-qr svg").screenshot());
  const decoded = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height);
  expect(decoded?.data).toBe(`${baseURL}/join?code=${joinCode}`);
  // Printed, the staff menus and the note about printing are left out.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".staff-bar")).toBeHidden();
  await expect(page.locator(".poster-tools")).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // Renewing the code: the old one stops working.
  await page.goto(`/staff/groups/${groupId}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Make a new code" }).click();
  await expect(page.getByRole("status")).toContainText("The old code no longer works");
  const renewed = readE2eDb<{ join_code: string }>("select join_code from groups where id = ?", groupId)[0].join_code;
  expect(renewed).not.toBe(stored.join_code);
  joinCode = `${renewed.slice(0, 5)}-${renewed.slice(5)}`;
  await expect(page.locator(".join-code")).toHaveText(joinCode);
});

test("A parent joins with the code; the officer schedules a session with two questions, one the Board referred, and publishes it; the parent sends a view and takes the calendar file", async ({
  page,
  browser,
  baseURL,
}) => {
  parent = makePassSession("12_15");
  writeE2eDb((db) => db.prepare("update passes set is_parent = 1, age_band = null where id = ?").run(parent.passId));
  const parentContext = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await signInWithPass(parentContext, baseURL as string, parent.sessionId);
  const home = await parentContext.newPage();
  await home.goto("/join");
  await home.getByLabel("Join code").fill(joinCode.toLowerCase());
  await home.getByRole("button", { name: "Find my group" }).click();
  await expect(home.getByRole("heading", { level: 1 })).toHaveText(FORUM);
  await home.getByRole("radio", { name: "I am a parent or carer" }).check();
  await home.getByRole("button", { name: "Join this group" }).click();
  await expect(home.getByRole("status")).toHaveText(`You have joined ${FORUM}.`);
  const item = readE2eDb<{ id: number }>(
    "select id from agenda_items where title like 'Youth clubs on Friday evenings%'",
  )[0].id;

  await signInAs(page, "officer");
  await page.goto(`/staff/groups/${groupId}`);
  await expect(page.getByTestId("reach-total")).toHaveText("fewer than 5");
  await expect(page.getByRole("table", { name: "Members", exact: true })).toContainText(parent.nickname);
  await page.getByRole("link", { name: "Schedule a session" }).click();
  await hydrated(page);
  await expect(page.getByRole("checkbox", { name: FORUM })).toBeChecked();

  // A time already gone: refused, typing kept.
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Date").fill(countyDay(-1));
  await page.getByLabel("Place", { exact: true }).fill("Kingsbury Marsh Village Hall");
  await page.locator("#q0").fill(Q1);
  const bad = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Save as a draft" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("The session must be in the future.");
  await expect(page.locator("#q0")).toHaveValue(Q1);

  await page.getByLabel("Date").fill(countyDay(6));
  await page.getByLabel("Starts").fill("18:00");
  await page.getByLabel("Ends").fill("19:30");
  await page.locator("#q0tag").selectOption({ label: "Stay safe (the outcome as a whole)" });
  await page.locator("#q1").fill(Q2);
  await page.locator("#q1item").selectOption(String(item));
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  sessionId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.locator("ol.agenda > li")).toHaveCount(2);
  await expect(page.locator("ol.agenda > li").nth(1)).toContainText(
    "Children and Young People's Board asked us: Youth clubs on Friday evenings",
  );
  const stored = readE2eDb<{ starts_at: string; status: string }>(
    "select starts_at, status from group_sessions where id = ?",
    sessionId,
  )[0];
  expect(stored.status).toBe("draft");
  // 18:00 in London on that day, whatever the season.
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(stored.starts_at));
  expect(local).toBe("18:00");

  await hydrated(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published. Members can see it and send views.");
  await page.screenshot({ path: `${SHOTS}/session.png`, fullPage: true });

  // The parent sees it, sends a view on the first question (pre-moderated) and takes the calendar file.
  await home.goto("/sessions");
  await home.getByRole("link", { name: TITLE }).click();
  await home.getByLabel("Send your view on question 1 before the session").fill(VIEW);
  await home.getByRole("button", { name: "Send my view" }).first().click();
  await expect(home.getByRole("status")).toHaveText("Thank you. We will read your view before the session.");
  expect(
    readE2eDb<{ state: string; source: string }>(
      "select c.moderation_state as state, c.source from session_views v join contributions c on c.id = v.contribution_id where v.session_id = ?",
      sessionId,
    ),
  ).toEqual([{ state: "pending", source: "session" }]);
  const ics = await parentContext.request.get(`${baseURL}/sessions/${sessionId}/calendar.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const utc = stored.starts_at.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  expect(await ics.text()).toContain(`DTSTART:${utc}`);
  await parentContext.close();

  // The officer reads it in the moderation queue, labelled with the session and question, and approves it.
  await page.goto("/staff/moderation?source=session");
  const card = page.locator("article").filter({ hasText: VIEW });
  await expect(card.getByRole("heading")).toHaveText(`Before a session: ${TITLE} · ${Q1}`);
  await hydrated(page);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("article").filter({ hasText: VIEW })).toHaveCount(0);
});

test("A session with no agenda cannot be published; another group's facilitator gets 403 on its run screen", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "officer");
  // A group the administrator facilitates, and a session of it with no agenda yet.
  const [adminGroup, empty] = writeE2eDb((db) => {
    const admin = (db.prepare("select id from staff_users where role = 'admin'").get() as { id: number }).id;
    const g = Number(
      db
        .prepare(
          "insert into groups (name, kind, audience, join_code, facilitator_id, status) values ('Admin-run forum', 'youth_forum', 'young_people', ?, ?, 'open')",
        )
        .run(`ZZZZ${Date.now() % 1_000_000}`.slice(0, 10).padEnd(10, "Z"), admin).lastInsertRowid,
    );
    const start = new Date(Date.now() + 5 * 86400_000).toISOString();
    const s = Number(
      db
        .prepare(
          "insert into group_sessions (title, starts_at, ends_at, place, status, created_at) values ('No agenda yet', ?, ?, 'Hall', 'draft', ?)",
        )
        .run(start, new Date(Date.parse(start) + 3600_000).toISOString(), new Date().toISOString()).lastInsertRowid,
    );
    db.prepare("insert into session_groups (session_id, group_id) values (?, ?)").run(s, g);
    return [g, s];
  });
  expect(adminGroup).toBeGreaterThan(0);
  await page.goto(`/staff/sessions/${empty}`);
  await expect(page.getByText("No agenda questions yet. Add at least one before publishing.")).toBeVisible();
  await expect(
    page.getByText("Only a facilitator of one of these groups, or an administrator, can run this session."),
  ).toBeVisible();
  await hydrated(page);
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Publish" }).click();
  expect((await refused).status()).toBe(409);
  await expect(page.getByRole("alert")).toHaveText("Add at least one agenda question before publishing.");
  expect(readE2eDb<{ status: string }>("select status from group_sessions where id = ?", empty)[0].status).toBe(
    "draft",
  );

  const run = await page.request.get(`${baseURL}/staff/sessions/${empty}/run`);
  expect(run.status()).toBe(403);
  const note = await page.request.post(`${baseURL}/staff/sessions/${empty}/notes`, {
    form: { agendaQuestionId: "1", clientId: "aaaaaaaa-1", rev: "1", body: "x", marker: "", fromFlipchart: "" },
    headers: { Origin: baseURL as string },
  });
  expect(note.status()).toBe(403);
  // A Board member has no business with groups at all.
  const board = await browser.newContext({ baseURL });
  const boardPage = await board.newPage();
  await signInAs(boardPage, "board");
  expect((await boardPage.request.get(`${baseURL}/staff/groups`)).status()).toBe(403);
  expect((await boardPage.request.get(`${baseURL}/staff/sessions/${sessionId}/run`)).status()).toBe(403);
  await board.close();
});

test("The facilitator takes notes with the network cut off for part of it: nothing lost or doubled, a second screen sees them", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "officer");
  await page.goto(`/staff/sessions/${sessionId}/run`);
  await expect(page.getByRole("heading", { level: 1, name: `Running: ${TITLE}` })).toBeVisible();
  await hydrated(page);
  // A second facilitator's screen, on another device.
  const second = await browser.newContext({ baseURL });
  const other = await second.newPage();
  await signInAs(other, "officer");
  await other.goto(`/staff/sessions/${sessionId}/run`);
  await hydrated(other);

  // The view the parent sent before, approved, is there for the facilitator.
  await expect(page.locator("#q1 details summary")).toHaveText("1 approved view sent before the session");
  const q1 = page.getByTestId("notes-q1");
  // Typed the way people type: a pause mid-sentence saves the note, and the rest of the sentence still lands in it.
  await q1.getByRole("textbox", { name: "New note for question 1" }).click();
  await page.keyboard.type("Walking: no pavement");
  await expect(page.getByTestId("save-status")).toHaveText("All notes saved");
  await page.keyboard.type(" on Marsh Lane, cars go fast");
  await expect(q1.getByRole("textbox", { name: "Note 1, question 1" })).toBeFocused();
  await expect(page.getByTestId("save-status")).toHaveText("All notes saved");
  const first = q1.getByRole("textbox", { name: "Note 1, question 1" });
  await expect(first).toHaveValue("Walking: no pavement on Marsh Lane, cars go fast");
  // Keys: Esc leaves the text, 2 tags the second outcome, A marks it most agreed.
  await first.focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("2");
  await page.keyboard.press("a");
  const card = q1.locator("form.note-card").first();
  await expect(card.getByRole("checkbox", { name: "2 Stay safe" })).toBeChecked();
  await expect(card.getByRole("radio", { name: "A Most agreed" })).toBeChecked();
  await expect(page.getByTestId("save-status")).toHaveText("All notes saved");
  await expect(other.getByTestId("notes-q1").getByRole("textbox", { name: "Note 1, question 1" })).toHaveValue(
    "Walking: no pavement on Marsh Lane, cars go fast",
  );

  // The connection drops. Two more notes are typed; they wait on this device, in order.
  await page.context().setOffline(true);
  await page.keyboard.press("n");
  await expect(q1.getByRole("textbox", { name: "New note for question 1" })).toBeFocused();
  await page.keyboard.type("The school bus is full by the last stop");
  await expect(page.getByTestId("save-status")).toHaveText(/^Offline: 1 change kept on this device/);
  const q2 = page.getByTestId("notes-q2");
  await q2
    .getByRole("textbox", { name: "New note for question 2" })
    .fill("Letters arrive in late August: too late to plan");
  await expect(page.getByTestId("save-status")).toHaveText(/^Offline: 2 changes kept on this device/);
  await expect(q2.locator(".note-status.queued")).toHaveText("Not sent yet");
  await page.screenshot({ path: `${SHOTS}/run-offline.png`, fullPage: true });
  expect(readE2eDb<{ n: number }>("select count(*) as n from session_notes where session_id = ?", sessionId)[0].n).toBe(
    1,
  );

  // Back online: sent in order, once each.
  await page.context().setOffline(false);
  await expect(page.getByTestId("save-status")).toHaveText("All notes saved");
  const notes = readE2eDb<{ body: string; marker: string | null; outcome_ids: string; rev: number }>(
    "select body, marker, outcome_ids, rev from session_notes where session_id = ? order by id",
    sessionId,
  );
  const staySafe = readE2eDb<{ id: number }>(
    "select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 and o.key = 'stay-safe'",
  )[0].id;
  expect(notes.map((n) => n.body)).toEqual([
    "Walking: no pavement on Marsh Lane, cars go fast",
    "The school bus is full by the last stop",
    "Letters arrive in late August: too late to plan",
  ]);
  expect(notes[0].marker).toBe("most_agreed");
  expect(JSON.parse(notes[0].outcome_ids)).toEqual([staySafe]);
  // The second screen sees them appear.
  await expect(other.getByTestId("notes-q1").getByRole("textbox", { name: "Note 2, question 1" })).toHaveValue(
    "The school bus is full by the last stop",
  );
  await expect(other.getByTestId("notes-q2").getByRole("textbox", { name: "Note 1, question 2" })).toHaveValue(
    "Letters arrive in late August: too late to plan",
  );
  await expectNoAxeViolations(other);
  await second.close();

  // The same notes after a reload: nothing lost, nothing doubled, the local queue empty.
  await page.reload();
  await hydrated(page);
  await expect(page.locator("form.note-card:not(.new)")).toHaveCount(3);
  expect(
    await page.evaluate(
      (id) => Object.keys(localStorage).filter((k) => k.startsWith(`sounding-board:notes:${id}:`)),
      sessionId,
    ),
  ).toEqual([]);
});

test("Without JavaScript: a flipchart note is added, one too long is refused with its length and kept, attendance is recorded", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL,
    viewport: { width: 320, height: 800 },
  });
  const page = await context.newPage();
  await signInAs(page, "officer");
  await page.goto(`/staff/sessions/${sessionId}/run`);
  await expect(page.getByTestId("save-status")).toHaveText("Each note has its own Save button.");
  const q2 = page.getByTestId("notes-q2");
  const long = "We need the letters earlier. ".repeat(70).trim();
  await q2.getByRole("textbox", { name: "New note for question 2" }).fill(long);
  const bad = page.waitForResponse((r) => r.request().method() === "POST");
  await q2.getByRole("button", { name: "Add note" }).click();
  expect((await bad).status()).toBe(400);
  await expect(page.getByTestId("notes-q2").locator(".field-error")).toHaveText(
    `This note is ${long.length} characters long. Notes can be up to 2000: shorten it or split it into two notes.`,
  );
  await expect(page.getByTestId("notes-q2").getByRole("textbox", { name: "New note for question 2" })).toHaveValue(
    long,
  );

  const blank = page.getByRole("form", { name: "New note for question 2" });
  await blank.getByRole("textbox").fill("Booking online is hard on a phone");
  await blank.getByRole("checkbox", { name: "Written up afterwards from a flipchart" }).check();
  await blank.getByRole("radio", { name: "M Mixed views" }).check();
  await blank.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("notes-q2").getByRole("textbox", { name: "Note 2, question 2" })).toHaveValue(
    "Booking online is hard on a phone",
  );
  await page.getByLabel("Parents and carers").fill("6");
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByLabel("Parents and carers")).toHaveValue("6");
  const notes = readE2eDb<{ body: string; from_flipchart: number; marker: string | null }>(
    "select body, from_flipchart, marker from session_notes where session_id = ? order by id",
    sessionId,
  );
  expect(notes).toHaveLength(4);
  expect(notes[3]).toEqual({ body: "Booking online is hard on a phone", from_flipchart: 1, marker: "mixed" });
  expect(
    readE2eDb<{ band: string; count: number }>(
      "select band, count from session_attendance where session_id = ?",
      sessionId,
    ),
  ).toEqual([{ band: "parents_carers", count: 6 }]);
  await context.close();
});

test("Two tabs on one session, both offline and then closed: a new tab sends both tabs' notes", async ({
  browser,
  baseURL,
}) => {
  // The demo's parents' Sounding Board session to come: the officer facilitates it.
  const demo = readE2eDb<{ id: number }>(
    "select id from group_sessions where title = 'Sounding Board for Parents and Carers: help before crisis'",
  )[0].id;
  const context = await browser.newContext({ baseURL });
  const a = await context.newPage();
  await signInAs(a, "officer");
  const b = await context.newPage();
  for (const tab of [a, b]) {
    await tab.goto(`/staff/sessions/${demo}/run`);
    await hydrated(tab);
  }
  await context.setOffline(true);
  await a.getByRole("textbox", { name: "New note for question 1" }).fill("Tab A: the health visitor helped first");
  await expect(a.getByTestId("save-status")).toHaveText(/^Offline: 1 change kept on this device/);
  await b.getByRole("textbox", { name: "New note for question 1" }).fill("Tab B: nobody called back for weeks");
  await expect(b.getByTestId("save-status")).toHaveText(/^Offline: 1 change kept on this device/);
  await a.close();
  await b.close();
  await context.setOffline(false);
  const c = await context.newPage();
  await c.goto(`/staff/sessions/${demo}/run`);
  await expect(c.getByTestId("save-status")).toHaveText("All notes saved");
  expect(
    readE2eDb<{ body: string }>("select body from session_notes where session_id = ? order by body", demo).map(
      (n) => n.body,
    ),
  ).toEqual(["Tab A: the health visitor helped first", "Tab B: nobody called back for weeks"]);
  await context.close();
});

test("A note whose id is a word every object answers to shows as saved, not refused", async ({ page, baseURL }) => {
  // Note ids are any 8-64 letters, digits or hyphens; "constructor" once read as a refused note on the run screen.
  const demo = readE2eDb<{ id: number }>(
    "select id from group_sessions where title = 'Sounding Board for Parents and Carers: help before crisis'",
  )[0].id;
  const question = readE2eDb<{ id: number }>(
    "select id from agenda_questions where session_id = ? order by position limit 1",
    demo,
  )[0].id;
  await signInAs(page, "officer");
  const saved = await page.request.post(`${baseURL}/staff/sessions/${demo}/notes`, {
    form: {
      agendaQuestionId: String(question),
      clientId: "constructor",
      rev: "1",
      body: "Parents wanted one number to ring",
      marker: "",
      fromFlipchart: "",
    },
    headers: { Origin: baseURL as string },
  });
  expect(saved.ok()).toBe(true);
  await page.goto(`/staff/sessions/${demo}/run`);
  await hydrated(page);
  const statusOf = () =>
    page.locator(".note-card").evaluateAll((cards) =>
      cards
        .filter((c) => c.querySelector("textarea")?.value === "Parents wanted one number to ring")
        .map((c) => ({
          status: c.querySelector(".note-status")?.textContent,
          error: c.classList.contains("has-error"),
        })),
    );
  await expect.poll(statusOf).toEqual([{ status: "Saved", error: false }]);
});

test("Closing makes every note feedback; the edited summary reaches the parent's pass; the Board's item shows its answers", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "officer");
  await page.goto(`/staff/sessions/${sessionId}/run`);
  await hydrated(page);
  await page.getByRole("button", { name: "Close session" }).click();
  await expect(page.getByRole("status")).toContainText("Session closed. Every note is now in the feedback.");
  const written = readE2eDb<{ source: string; state: string; audience: string }>(
    "select c.source, c.moderation_state as state, c.audience from session_notes n join contributions c on c.id = n.contribution_id where n.session_id = ? order by n.id",
    sessionId,
  );
  expect(written).toEqual(Array(4).fill({ source: "session", state: "approved", audience: "parents_carers" }));
  await expect(page.getByTestId("attendance-total")).toHaveText("6 people");

  const first = page.getByLabel(`1. ${Q1}`);
  await expect(first).toHaveValue(
    // A street name is a personal detail here: the draft members may read is masked.
    "- Walking: no pavement on [removed], cars go fast (Most agreed)\n- The school bus is full by the last stop",
  );
  await first.fill("Most of you said Marsh Lane has no pavement and cars go fast. Some said the school bus is full.");
  await page.getByLabel(`2. ${Q2}`).fill("Letters come too late to plan, and booking online is hard on a phone.");
  await hydrated(page);
  await page.getByRole("button", { name: "Send to members" }).click();
  await expect(page.getByRole("status")).toHaveText("Summary sent to members.");
  await page.screenshot({ path: `${SHOTS}/summary-sent.png`, fullPage: true });

  // The parent sees it on their pass page.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await signInWithPass(context, baseURL as string, parent.sessionId);
  const pass = await context.newPage();
  await pass.goto("/pass");
  const message = pass.locator(".card").filter({ hasText: `What we heard: ${TITLE}` });
  await expect(message).toContainText("Most of you said Marsh Lane has no pavement and cars go fast.");
  await expect(message).toContainText("2. What would you change about school transport letters?");
  await context.close();

  // The Board's agenda item that referred question 2 shows what the session said.
  const item = readE2eDb<{ id: number }>(
    "select id from agenda_items where title like 'Youth clubs on Friday evenings%'",
  )[0].id;
  const board = await browser.newContext({ baseURL });
  const boardPage = await board.newPage();
  await signInAs(boardPage, "board");
  await boardPage.goto(`/staff/agenda-items/${item}`);
  const answer = boardPage.getByTestId("session-answer").filter({ hasText: Q2 });
  await expect(answer).toContainText("Letters come too late to plan, and booking online is hard on a phone.");
  await expect(answer).toContainText("6 people came");
  await expect(answer.locator("li")).toHaveText([
    "Letters arrive in late August: too late to plan",
    "Booking online is hard on a phone (Mixed views)",
  ]);
  await board.close();
});

test("Groups and the run screen in Arabic at 320 px", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, "officer");
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL as string }]);
  for (const path of ["/staff/groups", `/staff/groups/${groupId}`, "/staff/sessions", "/staff/sessions/3/run"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.screenshot({ path: `${SHOTS}/run-ar-320.png`, fullPage: true });
  await context.close();
});
