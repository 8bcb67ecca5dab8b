import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

/**
 * Text as the detector reads it: invisible characters taken out (with a map back to the original offsets, so a
 * moderator sees each detection on the text the child wrote), then words with every form a phrase may match.
 */

/** Format characters hide words from a matcher ("k\u200Bill"); ZWJ and VS16 are kept, emoji sequences need them. */
const INVISIBLE = /^[\p{Cf}\u180E\u2800\u3164\uFFA0\u115F\u1160]$/u;

/** Cyrillic and Greek letters that look Latin, used to dodge word lists ("kіll" with a Ukrainian і). */
const LOOKALIKES: Record<string, string> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ο: "o",
  α: "a",
  ι: "i",
  ε: "e",
};
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "g");

export type Cleaned = {
  /** The text with invisible characters removed, curly apostrophes straightened and look-alike letters made Latin. */
  text: string;
  /** For each index of `text` (and one past its end), the index in the original. */
  origin: number[];
  invisible: number;
  mixedScripts: boolean;
};

export function clean(original: string): Cleaned {
  const origin: number[] = [];
  let text = "";
  let invisible = 0;
  let i = 0;
  for (const ch of original) {
    const keep = ch === "\u200D" || ch === "\uFE0F" || !INVISIBLE.test(ch);
    if (keep) {
      for (let k = 0; k < ch.length; k++) origin.push(i + k);
      text += ch === "\u2019" || ch === "\u2018" || ch === "`" ? "'" : ch;
    } else invisible++;
    i += ch.length;
  }
  origin.push(original.length);
  const mixedScripts = /(?=[\p{L}]*\p{Script=Latin})(?=[\p{L}]*[\p{Script=Cyrillic}\p{Script=Greek}])[\p{L}]+/u.test(
    text,
  );
  if (mixedScripts) text = text.replace(LOOKALIKE_RE, (c) => LOOKALIKES[c] ?? c);
  return { text, origin, invisible, mixedScripts };
}

export type Token = {
  start: number;
  end: number;
  /** Lower-case forms this word may be matched as (its surface form, lemma, folded spellings). */
  forms: string[];
  /** Under a negation ("don't", "never") as English parsing sees it. */
  negated: boolean;
  pos: string;
  /** The word as written. */
  value: string;
  /** Which sentence of the text it is in, counting from 0. */
  sentence: number;
};

const SENTENCE_END = /[.!?؟\n]/;

// Polish and Arabic -------------------------------------------------------------------------------------

const POLISH_FOLD: Record<string, string> = { ł: "l", Ł: "l" };

/** Lower case without diacritics, letters repeated three or more times cut to one ("pomocyyyy"). */
const PLAIN_ASCII = /^[a-z0-9_'-]*$/;
const REPEATS = /(\p{L})\1{2,}/u;

export function foldLatin(word: string) {
  const lower = word.toLowerCase();
  if (PLAIN_ASCII.test(lower) && !REPEATS.test(lower)) return lower;
  return lower
    .replace(/[łŁ]/g, (c) => POLISH_FOLD[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/(\p{L})\1{2,}/gu, "$1");
}

/** Arabic without harakat or tatweel, with one form of alef, yaa, taa marbuta and hamza seats. */
export function foldArabic(word: string) {
  return word
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .replace(/(\p{L})\1{2,}/gu, "$1");
}

const ARABIC = /\p{Script=Arabic}/u;
const ARABIC_PREFIXES = ["وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س"];

/** A word and the same word without the particles Arabic joins to its front (و ف ب ل ك, ال). */
function arabicForms(word: string) {
  const folded = foldArabic(word);
  const forms = new Set([folded]);
  for (const p of ARABIC_PREFIXES) {
    if (folded.startsWith(p) && folded.length - p.length >= 2) {
      const rest = folded.slice(p.length);
      forms.add(rest);
      if (rest.startsWith("ال") && rest.length > 3) forms.add(rest.slice(2));
    }
  }
  return [...forms];
}

export function foldWord(word: string) {
  return ARABIC.test(word) ? foldArabic(word) : foldLatin(word);
}

const WORD = /[\p{L}\p{M}\p{N}_]+(?:'[\p{L}]+)?/gu;

/** Words for Polish and Arabic phrases: no parsing, just folded forms. */
export function plainTokens(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const value = m[0];
    if (SENTENCE_END.test(text.slice(last, m.index))) sentence++;
    last = m.index + value.length;
    const forms = ARABIC.test(value) ? arabicForms(value) : [foldLatin(value)];
    out.push({ start: m.index, end: last, forms, negated: false, pos: "", value, sentence });
  }
  return out;
}

// English -----------------------------------------------------------------------------------------------

const nlp = winkNLP(model, ["sbd", "negation", "pos"]);
const its = nlp.its;

/** How children write without apostrophes, and words the lemmatiser leaves alone. */
const EN_EXPAND: Record<string, string[]> = {
  "i'm": ["i", "be"],
  im: ["i", "be"],
  ive: ["i", "have"],
  "i've": ["i", "have"],
  "i'd": ["i", "would"],
  "i'll": ["i", "will"],
  dont: ["do", "not"],
  cant: ["can", "not"],
  wont: ["will", "not"],
  didnt: ["do", "not"],
  doesnt: ["do", "not"],
  isnt: ["be", "not"],
  wasnt: ["be", "not"],
  arent: ["be", "not"],
  werent: ["be", "not"],
  aint: ["be", "not"],
  havent: ["have", "not"],
  hasnt: ["have", "not"],
  hadnt: ["have", "not"],
  couldnt: ["could", "not"],
  wouldnt: ["would", "not"],
  shouldnt: ["should", "not"],
  cannot: ["can", "not"],
  wanna: ["want", "to"],
  gonna: ["going", "to"],
  gotta: ["have", "to"],
  theyre: ["they", "be"],
  "they're": ["they", "be"],
  "they'd": ["they", "would"],
  "they'll": ["they", "will"],
  "he'll": ["he", "will"],
  "she'll": ["she", "will"],
  "he'd": ["he", "would"],
  "she'd": ["she", "would"],
  theres: ["there", "be"],
  "there's": ["there", "be"],
  "it's": ["it", "be"],
  its: ["it", "be"],
  whats: ["what", "be"],
  "what's": ["what", "be"],
  u: ["you"],
  ur: ["your"],
  "n't": ["not"],
  nobody: ["nobody"],
  anymore: ["anymore"],
};
const EN_ALIAS: Record<string, string> = {
  mom: "mum",
  mommy: "mum",
  mummy: "mum",
  mam: "mum",
  mums: "mum",
  moms: "mum",
  mother: "mum",
  daddy: "dad",
  dads: "dad",
  father: "dad",
  "step-dad": "stepdad",
  "step-mum": "stepmum",
  "'s": "be",
  "'re": "be",
  "'m": "be",
  "'ll": "will",
  "'d": "would",
  "'ve": "have",
  ca: "can",
  wo: "will",
  was: "be",
  were: "be",
  am: "be",
  is: "be",
  are: "be",
  been: "be",
  got: "get",
  gets: "get",
  getting: "get",
  "2": "to",
  "4": "for",
  ppl: "people",
  coz: "because",
  cuz: "because",
  bc: "because",
  bf: "boyfriend",
  gf: "girlfriend",
  nudez: "nudes",
  pics: "pic",
  photos: "photo",
  pictures: "picture",
};

const NEGATIONS = new Set(["not", "never", "no", "nobody", "nothing", "none", "nowhere", "neither", "nor"]);
export const isNegation = (form: string) => NEGATIONS.has(form);

/** English words with their lemmas and the parser's negation flag, on offsets of the cleaned text. */
export function englishTokens(text: string): Token[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  // The model and wink-nlp type the lemma helper slightly differently; both return the lemma string.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const negs = tokens.out(its.negationFlag) as unknown as boolean[];
  const types = tokens.out(its.type) as string[];
  const pos = tokens.out(its.pos) as string[];
  const out: Token[] = [];
  let cursor = 0;
  let sentence = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const at = text.indexOf(value, cursor);
    if (at < 0) continue;
    if (SENTENCE_END.test(text.slice(cursor, at))) sentence++;
    cursor = at + value.length;
    if (types[i] === "punctuation") {
      if (SENTENCE_END.test(value)) sentence++;
      continue;
    }
    if (types[i] === "emoji" || types[i] === "symbol") continue;
    const lower = foldLatin(value);
    const base = { start: at, end: cursor, negated: !!negs[i], pos: pos[i], value, sentence };
    const expanded = EN_EXPAND[lower];
    if (expanded) {
      for (const form of expanded) out.push({ ...base, forms: [form] });
      continue;
    }
    const lemma = lemmas[i].toLowerCase();
    const forms = new Set([lower, lemma]);
    for (const f of [lower, lemma]) {
      const alias = EN_ALIAS[f];
      if (alias) forms.add(alias);
    }
    out.push({ ...base, forms: [...forms] });
  }
  return out;
}
