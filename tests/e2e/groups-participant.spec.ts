import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "../support/fixtures";
import { makePassSession, readE2eDb, signInWithPass, writeE2eDb } from "../support/pass-session";

// Issue 9, the participant side: a parent joins a group with its code (typed, or from the poster's QR link), sees the
// group on their pass and its session, sends a view before it, takes the calendar file, and leaves.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/groups-participant";
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const code = () => Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
const shown = (c: string) => `${c.slice(0, 5)}-${c.slice(5)}`;

// A Thursday evening in January: London is on GMT, so 18:30 there is 18:30 UTC.
const STARTS = "2099-01-15T18:30:00.000Z";
const ENDS = "2099-01-15T20:00:00.000Z";

type Made = { groupId: number; groupName: string; code: string; closedCode: string; sessionId: number; title: string };

/** A parents' group with a published session of two agenda questions, and a closed group: as staff leave them. */
function makeGroups(): Made {
  const n = crypto.randomInt(1000, 9999);
  const groupName = `Thornley Parents Forum ${n}`;
  const title = `School transport evening ${n}`;
  const [open, closed] = [code(), code()];
  return writeE2eDb((db) => {
    const staff = db.prepare("select id from staff_users where role = 'officer' order by id limit 1").get() as {
      id: number;
    };
    const now = new Date().toISOString();
    const insertGroup = db.prepare(
      "insert into groups (name, kind, audience, join_code, facilitator_id, place, access_info, status, created_at) values (?, ?, 'parents_carers', ?, ?, ?, ?, ?, ?)",
    );
    const groupId = Number(
      insertGroup.run(
        groupName,
        "parents_group",
        open,
        staff.id,
        "Thornley Community Centre, Room 2",
        "Step-free entrance. A quiet room is next door.",
        "open",
        now,
      ).lastInsertRowid,
    );
    insertGroup.run(`Old Forum ${n}`, "forum", closed, staff.id, null, null, "closed", now);
    const sessionId = Number(
      db
        .prepare(
          "insert into group_sessions (title, starts_at, ends_at, place, access_info, status, created_by, created_at, published_at) values (?, ?, ?, ?, ?, 'published', ?, ?, ?)",
        )
        .run(title, STARTS, ENDS, "Thornley Community Centre, Room 2", "Hearing loop in the room.", staff.id, now, now)
        .lastInsertRowid,
    );
    db.prepare("insert into session_groups (session_id, group_id) values (?, ?)").run(sessionId, groupId);
    const item = db.prepare("select id from agenda_items order by id limit 1").get() as { id: number } | undefined;
    const q = db.prepare(
      "insert into agenda_questions (session_id, position, text, agenda_item_id) values (?, ?, ?, ?)",
    );
    q.run(sessionId, 1, "What makes the school bus hard for your family?", item?.id ?? null);
    q.run(sessionId, 2, "What would help on days the bus is late?", null);
    return { groupId, groupName, code: open, closedCode: closed, sessionId, title };
  });
}

async function parent(browser: Browser, baseURL: string, opts: { lang?: string; width?: number } = {}) {
  const pass = makePassSession();
  writeE2eDb((db) => db.prepare("update passes set is_parent = 1, age_band = null where id = ?").run(pass.passId));
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL,
    ...(opts.width ? { viewport: { width: opts.width, height: 800 } } : {}),
  });
  await signInWithPass(context, baseURL, pass.sessionId);
  if (opts.lang) await context.addCookies([{ name: "sb_lang", value: opts.lang, url: baseURL }]);
  return { pass, context, page: await context.newPage() };
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

let made: Made;
test.beforeAll(() => {
  made = makeGroups();
});

test("A parent with a pass joins by typing the code, sends a view before the session, takes the calendar file and leaves, with JavaScript off", async ({
  browser,
  baseURL,
}) => {
  const { page, pass, context } = await parent(browser, baseURL ?? "");
  await page.goto("/join");
  await expect(page.getByRole("heading", { level: 1, name: "Join a group" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Typed the way people type: lower case, a space instead of the hyphen.
  await page.getByLabel("Join code").fill(`${made.code.slice(0, 5).toLowerCase()} ${made.code.slice(5).toLowerCase()}`);
  await page.getByRole("button", { name: "Find my group" }).click();
  await expect(page).toHaveURL(/\/join\?code=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(made.groupName);
  await expect(page.locator(".summary-list")).toContainText("Thornley Community Centre, Room 2");
  await expect(page.locator(".summary-list")).toContainText("Step-free entrance. A quiet room is next door.");
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "I am a parent or carer" }).check();
  await page.getByRole("button", { name: "Join this group" }).click();
  await expect(page).toHaveURL(`/pass?joined=${made.groupId}`);
  await expect(page.getByRole("status")).toHaveText(`You have joined ${made.groupName}.`);
  const myGroups = page.locator("#groups .card");
  await expect(myGroups).toHaveCount(1);
  await expect(myGroups.getByRole("heading")).toHaveText(made.groupName);
  await expect(myGroups).toContainText("Meets at: Thornley Community Centre, Room 2");
  await expect(myGroups).toContainText("You told us: Not said · Not said");
  await expectNoAxeViolations(page);
  expect(
    readE2eDb<{ age_band: string | null; locality_id: number | null }>(
      "select age_band, locality_id from group_members where pass_id = ? and group_id = ?",
      pass.passId,
      made.groupId,
    ),
  ).toEqual([{ age_band: null, locality_id: null }]);

  // Their sessions: the one coming up, at the London time it was set for.
  await page.getByRole("link", { name: "See my sessions" }).click();
  await expect(page).toHaveURL("/sessions");
  const upcoming = page.locator("section", { has: page.getByRole("heading", { name: "Sessions coming up" }) });
  await expect(upcoming.locator(".card")).toHaveCount(1);
  await expect(upcoming.locator(".card")).toContainText("15 January 2099, 18:30 to 20:00");
  await expect(upcoming.locator(".card")).toContainText(`For: ${made.groupName}`);
  await expect(page.getByText("After a session, you can read here what was said.")).toBeVisible();
  await expectNoAxeViolations(page);
  await upcoming.getByRole("link", { name: made.title }).click();
  await expect(page).toHaveURL(`/sessions/${made.sessionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(made.title);
  await expect(page.locator(".summary-list")).toContainText("15 January 2099, 18:30 to 20:00");
  await expect(page.locator(".summary-list")).toContainText("Hearing loop in the room.");
  const questions = page.locator("ol.card-list > li");
  await expect(questions).toHaveCount(2);
  await expect(questions.nth(0).getByRole("heading")).toHaveText(
    "Question 1: What makes the school bus hard for your family?",
  );
  await expect(questions.nth(1).getByRole("heading")).toHaveText(
    "Question 2: What would help on days the bus is late?",
  );
  await expectNoAxeViolations(page);

  // An empty view: a 400, the message, and the page as it was.
  const empty = page.waitForResponse((r) => r.request().method() === "POST");
  await questions.nth(1).getByRole("button", { name: "Send my view" }).click();
  expect((await empty).status()).toBe(400);
  await expect(page.locator(".error-summary")).toContainText("Write your view first");
  await expectNoAxeViolations(page);

  const VIEW = "A text message when the bus is late would help us plan.";
  await page.getByLabel("Send your view on question 2 before the session").fill(VIEW);
  await questions.nth(1).getByRole("button", { name: "Send my view" }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${made.sessionId}\\?sent=\\d+`));
  await expect(page.getByRole("status")).toHaveText("Thank you. We will read your view before the session.");
  await expectNoAxeViolations(page);
  expect(
    readE2eDb<{ state: string; body: string; source: string }>(
      "select c.moderation_state as state, c.body, c.source from session_views v join contributions c on c.id = v.contribution_id where v.pass_id = ? and v.session_id = ?",
      pass.passId,
      made.sessionId,
    ),
  ).toEqual([{ state: "pending", body: VIEW, source: "session" }]);

  // Words that may mean someone is not safe: the help panel, not the usual thanks, and the view goes to the lead.
  const WORRY = "My dad hits me when he is angry so I don't want to go home on the bus";
  await page.getByLabel("Send your view on question 1 before the session").fill(WORRY);
  await questions.nth(0).getByRole("button", { name: "Send my view" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "If you need help now" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(
    readE2eDb<{ state: string }>(
      "select c.moderation_state as state from session_views v join contributions c on c.id = v.contribution_id where v.pass_id = ? and v.session_id = ? order by v.id",
      pass.passId,
      made.sessionId,
    ),
  ).toEqual([{ state: "pending" }, { state: "escalated" }]);

  // The calendar file: the same instant, in UTC.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Add to my calendar" }).click();
  const file = await download;
  const ics = await context.request.get(`/sessions/${made.sessionId}/calendar.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(ics.headers()["content-disposition"]).toBe(`attachment; filename="session-${made.sessionId}.ics"`);
  const text = (await ics.text()).replace(/\r\n[ \t]/g, "");
  expect(file.suggestedFilename()).toBe(`session-${made.sessionId}.ics`);
  expect(text).toContain("DTSTART:20990115T183000Z\r\n");
  expect(text).toContain("DTEND:20990115T200000Z\r\n");
  expect(text).toContain(`UID:session-${made.sessionId}@sounding-board\r\n`);
  expect(text).toContain("LOCATION:Thornley Community Centre\\, Room 2\r\n");

  // Leaving: a button on the pass; the session goes with the group.
  await page.goto("/pass");
  await page.getByRole("button", { name: `Leave ${made.groupName}` }).click();
  await expect(page).toHaveURL("/pass?left=group#groups");
  await expect(page.getByRole("status")).toHaveText("You have left the group. You can join again with its code.");
  await expect(page.locator("#groups .card")).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(
    readE2eDb("select id from group_members where pass_id = ? and group_id = ?", pass.passId, made.groupId),
  ).toEqual([]);
  expect((await page.goto(`/sessions/${made.sessionId}`))?.status()).toBe(404);
  // Leaving is never by GET.
  expect((await context.request.get("/pass/groups/leave", { maxRedirects: 0 })).status()).toBe(302);
  await context.close();
});

test("Someone without a pass follows the poster's link, gets a pass and comes straight back to join", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(`/join?code=${shown(made.code)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(made.groupName);
  await expect(page.getByRole("heading", { level: 2, name: "You need a pass to join" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Get a pass" }).click();
  await expect(page).toHaveURL(`/pass/new?next=${encodeURIComponent(`/join?code=${shown(made.code)}`)}`);
  await page.getByRole("radio", { name: "I'm a parent or carer" }).check();
  await page.getByRole("button", { name: "Make my pass" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Write down your pass" })).toBeVisible();
  const nickname = (await page.locator(".pass-nickname").innerText()).trim();
  await page.getByRole("link", { name: "I've written them down" }).click();
  await expect(page).toHaveURL(`/join?code=${shown(made.code)}`);
  await page.getByLabel("Where do you live? (you can skip this)").selectOption({ label: "Thornley" });
  await page.getByRole("button", { name: "Join this group" }).click();
  await expect(page.getByRole("status")).toHaveText(`You have joined ${made.groupName}.`);
  await expect(page.locator("#groups .card")).toContainText("You told us: Not said · Thornley");
  await expectNoAxeViolations(page);
  const passId = readE2eDb<{ id: number }>("select id from passes where nickname = ?", nickname)[0].id;
  expect(readE2eDb("select group_id from group_members where pass_id = ?", passId)).toEqual([
    { group_id: made.groupId },
  ]);
  await context.close();
});

test("A wrong code is a clear 400 that keeps the typing; a closed group's code says so (410)", async ({
  browser,
  baseURL,
}) => {
  const { page, context } = await parent(browser, baseURL ?? "");
  const wrong = await page.goto("/join?code=abcde-fgh23");
  expect(wrong?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that group");
  await expect(page.locator(".error-summary")).toContainText(
    "We could not find a group with that code. Check it with the person who gave it to you.",
  );
  await expect(page.getByLabel("Join code")).toHaveValue("abcde-fgh23");
  await expectNoAxeViolations(page);
  const closed = await page.goto(`/join?code=${shown(made.closedCode)}`);
  expect(closed?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This group has closed");
  await expectNoAxeViolations(page);
  // Someone else's session is not there for a pass outside its groups, nor its calendar file.
  expect((await page.goto(`/sessions/${made.sessionId}`))?.status()).toBe(404);
  expect((await context.request.get(`/sessions/${made.sessionId}/calendar.ics`)).status()).toBe(404);
  await context.close();
});

test("In Arabic at 320 px, /join and a session read right to left without sideways scrolling", async ({
  browser,
  baseURL,
}) => {
  const { page, pass, context } = await parent(browser, baseURL ?? "", { lang: "ar", width: 320 });
  writeE2eDb((db) =>
    db
      .prepare("insert into group_members (group_id, pass_id, joined_at) values (?, ?, ?)")
      .run(made.groupId, pass.passId, new Date().toISOString()),
  );
  await page.goto("/join");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("انضم إلى مجموعة");
  expect(await noSidewaysScroll(page)).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/join-ar-320.png`, fullPage: true });
  await page.goto(`/join?code=${shown(made.code)}`);
  expect(await noSidewaysScroll(page)).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/join-found-ar-320.png`, fullPage: true });

  await page.goto(`/sessions/${made.sessionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(made.title);
  await expect(page.getByRole("link", { name: "أضف إلى تقويمي" })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/session-ar-320.png`, fullPage: true });
  await context.close();
});

test("After 10 wrong codes from one address, even a right code waits, with a kind page and Retry-After", async ({
  browser,
  baseURL,
}) => {
  const { page, context } = await parent(browser, baseURL ?? "");
  const clear = () => writeE2eDb((db) => db.prepare("delete from join_attempts").run());
  clear();
  try {
    // From the browser itself: its address (IPv6 loopback) is not the test runner's.
    for (let i = 0; i < 10; i++) expect((await page.goto(`/join?code=WRONG-C0DE${i}`))?.status()).toBe(400);
    const res = await page.goto(`/join?code=${shown(made.code)}`);
    expect(res?.status()).toBe(429);
    const retryAfter = Number(res?.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please wait a little");
    await expect(page.getByText("You can try again in 15 minutes.")).toBeVisible();
    await expectNoAxeViolations(page);
  } finally {
    // The address is every test's: later specs must be able to join.
    clear();
  }
  await context.close();
});

test("A member sees a cancelled session with its reason, and reads what was heard after a session", async ({
  browser,
  baseURL,
}) => {
  const { page, pass, context } = await parent(browser, baseURL ?? "");
  const ids = writeE2eDb((db) => {
    const now = new Date().toISOString();
    db.prepare("insert into group_members (group_id, pass_id, joined_at) values (?, ?, ?)").run(
      made.groupId,
      pass.passId,
      now,
    );
    const insert = db.prepare(
      "insert into group_sessions (title, starts_at, ends_at, place, status, cancel_reason, created_at, published_at, closed_at, summary_sent_at) values (?, ?, ?, 'Thornley Community Centre', ?, ?, ?, ?, ?, ?)",
    );
    const cancelled = Number(
      insert.run(
        `Cancelled evening ${made.groupId}`,
        "2099-02-05T18:30:00.000Z",
        "2099-02-05T20:00:00.000Z",
        "cancelled",
        "The centre is closed for repairs.",
        now,
        now,
        null,
        null,
      ).lastInsertRowid,
    );
    const heard = Number(
      insert.run(
        `Autumn evening ${made.groupId}`,
        "2025-10-02T17:30:00.000Z",
        "2025-10-02T19:00:00.000Z",
        "closed",
        null,
        now,
        now,
        now,
        now,
      ).lastInsertRowid,
    );
    for (const id of [cancelled, heard])
      db.prepare("insert into session_groups (session_id, group_id) values (?, ?)").run(id, made.groupId);
    db.prepare("insert into agenda_questions (session_id, position, text, summary) values (?, 1, ?, ?)").run(
      heard,
      "How do you hear about activities?",
      "- From school newsletters (most people agreed)",
    );
    db.prepare("insert into agenda_questions (session_id, position, text) values (?, 1, ?)").run(
      cancelled,
      "Anything else?",
    );
    return { cancelled, heard };
  });

  await page.goto("/sessions");
  const upcoming = page.locator("section", { has: page.getByRole("heading", { name: "Sessions coming up" }) });
  await expect(upcoming.locator(".card")).toHaveCount(2);
  const cancelledCard = upcoming.locator(".card").filter({ hasText: `Cancelled evening ${made.groupId}` });
  await expect(cancelledCard.locator(".tag")).toHaveText("Cancelled");
  await expect(cancelledCard).toContainText("5 February 2099, 18:30 to 20:00");
  const heard = page.locator("section", { has: page.getByRole("heading", { name: "What we heard" }) });
  await expect(heard.locator(".card")).toHaveCount(1);
  // October: British Summer Time, so 17:30 UTC is 18:30 in London.
  await expect(heard.locator(".card")).toContainText("2 October 2025, 18:30 to 20:00");
  await expectNoAxeViolations(page);

  await page.goto(`/sessions/${ids.cancelled}`);
  await expect(page.getByRole("note")).toContainText("This session is cancelled.");
  await expect(page.getByRole("note")).toContainText("The centre is closed for repairs.");
  await expect(page.locator("textarea")).toHaveCount(0);
  await expectNoAxeViolations(page);
  const ics = (await (await context.request.get(`/sessions/${ids.cancelled}/calendar.ics`)).text()).replace(
    /\r\n[ \t]/g,
    "",
  );
  expect(ics).toContain("STATUS:CANCELLED\r\n");
  expect(ics).toContain("DTSTART:20990205T183000Z\r\n");

  await page.goto(`/sessions/${ids.heard}`);
  await expect(page.getByText("This session has happened. You can't send your view any more.")).toBeVisible();
  await expect(page.locator("textarea")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 4, name: "What we heard" })).toBeVisible();
  await expect(page.locator("ol.card-list > li")).toContainText("- From school newsletters (most people agreed)");
  await expectNoAxeViolations(page);
  await context.close();
});
