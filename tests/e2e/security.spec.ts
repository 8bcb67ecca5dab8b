import http from "node:http";
import zlib from "node:zlib";
import { demoCode, expect, expectNoAxeViolations, signInAs, signOut, test } from "../support/fixtures";

test("A burst of failed sign-ins gets a 429 page, and the real user still gets in after the window", async ({
  page,
}) => {
  await page.goto("/staff/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email address").fill("admin@demo.test");
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("not right");
  }
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("admin@demo.test");
  await page.getByLabel("Password").fill("sounding-board-demo");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/staff/sign-in")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  expect(response.status()).toBe(429);
  await expect(page.getByRole("heading", { name: "Too many tries" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The test server's window is 4 seconds.
  await page.waitForTimeout(4500);
  await signInAs(page, "admin");
});

test("Wrong passwords sent from elsewhere do not keep the real user out of a browser they signed in from before", async ({
  page,
  playwright,
  baseURL,
}) => {
  // The Partnership member signs in once on their own computer: it is now a known device for that account.
  await signInAs(page, "partnership");
  await signOut(page);
  // Someone else, from another browser, tries password after password.
  const attacker = await playwright.request.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { Origin: baseURL ?? "" },
  });
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++)
    statuses.push(
      (
        await attacker.post("/staff/sign-in", { form: { email: "partnership@demo.test", password: `guess-${i}` } })
      ).status(),
    );
  // Five wrong answers, then the growing delay refuses the rest unchecked.
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
  const refused = await attacker.post("/staff/sign-in", {
    form: { email: "partnership@demo.test", password: "sounding-board-demo" },
  });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  await attacker.dispose();
  // The Partnership member, on their own computer, signs straight in.
  await signInAs(page, "partnership");
  await expect(page).toHaveURL(/\/staff$/);
  // Other specs sign in as this account from new browsers: let the delay run out first.
  await page.waitForTimeout(retryAfter * 1000 + 500);
});

test("Wrong two-factor codes slow down like wrong passwords, and the right one still works after the wait", async ({
  playwright,
  baseURL,
}) => {
  const c = await playwright.request.newContext({
    baseURL,
    maxRedirects: 0,
    extraHTTPHeaders: { Origin: baseURL ?? "" },
  });
  const password = await c.post("/staff/sign-in", {
    form: { email: "safeguarding@demo.test", password: "sounding-board-demo" },
  });
  expect(password.status()).toBe(302);
  expect(password.headers().location).toBe("/staff/sign-in/code?next=%2Fstaff");
  // The password alone opens nothing.
  expect((await c.get("/staff")).status()).toBe(302);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++)
    statuses.push((await c.post("/staff/sign-in/code", { form: { code: "000000" } })).status());
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  const refused = await c.post("/staff/sign-in/code", { form: { code: demoCode() } });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, retryAfter * 1000 + 500));
  const right = await c.post("/staff/sign-in/code", { form: { code: demoCode() } });
  expect(right.status()).toBe(302);
  expect(right.headers().location).toBe("/staff");
  expect((await c.get("/staff")).status()).toBe(200);
  await c.dispose();
});

test("A POST from another site is refused before it reaches any action", async ({ request }) => {
  const response = await request.post("/staff/sign-in", {
    headers: { Origin: "http://evil.example" },
    form: { email: "partnership@demo.test", password: "sounding-board-demo" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("can only be sent from Sounding Board's own pages");
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("A board member cannot open officer-only pages", async ({ page }) => {
  await signInAs(page, "board");
  for (const path of [
    "/staff/consultations",
    "/staff/consultations/new",
    "/staff/moderation",
    "/staff/summaries/new",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You can't open this page" })).toBeVisible();
  }
  await expectNoAxeViolations(page);
  // Nor post to them.
  const post = await page.request.post("/staff/moderation", {
    headers: { Origin: new URL(page.url()).origin },
    form: { contributionId: "1", decision: "approve" },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);
});

test("Staff pages send people who are not signed in to the sign-in page", async ({ page }) => {
  await page.goto("/staff/moderation");
  await expect(page).toHaveURL(/\/staff\/sign-in\?next=%2Fstaff%2Fmoderation/);
});

test("Security headers are on every response", async ({ request }) => {
  const home = await request.get("/");
  const html = await home.text();
  const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  for (const path of ["/", "/healthz", "/consultations", "/no-such-page", asset as string]) {
    const response = await request.get(path);
    const h = response.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], path).not.toMatch(/https?:\/\//);
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBeTruthy();
    expect(h["permissions-policy"], path).toContain("geolocation=()");
  }
  expect((await request.get("/no-such-page")).status()).toBe(404);
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe("ok");
});

test("Pages, a staff page's strings file and CSV downloads come compressed; the strings file is kept a year", async ({
  baseURL,
}) => {
  // Raw bytes, as a browser receives them (Playwright's own request decompresses).
  const raw = (path: string, encoding: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(new URL(path, baseURL), { headers: { "Accept-Encoding": encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject);
    });
  const csvPlain = await raw("/open-data/consultations.csv", "identity");
  expect(csvPlain.status).toBe(200);
  expect(csvPlain.headers["content-encoding"]).toBeUndefined();
  expect(csvPlain.body.length).toBeGreaterThan(1024);
  for (const [encoding, unpack] of [
    ["gzip", zlib.gunzipSync],
    ["br", zlib.brotliDecompressSync],
  ] as const) {
    const csv = await raw("/open-data/consultations.csv", encoding);
    expect(csv.headers["content-encoding"]).toBe(encoding);
    expect(unpack(csv.body).toString("utf8")).toBe(csvPlain.body.toString("utf8"));
    const page = await raw("/", encoding);
    expect(page.headers["content-encoding"]).toBe(encoding);
    expect(unpack(page.body).toString("utf8")).toContain("<html");
  }
  const signIn = (await raw("/staff/sign-in", "identity")).body.toString("utf8");
  const stringsUrl = signIn.match(/<script src="(\/i18n\/en\.[^"]+\.js)"/)?.[1];
  expect(stringsUrl).toBeTruthy();
  const strings = await raw(stringsUrl as string, "gzip");
  expect(strings.status).toBe(200);
  expect(strings.headers["content-encoding"]).toBe("gzip");
  expect(strings.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(zlib.gunzipSync(strings.body).toString("utf8")).toContain("__sbStrings");
  // A staff page no longer carries its strings: the sign-in page's own words are in it, the rest of the staff wording is not.
  expect(signIn).not.toContain("Keyboard shortcuts");
});

test("Pages make no third-party requests", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "localhost" && url.protocol !== "data:") outside.push(r.url());
  });
  await page.goto("/");
  await page.goto("/consultations/feeling-safe-travel");
  await page.goto("/staff/sign-in");
  expect(outside).toEqual([]);
});

test("A malformed cookie is ignored, never a 500: the page answers in the language a well-formed cookie chose", async ({
  request,
}) => {
  for (const path of ["/", "/consultations", "/staff/sign-in"]) {
    const response = await request.get(path, { headers: { Cookie: "sb_staff=%zz; sb_receipt_1=%; sb_lang=pl" } });
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toContain('lang="pl"');
  }
  const staff = await request.get("/staff", {
    headers: { Cookie: "sb_staff=%E0%A4%A" },
    maxRedirects: 0,
  });
  expect(staff.status()).toBe(302);
});
