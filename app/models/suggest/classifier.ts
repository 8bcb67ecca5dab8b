import naiveBayes from "wink-naive-bayes-text-classifier";
import { features } from "./tokens";

/**
 * The classifier itself, apart from the database, so the server and `npm run tags:eval` (its cross-validation too)
 * train and rank in exactly the same way.
 */

export type Suggestion = { outcomeId: number; confidence: number /* 0..1 */ };
export type Labelled = { text: string; outcomeIds: number[] };
export type Model = { classify: (tokens: string[]) => [string, number][]; outcomeIds: Set<number>; documents: number };

/** Below this the model has seen too little to suggest anything worth a click. */
export const MIN_DOCUMENTS = 20;
/**
 * Naive Bayes counts every feature as fresh evidence, though a word and its letter pieces say much the same: its odds
 * are far too sure. Dividing the log odds by this brings the first suggestion's confidence near how often it is right
 * (chosen on a cross-validation of TRAIN, `npm run tags:eval -- --cv`).
 */
export const TEMPERATURE = 6;
/** Documents learned between two yields, so a background retrain can let requests through. */
const CHUNK = 500;

/**
 * Learns the documents (a document tagged with two outcomes teaches both), yielding every CHUNK documents; `docs` may
 * be a generator that reads them from the database a page at a time.
 */
export function* buildModel(docs: Iterable<Labelled>, outcomeIds: number[]): Generator<void, Model | null> {
  const nb = naiveBayes();
  // Presence, not counts: a child who writes "bus bus bus" is not three times as much about transport.
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.1 });
  const allowed = new Set(outcomeIds);
  const labels = new Set<number>();
  let learned = 0;
  let seen = 0;
  for (const doc of docs) {
    const tokens = features(doc.text);
    const ids = doc.outcomeIds.filter((id) => allowed.has(id));
    if (tokens.length && ids.length) {
      for (const id of ids) {
        nb.learn(tokens, String(id));
        labels.add(id);
      }
      learned++;
    }
    if (++seen % CHUNK === 0) yield;
  }
  if (learned < MIN_DOCUMENTS || labels.size < 2) return null;
  try {
    nb.consolidate();
  } catch {
    // wink refuses a vocabulary under ten words: too little to suggest from.
    return null;
  }
  return { classify: (tokens) => nb.computeOdds(tokens), outcomeIds: labels, documents: learned };
}

/** Runs buildModel to the end at once. */
export function trainModel(docs: Iterable<Labelled>, outcomeIds: number[]): Model | null {
  const steps = buildModel(docs, outcomeIds);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Every known outcome for this text, most likely first, with probabilities summing to 1: wink gives each outcome's
 * log2 odds against the rest, turned here into a probability each and normalised over the outcomes.
 * [] when none of the words was ever seen.
 */
export function rankOutcomes(model: Model, text: string, temperature = TEMPERATURE): Suggestion[] {
  // Presence, as in training: a repeated word counts once.
  const tokens = [...new Set(features(text))];
  if (!tokens.length) return [];
  const odds = model.classify(tokens);
  if (!odds.length || odds[0][0] === "unknown") return [];
  const out: Suggestion[] = [];
  let total = 0;
  for (const [label, logOdds] of odds) {
    const outcomeId = Number(label);
    if (!model.outcomeIds.has(outcomeId)) continue;
    const p = 1 / (1 + 2 ** (-logOdds / temperature));
    out.push({ outcomeId, confidence: p });
    total += p;
  }
  if (!total) return [];
  for (const s of out) s.confidence /= total;
  return out.sort((a, b) => b.confidence - a.confidence || a.outcomeId - b.outcomeId);
}
