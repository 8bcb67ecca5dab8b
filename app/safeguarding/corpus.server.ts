import fs from "node:fs";
import path from "node:path";
import { type CorpusEntry, parseCorpus } from "./evaluate";

export const corpusDir = path.resolve(process.cwd(), "tests/fixtures/safeguarding");

/**
 * The parts of the evaluation corpus: `dev` (tuned on), `heldout` to `heldout8` (blind parts, each written by someone
 * who never saw the detector; read by whoever tunes as aggregate figures only, never message by message), and `plain`
 * (599 plain ordinary answers written blind, for the false alarms on everyday text). No message of a held-out part is
 * tuned on, but the aggregate figures of the earlier parts have been used to decide whether to keep a change, so only
 * a part's first reading is a clean estimate of how the detector does on new wording.
 */
export type CorpusPart =
  | "dev"
  | "heldout"
  | "heldout2"
  | "heldout3"
  | "heldout4"
  | "heldout5"
  | "heldout6"
  | "heldout7"
  | "heldout8"
  | "plain";
const files: Record<CorpusPart, string> = {
  dev: "dev.tsv",
  heldout: "heldout.tsv",
  heldout2: "heldout-2.tsv",
  heldout3: "heldout-3.tsv",
  heldout4: "heldout-4.tsv",
  heldout5: "heldout-5.tsv",
  heldout6: "heldout-6.tsv",
  heldout7: "heldout-7.tsv",
  heldout8: "heldout-8.tsv",
  plain: "plain.tsv",
};

/** Every part, in the order they were written. */
export const corpusParts = Object.keys(files) as CorpusPart[];

export function readCorpus(part: CorpusPart): CorpusEntry[] {
  return parseCorpus(fs.readFileSync(path.join(corpusDir, files[part]), "utf8"), part);
}
