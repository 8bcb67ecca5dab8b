import type { Browser, Page } from "@playwright/test";
import { answerTravelUpToWords, finishTravel } from "../support/answering";
import { expect, expectNoAxeViolations, signInAs, test } from "../support/fixtures";
import { makePassSession, readE2eDb, signInWithPass } from "../support/pass-session";

// Issue 12: a shared school computer. After one child sends their answers, the next child at the same browser sees
// nothing of them: not on the check page, not on the question pages, not in a cookie that opens them.

const slug = "feeling-safe-travel";
const words = `The underpass by Station Road is dark after football, shared-device test ${Date.now()}`;

async function answerAll(page: Page, text: string) {
  await answerTravelUpToWords(page);
  await finishTravel(page, text);
}

async function schoolComputer(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
  return { context, page: await context.newPage() };
}

test("Two children on one browser: the second sees nothing of the first's answers", async ({ browser }) => {
  const { context, page } = await schoolComputer(browser);
  await answerAll(page, words);
  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(page.getByText(words)).toBeVisible();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  await expect(page.getByText("they can't be opened again on this phone or computer")).toBeVisible();
  await expect(page.getByRole("link", { name: "Change my answers" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The answers are stored, and nothing is left in progress for this browser.
  const stored = readE2eDb<{ n: number }>("select count(*) as n from contributions where body = ?", words);
  expect(stored).toEqual([{ n: 1 }]);
  const cookies = await context.cookies();
  expect(cookies.filter((c) => c.name.startsWith("sb_receipt_"))).toEqual([]);
  const sent = cookies.filter((c) => c.name.startsWith("sb_sent_"));
  expect(sent).toHaveLength(1);
  // Half an hour at most, and only the thank-you page reads it.
  expect(sent[0].expires - Date.now() / 1000).toBeLessThanOrEqual(1800);
  expect(sent[0].httpOnly).toBe(true);

  // The next child, same browser.
  await page.goto(`/consultations/${slug}/check`);
  await expect(page.getByText(words)).toHaveCount(0);
  expect(await page.content()).not.toContain("Station Road");
  await expectNoAxeViolations(page);
  await page.goto(`/consultations/${slug}/question/1`);
  await expect(page.getByRole("radio", { name: "Bad", exact: true })).not.toBeChecked();
  await page.goto(`/consultations/${slug}/question/6`);
  await expect(page.getByRole("textbox")).toHaveValue("");
  await page.goto(`/consultations/${slug}`);
  await expect(page.getByText("You have already answered")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Change my answers" })).toHaveCount(0);

  // Their own answers go in as a new response; the first child's stay as they were.
  await answerAll(page, "Second child: the bus is fine in the mornings");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  expect(readE2eDb<{ n: number }>("select count(*) as n from contributions where body = ?", words)).toEqual([{ n: 1 }]);
  const responses = readE2eDb<{ n: number }>(
    "select count(distinct response_id) as n from contributions where body in (?, ?)",
    words,
    "Second child: the bus is fine in the mornings",
  );
  expect(responses).toEqual([{ n: 2 }]);
  await context.close();
});

test("Sent answers change only with the pass they are on, and an escalated answer keeps its case record", async ({
  browser,
  baseURL,
}) => {
  const disclosure = `He hits me when I get home late, pass change test ${Date.now()}`;
  const { context, page } = await schoolComputer(browser);
  const pass = makePassSession();
  await signInWithPass(context, baseURL ?? "", pass.sessionId);
  await answerAll(page, disclosure);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.getByRole("button", { name: "Add these answers to my pass" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your pass" })).toBeVisible();
  const [{ id, responseId }] = readE2eDb<{ id: number; responseId: number }>(
    "select id, response_id as responseId from contributions where body = ? and moderation_state = 'escalated'",
    disclosure,
  );

  // The lead acts on it.
  const lead = await browser.newPage();
  await signInAs(lead, "safeguarding");
  await lead.goto(`/staff/safeguarding/${id}`);
  await lead.getByLabel("Spoke to the school's designated safeguarding lead").check();
  await lead.getByLabel("Note", { exact: true }).fill("Spoke to the DSL; they will see the young person today.");
  await lead.getByRole("button", { name: "Save to the case record" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Safeguarding case In progress" })).toBeVisible();
  await lead.close();

  // The child changes their answers from their pass: the check page shows what they sent.
  await page
    .getByRole("listitem")
    .filter({ hasText: "Feeling safe on the way to school" })
    .getByRole("button", { name: "Change these answers" })
    .click();
  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(page.getByText(disclosure)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/consultations/feeling-safe-travel/question/6");
  await expect(page.getByRole("textbox")).toHaveValue(disclosure);
  await page.getByRole("textbox").fill("It's all fine now, the bus is better");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();

  // One response still; the new words are in it, and the disclosure stays with the lead with its record.
  expect(
    readE2eDb<{ body: string; state: string }>(
      "select body, moderation_state as state from contributions where response_id = ? and body is not null order by id",
      responseId,
    ),
  ).toEqual([
    { body: disclosure, state: "escalated" },
    { body: "It's all fine now, the bus is better", state: "pending" },
  ]);
  expect(
    readE2eDb<{ status: string; actions: number }>(
      "select c.status, (select count(*) from safeguarding_actions a where a.case_id = c.id) as actions from safeguarding_cases c where c.contribution_id = ?",
      id,
    ),
  ).toEqual([{ status: "in_progress", actions: 1 }]);

  // Without the pass, the same browser cannot open them again.
  await context.clearCookies();
  const refused = await page.request.post("/pass/answers/change", {
    form: { response: String(responseId) },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(302);
  expect(refused.headers().location).toBe("/pass/sign-in");
  await context.close();
});
