import path from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { expect, expectNoAxeViolations, test } from "../support/fixtures";

// Issue 11: open data, read from the demo server's own files; no count from 1 to 4 anywhere.
const SHOTS = "test-results/open-data";

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.resolve("tests/.tmp/e2e.db"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const COUNT_KEYS = new Set(["count", "answered", "responses"]);

/** Every number held under a count key anywhere in a JSON value (nested objects and lists included). */
function countsIn(value: unknown, key = ""): number[] {
  if (typeof value === "number") return COUNT_KEYS.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => countsIn(v, key));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => countsIn(v, COUNT_KEYS.has(k) ? k : k === "" ? key : k));
  return [];
}

const small = (n: number) => n >= 1 && n <= 4;

test("the open-data page documents every file, passes axe, and works at 320 px in Arabic", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/open-data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data");
  await expect(page.getByText("Open Government Licence v3.0")).toBeVisible();
  await expect(page.getByRole("link", { name: "Consultations (CSV)" })).toHaveAttribute(
    "href",
    "/open-data/consultations.csv",
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/open-data-wide.png`, fullPage: true });

  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, javaScriptEnabled: false });
  await context.addCookies([{ name: "sb_lang", value: "ar", url: baseURL ?? "" }]);
  const narrow = await context.newPage();
  await narrow.goto("/open-data");
  await expect(narrow.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(narrow.getByRole("heading", { level: 1 })).toHaveText("البيانات المفتوحة");
  expect(await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await expectNoAxeViolations(narrow);
  await narrow.screenshot({ path: `${SHOTS}/open-data-ar-320.png`, fullPage: true });
  await context.close();
});

test("every file answers with its type, parses, and holds no count from 1 to 4", async ({ request }) => {
  const published = query<{ slug: string }>("select slug from consultations where status != 'draft' order by id");
  expect(published.length).toBeGreaterThan(0);
  const files = [
    "/open-data/consultations",
    "/open-data/you-said-we-did",
    ...published.map((c) => `/open-data/consultations/${c.slug}/results`),
  ];
  for (const file of files) {
    const json = await request.get(`${file}.json`);
    expect(json.status(), file).toBe(200);
    expect(json.headers()["content-type"]).toBe("application/json; charset=utf-8");
    expect(json.headers()["access-control-allow-origin"]).toBe("*");
    expect(json.headers()["cache-control"]).toBe("public, max-age=300");
    const body = JSON.parse(await json.text());
    expect(countsIn(body).filter(small), file).toEqual([]);

    const csv = await request.get(`${file}.csv`);
    expect(csv.status(), file).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers()["content-disposition"]).toMatch(/^inline; filename="[^"]+\.csv"$/);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    const csvCounts = rows.flatMap((r) => ["count", "answered"].filter((k) => r[k]).map((k) => Number(r[k])));
    expect(csvCounts.filter(small), file).toEqual([]);
  }
});

test("a results file shows the demo's own counts exactly where they are shown", async ({ request }) => {
  // The published consultation with the most chosen answers, so there are counts to compare.
  const [c] = query<{ id: number; slug: string; people: number }>(
    `select c.id, c.slug, (select count(*) from responses r where r.consultation_id = c.id) as people
     from consultations c where c.status != 'draft'
     order by (select count(*) from contributions ct where ct.consultation_id = c.id and ct.kind = 'choice') desc limit 1`,
  );
  const body = await (await request.get(`/open-data/consultations/${c.slug}/results.json`)).json();
  expect(body.responses).toEqual(
    c.people >= 5 ? { count: c.people, suppressed: false } : { count: null, suppressed: true },
  );
  const choices = query<{ prompt: string; label: string; n: number }>(
    `select q.prompt, o.label, count(cc.contribution_id) as n from questions q
       join question_options o on o.question_id = q.id
       left join contributions ct on ct.question_id = q.id and ct.kind in ('choice')
       left join contribution_choices cc on cc.contribution_id = ct.id and cc.option_id = o.id
     where q.consultation_id = ? and q.kind in ('single', 'multiple') group by o.id order by q.position, o.position`,
    c.id,
  );
  let compared = 0;
  for (const q of body.questions as {
    kind: string;
    prompt: string;
    rows: { label: string; count: number | null }[];
  }[]) {
    if (q.kind !== "single" && q.kind !== "multiple") continue;
    for (const row of q.rows) {
      if (row.count === null) continue;
      const expected = choices.find((ch) => ch.prompt === q.prompt && ch.label === row.label);
      expect(row.count, row.label).toBe(expected?.n);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(0);
});

test("an unknown or draft consultation's results are a 404 with a message, never a 500", async ({ request }) => {
  const drafts = query<{ slug: string }>("select slug from consultations where status = 'draft' limit 1");
  for (const slug of ["no-such-consultation", ...drafts.map((d) => d.slug)]) {
    const json = await request.get(`/open-data/consultations/${slug}/results.json`);
    expect(json.status()).toBe(404);
    expect(await json.json()).toEqual({ error: "No published consultation has this address." });
    const csv = await request.get(`/open-data/consultations/${slug}/results.csv`);
    expect(csv.status()).toBe(404);
    expect(await csv.text()).toBe("error\r\nNo published consultation has this address.\r\n");
  }
});
