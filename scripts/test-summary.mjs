// Adds up vitest's and Playwright's JSON reports into the one line CI reads: "N passed, N failed".
// A suite that did not report counts as a failure, so a run that executed nothing cannot look green.
import fs from "node:fs";

let passed = 0;
let failed = Number(process.argv[2] || 0);

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitest = read("tests/.tmp/vitest.json");
if (vitest && vitest.numTotalTests > 0) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
} else {
  console.log("vitest: no report or no tests");
  failed += 1;
}

const pw = read("tests/.tmp/playwright.json");
if (pw?.stats && pw.stats.expected + pw.stats.unexpected + pw.stats.flaky > 0) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
} else {
  console.log("playwright: no report or no tests");
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
