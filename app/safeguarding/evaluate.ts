import { type CheckOptions, checkText } from "./index";

/**
 * The evaluation corpus (tests/fixtures/safeguarding) and how the detector scores on it, so the settings page can
 * show the effect of edited lists before they take effect, and `npm run safeguarding:eval` can print it.
 */

export type CorpusLabel = "escalate" | "ordinary" | "mask";
export type CorpusEntry = { lang: string; label: CorpusLabel; detail: string; text: string; part: string };

export function parseCorpus(tsv: string, part: string): CorpusEntry[] {
  return tsv
    .split("\n")
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [lang, label, detail, ...rest] = line.split("\t");
      if (label !== "escalate" && label !== "ordinary" && label !== "mask") throw new Error(`bad label: ${line}`);
      return { lang, label, detail, text: rest.join("\t"), part };
    });
}

export type Score = { total: number; hit: number };
export type Evaluation = {
  /** Disclosures escalated, by "lang" and by "lang/category". */
  recall: Record<string, Score>;
  /** Messages that are not disclosures (ordinary and masking ones) but escalated, by language. */
  falsePositives: Record<string, Score>;
  /** Masking messages whose detail did not survive into the masked text, by language. */
  masking: Record<string, Score>;
  /**
   * Messages not escalated whose phrases the model overruled ("harm_words", a notice for the moderator), out of the
   * disclosures ("disclosures") and out of the others ("others").
   */
  notices: Record<"disclosures" | "others", Score>;
  missed: CorpusEntry[];
  flagged: CorpusEntry[];
  unmasked: (CorpusEntry & { masked: string })[];
};

const add = (m: Record<string, Score>, key: string, ok: boolean) => {
  const s = m[key] ?? { total: 0, hit: 0 };
  s.total++;
  if (ok) s.hit++;
  m[key] = s;
};

export function evaluate(entries: CorpusEntry[], lists?: CheckOptions["lists"]): Evaluation {
  const e: Evaluation = {
    recall: {},
    falsePositives: {},
    masking: {},
    notices: { disclosures: { total: 0, hit: 0 }, others: { total: 0, hit: 0 } },
    missed: [],
    flagged: [],
    unmasked: [],
  };
  for (const entry of entries) {
    const r = checkText(entry.text, { lang: entry.lang, lists });
    add(e.notices, entry.label === "escalate" ? "disclosures" : "others", r.overruled.length > 0);
    if (entry.label === "escalate") {
      add(e.recall, entry.lang, r.escalate);
      add(e.recall, `${entry.lang}/${entry.detail}`, r.escalate);
      add(e.recall, "all", r.escalate);
      if (!r.escalate) e.missed.push(entry);
      continue;
    }
    add(e.falsePositives, entry.lang, r.escalate);
    add(e.falsePositives, "all", r.escalate);
    if (r.escalate) e.flagged.push(entry);
    if (entry.label === "mask") {
      const ok = !r.masked.includes(entry.detail);
      add(e.masking, entry.lang, ok);
      add(e.masking, "all", ok);
      if (!ok) e.unmasked.push({ ...entry, masked: r.masked });
    }
  }
  return e;
}

export const rate = (s: Score | undefined) => (s?.total ? s.hit / s.total : 0);
