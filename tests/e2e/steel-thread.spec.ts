import type { Browser, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInAs, signOut, test, tick } from "../support/fixtures";

// One young person's answer travels to the Board and back (issue 2's steel thread).
test.describe.configure({ mode: "serial" });

const title = `How safe is your park? ${Date.now()}`;
let slug = "";
let meetingTitle = "";
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);

async function noScriptPage(browser: Browser, width = 1024): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
  return context.newPage();
}

test("1. An officer publishes a consultation with a faces question and a free-text question tagged to Stay safe", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await expectNoAxeViolations(page);
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Consultations" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "New consultation" }).click();

  // An empty form is refused with an error summary that links to each field.
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a title");
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  await page.getByLabel("Title").fill(title);
  await page
    .getByLabel("Plain summary")
    .fill("We want to know how safe you feel in the park near you, and what would help.");
  await page.getByLabel("Opens on").fill(isoDay(-1));
  await page.getByLabel("Closes on").fill(isoDay(28));
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Type of question").selectOption("scale");
  await page.getByLabel("Question", { exact: true }).fill("How safe do you feel in your local park?");
  await page.getByLabel("Easy read wording (optional)").fill("Do you feel safe in the park?");
  await tick(page, "Stay safe");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("heading", { name: "How safe do you feel in your local park?" })).toBeVisible();

  await page.getByLabel("Type of question").selectOption("long_text");
  await page.getByLabel("Question", { exact: true }).fill("What would make your park feel safer?");
  await tick(page, "Stay safe");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("heading", { name: "What would make your park feel safer?" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Publish consultation" }).click();
  await expect(page.getByText("Open", { exact: true })).toBeVisible();
  const href = await page.getByRole("link", { name: "See it as a participant" }).getAttribute("href");
  slug = href?.split("/").pop() ?? "";
  expect(slug).not.toBe("");
});

test("2. A young person answers it without an account, with JavaScript switched off", async ({ browser }) => {
  const page = await noScriptPage(browser);
  await page.goto("/consultations?audience=young_people");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: title }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Start now" }).click();

  await expect(page.getByText("Question 1 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert")).toContainText("Choose a face");
  await expectNoAxeViolations(page);

  await page.getByRole("radio", { name: "Good", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByText("Question 2 of 2")).toBeVisible();
  // Over-long text is refused, and what they typed is kept.
  await page.getByLabel("What would make your park feel safer?").fill("x".repeat(1001));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("too long");
  await expect(page.getByLabel("What would make your park feel safer?")).toHaveValue("x".repeat(1001));
  await expectNoAxeViolations(page);
  await page
    .getByLabel("What would make your park feel safer?")
    .fill("The lights by the swings are broken so it is dark. My name is Jake Smith and I go there every day.");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "About you" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "8 to 11" }).check();
  await page.getByLabel("Where do you live?").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(page.getByText("Good", { exact: true })).toBeVisible();
  await expect(page.getByText("8 to 11")).toBeVisible();
  await expectNoAxeViolations(page);

  // Change an answer and come back to the check page.
  await page.getByRole("link", { name: "Change How safe do you feel in your local park?" }).click();
  await expect(page.getByRole("radio", { name: "Good", exact: true })).toBeChecked();
  await page.getByRole("radio", { name: "Really good" }).check();
  await page.getByRole("button", { name: "Save and go back to check your answers" }).click();
  await expect(page.getByText("Really good", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you, your answers are sent" })).toBeVisible();
  await expect(page.getByText("What happens next")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("3. Their free text waits in moderation; the officer approves it and tags it Stay safe", async ({ page }) => {
  // Not published anywhere before moderation.
  await page.goto("/you-said-we-did");
  await expect(page.getByText("lights by the swings")).toHaveCount(0);

  await signInAs(page, "officer");
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Moderation" }).click();
  await expectNoAxeViolations(page);
  // the queue is oldest first, one page at a time: narrow it to this consultation
  await page.getByLabel("Consultation", { exact: true }).selectOption({ label: title });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/consultation=\d+/);
  const card = page.getByRole("listitem").filter({ hasText: "lights by the swings are broken" });
  await expect(card).toContainText("Waiting");
  await expect(card).toContainText("My name is [removed]");
  await expect(card).toContainText("Outcomes: Stay safe");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("lights by the swings are broken")).toHaveCount(0);
});

test("4. The officer composes a summary from tagged contributions; it becomes an agenda item for decision", async ({
  page,
}) => {
  await signInAs(page, "officer");
  await page.goto("/staff/summaries/new");
  await expectNoAxeViolations(page);
  const option = page.locator("#meetingId option", { hasText: "Board" }).first();
  // Options read "Body: Meeting (date)"; the meetings list names the meeting alone.
  meetingTitle = ((await option.textContent()) ?? "").replace(/ \(.*\)$/, "").replace(/^[^:]*: /, "");
  await page.getByLabel("Title").fill("What young people told us about feeling safe in parks");
  await page.getByLabel("Period").selectOption({ label: "The dates below" });
  await page.getByRole("textbox", { name: "From", exact: true }).fill(isoDay(-1));
  await page.getByRole("textbox", { name: "To", exact: true }).fill(isoDay(0));
  await tick(page, "Stay safe");
  await page.getByRole("button", { name: "Save and show the figures" }).first().click();

  await expect(page.getByRole("table", { name: "Young people by age group", exact: true }).first()).toContainText(
    "8 to 11",
  );
  await expectNoAxeViolations(page);
  const quote = page.getByRole("checkbox", { name: /lights by the swings/ });
  await expect(quote).toBeVisible();
  await expect(page.getByText("Jake Smith")).toHaveCount(0);
  await quote.locator("xpath=ancestor::label").click();
  await expect(quote).toBeChecked();
  await page
    .getByLabel("Key messages (one a line)")
    .fill("Young people feel mostly safe in parks, but broken lights make them feel unsafe after dark.");
  await page.getByLabel("Recommendations (one a line)").fill("Repair park lighting before the winter.");
  await page.locator("#meetingId").selectOption((await option.getAttribute("value")) ?? "");
  await page.getByRole("radio", { name: "For decision" }).check();
  await page.getByRole("button", { name: "Send to the meeting" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "What young people told us about feeling safe in parks: version 1",
  );
  await expect(page.locator(".summary-view > .panel").first()).toContainText("For decision");
  await expect(page.locator("blockquote")).toContainText("My name is [removed]");
  await expectNoAxeViolations(page);
  await signOut(page);
});

test("5. A board member records the Board's response", async ({ page }) => {
  await signInAs(page, "board");
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Meetings and papers" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: meetingTitle }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "What young people told us about feeling safe in parks" }).click();

  // A draft is saved, previewed, and published as separate steps; the preview names what is missing. Typing before
  // React hydrates the page can be lost, so the test waits for it as a person's first keystroke would.
  const hydrated = () =>
    page.waitForFunction(() =>
      [...document.querySelectorAll("main form")].every((f) =>
        Object.keys(f).some((k) => k.startsWith("__reactFiber")),
      ),
    );
  await hydrated();
  await page
    .getByLabel("Decision", { exact: true })
    .fill("Agreed: park lighting repairs are a priority for this winter.");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await page.getByRole("link", { name: "Preview and publish" }).click();
  await expect(page.getByRole("heading", { name: "Before it can be published" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enter what children and young people said" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "What young people told us about feeling safe in parks" }).click();
  await hydrated();
  await page.getByLabel("You said", { exact: true }).fill("You said the park is scary when the lights are broken.");
  await page
    .getByLabel("We did", { exact: true })
    .fill("We are fixing the lights in every play park before the end of January.");
  await page
    .getByLabel("You said (parents and carers)", { exact: true })
    .fill("Young people told us broken park lights make them feel unsafe.");
  await page
    .getByLabel("We did (parents and carers)", { exact: true })
    .fill("The Board agreed to repair lighting in all play areas by 31 January.");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await page.getByRole("link", { name: "Preview and publish" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Publish the response" }).click();
  await expect(page.getByRole("heading", { name: /^Published on / })).toBeVisible();
  await expect(page.getByText("We are fixing the lights in every play park before the end of January.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test('6. The "you said, we did" appears on the public page in child-friendly words', async ({ browser }) => {
  const page = await noScriptPage(browser);
  await page.goto("/you-said-we-did");
  await expect(page.getByText("You said the park is scary when the lights are broken.")).toBeVisible();
  await expect(page.getByText("We are fixing the lights in every play park before the end of January.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Show this for parents and carers" }).click();
  await expect(page.getByText("The Board agreed to repair lighting in all play areas by 31 January.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.context().close();
});
