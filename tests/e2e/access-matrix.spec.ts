import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { expect, signInRequest, test } from "../support/fixtures";
import { makePassSession, readE2eDb, writeE2eDb } from "../support/pass-session";

// Issue 8: every thread and pass route × every role × someone else's id. Each cell is the exact answer the server
// gives: 200, a redirect to where, 403 for a role that may not, 404 for something that is not yours. Requests only
// (no pages), so the whole table runs in seconds; the pages themselves are tried in the other specs.

const actors = ["anon", "passA", "passB", "officer", "safeguarding", "board", "partnership", "admin"] as const;
type Actor = (typeof actors)[number];
type Expect = number | `→${string}`;

const port = Number(process.env.E2E_PORT || 3100);
const origin = `http://localhost:${port}`;
const ctx = new Map<Actor, APIRequestContext>();
let threadA = 0; // asked by passA, answered by the Board member
let threadPartner = 0; // asked by passB, with the Partnership member

/** A thread written as the server writes one: the asker's approved words, given to an answerer. */
function thread(passId: number, answerer: string, status: "with_answerer" | "answered", text: string) {
  return writeE2eDb((db) => {
    const now = new Date().toISOString();
    const staff = db.prepare("select id from staff_users where email = ?").get(`${answerer}@demo.test`) as {
      id: number;
    };
    const id = Number(
      db
        .prepare(
          "insert into threads (pass_id, status, assignee_id, due_on, language, created_at, updated_at) values (?, ?, ?, '2099-01-01', 'en', ?, ?)",
        )
        .run(passId, status, staff.id, now, now).lastInsertRowid,
    );
    const c = Number(
      db
        .prepare(
          "insert into contributions (source, kind, audience, age_band, body, masked_body, moderation_state, flags, created_at) values ('question', 'text', 'young_people', '12_15', ?, ?, 'approved', '[]', ?)",
        )
        .run(text, text, now).lastInsertRowid,
    );
    db.prepare(
      "insert into thread_messages (thread_id, \"from\", contribution_id, created_at) values (?, 'asker', ?, ?)",
    ).run(id, c, now);
    if (status === "answered")
      db.prepare(
        "insert into thread_messages (thread_id, \"from\", staff_id, body, created_at) values (?, 'staff', ?, 'An answer.', ?)",
      ).run(id, staff.id, now);
    return id;
  });
}

test.beforeAll(async () => {
  const make = (cookie?: string) =>
    playwrightRequest.newContext({
      baseURL: origin,
      maxRedirects: 0,
      extraHTTPHeaders: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    });
  const a = makePassSession();
  const b = makePassSession();
  ctx.set("anon", await make());
  ctx.set("passA", await make(`sb_pass=${a.sessionId}`));
  ctx.set("passB", await make(`sb_pass=${b.sessionId}`));
  for (const role of ["officer", "safeguarding", "board", "partnership", "admin"] as const) {
    const c = await make();
    expect(await signInRequest(c, role), role).toBe(302);
    ctx.set(role, c);
  }
  threadA = thread(a.passId, "board", "answered", "Matrix question from pass A");
  threadPartner = thread(b.passId, "partnership", "with_answerer", "Matrix question from pass B");
});
test.afterAll(async () => {
  for (const c of ctx.values()) await c.dispose();
});

async function statusOf(actor: Actor, method: "GET" | "POST", path: string, form?: Record<string, string>) {
  const c = ctx.get(actor) as APIRequestContext;
  const res = method === "GET" ? await c.get(path) : await c.post(path, { form: form ?? {} });
  const location = res.headers().location;
  if (res.status() >= 300 && res.status() < 400 && location) return `→${new URL(location, origin).pathname}`;
  return res.status();
}

// One row per route: the expected answer for each actor, in the order of `actors`.
const signIn = "→/staff/sign-in";
const row = (cells: Expect[]) => Object.fromEntries(actors.map((a, i) => [a, cells[i]])) as Record<Actor, Expect>;
const staffRows: [string, Record<Actor, Expect>][] = [
  //                                        anon    passA   passB   officer safegd  board   partner admin
  ["/staff", row([signIn, signIn, signIn, 200, 200, 200, 200, 200])],
  ["/staff/questions", row([signIn, signIn, signIn, 200, 403, 200, 200, 200])],
  ["/staff/moderation", row([signIn, signIn, signIn, 200, 200, 403, 403, 200])],
  ["/staff/moderation/record", row([signIn, signIn, signIn, 200, 200, 403, 403, 200])],
  ["/staff/safeguarding", row([signIn, signIn, signIn, 403, 200, 403, 403, 200])],
  ["/staff/safeguarding/settings", row([signIn, signIn, signIn, 403, 200, 403, 403, 200])],
  ["/staff/consultations", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/meetings", row([signIn, signIn, signIn, 200, 403, 200, 403, 200])],
  // Exports: for those who compose summaries or respond to them; a job that is not yours is not found.
  ["/staff/exports", row([signIn, signIn, signIn, 200, 403, 200, 403, 200])],
  ["/staff/exports/999999", row([signIn, signIn, signIn, 404, 403, 404, 403, 404])],
  ["/staff/exports/999999/download", row([signIn, signIn, signIn, 404, 403, 404, 403, 404])],
  // Bodies are the officer's to manage; the response's preview is for those who draft or publish it (issue 11).
  ["/staff/bodies/1", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/agenda-items/2/preview", row([signIn, signIn, signIn, 200, 403, 200, 403, 200])],
  ["/staff/summaries", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/summaries/new", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/groups", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/groups/1/poster", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/sessions", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  // The demo's next Sounding Board meeting: its facilitator is the officer.
  ["/staff/sessions/3/run", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  // The feedback inbox is for those who tag; the plan is read by all staff, edited by admins; themes by those who tag.
  ["/staff/feedback", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/plan", row([signIn, signIn, signIn, 200, 200, 200, 200, 200])],
  ["/staff/plan/themes", row([signIn, signIn, signIn, 200, 403, 403, 403, 200])],
  ["/staff/admin", row([signIn, signIn, signIn, 403, 403, 403, 403, 200])],
  ["/staff/admin/population", row([signIn, signIn, signIn, 403, 403, 403, 403, 200])],
  // The audit log and its CSV: administrators only.
  ["/staff/audit", row([signIn, signIn, signIn, 403, 403, 403, 403, 200])],
  ["/staff/audit.csv", row([signIn, signIn, signIn, 403, 403, 403, 403, 200])],
  // Staff accounts (issue 12): administrators only; each person's own account page for every member of staff.
  ["/staff/admin/staff", row([signIn, signIn, signIn, 403, 403, 403, 403, 200])],
  ["/staff/admin/staff/1", row([signIn, signIn, signIn, 403, 403, 403, 403, 200])],
  ["/staff/account", row([signIn, signIn, signIn, 200, 200, 200, 200, 200])],
  // The code and enrolment steps open only for a session waiting for its code; anyone else starts at the password.
  ["/staff/sign-in/code", row([signIn, signIn, signIn, signIn, signIn, signIn, signIn, signIn])],
  ["/staff/sign-in/enrol", row([signIn, signIn, signIn, signIn, signIn, signIn, signIn, signIn])],
  ["/staff/invite/not-a-live-link-0123456789abcdef", row([404, 404, 404, 404, 404, 404, 404, 404])],
];

test("Staff pages: each role reaches only what it may; everyone else is sent to sign in", async () => {
  const got: string[] = [];
  const want: string[] = [];
  const threadRows: [string, Record<Actor, Expect>][] = [
    // Someone else's thread is "not found" for an answerer, never shown; the lead never reads question threads.
    [`/staff/questions/${threadA}`, row([signIn, signIn, signIn, 200, 403, 200, 404, 200])],
    [`/staff/questions/${threadPartner}`, row([signIn, signIn, signIn, 200, 403, 404, 200, 200])],
  ];
  for (const [path, expected] of [...staffRows, ...threadRows])
    for (const actor of actors) {
      want.push(`${path} ${actor} ${expected[actor]}`);
      const s = await statusOf(actor, "GET", path);
      got.push(`${path} ${actor} ${typeof s === "string" ? s.replace(/\?.*$/, "") : s}`);
    }
  expect(got).toEqual(want);
});

/** The demo's published question (the Youth Council one). */
const published = () =>
  readE2eDb<{ id: number }>("select id from threads where published_at is not null order by id limit 1")[0].id;

test("Pass and thread pages: a holder reaches their own; someone else's thread is not found", async () => {
  const toPass = "→/pass/sign-in";
  const rows: [string, Record<Actor, Expect>][] = [
    ["/pass", row([200, 200, 200, 200, 200, 200, 200, 200])],
    ["/ask", row([200, 200, 200, 200, 200, 200, 200, 200])],
    [`/pass/questions/${threadA}`, row([toPass, 200, 404, toPass, toPass, toPass, toPass, toPass])],
    [`/pass/questions/${threadPartner}`, row([toPass, 404, 200, toPass, toPass, toPass, toPass, toPass])],
    ["/pass/my-data", row([toPass, 200, 200, toPass, toPass, toPass, toPass, toPass])],
    ["/pass/my-data.json", row([toPass, 200, 200, toPass, toPass, toPass, toPass, toPass])],
    ["/pass/my-data.html", row([toPass, 200, 200, toPass, toPass, toPass, toPass, toPass])],
    ["/pass/delete", row([toPass, 200, 200, toPass, toPass, toPass, toPass, toPass])],
    // Questions and answers are public; an unpublished thread is not found there for anyone, even its asker.
    ["/questions", row([200, 200, 200, 200, 200, 200, 200, 200])],
    [`/questions/${published()}`, row([200, 200, 200, 200, 200, 200, 200, 200])],
    [`/questions/${threadA}`, row([404, 404, 404, 404, 404, 404, 404, 404])],
  ];
  const got: string[] = [];
  const want: string[] = [];
  for (const [path, expected] of rows)
    for (const actor of actors) {
      want.push(`${path} ${actor} ${expected[actor]}`);
      const s = await statusOf(actor, "GET", path);
      got.push(`${path} ${actor} ${typeof s === "string" ? s.replace(/\?.*$/, "") : s}`);
    }
  expect(got).toEqual(want);
  // Someone else's data is never in a holder's download.
  const json = await (ctx.get("passB") as APIRequestContext).get("/pass/my-data.json");
  expect(await json.text()).not.toContain("Matrix question from pass A");
});

test("Mutations: only by POST, only by those who may, and a refused one changes nothing", async () => {
  const threadRow = (id: number) =>
    readE2eDb<{ status: string; published_at: string | null }>(
      "select status, published_at from threads where id = ?",
      id,
    )[0];
  const before = threadRow(threadA);
  // Someone else's thread: closing it, replying to it.
  expect(await statusOf("passB", "POST", `/pass/questions/${threadA}`, { intent: "close" })).toBe(404);
  expect(await statusOf("passB", "POST", `/pass/questions/${threadA}`, { intent: "reply", reply: "Not mine" })).toBe(
    404,
  );
  // An answerer may not close, assign, publish or remind: that is for officers.
  for (const intent of ["close", "publish", "unpublish", "remind"])
    expect(
      await statusOf("board", "POST", `/staff/questions/${threadA}`, {
        intent,
        publicQuestion: "x",
        publicAnswer: "y",
      }),
      intent,
    ).toBe(403);
  // The Partnership member cannot touch a thread that is not theirs; the lead cannot touch threads at all.
  expect(await statusOf("partnership", "POST", `/staff/questions/${threadA}`, { intent: "answer", answer: "Hi" })).toBe(
    404,
  );
  expect(await statusOf("safeguarding", "POST", `/staff/questions/${threadA}`, { intent: "close" })).toBe(403);
  expect(await statusOf("anon", "POST", `/staff/questions/${threadA}`, { intent: "close" })).toMatch(
    /^→\/staff\/sign-in/,
  );
  expect(threadRow(threadA)).toEqual(before);
  // Safeguarding lists: only an administrator saves; an officer and a Board member are refused outright.
  const versions = () => readE2eDb<{ n: number }>("select count(*) n from safeguarding_list_versions")[0].n;
  const listsBefore = versions();
  for (const actor of ["officer", "board", "partnership"] as const)
    expect(await statusOf(actor, "POST", "/staff/safeguarding/settings", { intent: "save" }), actor).toBe(403);
  expect(versions()).toBe(listsBefore);
  // Staff accounts: only an administrator changes roles or disables; nothing changes when someone else tries.
  const officerRow = () =>
    readE2eDb<{ role: string; active: number }>(
      "select role, active from staff_users where email = 'officer@demo.test'",
    )[0];
  const officerBefore = officerRow();
  const officerId = readE2eDb<{ id: number }>("select id from staff_users where email = 'officer@demo.test'")[0].id;
  for (const actor of ["officer", "safeguarding", "board", "partnership"] as const) {
    expect(await statusOf(actor, "POST", `/staff/admin/staff/${officerId}`, { intent: "role", role: "admin" })).toBe(
      403,
    );
    expect(await statusOf(actor, "POST", `/staff/admin/staff/${officerId}`, { intent: "disable" })).toBe(403);
    expect(await statusOf(actor, "POST", "/staff/admin/staff", { intent: "two-factor-all", on: "yes" })).toBe(403);
  }
  expect(await statusOf("anon", "POST", `/staff/admin/staff/${officerId}`, { intent: "disable" })).toMatch(
    /^→\/staff\/sign-in/,
  );
  expect(officerRow()).toEqual(officerBefore);
  // "This helped me" counts people: without a pass it is refused and nothing is counted.
  const helped = () => readE2eDb<{ n: number }>("select count(*) n from thread_helped")[0].n;
  const helpedBefore = helped();
  for (const actor of ["anon", "officer", "admin"] as const)
    expect(await statusOf(actor, "POST", `/questions/${published()}`, { intent: "helped" }), actor).toBe(403);
  expect(helped()).toBe(helpedBefore);
  // Signing out is a POST: a link or a prefetch (GET) never signs anyone out.
  for (const path of ["/staff/sign-out", "/pass/sign-out"])
    expect(await statusOf("officer", "GET", path), path).not.toBe(200);
  expect(await statusOf("officer", "GET", "/staff/questions")).toBe(200);
  expect(await statusOf("passA", "GET", "/pass/my-data")).toBe(200);
});
