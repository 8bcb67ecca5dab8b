import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { expect, signInRequest, test } from "../support/fixtures";
import { readE2eDb } from "../support/pass-session";

// Issue 12: every route of the production build, as someone signed out and as an administrator, sent the requests that
// once gave a 500: bodies that are not forms, methods no page takes, malformed cookies and query strings, control
// characters in redirect targets, and bodies over the limit. Each must get a 4xx (or its normal answer), never a 5xx.
// Named zz- so it runs last: the junk it posts must not disturb the figures the other specs check.

const port = Number(process.env.E2E_PORT || 3100);
const origin = `http://localhost:${port}`;

type Manifest = {
  routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; hasAction: boolean }>;
};

/** Every route's full path, from the manifest the build wrote (the same one the browser reads). */
function routesOfBuild() {
  const dir = path.resolve("build/client/assets");
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("No route manifest in build/client/assets: run the production build first");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
  const full = (id: string): string => {
    const r = manifest.routes[id];
    const own = r.path ?? "";
    return r.parentId ? [full(r.parentId), own].filter(Boolean).join("/") : own;
  };
  return Object.values(manifest.routes)
    .filter((r) => r.path !== undefined || r.index)
    .map((r) => ({ id: r.id, path: `/${full(r.id)}`.replace(/\/+/g, "/"), hasAction: r.hasAction }));
}

let slug = "";
function concrete(p: string) {
  return p
    .replace(/:slug\??/g, slug)
    .replace(/:[a-zA-Z]+\??/g, "1")
    .replace(/\*$/, "anything");
}

const ctx = new Map<string, APIRequestContext>();
test.beforeAll(async () => {
  slug = readE2eDb<{ slug: string }>("select slug from consultations where status = 'open' limit 1")[0].slug;
  const make = () =>
    playwrightRequest.newContext({ baseURL: origin, maxRedirects: 0, extraHTTPHeaders: { Origin: origin } });
  ctx.set("anon", await make());
  const admin = await make();
  expect(await signInRequest(admin, "admin")).toBe(302);
  ctx.set("admin", admin);
});
test.afterAll(async () => {
  for (const c of ctx.values()) await c.dispose();
});

test("No route answers a 5xx to bodies, methods, cookies or addresses it does not expect", async () => {
  test.setTimeout(240_000);
  // Signing out would end the administrator's session half-way: it is tried on its own at the end.
  const routes = routesOfBuild().filter((r) => !r.path.startsWith("/staff/sign-out"));
  expect(routes.length).toBeGreaterThan(80);
  const failures: string[] = [];
  const expectStatus = async (label: string, res: Promise<{ status(): number }>, want?: number) => {
    const status = (await res).status();
    if (status >= 500 || (want !== undefined && status !== want)) failures.push(`${label}: ${status}`);
  };
  const big = "a".repeat(70 * 1024);
  for (const [actor, c] of ctx) {
    for (const r of routes) {
      const url = concrete(r.path);
      const at = `${actor} ${url}`;
      await expectStatus(`${at} GET`, c.get(url));
      await expectStatus(`${at} GET ?%zz`, c.get(`${url}?q=%zz&page=%`), 400);
      await expectStatus(`${at} GET back=CRLF`, c.get(`${url}?back=%0d%0aSet-Cookie:x=1&next=%00/x`), 400);
      await expectStatus(
        `${at} GET bad cookies`,
        c.get(url, { headers: { Cookie: "sb_lang=%; sb_pass=%zz; sb_staff=%E0%A4%A; sb_read=\u00e9" } }),
      );
      for (const method of ["PUT", "DELETE", "PATCH"] as const)
        await expectStatus(`${at} ${method}`, c.fetch(url, { method, data: "x" }), 405);
      await expectStatus(`${at} POST json`, c.post(url, { data: { intent: "x" } }), 415);
      await expectStatus(
        `${at} POST text`,
        c.post(url, { data: "intent=x", headers: { "Content-Type": "text/plain" } }),
        415,
      );
      await expectStatus(`${at} POST no type`, c.fetch(url, { method: "POST", data: Buffer.from("intent=x") }), 415);
      await expectStatus(`${at} POST junk form`, c.post(url, { form: { intent: "\u0000", id: "%", page: "-1" } }));
      await expectStatus(
        `${at} POST junk multipart`,
        c.post(url, {
          multipart: { intent: "x", file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("a\n") } },
        }),
      );
      await expectStatus(
        `${at} POST over the limit`,
        c.post(url, { form: { text: big } }),
        url.startsWith("/staff") ? undefined : 413,
      );
    }
  }
  const admin = ctx.get("admin") as APIRequestContext;
  await expectStatus("admin /staff/sign-out PUT", admin.fetch("/staff/sign-out", { method: "PUT" }), 405);
  await expectStatus("admin /staff/sign-out POST", admin.post("/staff/sign-out", { form: {} }));
  expect(failures).toEqual([]);
});

test("A bad request gets a page in the person's language that says what to do", async () => {
  const c = ctx.get("anon") as APIRequestContext;
  const res = await c.fetch("/consultations", { method: "PUT", headers: { Cookie: "sb_lang=pl" } });
  expect(res.status()).toBe(405);
  expect(res.headers().allow).toBe("GET, HEAD, POST");
  const body = await res.text();
  expect(body).toContain('<html lang="pl" dir="ltr">');
  expect(body).toContain("<h1>Ten adres nie przyjmuje takiego żądania</h1>");
  const tooBig = await c.post("/ask", { form: { text: "a".repeat(65 * 1024) }, headers: { Cookie: "sb_lang=ar" } });
  expect(tooBig.status()).toBe(413);
  const text = await tooBig.text();
  expect(text).toContain('<html lang="ar" dir="rtl">');
  // The page never echoes what was sent.
  expect(text.length).toBeLessThan(2000);
});

test("Pages are never kept by browsers or proxies; open data may be", async () => {
  const c = ctx.get("anon") as APIRequestContext;
  for (const url of ["/", "/consultations", `/consultations/${slug}`, "/pass/sign-in", "/staff/sign-in"]) {
    expect((await c.get(url)).headers()["cache-control"], url).toBe("no-store");
  }
  expect((await c.get("/open-data/consultations.json")).headers()["cache-control"]).toBe("public, max-age=300");
});
