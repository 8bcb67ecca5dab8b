/**
 * npm run safeguarding:train — trains the detector's broad layer (app/safeguarding/classifier.ts) on the development
 * parts of the corpus only (`trainingParts`: dev.tsv and dev-h1 to dev-h6), picks its threshold and its veto over the
 * built-in phrases by 5-fold cross-validation (see below), and writes app/safeguarding/model.json.
 * The blind parts are never read here.
 */
import fs from "node:fs";
import path from "node:path";
import { classify, type Model, textFeatures, train } from "../app/safeguarding/classifier";
import { readParts, trainingParts } from "../app/safeguarding/corpus.server";
import { checkText } from "../app/safeguarding/index";
import * as tagCorpus from "../db/seed/tag-corpus";
import * as seedTexts from "../db/seed/texts";

// The threshold and the veto (classifier.ts, Model.veto) are chosen on 5-fold cross-validation of the training parts:
// for each veto (0 to 0.3 by 0.05), the highest threshold (0.3 to 0.97 by 0.01) at which phrases and model together
// escalate at least RECALL_GOAL (98%, the issue's goal) of their disclosures; of those pairs, where the veto loses at
// most VETO_MAX_LOSS (one in a thousand) of the disclosures that threshold escalates without it, the one that flags
// fewest ordinary messages. What the veto overrules still reaches the moderator as a notice ("harm_words"). Until 24 November 2026 there was no veto and the threshold was
// the lowest at which the model, where no phrase fired, flagged at most 2% of ordinary messages (0.79 or 0.80). Read
// then on the blind parts in aggregate, nearly every false alarm came from a phrase (43 of 45 on parts 7 to 10) and
// almost none from the model, while the model found 40 to 70 disclosures in each part that no phrase did. So the
// threshold now serves the recall goal, and the model also judges the phrases, except self-harm phrases, phrases in
// the words a child uses of themselves ("someone hurts me") and any phrase an administrator added: they always escalate.
const RECALL_GOAL = Number(process.env.RECALL_GOAL ?? 0.98);
const VETO_MAX_LOSS = Number(process.env.VETO_MAX_LOSS ?? 0.001);
if (!(RECALL_GOAL > 0 && RECALL_GOAL < 1))
  throw new Error(`RECALL_GOAL must be a rate between 0 and 1, not ${process.env.RECALL_GOAL}`);
if (!(VETO_MAX_LOSS >= 0 && VETO_MAX_LOSS < 1))
  throw new Error(`VETO_MAX_LOSS must be a rate from 0 to below 1, not ${process.env.VETO_MAX_LOSS}`);
const FOLDS = 5;
const dev = readParts(trainingParts);
const examples = dev.map((e) => ({ features: textFeatures(e.text), label: (e.label === "escalate" ? 1 : 0) as 0 | 1 }));
// The demo county's ordinary answers teach the model what most free text looks like (they are not in the corpus).
const seedOrdinary = new Set<string>();
const walk = (v: unknown) => {
  if (typeof v === "string") seedOrdinary.add(v);
  else if (Array.isArray(v) || v instanceof Set) for (const x of v) walk(x);
  else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
};
walk(seedTexts);
for (const t of seedTexts.escalationTexts) seedOrdinary.delete(t);
const extra = [...seedOrdinary].map((t) => ({ features: textFeatures(t), label: 0 as const }));
const opts = {
  epochs: Number(process.env.EPOCHS ?? 12),
  l2: Number(process.env.L2 ?? 0.02),
  positiveWeight: Number(process.env.PW ?? 1),
  rate: Number(process.env.RATE ?? 0.2),
};
const phraseChecks = dev.map((e) => checkText(e.text, { lang: e.lang, model: null }));
const rules = phraseChecks.map((c) => c.escalate);
// Which matches the model may overrule (index.ts): built-in phrases, not about self-harm, not in the child's own words.
const vetoable = phraseChecks.map((c) => c.overrulable);

// Folds by a fixed shuffle, so each fold mixes languages and categories.
const fold = dev.map((_, i) => (i * 7919) % FOLDS);
// Every hundredth from 0.3 to 0.97, so the threshold chosen is the lowest within the bound, not the next round figure.
const thresholds = Array.from({ length: 68 }, (_, i) => Math.round((0.3 + i * 0.01) * 100) / 100);
const probs: number[] = new Array(dev.length);
// The model's score for the whole text, as the veto reads it.
const best: number[] = new Array(dev.length);
for (let f = 0; f < FOLDS; f++) {
  const m = train([...examples.filter((_, i) => fold[i] !== f), ...extra], opts);
  for (let i = 0; i < dev.length; i++) {
    if (fold[i] !== f) continue;
    // Through checkText, so the model is scored as it runs: not where an ordinary phrase overrode a trigger.
    const hit = checkText(dev[i].text, { lang: dev[i].lang, model: { ...m, threshold: 0 } }).matches.find((x) =>
      x.phrase.startsWith("model "),
    );
    probs[i] = hit ? Number(hit.phrase.slice(6)) : 0;
    best[i] = classify({ ...m, threshold: 0 }, dev[i].text)?.p ?? 0;
  }
}

type Tally = { pos: number; hit: number; neg: number; fp: number };
/** Counts the i-th training message into a tally: a disclosure escalated or missed, another message flagged or not. */
function tally(x: Tally = { pos: 0, hit: 0, neg: 0, fp: 0 }, i: number, flagged: boolean): Tally {
  if (dev[i].label === "escalate") {
    x.pos++;
    if (flagged) x.hit++;
  } else {
    x.neg++;
    if (flagged) x.fp++;
  }
  return x;
}
const vetoes = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
const escalates = (i: number, t: number, v: number) => (rules[i] ? !vetoable[i] || best[i] >= v : probs[i] >= t);
type Row = { t: number; v: number; recall: number; fp: number; modelFp: number; byLang: Record<string, string> };
const rows: Row[] = [];
for (const v of vetoes)
  for (const t of thresholds) {
    const s: Record<string, Tally> = {};
    for (let i = 0; i < dev.length; i++) {
      const flagged = escalates(i, t, v);
      for (const key of ["all", dev[i].lang]) s[key] = tally(s[key], i, flagged);
    }
    const ordinary = dev.filter((e) => e.label !== "escalate").length;
    const modelFp = dev.filter((e, i) => e.label !== "escalate" && !rules[i] && probs[i] >= t).length / ordinary;
    const byLang: Record<string, string> = { model: `fp ${(100 * modelFp).toFixed(1)}% where no phrase fired` };
    for (const [k, x] of Object.entries(s))
      byLang[k] =
        `recall ${((100 * x.hit) / x.pos).toFixed(1)}% (${x.hit}/${x.pos}), fp ${((100 * x.fp) / x.neg).toFixed(1)}% (${x.fp}/${x.neg})`;
    rows.push({ t, v, recall: s.all.hit / s.all.pos, fp: s.all.fp / s.all.neg, modelFp, byLang });
  }
const rulesRecall =
  dev.filter((e, i) => e.label === "escalate" && rules[i]).length / examples.filter((e) => e.label).length;
console.log(`phrases alone on dev: recall ${(rulesRecall * 100).toFixed(1)}% (tuned on dev, so optimistic)`);
console.log("5-fold cross-validated, phrases + model:");
// For each veto, the highest threshold at which the detector still escalates RECALL_GOAL of the disclosures; of those
// pairs, where the veto loses at most VETO_MAX_LOSS of the disclosures the same threshold escalates without it, the
// one that escalates fewest others (ties: more disclosures, then the smaller veto).
const at = (t: number, v: number) => rows.find((r) => r.t === t && r.v === v) as Row;
const pairs = vetoes
  .map((v) => [...rows].reverse().find((r) => r.v === v && r.recall >= RECALL_GOAL))
  .filter((r): r is Row => !!r && at(r.t, 0).recall - r.recall <= VETO_MAX_LOSS + 1e-9);
for (const r of pairs) console.log(`  veto ${r.v.toFixed(2)}, threshold ${r.t.toFixed(2)}: ${r.byLang.all}`);
// None reaches the goal: the lowest threshold, with no veto.
const chosen = [...pairs].sort((a, b) => a.fp - b.fp || b.recall - a.recall || a.v - b.v)[0] ?? rows[0];
console.log(`the pair chosen: threshold ${chosen.t}, veto ${chosen.v}`);
for (const r of rows.filter((x) => x.v === chosen.v && (Math.round(x.t * 100) % 5 === 0 || x === chosen)))
  console.log(
    `  veto ${r.v.toFixed(2)}, threshold ${r.t.toFixed(2)}: ${Object.entries(r.byLang)
      .map(([k, v]) => `${k} ${v}`)
      .join("; ")}`,
  );
console.log(`chosen threshold ${chosen.t}, veto ${chosen.v}`);
// The model alone, cross-validated: the honest estimate of how the broad layer does on words it has not seen
// (the phrases were written with the whole of dev in view, so the combined figures above flatter them).
let alone: Tally | undefined;
for (let i = 0; i < dev.length; i++) alone = tally(alone, i, probs[i] >= chosen.t);
if (!alone) throw new Error("the training parts are empty");
console.log(
  `model where no phrase fired, cross-validated at ${chosen.t}: recall ${((100 * alone.hit) / alone.pos).toFixed(1)}%, fp ${((100 * alone.fp) / alone.neg).toFixed(1)}%`,
);
if (process.argv.includes("--verbose")) {
  for (let i = 0; i < dev.length; i++) {
    const flagged = escalates(i, chosen.t, chosen.v);
    if (dev[i].label === "escalate" && !flagged)
      console.log(`  cv missed [${dev[i].lang}/${dev[i].detail}] ${probs[i].toFixed(2)} ${dev[i].text}`);
    if (dev[i].label !== "escalate" && flagged)
      console.log(`  cv flagged [${dev[i].lang}] ${rules[i] ? "rules" : probs[i].toFixed(2)} ${dev[i].text}`);
  }
}
// The seed's other answers (the tagging corpus the demo county is seeded with) must not escalate either, and the seed
// refuses to run if one does. Taken whole they taught the model too much of ordinary English and it did worse on every
// blind part (416 of 505 disclosures against 427), so only those the model flags are added, as ordinary examples,
// until none is: at most five rounds.
function finalModel(): Model {
  const seedOthers = [...tagCorpus.TRAIN, ...tagCorpus.HELD_OUT].map((x) => x.text);
  const mined: typeof extra = [];
  let model: Model = { ...train([...examples, ...extra], opts), threshold: chosen.t, veto: chosen.v };
  for (let round = 0; round < 5; round++) {
    const flagged = seedOthers.filter(
      (t) =>
        !seedTexts.escalationTexts.has(t) && checkText(t, { model }).matches.some((m) => m.phrase.startsWith("model ")),
    );
    if (!flagged.length) break;
    console.log(`round ${round + 1}: ${flagged.length} seed answers flagged by the model, added as ordinary examples`);
    for (const t of flagged) mined.push({ features: textFeatures(t), label: 0 });
    model = { ...train([...examples, ...extra, ...mined], opts), threshold: chosen.t, veto: chosen.v };
  }
  return model;
}

if (!process.argv.includes("--dry-run")) {
  const model = finalModel();
  const sorted = Object.fromEntries(Object.entries(model.weights).sort(([a], [b]) => (a < b ? -1 : 1)));
  fs.writeFileSync(
    path.resolve("app/safeguarding/model.json"),
    `${JSON.stringify({ bias: model.bias, threshold: model.threshold, veto: model.veto, weights: sorted })}\n`,
  );
  console.log(`wrote app/safeguarding/model.json (${Object.keys(sorted).length} weights)`);
}
