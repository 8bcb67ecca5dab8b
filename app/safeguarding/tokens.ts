import { createRequire } from "node:module";
import model from "wink-eng-lite-web-model";
import type winkNLPType from "wink-nlp";

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

const LETTERS = /\p{L}+/gu;
const LATIN_LETTER = /\p{Script=Latin}/u;
const NON_LATIN_LOOKALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

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
  // A word mixing Latin with Cyrillic or Greek letters ("hіt" with a Cyrillic і). Word by word: a lookahead from every
  // letter of one long word read the whole word again each time (seconds for a 10,000-letter word).
  let mixedScripts = false;
  if (NON_LATIN_LOOKALIKE.test(text))
    for (const m of text.matchAll(LETTERS))
      if (LATIN_LETTER.test(m[0]) && NON_LATIN_LOOKALIKE.test(m[0])) {
        mixedScripts = true;
        break;
      }
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

/**
 * Arabic without harakat or tatweel, with one form of alef, yaa, taa marbuta and hamza seats, and the Persian letters
 * Gulf and Levantine writers borrow (گ ڤ پ چ) read as the Arabic ones; and ظ ث read as ض ت, letters young writers swap
 * as they say them (ظربني for ضربني, تياب for ثياب). Not ذ as د: يوذيني (hurts me) would read as يوديني (takes me).
 */
export function foldArabic(word: string) {
  return word
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .replace(/گ/g, "ك")
    .replace(/ڤ/g, "ف")
    .replace(/پ/g, "ب")
    .replace(/چ/g, "ج")
    .replace(/ظ/g, "ض")
    .replace(/ث/g, "ت")
    .replace(/(\p{L})\1{2,}/gu, "$1")
    .replace(/^اا/, "ا");
}

const ARABIC = /\p{Script=Arabic}/u;
/** Particles joined to a word's front, longest first: "and", "so", "with/in", "to", "like", "on" (ع, dialect). */
const ARABIC_PREFIXES = ["وال", "فال", "بال", "كال", "عال", "لل", "ال", "ب", "ل", "ك", "س", "ع"];
/**
 * Dialect verb prefixes: the habitual ب (بيضربني, Levantine and Egyptian), the future ه/ح (Egyptian هيضربني), the
 * Levantine first person plural م (منروح), the Maghrebi ك (كيضربني, كنخاف) and the Iraqi د (ديضربني). Taken off
 * only before an imperfect's own prefix (ي ت ن ا).
 */
const VERB_PREFIX = /^(?:ب|ه|ح|ك|د|م(?=ن))(?=[يتنا])/;
/**
 * A negation written onto the verb: ما joined to it (Gulf and Levantine مايضربني، مابخاف) and the Egyptian and
 * Maghrebi circumfix م(ا)…ش (مبيضربنيش، متخافش، ماكيضربنيش). The word is read as two, "ما" and the verb, so a
 * phrase written "@neg @want …" meets "مابدي …" as it meets "ما بدي …", and a negation before a phrase is seen.
 */
const JOINED_NEGATION = /^ما(?=[يتنابكد].{2,})/;
const CIRCUMFIX_NEGATION = /^ما?(?=[يتنابكد])(.{3,})ش$/;
/** Object and possessive pronouns at a word's end: me, us, her, them, him, you (ـني ـنا ـها ـهم ـهن ـه ـك ـكم ـو). */
const ARABIC_SUFFIX = /(?:ني|نا|ها|هم|هن|كم|ه|ك)$/;
/** Prepositions that take the same endings ("علينا" on us): left whole, so "on us" is not read as "on me". */
const PARTICLES = new Set(["علي", "الي", "عند", "لدي", "معا", "عنا", "فين", "مني", "منا", "بين"]);

/**
 * A word in every form an Arabic phrase may match: as written, without the particles joined to its front (و ف first,
 * then ب ل ك ع or ال), without a dialect verb prefix, and without an object pronoun at its end.
 */
function arabicForms(word: string) {
  const folded = foldArabic(word);
  const forms = new Set([folded]);
  const bases = [folded];
  for (const w of /^[وف]/.test(folded) && folded.length > 4 ? [folded, folded.slice(1)] : [folded]) {
    if (CIRCUMFIX_NEGATION.test(w)) bases.push(w.slice(w.startsWith("ما") ? 2 : 1, -1));
    else if (JOINED_NEGATION.test(w) && !ARABIC_NOT_NEGATED.has(w)) bases.push(w.slice(2));
  }
  if ((folded[0] === "و" || folded[0] === "ف") && folded.length >= 3) bases.push(folded.slice(1));
  for (const base of bases) {
    forms.add(base);
    for (const p of ARABIC_PREFIXES) {
      if (!base.startsWith(p) || base.length - p.length < (p.length === 1 ? 3 : 2)) continue;
      const rest = base.slice(p.length);
      forms.add(rest);
      if (p === "عال") forms.add(`ال${rest}`);
      if (rest.startsWith("ال") && rest.length > 3) forms.add(rest.slice(2));
    }
    if (VERB_PREFIX.test(base) && base.length >= 4) forms.add(base.replace(VERB_PREFIX, ""));
  }
  for (const f of [...forms]) {
    const m = ARABIC_SUFFIX.exec(f);
    const stem = m ? f.slice(0, f.length - m[0].length) : "";
    if (stem.length >= 3 && !PARTICLES.has(stem)) forms.add(stem);
  }
  return [...forms];
}

/** Words that start like a joined negation but are not one: mother, he died, water, money, walking, stop. */
const ARABIC_NOT_NEGATED = new Set(["ماما", "مامتي", "ماتت", "مايو", "ماكينه", "مانع", "ماشي", "ماشيه"]);

/** Whether an Arabic word carries its own negation (مايضربني، مبيضربنيش). */
export function arabicNegated(folded: string) {
  if (ARABIC_NOT_NEGATED.has(folded)) return false;
  return CIRCUMFIX_NEGATION.test(folded) || JOINED_NEGATION.test(folded);
}

export function foldWord(word: string) {
  return ARABIC.test(word) ? foldArabic(word) : foldLatin(word);
}

/**
 * Polish perfective prefixes on the verbs of hurting: a finished act is told with one ("zbił mamę", "skopał",
 * "popchnął", "wyrzucił", "stłukł"), the lists name the bare verb ("bij*", "kop*"). The word also matches without
 * its prefix, for these verbs only, so "skopiował" or "zapalił" gain nothing.
 */
const PL_HARM_PREFIXED =
  /^(?:przy|prze|roz|ode|wz|wy|za|po|na|ob|od|do|ze|z|s|u|w)(bil|bij|bic|kop|lal|lej|tluk|tlukl|tlucz|dusi|dusz|szarp|pchn|pych|waln|rzuc|krzywdz|gwalc)/;

/** First letters of the prefixes above, so most words skip the pattern. */
const PL_PREFIX_START = new Set(["p", "r", "o", "w", "z", "n", "d", "s", "u"]);

function latinForms(value: string) {
  const folded = foldLatin(value);
  if (folded.length < 4 || !PL_PREFIX_START.has(folded[0])) return [folded];
  const m = PL_HARM_PREFIXED.exec(folded);
  return m ? [folded, folded.slice(folded.length - (folded.length - m[0].length + m[1].length))] : [folded];
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
    const arabic = ARABIC.test(value);
    const forms = arabic ? arabicForms(value) : latinForms(value);
    // "ومنقدرش": the negation may follow a joined "and" or "so".
    if (arabic && (arabicNegated(forms[0]) || (/^[وف]/.test(forms[0]) && arabicNegated(forms[0].slice(1)))))
      out.push({ start: m.index, end: last, forms: ["ما"], negated: false, pos: "", value, sentence });
    out.push({ start: m.index, end: last, forms, negated: false, pos: "", value, sentence });
  }
  return out;
}

/**
 * Arabic typed in Latin letters with digits for the letters Latin lacks ("baba darabni", "ma ba3ref la min e7ki"),
 * as many Arabic-speaking children write on phones. A word mixing letters with 2, 3, 5, 6, 7, 8 or 9, or two of the
 * commonest Arabizi words: the Arabic lists are then tried too (they hold Arabizi phrases in Latin letters).
 */
const ARABIZI_WORD = /(?<![\p{L}\p{N}])(?:[a-z]+[2356789][a-z]*|[2356789][a-z]+)(?![\p{L}\p{N}])/iu;
const ARABIZI_COMMON =
  /(?<!\p{L})(?:ana|enta|inti|enti|eno|ino|inno|bas|ktir|kteer|shi|ma3|m3|3am|ra7|la2|mish|msh|mesh|wallah|wallahi|ahli|baddi|bidi|bede|3ndi|3andi|ma3i|la2en|la2nu|hek|hayk|kaman|7ada|ya3ni|yalla|ya3ne|w2tha|lesh|leh|3shan|3ashan|keef|kif|ba3ref|bt3ref|baba|mama|kel|kil|kol|yom|youm|beit|bait|bayt|bl|bel|abouya|abuya|ummi|immi|ahlak)(?!\p{L})/giu;
/** A verb with "me" on its end, as Arabizi writes it ("darabni", "bidrobni": hit me), not an English word ending so. */
const ARABIZI_ME =
  /(?<!\p{L})(?![a-z]*(?:any|enny|anny|inny|unny|onny|ony|ini)(?!\p{L}))[a-z]{3,}(?:ni|ny|nee)(?!\p{L})/iu;

export function looksArabizi(text: string) {
  if (ARABIZI_WORD.test(text)) return true;
  const common = text.match(ARABIZI_COMMON)?.length ?? 0;
  // two common words, or one with a verb that says "me" ("baba darabni")
  return common >= 2 || (common === 1 && ARABIZI_ME.test(text));
}

/** Letters only Polish uses among the detector's languages. */
const POLISH_LETTERS = /[ąćęłńśźżĄĆĘŁŃŚŹŻ]/;
/** Common English words that are not also Polish words ("i", "a", "to", "no", "on", "my", "we", "do" are). */
const ENGLISH_HINT =
  /(?<!\p{L})(?:the|me|is|it|he|she|you|and|of|in|at|not|but|with|have|get|got|want|this|that|are|be|for|if|just|so|they|him|her|his|our|your|can|will|would|when|what|there|been|am|an|im|i'm|dont|don't|cant|can't|myself|kill|die|hurt|help|please|pls|dad|mum|mom|home|school|ur)(?!\p{L})/iu;

/** Polish function words that are not English words, as typed without diacritics. */
const POLISH_WORDS =
  /(?<!\p{L})(?:sie|nie|jest|mnie|mi|ze|jak|ale|bo|juz|tez|mam|moja|moj|moje|tata|mama|czy|tylko|bardzo|jestem|byl|byla|bylo|przez|dla|od|po|ktory|ktora|gdzie|kiedy|tak|ja|ona|oni|nas|ich|jego|jej|mowi|jakis|wiec|zeby|mu|go|tu|tam|nic|nikt|ktos|cos|mnie|sa|ma|moge|musze|chce|bede|wszystko|zawsze|ciagle|teraz|dzis|wczoraj|jutro|w|z|na|i)(?!\p{L})/giu;
/** The same for English: common words that are not Polish. */
const ENGLISH_WORDS = new RegExp(ENGLISH_HINT.source, "giu");

/**
 * Whether Latin text may be English, so worth parsing as English (the parse is most of a check's time): text in
 * Polish letters with no common English word is not; anything else is, since children mix languages.
 */
export function mayBeEnglish(text: string) {
  if (POLISH_LETTERS.test(text)) return ENGLISH_HINT.test(text);
  // Polish typed without its letters ("tata mowi ze jak nie posprzatam"): its function words outnumber English ones.
  const pl = text.match(POLISH_WORDS)?.length ?? 0;
  if (pl < 3) return true;
  const en = text.match(ENGLISH_WORDS)?.length ?? 0;
  return en * 3 >= pl;
}

// English -----------------------------------------------------------------------------------------------

/**
 * wink-nlp, made to read every message as if it were the first it had read. It keeps each word it had not met before
 * in its lexicon, and its tokenizer keeps whole any word it finds there: once it had read "at my mum's, then" (where
 * "mum's" came in whole, beside the comma), it read "my mum's boyfriend" as one unknown word "mum's", no longer "mum"
 * and "'s", and a disclosure another message would have escalated could be missed. So its lexicon's lookup answers
 * only for the model's own words (and contractions), never for words it learnt along the way. wink-nlp 2.4's
 * `src/cache.js` is wrapped before wink-nlp itself is loaded (no API reaches it); tests/models/safeguarding.test.ts
 * holds the case above, so an upgrade that changes this fails there.
 */
type CacheFactory = ((m: { features: { lexeme: { intrinsicSize: number } } }, featureFn: unknown) => WinkCache) & {
  historyFree?: true;
};
type WinkCache = { lookup: (text: string) => number[] | null };
function historyFreeWink(): typeof winkNLPType {
  const require = createRequire(import.meta.url);
  const cachePath = require.resolve("wink-nlp/src/cache.js");
  const original = require(cachePath) as CacheFactory;
  if (!original.historyFree) {
    if (require.cache[require.resolve("wink-nlp")])
      throw new Error("wink-nlp was loaded before its lexicon was wrapped");
    const wrapped: CacheFactory = (m, featureFn) => {
      const cache = original(m, featureFn);
      const own = m.features.lexeme.intrinsicSize;
      // A copy for wink-nlp's tokenizer and document; the lexicon's own methods (which read a word's features just as
      // it is learnt, through `lookup`) keep the original. One index at or past the model's own words is a word learnt
      // from an earlier message: not known here.
      return {
        ...cache,
        lookup: (text: string) => {
          const found = cache.lookup(text);
          return found && found.length === 1 && found[0] >= own ? null : found;
        },
      };
    };
    wrapped.historyFree = true;
    (require.cache[cachePath] as NodeJS.Module).exports = wrapped;
  }
  return require("wink-nlp") as typeof winkNLPType;
}

const winkNLP = historyFreeWink();
const makeNlp = () => winkNLP(model, ["sbd", "negation", "pos"]);
let nlp = makeNlp();
const its = nlp.its;
/** The words it learns still take memory: a fresh instance (about 90 ms) after this many messages. */
const READS_PER_INSTANCE = 100_000;
let reads = 0;

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
/** Polish negation, folded: not, never, nobody, no (any), nor. */
const PL_NEGATIONS = new Set(["nie", "nigdy", "nikt", "nikogo", "zaden", "zadna", "zadne", "zadnej", "zadnego", "ani"]);
/**
 * Arabic negation words, folded, standard and dialect: لا ما لم لن ليس, مش (Levantine, Egyptian), مو (Gulf, Iraqi),
 * مب (Gulf), موب, مانيش/ماني (Maghrebi), and the "there is no" and "nobody" words.
 */
const AR_NEGATIONS = new Set([
  "لا",
  "ما",
  "لم",
  "لن",
  "ليس",
  "لست",
  "مش",
  "مو",
  "مب",
  "موب",
  "مهو",
  "مهي",
  "ماني",
  "مانيش",
  "مافي",
  "مفيش",
  "مافيش",
  "ماكو",
  "محد",
  "محدش",
  "ماحدا",
  "محدا",
  "مابدي",
  "مابي",
  "ماابي",
  "ولا",
  "ابدا",
]);
export const isNegation = (form: string) => NEGATIONS.has(form);
/** A negation word in the language given (the word folded as that language's phrases are). */
export function isNegationIn(lang: "en" | "pl" | "ar", form: string) {
  if (lang === "en") return NEGATIONS.has(form);
  if (lang === "pl") return PL_NEGATIONS.has(form);
  return AR_NEGATIONS.has(form);
}

/** English words with their lemmas and the parser's negation flag, on offsets of the cleaned text. */
export function englishTokens(original: string): Token[] {
  // A run of 200 or more characters without a space is no English word, and wink-nlp's e-mail pattern reads such a run
  // ("jo.jo.jo.…") again from each of its characters; blanked with as many spaces, so every offset stays.
  const text = original.replace(/\S{200,}/g, (run) => " ".repeat(run.length));
  if (++reads > READS_PER_INSTANCE) {
    nlp = makeNlp();
    reads = 1;
  }
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
    // Own keys only: a child may write "constructor" or "__proto__", which every plain object answers to.
    const expanded = Object.hasOwn(EN_EXPAND, lower) ? EN_EXPAND[lower] : undefined;
    if (expanded) {
      for (const form of expanded) out.push({ ...base, forms: [form] });
      continue;
    }
    const lemma = lemmas[i].toLowerCase();
    const forms = new Set([lower, lemma]);
    for (const f of [lower, lemma]) {
      const alias = Object.hasOwn(EN_ALIAS, f) ? EN_ALIAS[f] : undefined;
      if (alias) forms.add(alias);
    }
    out.push({ ...base, forms: [...forms] });
  }
  return out;
}

// Negation, shared by the phrases (detect.ts) and the trained layer (classifier.ts) -------------------------

/** Words that start a new clause, so a negation before them does not reach the words after. */
export const CLAUSE_BREAK: Record<"en" | "pl" | "ar", Set<string>> = {
  en: new Set(["but", "and", "because", "when", "so", "then", "until", "if"]),
  pl: new Set(
    "ale i a bo ze jak kiedy gdy wiec to zeby lecz tylko choc chociaz jesli jezeli czy co czemu dlaczego kto gdzie".split(
      " ",
    ),
  ),
  ar: new Set(
    // Folded as the tokens are.
    "بس لكن لان لانه لانو لاني عشان علشان لما لمن اذا لو انه انو اني ان ليش ليه شو ايش اش كيف اللي يلي حتي بعدين"
      .split(" ")
      .map((w) => foldArabic(w)),
  ),
};
/** How far back a negation reaches: Arabic and Polish put it just before the verb ("ما يضربني", "nie bije"). */
export const NEGATION_REACH: Record<"en" | "pl" | "ar", number> = { en: 3, pl: 3, ar: 2 };

export const isBreak = (lang: "en" | "pl" | "ar", tk: Token) =>
  // Arabic: the word as written only; its other forms are guesses ("اذاني", hurt me, is not "اذا", if).
  (lang === "ar" ? CLAUSE_BREAK.ar.has(tk.forms[0]) : tk.forms.some((f) => CLAUSE_BREAK[lang].has(f))) ||
  // An Arabic clause often starts with و joined to its first word ("وبابا بيضربني").
  (lang === "ar" && tk.forms[0].length > 3 && tk.forms[0][0] === "و" && tk.forms.includes(tk.forms[0].slice(1)));

/**
 * For each token, whether it is under a negation: within the reach after a negation word, in the same clause and
 * sentence. The trained layer reads such words as different words ("!hit").
 */
export function negationScope(lang: "en" | "pl" | "ar", tokens: Token[]) {
  const out = new Array<boolean>(tokens.length).fill(false);
  let left = 0;
  for (let k = 0; k < tokens.length; k++) {
    const tk = tokens[k];
    if (k > 0 && tk.sentence !== tokens[k - 1].sentence) left = 0;
    if (isBreak(lang, tk)) left = 0;
    if (tk.forms.some((f) => isNegationIn(lang, f))) {
      left = NEGATION_REACH[lang];
      continue;
    }
    if (left > 0) {
      out[k] = true;
      left--;
    }
  }
  return out;
}
