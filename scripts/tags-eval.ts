/**
 * npm run tags:eval — how often the suggested tags hold the officer's outcome, on the demo corpus's held-out answers.
 * Builds a fresh database (migrations and the demo seed) in a temporary folder, trains exactly as the server does
 * (trainNow), asks suggestTags for each held-out answer's masked words, and prints accuracy (first suggestion right)
 * and top-3 accuracy, overall and per language. Exits 1 when top-3 is under 90%.
 *
 * `--cv` instead runs a five-fold cross-validation on the TRAIN part alone (no database): the figure to tune on, so
 * the held-out answers are never looked at while choosing how to tokenise or train.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { rankOutcomes, type Suggestion, TEMPERATURE, trainModel } from "../app/models/suggest/classifier";
import { HELD_OUT, type TagItem, TRAIN } from "../db/seed/tag-corpus";

const GOAL = 0.9;
type Tally = { n: number; top1: number; top3: number };
const pct = (k: number, n: number) => `${((k / n) * 100).toFixed(1).padStart(5)}% (${k}/${n})`;

function score(rows: { lang: string; rank: number }[]) {
  const tally = new Map<string, Tally>();
  for (const r of rows) {
    for (const key of ["all", r.lang]) {
      const t = tally.get(key) ?? { n: 0, top1: 0, top3: 0 };
      t.n++;
      if (r.rank === 0) t.top1++;
      if (r.rank >= 0 && r.rank < 3) t.top3++;
      tally.set(key, t);
    }
  }
  return tally;
}

function print(title: string, tally: Map<string, Tally>) {
  console.log(`\n== ${title} ==`);
  console.log(`${"".padEnd(6)} ${"accuracy".padEnd(18)} top-3 accuracy`);
  for (const key of ["all", "en", "pl", "ar"]) {
    const t = tally.get(key);
    if (t) console.log(`${key.padEnd(6)} ${pct(t.top1, t.n).padEnd(18)} ${pct(t.top3, t.n)}`);
  }
}

function crossValidate(folds = 5) {
  const keys = [...new Set(TRAIN.map((i) => i.outcome))];
  const idOf = (i: TagItem) => keys.indexOf(i.outcome) + 1;
  const rows: { lang: string; rank: number }[] = [];
  const temperatures = [1, 2, 4, 6, 8, 12, 16, 24];
  const ranked: { truth: number; at: Map<number, Suggestion[]> }[] = [];
  for (let f = 0; f < folds; f++) {
    const learn = TRAIN.filter((_, i) => i % folds !== f);
    const test = TRAIN.filter((_, i) => i % folds === f);
    const model = trainModel(
      learn.map((i) => ({ text: i.text, outcomeIds: [idOf(i)] })),
      keys.map((_, k) => k + 1),
    );
    if (!model) throw new Error("cross-validation: the model learned nothing");
    for (const i of test) {
      rows.push({ lang: i.lang, rank: rankOutcomes(model, i.text).findIndex((s) => s.outcomeId === idOf(i)) });
      ranked.push({ truth: idOf(i), at: new Map(temperatures.map((t) => [t, rankOutcomes(model, i.text, t)])) });
    }
  }
  print(`${folds}-fold cross-validation on TRAIN (${TRAIN.length} answers)`, score(rows));
  // Calibration: the first suggestion's mean confidence beside how often it is right, and the log loss of the truth.
  console.log(`\ncalibration (in use: temperature ${TEMPERATURE})`);
  for (const t of temperatures) {
    let confidence = 0;
    let right = 0;
    let loss = 0;
    for (const r of ranked) {
      const list = r.at.get(t) ?? [];
      confidence += list[0]?.confidence ?? 0;
      if (list[0]?.outcomeId === r.truth) right++;
      loss -= Math.log(Math.max(1e-6, list.find((s) => s.outcomeId === r.truth)?.confidence ?? 0));
    }
    const n = ranked.length;
    console.log(
      `  temperature ${String(t).padStart(2)}: first suggestion ${((confidence / n) * 100).toFixed(1)}% sure, right ${((right / n) * 100).toFixed(1)}%; log loss ${(loss / n).toFixed(3)}`,
    );
  }
}

async function heldOut() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tags-eval-"));
  process.env.DATABASE_PATH = path.join(dir, "eval.db");
  // Imported after DATABASE_PATH is set: the server's own connection, trainer and suggester, on the fresh database.
  const { closeDb, getDb } = await import("../db/client");
  const { seedDemo } = await import("../db/seed");
  const { suggestTags, trainNow } = await import("../app/models/suggest.server");
  try {
    await seedDemo(getDb());
    const sqlite = getDb().$client;
    const outcomeId = new Map(
      (
        sqlite
          .prepare("select o.key, o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1")
          .all() as { key: string; id: number }[]
      ).map((o) => [o.key, o.id]),
    );
    const find = sqlite.prepare(
      `select c.id, c.masked_body as text from contributions c join consultations k on k.id = c.consultation_id
      where k.slug = 'big-conversation' and c.body = ?`,
    );
    const started = performance.now();
    const documents = trainNow();
    const trainMs = performance.now() - started;
    const items = HELD_OUT.map((item) => {
      const row = find.get(item.text) as { id: number; text: string } | undefined;
      if (!row) throw new Error(`held-out answer not seeded: ${item.text}`);
      return { ...row, item };
    });
    const times: number[] = [];
    let sure = 0;
    const rows = items.map(({ id, text, item }) => {
      const t = performance.now();
      const suggestions = suggestTags([{ id, text, exclude: [] }]).get(id) ?? [];
      times.push(performance.now() - t);
      sure += suggestions[0]?.confidence ?? 0;
      return { lang: item.lang, rank: suggestions.findIndex((s) => s.outcomeId === outcomeId.get(item.outcome)) };
    });
    const tally = score(rows);
    print(`held-out (${HELD_OUT.length} answers never trained on)`, tally);
    times.sort((a, b) => a - b);
    console.log(
      `\ntrained on ${documents} documents in ${trainMs.toFixed(0)} ms; one suggestion: median ${times[times.length >> 1].toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`,
    );
    const all = tally.get("all") as Tally;
    console.log(
      `first suggestion ${((sure / all.n) * 100).toFixed(1)}% sure on average, right ${((all.top1 / all.n) * 100).toFixed(1)}% of the time`,
    );
    const top3 = all.top3 / all.n;
    console.log(`top-3 accuracy ${(top3 * 100).toFixed(1)}% (goal ≥ ${GOAL * 100}%)`);
    if (top3 < GOAL) process.exitCode = 1;
  } finally {
    closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--cv")) crossValidate();
else await heldOut();
