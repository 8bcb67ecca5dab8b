// Takes screenshots of pages for a person to look at: node scripts/screenshots.mjs BASE_URL OUT_DIR path…
// Each path is shot wide (1280) and narrow (320); prefix a path with "ar:" or "pl:" for that language,
// "nojs:" for JavaScript off, and "officer:" (or another demo role) to sign in first.
import fs from "node:fs";
import { chromium } from "@playwright/test";

const [base = "http://localhost:3000", out = "screenshots", ...paths] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
});
for (const spec of paths) {
  const parts = spec.split(":");
  const path = parts.pop();
  const lang = parts.find((p) => p === "ar" || p === "pl");
  const role = parts.find((p) => ["officer", "board", "safeguarding", "admin"].includes(p));
  for (const width of [1280, 320]) {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      javaScriptEnabled: !parts.includes("nojs"),
    });
    const page = await context.newPage();
    if (role) {
      await page.goto(`${base}/staff/sign-in`);
      await page.fill("#email", `${role}@demo.test`);
      await page.fill("#password", "sounding-board-demo");
      await page.click("button[type=submit]");
      if (role === "safeguarding" || role === "admin") {
        // The demo's published two-factor secret (db/seed/demo-two-factor.ts), read from its source: this is plain node.
        const { Secret, TOTP } = await import("otpauth");
        const { readFileSync } = await import("node:fs");
        const secret = /"([A-Z2-7]+)"/.exec(
          readFileSync(new URL("../db/seed/demo-two-factor.ts", import.meta.url), "utf8"),
        )[1];
        await page.fill("#code", new TOTP({ secret: Secret.fromBase32(secret) }).generate());
        await page.click("button[type=submit]");
      }
      await page.waitForURL(/\/staff(?!\/sign-in)/);
    }
    if (lang) await page.goto(`${base}/language?to=${lang}&back=/`);
    await page.goto(base + path);
    const name = `${spec.replace(/[^a-z0-9]+/gi, "_")}_${width}.png`;
    await page.screenshot({ path: `${out}/${name}`, fullPage: true });
    console.log(`${out}/${name}`);
    await context.close();
  }
}
await browser.close();
