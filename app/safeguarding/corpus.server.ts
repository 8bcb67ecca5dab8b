import fs from "node:fs";
import path from "node:path";
import { type CorpusEntry, parseCorpus } from "./evaluate";

export const corpusDir = path.resolve(process.cwd(), "tests/fixtures/safeguarding");

/**
 * The parts of the evaluation corpus. Tuned and trained on: `dev`, and `dev-h1` to `dev-h6`, which were the blind parts
 * `heldout.tsv` to `heldout-6.tsv` until 24 November 2026: their aggregate figures had by then guided so many decisions
 * that they were no longer clean estimates, so they were read message by message and trained on. Blind: `heldout7`
 * onwards (each written by someone who never saw the detector; read by whoever tunes as aggregate figures only, never
 * message by message) and `plain` (599 plain ordinary answers written blind, for the false alarms on everyday text).
 * No message of a blind part is tuned on, but a part's aggregate figures may have been used to decide whether to keep
 * a change, so only its first reading is a clean estimate of how the detector does on new wording.
 */
export type CorpusPart =
  | "dev"
  | "dev-h1"
  | "dev-h2"
  | "dev-h3"
  | "dev-h4"
  | "dev-h5"
  | "dev-h6"
  | "heldout7"
  | "heldout8"
  | "plain"
  | "heldout9"
  | "heldout10"
  | "heldout11"
  | "heldout12"
  | "heldout13";
const files: Record<CorpusPart, string> = {
  dev: "dev.tsv",
  "dev-h1": "dev-h1.tsv",
  "dev-h2": "dev-h2.tsv",
  "dev-h3": "dev-h3.tsv",
  "dev-h4": "dev-h4.tsv",
  "dev-h5": "dev-h5.tsv",
  "dev-h6": "dev-h6.tsv",
  heldout7: "heldout-7.tsv",
  heldout8: "heldout-8.tsv",
  plain: "plain.tsv",
  heldout9: "heldout-9.tsv",
  heldout10: "heldout-10.tsv",
  heldout11: "heldout-11.tsv",
  heldout12: "heldout-12.tsv",
  heldout13: "heldout-13.tsv",
};

/** Every part, in the order they were written. */
export const corpusParts = Object.keys(files) as CorpusPart[];

/** The parts the phrase lists were written against and the trained layer learns from. */
export const trainingParts: CorpusPart[] = ["dev", "dev-h1", "dev-h2", "dev-h3", "dev-h4", "dev-h5", "dev-h6"];

/**
 * What the lists' settings page measures a change against: the development part (whose changed messages it lists) and
 * the two blind parts with disclosures (counts only).
 */
export const settingsParts = { dev: ["dev"], heldout: ["heldout7", "heldout8"] } as const satisfies Record<
  string,
  readonly CorpusPart[]
>;

export function readCorpus(part: CorpusPart): CorpusEntry[] {
  return parseCorpus(fs.readFileSync(path.join(corpusDir, files[part]), "utf8"), part);
}

export function readParts(parts: readonly CorpusPart[]): CorpusEntry[] {
  return parts.flatMap((p) => readCorpus(p));
}
