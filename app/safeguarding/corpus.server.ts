import fs from "node:fs";
import path from "node:path";
import { type CorpusEntry, parseCorpus } from "./evaluate";

export const corpusDir = path.resolve(process.cwd(), "tests/fixtures/safeguarding");

/** The two parts of the evaluation corpus: `dev` (tuned on) and `heldout` (never tuned on). */
export function readCorpus(part: "dev" | "heldout"): CorpusEntry[] {
  return parseCorpus(fs.readFileSync(path.join(corpusDir, `${part}.tsv`), "utf8"), part);
}
