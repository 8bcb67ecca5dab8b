import { classify, type Model } from "./classifier";
import { detectIn, type Match } from "./detect";
import {
  type Category,
  defaultLists,
  type Lang,
  type ListsOverride,
  mergeLists,
  type SafeguardingLists,
} from "./lists";
import { findPersonalDetails, type MaskKind } from "./mask";
import trained from "./model.json";
import { clean, englishTokens, looksArabizi, mayBeEnglish, plainTokens } from "./tokens";

/** The broad layer trained on the development corpus (classifier.ts); `npm run safeguarding:train` rewrites it. */
export const defaultModel: Model = trained;

export type { Category, Lang, ListsOverride, SafeguardingLists } from "./lists";
export { categories, defaultLists, languages, mergeLists, wealdshireSchools } from "./lists";

export const MASK = "[removed]";

/** Flags for the moderator that do not escalate: text a person should look at before it is published. */
export type NoticeFlag = "symbols_only" | "invisible_characters" | "mixed_scripts" | "harm_words";
export type Flag = MaskKind | NoticeFlag | "harm";

export type Span = { start: number; end: number; kind: Category | MaskKind };

export type TextCheck = {
  /** A possible disclosure: goes to the safeguarding lead, never published. */
  escalate: boolean;
  categories: Category[];
  flags: Flag[];
  /** The text as it may be published or quoted: personal details replaced by [removed]. */
  masked: string;
  /** Each detection on the original text, for highlighting; disclosures by category, masked details by kind. */
  spans: Span[];
  /** The phrases that matched, so a moderator or administrator can see why. */
  matches: { lang: Lang; category: Category; phrase: string }[];
  /**
   * Only built-in phrases matched, none about self-harm, sexual abuse or exploitation, none in words the child uses of
   * themselves: the model may overrule them (Model.veto).
   */
  overrulable: boolean;
  /**
   * Built-in phrases that matched but which the model judged ordinary (below its `veto`): shown to the moderator as a
   * notice ("harm_words", named among what was found), not escalated; their spans are kept. A moderator can still
   * escalate with one key.
   */
  overruled: { lang: Lang; category: Category; phrase: string }[];
};

export type CheckOptions = {
  /** The language the page was in; every language's phrases are tried anyway, children mix them. */
  lang?: string;
  /** The lists in force: the built-in set, or an administrator's override laid over it. */
  lists?: SafeguardingLists | ListsOverride | null;
  /** The trained layer: the built-in model unless given; `null` for phrases and cues alone (cross-validation). */
  model?: Model | null;
};

const LATIN = /\p{Script=Latin}/u;
const ARABIC = /\p{Script=Arabic}/u;
const INVISIBLE_OUT = /[\p{Cf}\u180E\u2800\u3164\uFFA0\u115F\u1160]/gu;

/** The built-in phrases, by language and category: a phrase an administrator added is never overruled by the model. */
let builtIn: Set<string> | null = null;
function isBuiltIn(lists: SafeguardingLists, m: Match) {
  // Cue matches read "6: word + word": the lists' own net, built in while the administrator has not changed the cues.
  if (/^\d+(?:\.\d+)?: /.test(m.phrase))
    return lists.cues[m.lang] === defaultLists.cues[m.lang] && lists.cueThreshold === defaultLists.cueThreshold;
  if (!builtIn) {
    builtIn = new Set<string>();
    for (const lang of Object.keys(defaultLists.phrases) as Lang[])
      for (const [category, list] of Object.entries(defaultLists.phrases[lang]))
        for (const p of list ?? []) builtIn.add(`${lang}\u0000${category}\u0000${p}`);
  }
  return lists === defaultLists || builtIn.has(`${m.lang}\u0000${m.category}\u0000${m.phrase}`);
}

/** Categories the model never overrules, whoever they are said of: a child's life may depend on them being read. */
const NEVER_OVERRULED = new Set<Category>(["self_harm", "sexual_abuse", "exploitation"]);

/**
 * First-person words, singular and plural: "I", "me", "my", "we", "us", "our"; "ja", "mnie", "mój", "my", "nas",
 * "nam", "nasz"; Arabic words ending in ني, ي, ى, يا or نا, "انا", "احنا", "نحن"; Arabizi "ana", "e7na" and words
 * ending in -ni.
 */
const CHILD_WORDS = new RegExp(
  [
    "(?<![\\p{L}\\p{N}])(?:i|me|my|myself|mine|im|i'm|ive|i've|we|us|our|ours|ourselves|ja|mnie|mi|mie|mna|mną|moj\\p{L}*|mój|moi\\p{L}*|moja|moje|nas|nam|nami|nasz\\p{L}*|ana|ani|e7na|i7na|ehna)(?![\\p{L}\\p{N}])",
    "\\p{Script=Arabic}+(?:ني|نى|ي|ى|يا|نا)(?![\\p{L}\\p{N}])",
    "(?<![\\p{L}\\p{N}])(?:انا|أنا|احنا|إحنا|نحن|اني|إني)(?![\\p{L}\\p{N}])",
    "[a-z]+ni(?![\\p{L}\\p{N}])",
  ].join("|"),
  "iu",
);
/**
 * Whether the words the phrase matched speak of the child (or of children with them): then they are never overruled.
 * The words only, not their sentence: "I got a black eye at rugby" may be overruled, "he gave me a black eye" never.
 */
function aboutTheChild(text: string, m: Match) {
  return CHILD_WORDS.test(text.slice(m.start, m.end));
}

function resolveLists(lists: CheckOptions["lists"]): SafeguardingLists {
  if (!lists) return mergeLists(null);
  const full = lists as SafeguardingLists;
  if (full.phrases?.en && full.phrases.pl && full.phrases.ar && full.ordinary && full.groups && full.schools)
    return full;
  return mergeLists(lists as ListsOverride);
}

/** Merges overlapping spans of the same purpose (masking) so one [removed] covers them. */
function union(spans: { start: number; end: number }[]) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Checks one piece of participant free text on arrival (docs/design.md, step 3): a possible disclosure escalates, and
 * personal details are masked in anything published or quoted. It errs towards escalating: a person reads every one.
 */
export function checkText(text: string, options: CheckOptions = {}): TextCheck {
  const lists = resolveLists(options.lists);
  const cleaned = clean(text);
  const t = cleaned.text;
  const hasLatin = LATIN.test(t);
  const english = (hasLatin && mayBeEnglish(t)) || options.lang === "en" ? englishTokens(t) : [];
  const plain = plainTokens(t);

  const matches: Match[] = [];
  const overridden: { start: number; end: number }[] = [];
  if (english.length) matches.push(...detectIn("en", english, lists, overridden));
  if (hasLatin || options.lang === "pl") matches.push(...detectIn("pl", plain, lists, overridden));
  if (ARABIC.test(t) || options.lang === "ar" || (hasLatin && looksArabizi(t)))
    matches.push(...detectIn("ar", plain, lists, overridden));
  // Where only built-in phrases or cues fired (never self-harm, sexual abuse or exploitation, never words a child uses of
  // themselves: "someone hurts me") and the model gives the text less than its `veto`, the words read as ordinary to
  // the trained layer ("the villain gets stabbed at the end"): a notice for the moderator, who reads every message
  // anyway, rather than an escalation to the lead.
  const model = options.model === undefined ? defaultModel : options.model;
  const overrulable =
    matches.length > 0 &&
    matches.every((m) => !NEVER_OVERRULED.has(m.category) && isBuiltIn(lists, m) && !aboutTheChild(t, m));
  let overruled: Match[] = [];
  if (overrulable && model?.veto && (classify({ ...model, threshold: 0 }, t, english, plain)?.p ?? 0) < model.veto)
    overruled = matches.splice(0);
  // The model is asked only when no phrase or cue fired: it adds escalations, it never removes one. Nor does it
  // overrule the lists where an ordinary phrase already judged the words a disclosure phrase matched.
  if (!matches.length && !overruled.length && model) {
    const skip = (u: { start: number; end: number }) => overridden.some((o) => o.start < u.end && u.start < o.end);
    const hit = classify(model, t, english, plain, skip);
    if (hit)
      matches.push({
        lang: ARABIC.test(t.slice(hit.start, hit.end)) ? "ar" : "en",
        category: "other_concern",
        phrase: `model ${hit.p.toFixed(2)}`,
        start: hit.start,
        end: hit.end,
      });
  }

  const details = findPersonalDetails(t, english, lists.schools);
  const toOrigin = (i: number) => cleaned.origin[i] ?? text.length;

  const spans: Span[] = [
    ...[...matches, ...overruled].map((m) => ({
      start: toOrigin(m.start),
      end: toOrigin(m.end - 1) + 1,
      kind: m.category,
    })),
    ...details.map((d) => ({ start: toOrigin(d.start), end: toOrigin(d.end - 1) + 1, kind: d.kind })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);

  let masked = "";
  let at = 0;
  for (const s of union(details.map((d) => ({ start: toOrigin(d.start), end: toOrigin(d.end - 1) + 1 })))) {
    masked += text.slice(at, s.start) + MASK;
    at = s.end;
  }
  masked = (masked + text.slice(at)).replace(INVISIBLE_OUT, (c) => (c === "\u200D" ? c : ""));

  const categories = [...new Set(matches.map((m) => m.category))];
  const escalate = categories.length > 0;
  const flags = new Set<Flag>(details.map((d) => d.kind));
  if (escalate) flags.add("harm");
  if (overruled.length) flags.add("harm_words");
  if (t.trim() && !/[\p{L}\p{N}]/u.test(t)) flags.add("symbols_only");
  if (cleaned.invisible > 0) flags.add("invisible_characters");
  if (cleaned.mixedScripts) flags.add("mixed_scripts");

  return {
    escalate,
    categories,
    flags: [...flags],
    masked,
    spans,
    matches: matches.map(({ lang, category, phrase }) => ({ lang, category, phrase })),
    overrulable,
    overruled: overruled.map(({ lang, category, phrase }) => ({ lang, category, phrase })),
  };
}
