import { type Category, categories, type Lang, languages, type SafeguardingLists } from "./lists";
import {
  CLAUSE_BREAK,
  foldArabic,
  foldLatin,
  isBreak,
  isNegationIn,
  NEGATION_REACH,
  negationScope,
  type Token,
} from "./tokens";

/** Phrases from the lists, compiled once per lists object and matched word by word (see lists.ts for the syntax). */

type Word = { exact: Set<string>; prefixes: string[] };
/** One word of a phrase: single-word alternatives in `exact`/`prefixes`, multi-word ones ("no_one") in `seqs`. */
type Step = { gap: true } | ({ gap: false; optional: boolean; seqs: Word[][] } & Word);
/** `sentence`: an ordinary phrase starting with `~` that makes its whole sentence ordinary (fiction, lessons). */
type Phrase = {
  source: string;
  lang: Lang;
  category: Category | null;
  steps: Step[];
  negative: boolean;
  sentence: boolean;
};
type Cue = { word: Word; weight: number; source: string };
type Compiled = { byLang: Record<Lang, { triggers: Index; ordinary: Index; cues: Cue[] }> };
type Index = { byFirst: Map<string, Phrase[]>; byStem: Map<string, Phrase[]>; always: Phrase[] };

export type Match = { lang: Lang; category: Category; phrase: string; start: number; end: number };

const MAX_GAP = 3;

function foldFor(lang: Lang, word: string) {
  if (lang === "ar") return foldArabic(word);
  return lang === "en" ? word.toLowerCase() : foldLatin(word);
}

/**
 * Polish case endings of nouns and adjectives that no verb form shares, folded, longest first. Verb endings are
 * left alone on purpose: they carry the person ("uciekłem", I ran away; "uciekł", he did), which the lists use.
 */
const PL_CASE_ENDINGS = ["ami", "ach", "owi", "ego", "emu", "ymi", "imi", "iej", "ow", "om", "ej", "ym", "im"];
/**
 * The stem a whole Polish noun or adjective in a phrase stands for, so "siniakami" also matches "siniaki" and
 * "pijanego" "pijany": its case ending taken off while at least four letters remain. Other words stay exact.
 */
function polishStem(word: string) {
  // "-bym" is a verb's conditional ("chciałbym"), not a case ending.
  if (word.length < 6 || !/^[a-z]+$/.test(word) || word.endsWith("bym")) return "";
  for (const e of PL_CASE_ENDINGS) if (word.endsWith(e) && word.length - e.length >= 4) return word.slice(0, -e.length);
  return "";
}

function compilePhrase(
  source: string,
  lang: Lang,
  category: Category | null,
  groups: Record<string, string[]>,
): Phrase | null {
  const steps: Step[] = [];
  let negative = false;
  const sentence = source.trim().startsWith("~");
  for (const raw of source.trim().replace(/^~/, "").split(/\s+/)) {
    if (!raw) continue;
    if (raw === "..") {
      steps.push({ gap: true });
      continue;
    }
    const optional = raw.length > 1 && raw.endsWith("?");
    const word = optional ? raw.slice(0, -1) : raw;
    const alts = word
      .split("|")
      .flatMap((a) => (a.startsWith("@") ? (Object.hasOwn(groups, a.slice(1)) ? groups[a.slice(1)] : []) : [a]));
    const single: Word = { exact: new Set(), prefixes: [] };
    const seqs: Word[][] = [];
    for (const alt of alts) {
      const parts = alt.split(/[_\s]+/).filter(Boolean);
      if (!parts.length) continue;
      const words = parts.map((part) => {
        const w: Word = { exact: new Set(), prefixes: [] };
        if (part.endsWith("*") && part.length > 1) w.prefixes.push(foldFor(lang, part.slice(0, -1)));
        else if (lang === "pl" && polishStem(foldFor(lang, part))) w.prefixes.push(polishStem(foldFor(lang, part)));
        else w.exact.add(foldFor(lang, part));
        if (isNegationIn(lang, foldFor(lang, part.replace(/\*$/, "")))) negative = true;
        return w;
      });
      if (words.length === 1) {
        for (const e of words[0].exact) single.exact.add(e);
        single.prefixes.push(...words[0].prefixes);
      } else seqs.push(words);
    }
    if (single.exact.size === 0 && single.prefixes.length === 0 && seqs.length === 0) return null;
    steps.push({ gap: false, optional, seqs, ...single });
  }
  while (steps.length && steps[steps.length - 1].gap) steps.pop();
  if (!steps.length) return null;
  return { source, lang, category, steps, negative, sentence };
}

/** Phrases by what their first word can be: an exact word, or the first two letters of a stem. */
function buildIndex(phrases: Phrase[]): Index {
  const byFirst = new Map<string, Phrase[]>();
  const byStem = new Map<string, Phrase[]>();
  const always: Phrase[] = [];
  const put = (map: Map<string, Phrase[]>, key: string, p: Phrase) => {
    const list = map.get(key) ?? [];
    if (!list.includes(p)) list.push(p);
    map.set(key, list);
  };
  const queue = [...phrases];
  for (let p = queue.shift(); p; p = queue.shift()) {
    const first = p.steps[0];
    if (first.gap) {
      always.push(p);
      continue;
    }
    if (first.optional) {
      // Indexed both with and without its optional first word.
      if (p.steps.length > 1) queue.push({ ...p, steps: p.steps.slice(1) });
    }
    const firstWords = [first, ...first.seqs.map((seq) => seq[0])];
    if (firstWords.some((w) => w.prefixes.some((x) => x.length < 2))) {
      always.push(p);
      continue;
    }
    for (const w of firstWords) {
      for (const e of w.exact) put(byFirst, e, p);
      for (const x of w.prefixes) put(byStem, x.slice(0, 2), p);
    }
  }
  return { byFirst, byStem, always };
}

const cache = new WeakMap<SafeguardingLists, Compiled>();

export function compileLists(lists: SafeguardingLists): Compiled {
  const hit = cache.get(lists);
  if (hit) return hit;
  const byLang = {} as Compiled["byLang"];
  for (const lang of languages) {
    const groups = lists.groups[lang] ?? {};
    const triggers: Phrase[] = [];
    for (const category of categories) {
      for (const src of lists.phrases[lang]?.[category] ?? []) {
        const p = compilePhrase(src, lang, category, groups);
        if (p) triggers.push(p);
      }
    }
    const ordinary = (lists.ordinary[lang] ?? [])
      .map((src) => compilePhrase(src, lang, null, groups))
      .filter((p): p is Phrase => p !== null);
    const cues: Cue[] = Object.entries(lists.cues?.[lang] ?? {}).map(([source, weight]) => {
      const word: Word = { exact: new Set(), prefixes: [] };
      for (const alt of source.split("|").filter(Boolean)) {
        if (alt.endsWith("*") && alt.length > 1) word.prefixes.push(foldFor(lang, alt.slice(0, -1)));
        else word.exact.add(foldFor(lang, alt));
      }
      return { word, weight, source };
    });
    byLang[lang] = { triggers: buildIndex(triggers), ordinary: buildIndex(ordinary), cues };
  }
  const compiled = { byLang };
  cache.set(lists, compiled);
  return compiled;
}

function wordMatches(step: Word, token: Token) {
  for (const f of token.forms) {
    if (step.exact.has(f)) return true;
    for (const p of step.prefixes) if (f.startsWith(p)) return true;
  }
  return false;
}

/** The index one past the last token of a match of `steps[s..]` starting at token `t`, or -1. */
function matchFrom(steps: Step[], s: number, tokens: Token[], t: number): number {
  if (s === steps.length) return t;
  const step = steps[s];
  if (step.gap) {
    for (let k = 0; k <= MAX_GAP && t + k <= tokens.length; k++) {
      const r = matchFrom(steps, s + 1, tokens, t + k);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (t < tokens.length && wordMatches(step, tokens[t])) {
    const r = matchFrom(steps, s + 1, tokens, t + 1);
    if (r >= 0) return r;
  }
  for (const seq of step.seqs) {
    if (t + seq.length > tokens.length || !seq.every((w, k) => wordMatches(w, tokens[t + k]))) continue;
    const r = matchFrom(steps, s + 1, tokens, t + seq.length);
    if (r >= 0) return r;
  }
  return step.optional ? matchFrom(steps, s + 1, tokens, t) : -1;
}

function findAll(index: Index, tokens: Token[]) {
  const found: { phrase: Phrase; from: number; to: number }[] = [];
  const seen = new Set<Phrase>();
  const tryPhrase = (p: Phrase, t: number) => {
    if (seen.has(p)) return;
    seen.add(p);
    const to = matchFrom(p.steps, 0, tokens, t);
    if (to > t) found.push({ phrase: p, from: t, to });
  };
  for (let t = 0; t < tokens.length; t++) {
    seen.clear();
    for (const p of index.always) tryPhrase(p, t);
    for (const f of tokens[t].forms) {
      for (const p of index.byFirst.get(f) ?? []) tryPhrase(p, t);
      const stemmed = index.byStem.get(f.slice(0, 2));
      if (stemmed) for (const p of stemmed) tryPhrase(p, t);
    }
  }
  return found;
}

/** Words that put the child in the sentence: a story or lesson about someone else stays ordinary, this does not. */
const FIRST_PERSON = new Set([
  "i",
  "me",
  "my",
  "myself",
  "mine",
  "us",
  "our",
  "ja",
  "mnie",
  "mi",
  "moj",
  "moja",
  "moje",
]);

/** Arabic says "me" and "my" with a suffix: ـني, ـي; and "I" is انا. */
const ARABIC_FIRST_PERSON = /^انا$|ني$|ي$/;

/**
 * "he never hit me", "tata nigdy mnie nie uderzył", "أبوي ما يضربني": a negation in the few words before, within
 * the same clause (Arabic "مايضربني" and "مبيضربنيش" arrive as two tokens, "ما" and the verb: tokens.ts).
 */
function negatedBefore(lang: Lang, tokens: Token[], from: number) {
  if (lang === "ar" && isBreak(lang, tokens[from])) return false;
  for (let k = from - 1; k >= Math.max(0, from - NEGATION_REACH[lang]); k--) {
    if (tokens[k].sentence !== tokens[from].sentence) return false;
    const forms = tokens[k].forms;
    if (lang === "ar" ? CLAUSE_BREAK.ar.has(forms[0]) : forms.some((f) => CLAUSE_BREAK[lang].has(f))) return false;
    if (forms.some((f) => isNegationIn(lang, f))) return true;
    if (isBreak(lang, tokens[k])) return false;
  }
  return false;
}

/** A negation inside a match that skipped words ("mnie .. uderzył" over "mnie nie uderzył"). */
function negatedInside(lang: Lang, tokens: Token[], from: number, to: number) {
  for (let k = from + 1; k < to; k++) if (tokens[k].forms.some((f) => isNegationIn(lang, f))) return true;
  return false;
}

/**
 * Sentences about the child where no phrase matched but the worrying words add up: each cue counts once per
 * sentence, each word at most once (its heaviest cue).
 */
const cueIndexes = new WeakMap<Cue[], Map<string, Cue[]>>();
/** Cues by the exact words they list, so a token costs one lookup and a pass over the stems only. */
function cueIndex(cues: Cue[]) {
  let index = cueIndexes.get(cues);
  if (!index) {
    index = new Map();
    for (const c of cues) for (const w of c.word.exact) index.set(w, [...(index.get(w) ?? []), c]);
    cueIndexes.set(cues, index);
  }
  return index;
}

function cueSentences(lang: Lang, tokens: Token[], cues: Cue[], threshold: number, skip: Set<number>): Match[] {
  if (!cues.length || threshold <= 0) return [];
  const out: Match[] = [];
  let i = 0;
  while (i < tokens.length) {
    const sentence = tokens[i].sentence;
    let j = i;
    while (j < tokens.length && tokens[j].sentence === sentence) j++;
    if (!skip.has(sentence)) {
      const used = new Set<Cue>();
      let score = 0;
      let aboutChild = false;
      // A worrying word under a negation ("nigdy mnie nie uderzył", "ما بخاف") does not count.
      const negated = negationScope(lang, tokens.slice(i, j));
      for (let k = i; k < j; k++) {
        const tk = tokens[k];
        if (tk.forms.some((f) => FIRST_PERSON.has(f) || (lang === "ar" && ARABIC_FIRST_PERSON.test(f))))
          aboutChild = true;
        if (negated[k - i]) continue;
        let best: Cue | null = null;
        for (const f of tk.forms) {
          for (const c of cueIndex(cues).get(f) ?? []) if (!used.has(c) && (!best || c.weight > best.weight)) best = c;
        }
        for (const c of cues) {
          if (!c.word.prefixes.length || used.has(c) || (best && best.weight >= c.weight)) continue;
          if (tk.forms.some((f) => c.word.prefixes.some((p) => f.startsWith(p)))) best = c;
        }
        if (best) {
          used.add(best);
          score += best.weight;
        }
      }
      if (aboutChild && score >= threshold)
        out.push({
          lang,
          category: "other_concern",
          phrase: `${score}: ${[...used].map((c) => c.source.split("|")[0]).join(" + ")}`,
          start: tokens[i].start,
          end: tokens[j - 1].end,
        });
    }
    i = j;
  }
  return out;
}

/** Every trigger phrase found in the tokens of one language, less those an ordinary phrase overlaps. */
export function detectIn(
  lang: Lang,
  tokens: Token[],
  lists: SafeguardingLists,
  /** Filled with the text spans where an ordinary phrase overrode a trigger ("want to go home, the party's fun"). */
  overridden?: { start: number; end: number }[],
): Match[] {
  const { triggers, ordinary, cues } = compileLists(lists).byLang[lang];
  const ordinaryRanges = findAll(ordinary, tokens);
  const out: Match[] = [];
  for (const { phrase, from, to } of findAll(triggers, tokens)) {
    if (ordinaryRanges.some((o) => !o.phrase.sentence && o.from < to && from < o.to)) {
      overridden?.push({ start: tokens[from].start, end: tokens[to - 1].end });
      continue;
    }
    const inStory = ordinaryRanges.some((o) => o.phrase.sentence && tokens[o.from].sentence === tokens[from].sentence);
    const aboutChild = (f: string) => FIRST_PERSON.has(f) || (lang === "ar" && ARABIC_FIRST_PERSON.test(f));
    if (inStory && !tokens.slice(from, to).some((tk) => tk.forms.some(aboutChild))) continue;
    if (
      !phrase.negative &&
      phrase.category !== "self_harm" &&
      // Polish only inside: Arabic phrases often skip over a negation that is part of what they mean ("كأني .. مش").
      (negatedBefore(lang, tokens, from) || (lang !== "en" && negatedInside(lang, tokens, from, to)))
    ) {
      // The lists read these words and found them denied ("nobody at home hurts me"): the trained layer is not
      // asked to overrule that, as with an ordinary phrase.
      overridden?.push({ start: tokens[from].start, end: tokens[to - 1].end });
      continue;
    }
    out.push({
      lang,
      category: phrase.category as Category,
      phrase: phrase.source,
      start: tokens[from].start,
      end: tokens[to - 1].end,
    });
  }
  // Sentences already escalated, or about a story or lesson, are not scored again.
  const skip = new Set<number>();
  for (const m of out) for (const tk of tokens) if (tk.start >= m.start && tk.end <= m.end) skip.add(tk.sentence);
  for (const o of ordinaryRanges) skip.add(tokens[o.from].sentence);
  out.push(...cueSentences(lang, tokens, cues, lists.cueThreshold ?? 0, skip));
  return out;
}
