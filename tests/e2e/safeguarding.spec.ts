import type { Browser, Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { answerTravelUpToWords, finishTravel } from "../support/answering";
import { expect, expectNoAxeViolations, signInAs, signOut, test } from "../support/fixtures";
import { readE2eDb } from "../support/pass-session";

// Issue 7: a possible disclosure reaches the safeguarding lead at once and is never published.
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
      raw += chunk.toString("utf8");
    });
    stream.on("end", () => {
      // quoted-printable: join soft line breaks so the link reads whole
      mail.push({ to: session.envelope.rcptTo.map((r) => r.address), body: raw.replace(/=\r?\n/g, "") });
      callback();
    });
  },
});
test.beforeAll(() => new Promise<void>((resolve) => smtp.listen(port + 1000, "127.0.0.1", resolve)));
test.afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const disclosure = `I want to hurt myself when I get home ${Date.now()}`;
let caseUrl = "";

/** Nothing scrolls sideways at 320 px. */
async function fitsNarrowScreen(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 700 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (size) await page.setViewportSize(size);
  return overflow;
}

async function noScriptPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 900 } });
  return context.newPage();
}

/** Letters only, unlike any other answer: a long number would be masked as a phone number. */
const letterTag = () => String(Date.now()).replace(/\d/g, (d) => "abcdefghij"[Number(d)]);

/**
 * A young person answers the travel consultation with JavaScript off, these words in its free text, and sees the
 * ordinary thank-you page: not a disclosure, so no help page.
 */
async function sendOrdinaryAnswer(browser: Browser, words: string) {
  const child = await noScriptPage(browser);
  await answerTravelUpToWords(child);
  await finishTravel(child, words);
  await child.getByRole("button", { name: "Send my answers" }).click();
  await expect(child.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  await child.context().close();
}

test("1. A young person writes a disclosure with JavaScript off and is shown where to get help at once", async ({
  browser,
}) => {
  const page = await noScriptPage(browser);
  await answerTravelUpToWords(page);
  // Only emoji says nothing a person can act on: a clear message, and nothing kept.
  await page.getByRole("textbox").fill("😢😢😢");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert")).toContainText("Use some words too, not only emoji or symbols");
  await expectNoAxeViolations(page);
  await finishTravel(page, disclosure);
  await page.getByRole("button", { name: "Send my answers" }).click();

  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  const help = page.getByRole("region", { name: "If you need help now" });
  await expect(help).toContainText("Childline: call 0800 1111");
  await expect(help).toContainText("If you are in danger now, call 999.");
  await expect(help).toContainText("What happens next: an adult whose job is to keep children safe");
  await expect(help).toContainText("We can't promise to keep it a secret.");
  await expectNoAxeViolations(page);

  // The same help in the young person's own language.
  await page.getByRole("link", { name: "Polski" }).click();
  await expect(page.getByRole("region", { name: "Jeśli potrzebujesz pomocy teraz" })).toContainText("0800 1111");
  await expect(page.getByText("Nie możemy obiecać, że zachowamy to w tajemnicy.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "English" }).click();
  await page.context().close();
});

test("2. Officers and Board members cannot open the safeguarding pages; an officer sees only a count", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/moderation");
  await expect(page.getByText(disclosure)).toHaveCount(0);
  await expect(page.getByText(/items? (is|are) with the safeguarding lead/)).toBeVisible();
  await expect(page.getByRole("link", { name: /^Safeguarding/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  for (const url of ["/staff/safeguarding", "/staff/safeguarding/1"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(403);
  }
  await page.goto("/staff");
  await signOut(page);
  await signInAs(page, "board");
  expect((await page.goto("/staff/safeguarding"))?.status()).toBe(403);
  expect((await page.goto("/staff/moderation"))?.status()).toBe(403);
});

test("3. The lead finds it at the top of their queue, an email arrived, and they record actions and close the case", async ({
  page,
}) => {
  // The email: only that there is something to look at, and the link.
  await expect.poll(() => mail.length).toBeGreaterThanOrEqual(1);
  const email = mail[mail.length - 1];
  expect(email.to).toEqual(["safeguarding@demo.test"]);
  expect(email.body).toContain(`http://localhost:${port}/staff/safeguarding`);
  expect(email.body).not.toContain("hurt");

  await signInAs(page, "safeguarding");
  const header = page
    .getByRole("navigation", { name: "Staff" })
    .getByRole("link", { name: /^Safeguarding \(\d+ open\)$/ });
  const before = Number((await header.textContent())?.match(/\d+/)?.[0]);
  await header.click();
  await expect(page.getByRole("heading", { level: 1, name: "Safeguarding" })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await fitsNarrowScreen(page)).toBeLessThanOrEqual(0);
  const first = page.getByRole("article").first();
  await expect(first.locator("blockquote")).toHaveText(disclosure);
  await expect(first).toContainText("Online · Feeling safe on the way to school");
  await expect(first).toContainText("Tell us more about your journey");
  await expect(first).toContainText("12 to 15");
  await expect(first).toContainText(/the check on arrival \(.*may signal harm\)/);
  await expect(first).toContainText("Nothing recorded yet");
  await expect(first.getByText("New", { exact: true })).toBeVisible();

  await first.getByRole("link", { name: /^Case from/ }).click();
  await page.waitForURL(/\/staff\/safeguarding\/\d+$/);
  caseUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Safeguarding case New" })).toBeVisible();
  expect(await fitsNarrowScreen(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);

  // A note without an action is refused, and nothing is written.
  await page.getByLabel("Note", { exact: true }).fill("Tried to reach the school");
  await page.getByRole("button", { name: "Save to the case record" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert")).toContainText("Choose what you did");
  await expect(page.getByText("Nothing recorded yet").first()).toBeVisible();
  // The react-aria group is named by its label and described by its error; the summary's link lands on its first radio.
  await expect(page.getByRole("radiogroup", { name: "What did you do?" })).toHaveAccessibleDescription(
    /Choose what you did/,
  );
  await expect(page.getByLabel("Note", { exact: true })).toHaveValue("Tried to reach the school");
  await page
    .getByRole("alert")
    .getByRole("link", { name: /Choose what you did/ })
    .click();
  await expect(page.getByRole("radio", { name: "Spoke to the school's designated safeguarding lead" })).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("Spoke to the school's designated safeguarding lead").check();
  await page
    .getByLabel("Note", { exact: true })
    .fill("Spoke to the DSL at the school; they know the young person and will see them today.");
  await page.getByRole("button", { name: "Save to the case record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Safeguarding case In progress" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Spoke to the DSL at the school" })).toContainText(
    "Tom Okafor",
  );
  await expect(page.getByText(/^(under a minute|\d+ minutes?)$/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Referred to children's social care").check();
  await page.getByLabel("Note", { exact: true }).fill("Referral made to the front door.");
  await page.getByLabel("Closed").check();
  await page.getByRole("button", { name: "Save to the case record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Safeguarding case Closed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save to the case record" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await expect(
    page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: `Safeguarding (${before - 1} open)` }),
  ).toBeVisible();
});

test("4. The text never appears on results, summaries or public pages, and cannot be approved by anyone", async ({
  page,
  browser,
}) => {
  const contributionId = caseUrl.split("/").pop() ?? "";
  expect(contributionId).toMatch(/^\d+$/);

  // Not even the lead or an admin can approve it.
  await signInAs(page, "admin");
  const refused = await page.request.post("/staff/moderation", {
    headers: { Origin: `http://localhost:${port}` },
    form: { intent: "approve", contributionId },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain("It can never be approved or published.");
  const bulk = await page.request.post("/staff/moderation", {
    headers: { Origin: `http://localhost:${port}` },
    form: { intent: "bulk_approve", ids: contributionId },
    maxRedirects: 0,
  });
  expect(bulk.status()).toBe(409);

  // Bad input gets a clear 4xx, never a 500.
  const post = (form: Record<string, string>) =>
    page.request.post("/staff/moderation", {
      headers: { Origin: `http://localhost:${port}` },
      form,
      maxRedirects: 0,
    });
  expect((await post({ intent: "approve", contributionId: "99999999" })).status()).toBe(404);
  expect((await post({ intent: "escalate", contributionId: "99999999", reason: "x" })).status()).toBe(404);
  expect((await post({ intent: "approve", contributionId: "1e400" })).status()).toBe(400);
  expect((await post({ intent: "escalate", contributionId: contributionId, reason: "" })).status()).toBe(400);
  expect((await post({ intent: "shred" })).status()).toBe(400);
  expect((await page.goto("/staff/safeguarding/99999999999999999999"))?.status()).toBe(404);
  expect((await page.goto("/staff/moderation/not-a-number"))?.status()).toBe(404);
  expect((await page.goto(`/staff/moderation/${contributionId}`))?.status()).toBe(404);

  // Results of the consultation, and the quotes a summary could use.
  await page.goto("/staff/consultations");
  await page.getByRole("link", { name: "Feeling safe on the way to school" }).first().click();
  const id = new URL(page.url()).pathname.split("/")[3];
  await page.goto(`/staff/consultations/${id}/results`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(disclosure)).toHaveCount(0);
  await page.goto("/staff/summaries/new");
  await expect(page.getByText(disclosure)).toHaveCount(0);
  await signOut(page);

  const open = await noScriptPage(browser);
  for (const url of ["/", "/you-said-we-did", "/consultations"]) {
    await open.goto(url);
    await expect(open.getByText(/I want to hurt myself/)).toHaveCount(0);
  }
  await open.context().close();
});

test("5. An officer escalates a message the check missed, with a reason; the lead sees who and why", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/moderation");
  const card = page.getByRole("article").first();
  const text = (await card.locator("blockquote").textContent()) ?? "";
  expect(text.length).toBeGreaterThan(0);
  // The demo's answers repeat common words ("Free bus pass"): the item is followed by its own id, not its text.
  const cardId = await card.getAttribute("aria-labelledby");
  expect(cardId).toMatch(/^c-\d+-title$/);
  const withLead = page.getByText(/items? (is|are) with the safeguarding lead/);
  const count = Number((await withLead.textContent())?.match(/\d+/)?.[0]);
  mail.length = 0;

  await card.getByText("Escalate", { exact: true }).click();
  await card.getByRole("button", { name: "Escalate to the safeguarding lead" }).click();
  await expect(page.getByRole("alert")).toContainText("Write why the safeguarding lead should see it");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  const again = page.getByRole("article").first();
  await again
    .getByLabel("Why should the safeguarding lead see it?")
    .fill("I know this young person: worried about home");
  await again.getByRole("button", { name: "Escalate to the safeguarding lead" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Escalated." })).toBeVisible();
  await expect(page.locator(`[aria-labelledby="${cardId}"]`)).toHaveCount(0);
  await expect(page.getByText(`${count + 1} items are with the safeguarding lead.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await expect.poll(() => mail.length).toBe(1);
  expect(mail[0].body).not.toContain(text.slice(0, 20));
  await signOut(page);

  await signInAs(page, "safeguarding");
  await page.goto("/staff/safeguarding");
  const item = page
    .getByRole("article")
    .filter({ hasText: text })
    .filter({ hasText: "I know this young person: worried about home" });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Priya Shah: I know this young person: worried about home");
  await expectNoAxeViolations(page);
});

test("6. An officer clears 20 items by keyboard alone, and approves a selection after confirming it", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/moderation");
  await expect(page.getByText("Keyboard shortcuts:")).toBeVisible();
  expect(await fitsNarrowScreen(page)).toBeLessThanOrEqual(0);
  const status = page.getByText(/^\d+ waiting · page \d+ of \d+$/);
  const waiting = async () => Number((await status.textContent())?.match(/^\d+/)?.[0]);
  const start = await waiting();
  expect(start).toBeGreaterThanOrEqual(25);

  await page.keyboard.press("j");
  await expect(page.getByRole("article").first()).toBeFocused();
  for (let i = 1; i <= 20; i++) {
    // Two children can write the same words: the item is told apart by its contribution, not its text.
    const item = await page.locator("article:focus").getAttribute("aria-labelledby");
    await page.keyboard.press("a");
    await expect(status).toHaveText(new RegExp(`^${start - i} waiting`));
    await expect(page.locator("article:focus")).not.toHaveAttribute("aria-labelledby", item ?? "");
  }
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await expectNoAxeViolations(page);

  // j and k move; x selects; the bulk approval asks first.
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByRole("article").nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(page.getByRole("article").nth(1)).toBeFocused();
  await expect(page.locator("input[name=ids]:checked")).toHaveCount(2);
  await page.getByRole("button", { name: "Approve the ones I selected" }).click();
  await expect(page.getByRole("heading", { name: "Approve 2 contributions?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, approve 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 approved." })).toBeVisible();
  await expect(status).toHaveText(new RegExp(`^${start - 22} waiting`));

  // Filters live in the URL.
  await page.getByLabel("Source").selectOption("paper");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/source=paper/);
  await expect(page.getByLabel("Source")).toHaveValue("paper");
  await expectNoAxeViolations(page);
});

test("7. Without JavaScript, hiding needs a reason for the author, and approve-with-edits masks more", async ({
  browser,
}) => {
  const page = await noScriptPage(browser);
  await signInAs(page, "officer");
  await page.goto("/staff/moderation");
  const status = page.getByText(/^\d+ waiting · page \d+ of \d+$/);
  const start = Number((await status.textContent())?.match(/^\d+/)?.[0]);

  const card = page.getByRole("article").first();
  await card.getByText("Hide", { exact: true }).click();
  await card.getByRole("button", { name: "Hide it" }).click();
  await expect(page.getByRole("alert")).toContainText("Write why it is hidden, for the person who wrote it");
  await expectNoAxeViolations(page);
  await page
    .getByRole("article")
    .first()
    .getByLabel("Why is it hidden? (the person who wrote it may read this)")
    .fill("It names someone, so we can't share it.");
  await page.getByRole("article").first().getByRole("button", { name: "Hide it" }).click();
  await expect(status).toHaveText(new RegExp(`^${start - 1} waiting`));

  await page.getByRole("article").first().getByRole("link", { name: "Edit, then approve" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit, then approve" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("As it will be quoted").fill("");
  await page.getByRole("button", { name: "Approve as edited" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the text as it will be quoted");
  await expectNoAxeViolations(page);
  await page.getByLabel("As it will be quoted").fill("Everything is perfect");
  await page.getByRole("button", { name: "Approve as edited" }).click();
  await expect(page.getByRole("alert")).toContainText("You can only take words out");
  await expectNoAxeViolations(page);
  const original = (await page.locator("blockquote").textContent()) ?? "";
  await page.getByLabel("As it will be quoted").fill(original.replace(/^\S+/, "[removed]"));
  await page.getByRole("button", { name: "Approve as edited" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await expect(status).toHaveText(new RegExp(`^${start - 2} waiting`));

  // Bulk approval without JavaScript: nothing selected is refused; a selection is confirmed first.
  await page.getByRole("button", { name: "Approve the ones I selected" }).click();
  await expect(page.getByRole("alert")).toContainText("Select at least one contribution to approve");
  await expectNoAxeViolations(page);
  await page
    .getByRole("article")
    .first()
    .getByRole("checkbox", { name: /^Select/ })
    .check();
  await page.getByRole("button", { name: "Approve the ones I selected" }).click();
  await expect(page.getByRole("heading", { name: "Approve 1 contribution?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, approve 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 approved." })).toBeVisible();
  await expect(status).toHaveText(new RegExp(`^${start - 3} waiting`));

  // Each of the three decisions is in the moderation record, newest first: who, what, why.
  await page.getByRole("link", { name: "Moderation record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Moderation record" })).toBeVisible();
  await expectNoAxeViolations(page);
  const rows = await page
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.slice(0, 3).map((tr) => [...tr.querySelectorAll("td")].slice(1, 4).map((td) => td.textContent?.trim())),
    );
  expect(rows).toEqual([
    ["Priya Shah", "Approved in a selection (Waiting → Approved)", "–"],
    ["Priya Shah", "Approved with edits (Waiting → Approved)", "–"],
    ["Priya Shah", "Hidden (Waiting → Hidden)", "It names someone, so we can't share it."],
  ]);
  await page.getByLabel("What was done").selectOption({ label: "Hidden" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator("tbody tr").first()).toContainText("It names someone, so we can't share it.");
  const actions = await page.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(actions.length).toBeGreaterThanOrEqual(1);
  expect(actions.filter((a) => !a.startsWith("Hidden"))).toEqual([]);
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("8. Paper and CSV answers that may signal harm are flagged to the officer entering them", async ({ page }) => {
  await signInAs(page, "officer");
  await page.goto("/staff/consultations");
  await page.getByRole("link", { name: "Feeling safe on the way to school" }).click();
  await page.getByRole("link", { name: "Enter paper responses" }).click();
  await page.getByRole("radio", { name: "2 – Bad" }).check();
  await page.getByRole("radio", { name: "2. Bus" }).check();
  await page.getByRole("checkbox", { name: "1. More lights on the way" }).check();
  for (const [i, label] of [
    "Feeling safe",
    "Getting there quickly",
    "Being with friends",
    "Not costing much",
  ].entries()) {
    await page.getByRole("combobox", { name: label }).selectOption(String(i + 1));
  }
  await page.getByLabel(/Tell us more about your journey/).fill("he kicks me at the bus stop every day");
  await page.getByRole("button", { name: "Save and enter the next" }).click();
  await expect(page.getByRole("status")).toContainText("Response saved. Enter the next one.");
  await expect(page.getByRole("status")).toContainText(
    "What was written on this paper may signal harm. It has gone straight to the safeguarding lead",
  );
  await expectNoAxeViolations(page);

  await page.goto("/staff/consultations");
  await page.getByRole("link", { name: "Feeling safe on the way to school" }).click();
  await page.getByRole("link", { name: "Import a CSV file" }).click();
  const csv = [
    "age_band,locality,q1,q2,q3,q3_other,q4,q5,q6",
    "12_15,,4,1,1,,1>2>3>4,,The path is fine",
    "12_15,,2,1,1,,1>2>3>4,,I want to hurt myself",
    "8_11,,3,2,2,,1>2>3>4,,More lights",
  ].join("\r\n");
  await page.getByLabel("CSV file").setInputFiles({
    name: "flagged.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByText("3 rows are ready to import")).toBeVisible();
  await expect(page.getByText("Lines 3 may signal harm.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("9. An officer escalates text that was already published; it leaves the results page at once", async ({
  page,
  browser,
}) => {
  // A child's own words, unlike any other answer (seeded answers repeat, so text alone would not tell them apart).
  // Letters only: a long number would be masked as a phone number and the quote would no longer match.
  const tag = letterTag();
  const quoted = `The crossing by the leisure centre has no lollipop person, says ${tag}`;
  await sendOrdinaryAnswer(browser, quoted);
  const [{ id }] = readE2eDb<{ id: number }>("select id from contributions where body = ?", quoted);

  await signInAs(page, "officer");
  await page.goto(`/staff/moderation/${id}`);
  await page.getByRole("button", { name: "Approve as edited" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  // On a busy machine a click can land while the queue is still hydrating: wait until the link is React's.
  await page.waitForFunction(() => {
    const link = [...document.querySelectorAll("a")].find((a) => a.textContent?.trim() === "Published");
    return Boolean(link && Object.keys(link).some((k) => k.startsWith("__reactFiber")));
  });
  await page.getByRole("link", { name: "Published" }).click();
  await expect(page).toHaveURL(/show=approved/, { timeout: 20_000 });
  await page.getByLabel("Consultation", { exact: true }).selectOption({ label: "Feeling safe on the way to school" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/show=approved&.*consultation=\d+|consultation=\d+.*show=approved/);
  await expectNoAxeViolations(page);
  // The newest published answer is first in the list, and among the quotes on the results page.
  const card = page.getByRole("article").filter({ hasText: quoted });
  await expect(card).toHaveCount(1);
  const consultationId = new URL(page.url()).searchParams.get("consultation");
  await page.goto(`/staff/consultations/${consultationId}/results`);
  await expect(page.locator("blockquote").filter({ hasText: quoted })).toHaveCount(1);

  await page.goBack();
  await card.getByText("Escalate", { exact: true }).click();
  await card
    .getByLabel("Why should the safeguarding lead see it?")
    .fill("On reading it again, this sounds like a worry about home");
  await card.getByRole("button", { name: "Escalate to the safeguarding lead" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Escalated." })).toBeVisible();
  await expect(page).toHaveURL(/show=approved/);
  await page.goto(`/staff/consultations/${consultationId}/results`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("blockquote").filter({ hasText: quoted })).toHaveCount(0);
});

test("10. The moderator sees what the check found highlighted, and approves words the model judged ordinary one at a time", async ({
  page,
  browser,
}) => {
  const tag = letterTag();
  const details = `my name is Tom and my snap is jess_22, the bus by ${tag} is always late`;
  const bruise = `got a massive bruise on my leg from football ${tag} lol it's gone purple`;
  for (const words of [details, bruise]) await sendOrdinaryAnswer(browser, words);
  const rows = readE2eDb<{ body: string; state: string; flags: string }>(
    "select body, moderation_state as state, flags from contributions where body in (?, ?) order by id",
    details,
    bruise,
  );
  expect(rows.map((r) => [r.state, JSON.parse(r.flags).sort()])).toEqual([
    ["pending", ["handle", "name"]],
    ["pending", ["harm_words"]],
  ]);

  await signInAs(page, "officer");
  await page.goto("/staff/moderation?flag=harm_words");
  const notice = page.getByRole("article").filter({ hasText: tag });
  await expect(notice).toHaveCount(1);
  // the words the phrases matched are marked as a possible harm and named; it cannot join a selection
  const harm = notice.locator("blockquote mark.found.harm");
  await expect(harm.first()).toBeVisible();
  await expect(harm.first().locator(".visually-hidden")).toHaveText(/^ \(.+\)$/);
  await expect(notice.getByText("Words that can signal harm: read it and approve it on its own")).toBeVisible();
  await expect(notice.getByRole("checkbox")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto("/staff/moderation?flag=handle");
  const card = page.getByRole("article").filter({ hasText: tag });
  const marks = card.locator("blockquote mark.found.detail");
  await expect(marks).toHaveText(["Tom (name)", "jess_22 (social media name)"]);
  await expect(card.getByRole("checkbox", { name: /^Select/ })).toHaveCount(1);
  await expectNoAxeViolations(page);

  // The edit page marks them too, above the masked text that will be quoted.
  await card.getByRole("link", { name: "Edit, then approve" }).click();
  await expect(page.locator("blockquote mark.found.detail")).toHaveText(["Tom (name)", "jess_22 (social media name)"]);
  await expect(page.getByLabel("As it will be quoted")).toHaveValue(
    `my name is [removed] and my snap is [removed], the bus by ${tag} is always late`,
  );
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Approve as edited" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();

  // The notice is approved on its own, after reading it. On a busy machine a click can land while the queue is still
  // hydrating and be lost: wait until its forms are React's.
  await page.goto("/staff/moderation?flag=harm_words");
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll("main form")];
    return forms.length > 0 && forms.every((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber")));
  });
  await page.getByRole("article").filter({ hasText: tag }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  expect(
    readE2eDb<{ state: string }>(
      "select moderation_state as state from contributions where body in (?, ?) order by id",
      details,
      bruise,
    ).map((r) => r.state),
  ).toEqual(["approved", "approved"]);
});
