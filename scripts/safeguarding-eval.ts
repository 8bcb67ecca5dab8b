/**
 * npm run safeguarding:eval — recall (disclosures escalated) and false-positive rate (other messages escalated)
 * per category and language, on the development and held-out parts of tests/fixtures/safeguarding, using the
 * app's own checkText and built-in lists. `--verbose` lists every miss.
 */
import { readCorpus } from "../app/safeguarding/corpus.server";
import { type Evaluation, evaluate, rate, type Score } from "../app/safeguarding/evaluate";

const verbose = process.argv.includes("--verbose");
const pct = (s: Score | undefined) => (s ? `${(rate(s) * 100).toFixed(1).padStart(5)}% (${s.hit}/${s.total})` : "—");
const GOAL = { recall: 0.98, falsePositive: 0.03 };

function print(part: string, e: Evaluation) {
  console.log(`\n== ${part} ==`);
  console.log("recall (disclosures escalated)");
  for (const key of Object.keys(e.recall).sort()) console.log(`  ${key.padEnd(28)} ${pct(e.recall[key])}`);
  console.log("false positives (ordinary and masking messages escalated)");
  for (const key of Object.keys(e.falsePositives).sort())
    console.log(`  ${key.padEnd(28)} ${pct(e.falsePositives[key])}`);
  console.log("masking (the detail removed from the published copy)");
  for (const key of Object.keys(e.masking).sort()) console.log(`  ${key.padEnd(28)} ${pct(e.masking[key])}`);
  const recall = rate(e.recall.all);
  const fp = rate(e.falsePositives.all);
  console.log(
    `${part}: recall ${(recall * 100).toFixed(1)}% (goal ≥ ${GOAL.recall * 100}%), false positives ${(fp * 100).toFixed(1)}% (goal ≤ ${GOAL.falsePositive * 100}%)`,
  );
  if (verbose || part === "dev") {
    for (const m of e.missed) console.log(`  missed [${m.lang}/${m.detail}] ${m.text}`);
    for (const m of e.flagged) console.log(`  flagged [${m.lang}] ${m.text}`);
    for (const m of e.unmasked) console.log(`  unmasked [${m.lang}] ${m.detail} in: ${m.masked}`);
  }
}

const dev = evaluate(readCorpus("dev"));
const heldout = evaluate(readCorpus("heldout"));
const heldout2 = evaluate(readCorpus("heldout2"));
print("dev", dev);
print("heldout", heldout);
print("heldout2", heldout2);
