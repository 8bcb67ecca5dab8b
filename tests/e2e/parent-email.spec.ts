import type { Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { expect, expectNoAxeViolations, signInAs, signOut, test } from "../support/fixtures";
import { readE2eDb, signInWithPass, writeE2eDb } from "../support/pass-session";

// Issue 8: a parent adds an email to their pass and is told by email when their question is answered; the answer
// itself is only in the pass. The question goes to a member of the Strategic Partnership, and the parent reads
// "With a Partnership member" while it is with them.
test.describe.configure({ mode: "serial" });

const port = Number(process.env.E2E_PORT || 3100);
// scripts/e2e-server.sh points the app's SMTP at PORT+1000: this is that server.
const mail: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => {
      raw += chunk.toString("latin1");
    });
    stream.on("end", () => {
      const body = raw
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      mail.push({ to: session.envelope.rcptTo.map((r) => r.address), body: Buffer.from(body, "latin1").toString() });
      callback();
    });
  },
});
test.beforeAll(() => new Promise<void>((resolve) => smtp.listen(port + 1000, "127.0.0.1", resolve)));
test.afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

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

/** A parent's pass with a session, stored as the server stores them (only the session id's hash). */
async function parentPass() {
  const crypto = await import("node:crypto");
  const nickname = `Calm Kestrel ${crypto.randomInt(100_000, 999_999)}`;
  const sessionId = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  const passId = writeE2eDb((db) => {
    const id = Number(
      db
        .prepare(
          "insert into passes (nickname, nickname_key, secret_hash, age_band, is_parent, created_at) values (?, ?, 'e2e-placeholder', null, 1, ?)",
        )
        .run(nickname, nickname.toLowerCase(), now.toISOString()).lastInsertRowid,
    );
    db.prepare("insert into pass_sessions (id_hash, pass_id, created_at, expires_at) values (?, ?, ?, ?)").run(
      crypto.createHash("sha256").update(sessionId).digest("hex"),
      id,
      now.toISOString(),
      new Date(now.getTime() + 86400_000).toISOString(),
    );
    return id;
  });
  return { passId, nickname, sessionId };
}

const QUESTION = `Will the school nurse drop-in at Brackenford come back after half term? ${Date.now()}`;
const ANSWER = "Yes: from 4 January the nurse is at Brackenford every Tuesday lunchtime, and you can book online.";

test("A parent adds an email, their question goes to the Partnership, and the answer arrives as an email that points to the pass", async ({
  browser,
  page,
  baseURL,
}) => {
  const pass = await parentPass();
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await signInWithPass(context, baseURL as string, pass.sessionId);
  const parent = await context.newPage();

  await parent.goto("/pass/email");
  await expectNoAxeViolations(parent);
  await parent.getByLabel("Email address").fill("parent.kestrel@home.test");
  await parent.getByRole("button", { name: /save/i }).click();
  expect(readE2eDb<{ email: string }>("select email from passes where id = ?", pass.passId)).toEqual([
    { email: "parent.kestrel@home.test" },
  ]);

  await parent.goto("/ask");
  await parent.getByLabel("Your question").fill(QUESTION);
  await parent.getByLabel("What is it about?").selectOption({ label: "Being healthy" });
  await parent.getByRole("button", { name: "Send my question" }).click();
  await expect(parent).toHaveURL(/\/pass\/questions\/\d+\?sent=question$/);
  const threadUrl = new URL(parent.url()).pathname;
  const threadId = Number(threadUrl.split("/").pop());

  // The officer approves it and gives it to the Partnership member.
  await signInAs(page, "officer");
  await page.goto("/staff/moderation?source=question");
  const card = page.locator("article").filter({ hasText: QUESTION });
  await hydrated(page);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("article").filter({ hasText: QUESTION })).toHaveCount(0);
  await page.goto(`/staff/questions/${threadId}`);
  await hydrated(page);
  await page.getByLabel("Answerer").selectOption({ label: "Dr Ade Martins (Strategic Partnership member)" });
  await page.getByLabel("Answer by").fill(countyDay(10));
  await page.getByRole("button", { name: "Give the question" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved: the answerer and the due date.");
  // The officer reminds the Partnership member: an email with the link and none of the question's words.
  await expect(page.getByText("No reminder sent yet")).toBeVisible();
  await page.getByRole("button", { name: "Remind Dr Ade Martins" }).click();
  await expect(page.getByRole("status")).toHaveText("Reminder sent by email.");
  await expect(page.getByText(/^Last reminded .+ by Priya Shah$/)).toBeVisible();
  await expectNoAxeViolations(page);
  await expect.poll(() => mail.filter((m) => m.to.includes("partnership@demo.test")).length).toBe(1);
  const [reminder] = mail.filter((m) => m.to.includes("partnership@demo.test"));
  expect(reminder.body).toContain("Hello Dr Ade Martins,");
  expect(reminder.body).toContain(`${baseURL}/staff/questions/${threadId}`);
  expect(reminder.body).not.toContain("nurse");
  await signOut(page);

  await parent.goto(threadUrl);
  await expect(parent.locator(".tag")).toHaveText("With a Partnership member");
  await expect(parent.getByText("Someone from the Strategic Partnership is working on an answer.")).toBeVisible();
  await expectNoAxeViolations(parent);
  expect(mail.filter((m) => m.to.includes("parent.kestrel@home.test"))).toEqual([]);

  // The Partnership member finds it among their questions and answers it.
  await signInAs(page, "partnership");
  // Their overview counts what waits for them, exactly as the database holds it.
  const waiting = readE2eDb<{ n: number }>(
    "select count(*) n from threads t join staff_users s on s.id = t.assignee_id where s.email = 'partnership@demo.test' and t.status = 'with_answerer'",
  )[0].n;
  expect(waiting).toBeGreaterThanOrEqual(1);
  await expect(page.locator("main .card").filter({ hasText: "Questions" })).toContainText(
    waiting === 1 ? "1 question is waiting for your answer" : `${waiting} questions are waiting for your answer`,
  );
  await expectNoAxeViolations(page);
  await page.goto("/staff/questions");
  await expectNoAxeViolations(page);
  // The list shows the masked copy (the number on the end reads as a phone number): find it by its link.
  await page.locator(`main a[href="/staff/questions/${threadId}"]`).click();
  await hydrated(page);
  await page.getByLabel("Answer", { exact: true }).fill(ANSWER);
  await page.getByRole("button", { name: "Send the answer" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Your answer is sent. The young person has a message in their pass.",
  );
  await signOut(page);

  // One email, to the parent only, with the sign-in link and nobody's words.
  await expect.poll(() => mail.filter((m) => m.to.includes("parent.kestrel@home.test")).length).toBe(1);
  const [email] = mail.filter((m) => m.to.includes("parent.kestrel@home.test"));
  expect(email.to).toEqual(["parent.kestrel@home.test"]);
  expect(email.body).toContain("Subject: Sounding Board: there is an answer to your question");
  expect(email.body).toContain("Someone has answered a question asked with your Sounding Board pass.");
  const signIn = email.body.match(/https?:\/\/\S+\/pass\/sign-in/)?.[0];
  expect(signIn).toBe(`${baseURL}/pass/sign-in`);
  expect(email.body).not.toContain("nurse");
  expect(email.body).not.toContain(pass.nickname);

  // The link leads to the pass, where the answer is.
  await parent.goto(new URL(signIn as string).pathname);
  await expect(parent.getByRole("heading", { level: 1 })).toBeVisible();
  await parent.goto(threadUrl);
  await expect(parent.locator(".tag")).toHaveText("Answered");
  await expect(parent.locator(".thread-messages")).toContainText(ANSWER);
  await expectNoAxeViolations(parent);
  await context.close();
});
