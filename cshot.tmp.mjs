import { chromium } from "@playwright/test";
const [base, out, path, lang = "en", width = "1280", pages = "3"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 1100 } });
await page.goto(`${base}/staff/sign-in`);
await page.fill("#email", "officer@demo.test");
await page.fill("#password", "sounding-board-demo");
await page.click("button[type=submit]");
await page.waitForURL(/\/staff(?!\/sign-in)/);
if (lang !== "en") await page.goto(`${base}/language?to=${lang}&back=/`);
await page.goto(base + path);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
const sw = await page.evaluate(() => document.documentElement.scrollWidth);
console.log("height", h, "scrollWidth", sw);
for (let i = 0; i < Number(pages); i++) {
  await page.evaluate((y) => window.scrollTo(0, y), i * 1050);
  await page.screenshot({ path: `${out}-${i}.png` });
}
await browser.close();
