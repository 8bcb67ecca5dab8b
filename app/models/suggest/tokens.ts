import utils from "wink-nlp-utils";

/**
 * Words for the tag classifier, in English, Polish and Arabic. Each language gets what a classifier trained on a few
 * hundred answers needs: one form per word (so "bus", "buses" and "bussed" count together) and no glue words.
 * English uses wink's Porter 2 stemmer; Polish and Arabic have no stemmer in the libraries installed, so they get a
 * light one here: Polish loses its case endings and diacritics, Arabic its vowel marks, the article and common
 * affixes (after Larkey's "light10"). A light stemmer merges a little too much, which costs a classifier less than
 * seeing every inflection as a new word.
 */

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?/gu;
const ARABIC = /[\u0600-\u06FF]/;
const POLISH_LETTERS = /[ąćęłńóśźż]/;

const POLISH_STOP = new Set(
  `a aby ale bo by być był była było co czy dla do gdy gdzie i ich im ja jak jakby jest jestem jeśli jej jego już
  ma mam mi mnie może mój moja moje mu my na nam nas nawet nie nic nich nim no o od on ona one oni po pod przez przy
  są się sobie tak tam też to tu ty u w we więc wszystko z za że żeby ze tylko bardzo jeszcze tego tej ten ta te
  by bym byśmy kiedy który która które naszej nasz nasza nasze mój moim moją mojej mojego`.split(/\s+/),
);
const POLISH_HINTS = new Set(["nie", "jest", "się", "że", "bardzo", "moja", "mój", "mnie", "jak", "dla", "czy", "są"]);

const ARABIC_STOP = new Set(
  `في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم نحن انا أنا انت أنت كان كانت يكون لا لم لن ما
  و او أو ثم ان إن أن كل بعض قد لقد عند حتى اذا إذا لكن لان لأن جدا جداً ليس هناك هنا`.split(/\s+/),
);

const EN_STOP = new Set(
  `a about above after again all am an and any are as at be because been before being below between both but by can
  could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor of off on once only or other our
  ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
  they this those through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves i'm it's don't can't isn't aren't wasn't didn't doesn't there's we're
  they're i've i'd you're that's get got really also like just lot lots thing things much`.split(/\s+/),
);

function stripPolish(word: string) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/ł/g, "l");
}

const POLISH_ENDINGS = ["owie", "ami", "ach", "ego", "emu", "ych", "ymi", "ich", "imi", "ow", "om", "em", "ie", "ej"];
const POLISH_VOWEL_ENDINGS = ["a", "e", "i", "o", "u", "y"];

/** Polish: no diacritics, one case ending off, at most six letters kept. */
export function stemPolish(word: string) {
  let w = stripPolish(word);
  for (const end of POLISH_ENDINGS) {
    if (w.length - end.length >= 3 && w.endsWith(end)) {
      w = w.slice(0, -end.length);
      break;
    }
  }
  if (w.length > 3 && POLISH_VOWEL_ENDINGS.includes(w.at(-1) as string)) w = w.slice(0, -1);
  return w.slice(0, 6);
}

const AR_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال"];
const AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

/** Arabic: vowel marks and tatweel off, alef and ya forms made one, the article and one common suffix off. */
export function stemArabic(word: string) {
  let w = word
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[أإآ]/g, "ا")
    .replace(/ى/g, "ي");
  if (w.length > 3 && w.startsWith("و")) w = w.slice(1);
  for (const pre of AR_PREFIXES) {
    if (w.length - pre.length >= 2 && w.startsWith(pre)) {
      w = w.slice(pre.length);
      break;
    }
  }
  for (const suf of AR_SUFFIXES) {
    if (w.length - suf.length >= 2 && w.endsWith(suf)) {
      w = w.slice(0, -suf.length);
      break;
    }
  }
  return w;
}

export type Language = "en" | "pl" | "ar";

/** A guess good enough to choose a stemmer: Arabic script, Polish letters or words, otherwise English. */
export function guessLanguage(words: string[]): Language {
  let arabic = 0;
  let polish = 0;
  for (const w of words) {
    if (ARABIC.test(w)) arabic++;
    else if (POLISH_LETTERS.test(w) || POLISH_HINTS.has(w)) polish++;
  }
  if (arabic * 2 >= words.length && arabic > 0) return "ar";
  return polish >= 2 || (polish >= 1 && words.length < 6) ? "pl" : "en";
}

/** Longer than any word a child writes; the English stemmer slows with the square of a word's length. */
const LONGEST_WORD = 40;

/** One word's stem in its text's language; null for a number, a glue word or a run of letters too long to be a word. */
function stemOf(w: string, lang: Language): string | null {
  if (w.length > LONGEST_WORD || /^\p{N}+$/u.test(w)) return null;
  if (ARABIC.test(w)) {
    if (ARABIC_STOP.has(w)) return null;
    const s = stemArabic(w);
    return s.length >= 2 ? s : null;
  }
  if (lang === "pl") {
    if (POLISH_STOP.has(w)) return null;
    const s = stemPolish(w);
    return s.length >= 2 ? s : null;
  }
  if (EN_STOP.has(w) || w.length < 2) return null;
  return utils.string.stem(w.replace(/'s$/, ""));
}

function wordsOf(text: string) {
  const words = (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/’/g, "'"));
  return { words, lang: guessLanguage(words) };
}

/** The stems of a text's content words, in order, repeats kept. */
export function tokenize(text: string): string[] {
  const { words, lang } = wordsOf(text);
  const out: string[] = [];
  for (const w of words) {
    const s = stemOf(w, lang);
    if (s) out.push(s);
  }
  return out;
}

/** A stem and its four-letter pieces, marked with # so a piece never collides with a word. */
function pieces(stem: string): string[] {
  const marked = `^${stem}$`;
  if (marked.length <= 4) return [stem, `#${marked}`];
  const out = [stem];
  for (let i = 0; i + 4 <= marked.length; i++) out.push(`#${marked.slice(i, i + 4)}`);
  return out;
}

// Training reads tens of thousands of texts made of a few thousand words: each word's features are worked out once.
const featureCache = new Map<string, string[]>();
const CACHE_LIMIT = 200_000;

/**
 * What the classifier learns from: each stem, and the four-letter pieces of each stem. The pieces catch what a light
 * stemmer misses, such as Polish and Arabic forms of one word and English compounds ("cyberbullying" shares pieces with
 * "bullying"); cross-validation on TRAIN chose four letters.
 */
export function features(text: string): string[] {
  const { words, lang } = wordsOf(text);
  const out: string[] = [];
  for (const w of words) {
    const key = `${lang}:${w}`;
    let f = featureCache.get(key);
    if (!f) {
      const s = stemOf(w, lang);
      f = s ? pieces(s) : [];
      if (featureCache.size >= CACHE_LIMIT) featureCache.clear();
      featureCache.set(key, f);
    }
    for (const x of f) out.push(x);
  }
  return out;
}
