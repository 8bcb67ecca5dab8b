/**
 * npm run safeguarding:eval — recall (disclosures escalated) and false-positive rate (other messages escalated)
 * per category and language, on the development and blind parts of tests/fixtures/safeguarding, using the
 * app's own checkText and built-in lists. `--verbose` lists every miss. `--only dev` (or `dev-h1` … `dev-h6`, `heldout7`,
 * `heldout8`, `plain`, `heldout9`, `heldout10`) evaluates that part alone, so whoever tunes can work on the development part without sight of a held-out one.
 * `--file new.tsv` evaluates a new batch (same columns) before it joins dev.tsv: its first-run figures.
 */
import fs from "node:fs";
import path from "node:path";
import { type CorpusPart, corpusParts, readCorpus, trainingParts } from "../app/safeguarding/corpus.server";
import { type Evaluation, evaluate, parseCorpus, rate, type Score } from "../app/safeguarding/evaluate";

const verbose = process.argv.includes("--verbose");
const pct = (s: Score | undefined) => (s ? `${(rate(s) * 100).toFixed(1).padStart(5)}% (${s.hit}/${s.total})` : "—");
const GOAL = { recall: 0.98, falsePositive: 0.03 };

function print(part: string, e: Evaluation, details = false) {
  console.log(`\n== ${part} ==`);
  console.log("recall (disclosures escalated)");
  for (const key of Object.keys(e.recall).sort()) console.log(`  ${key.padEnd(28)} ${pct(e.recall[key])}`);
  console.log("false positives (ordinary and masking messages escalated)");
  for (const key of Object.keys(e.falsePositives).sort())
    console.log(`  ${key.padEnd(28)} ${pct(e.falsePositives[key])}`);
  console.log(
    `phrases the model overruled (not escalated; a notice for the moderator): ${e.notices.disclosures.hit} of ${e.notices.disclosures.total} disclosures, ${e.notices.others.hit} of ${e.notices.others.total} others`,
  );
  console.log("masking (the detail removed from the published copy)");
  for (const key of Object.keys(e.masking).sort()) console.log(`  ${key.padEnd(28)} ${pct(e.masking[key])}`);
  const fp = rate(e.falsePositives.all);
  // A part of ordinary answers only (plain.tsv) has no recall to report.
  const recall = e.recall.all?.total
    ? `recall ${(rate(e.recall.all) * 100).toFixed(1)}% (goal ≥ ${GOAL.recall * 100}%)`
    : "no disclosures in this part";
  console.log(`${part}: ${recall}, false positives ${(fp * 100).toFixed(1)}% (goal ≤ ${GOAL.falsePositive * 100}%)`);
  if (verbose || details || trainingParts.includes(part as CorpusPart)) {
    for (const m of e.missed) console.log(`  missed [${m.lang}/${m.detail}] ${m.text}`);
    for (const m of e.flagged) console.log(`  flagged [${m.lang}] ${m.text}`);
    for (const m of e.unmasked) console.log(`  unmasked [${m.lang}] ${m.detail} in: ${m.masked}`);
  }
}

const onlyAt = process.argv.indexOf("--only");
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
const parts = corpusParts;
if (only && !parts.includes(only as CorpusPart)) throw new Error(`--only takes one of ${parts.join(", ")}`);
const fileAt = process.argv.indexOf("--file");
if (fileAt > 0) {
  const file = process.argv[fileAt + 1];
  const text = fs.readFileSync(file, "utf8");
  // A batch may come with the corpus's header line or without it.
  const body = text.startsWith("lang\t") ? text : `header\n${text}`;
  print(path.basename(file), evaluate(parseCorpus(body, "batch")), true);
  process.exit(0);
}
// Read lazily: a part not asked for is never opened.
for (const part of parts) if (!only || only === part) print(part, evaluate(readCorpus(part)));
