// Adds up vitest's and Playwright's JSON reports into the one line CI reads: "N passed, N failed, N skipped".
// A suite that did not report counts as a failure, so a run that executed nothing cannot look green.
// A skipped or not-run test fails the run too, unless its full title is listed in tests/expected-skips.txt
// (one title a line, "# reason" comments allowed): a skip must be a decision someone wrote down.
import fs from "node:fs";

let passed = 0;
let failed = Number(process.argv[2] || 0);
const skipped = [];

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const expectedSkips = new Set(
  (fs.existsSync("tests/expected-skips.txt") ? fs.readFileSync("tests/expected-skips.txt", "utf8") : "")
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean),
);

const vitest = read("tests/.tmp/vitest.json");
if (vitest && vitest.numTotalTests > 0) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  for (const file of vitest.testResults ?? [])
    for (const t of file.assertionResults ?? [])
      if (!["passed", "failed"].includes(t.status)) skipped.push(`vitest: ${t.fullName}`);
} else {
  console.log("vitest: no report or no tests");
  failed += 1;
}

const pw = read("tests/.tmp/playwright.json");
if (pw?.stats && pw.stats.expected + pw.stats.unexpected + pw.stats.flaky > 0) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === "skipped" || (t.results ?? []).length === 0)
          skipped.push(`playwright: ${[...path, spec.title].filter(Boolean).join(" › ")}`);
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of pw.suites ?? []) walk(suite, [suite.title]);
} else {
  console.log("playwright: no report or no tests");
  failed += 1;
}

const unexpectedSkips = skipped.filter((title) => !expectedSkips.has(title));
for (const title of unexpectedSkips) console.log(`skipped or not run, and not in tests/expected-skips.txt: ${title}`);
failed += unexpectedSkips.length;

console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
process.exit(failed > 0 ? 1 : 0);
