import type { Token } from "./tokens";

/**
 * Personal details as children write them, found so they can be masked in anything published or quoted. Each
 * finder returns spans on the cleaned text; checkText maps them back to what the child wrote.
 */

export type MaskKind = "name" | "email" | "phone" | "postcode" | "address" | "school" | "handle";
export type MaskSpan = { start: number; end: number; kind: MaskKind };

// Each starts only where a word starts, and a local part is at most 64 characters (as in RFC 5321): tried from every
// letter of one long word, they read the rest of it each time (seconds for a 10,000-letter word).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const PROVIDERS =
  "gmail|googlemail|hotmail|yahoo|outlook|icloud|live|aol|btinternet|sky|protonmail|proton|wp|onet|o2|interia";
const TLDS = "com|co|uk|net|org|pl|me|io";
/** "jo at gmail dot com", "sam dot k at hotmail dot co dot uk", "jo(at)gmail(dot)com" */
const SPOKEN_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}_.+-])[\\p{L}\\p{N}_.+-]{1,64}(?:\\s*(?:\\(dot\\)|\\[dot\\]|\\s+dot\\s+)\\s*[\\p{L}\\p{N}_+-]+)*\\s*(?:\\(at\\)|\\[at\\]|\\s+at\\s+)\\s*(?:${PROVIDERS}|[\\p{L}\\p{N}-]+(?=\\s*(?:\\.|\\(dot\\)|\\[dot\\]|\\s+dot\\s+)\\s*(?:${TLDS})\\b))(?:\\s*(?:\\.|\\(dot\\)|\\[dot\\]|\\s+dot\\s+)\\s*(?:${TLDS})\\b)*`,
  "giu",
);
/** Nine or more digits with any spacing, dots, dashes or brackets between them; +44 or +48 in front. */
const PHONE = /(?<![\p{L}\p{N}])\+?\d(?:[\s.\-()]{0,3}\d){8,13}(?![\p{L}\p{N}])/gu;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;
const PL_POSTCODE = /(?<![\d-])\d{2}-\d{3}(?![\d-])/g;
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_.]{2,}[\p{L}\p{N}_]/gu;
const SOCIAL =
  /\b(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|discord|twitter|fb|facebook|whatsapp|kik|roblox|xbox|psn|gamertag|telegram|username|user)\b(?:\s+(?:name|username|handle|id|tag))?\s*(?:is|=|:|-|to)?\s*(?:me\s+)?(@?[\p{L}\p{N}_.]{3,})/giu;
const ADD_ME = /\b(?:add|follow|message|dm|find)\s+me\s+(?:on|at)\s+[\p{L}]+\s+(@?[\p{L}\p{N}_.]{3,})/giu;

const STREET_TYPES =
  "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|Grove|Terrace|Row|Walk|Mews|Hill|Rise|Parade|View|Square|Estate";
/** Street words that are rarely anything else, so they count in lower case too ("12 mill lane"). */
const LOWER_STREET_TYPES = "street|road|lane|avenue|close|drive|crescent|gardens|grove|terrace|mews";
const NUMBERED_STREET = new RegExp(
  `\\b\\d{1,4}[a-z]?,?\\s+(?:[\\p{L}'-]+\\s){1,3}(?:${STREET_TYPES}|${LOWER_STREET_TYPES})\\b\\.?`,
  "gu",
);
/** "Mill Lane", "Church Road": capitalised words then a street word, with or without a house number. */
const NAMED_STREET = new RegExp(`\\b(?:\\p{Lu}[\\p{L}'-]*\\s){1,3}(?:${STREET_TYPES})\\b`, "gu");
const LIVE_ON = new RegExp(
  `\\b(?:[Ll]ive|[Ll]ives|[Ll]iving|[Ss]tay|[Ss]taying|[Mm]oved)\\s+(?:on|in|at|off|to)\\s+((?:[\\p{L}'-]+\\s){1,3}(?:${STREET_TYPES}|${LOWER_STREET_TYPES}))\\b`,
  "gu",
);
const PL_STREET = /\bul(?:ica|\.)?\s+\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?(?:\s+\d+[a-z]?)?/gu;

const SCHOOL_WORDS = "School|Academy|College|Primary|Grammar|High|Secondary|Infants?|Juniors?|Pupil Referral Unit";
const GENERIC_SCHOOL = new RegExp(
  `\\b(?:(?:\\p{Lu}[\\p{L}'.-]*|of|and|the|St\\.?|CE|RC)\\s+){1,4}(?:${SCHOOL_WORDS})(?:\\s+(?:School|Academy|College))?\\b`,
  "gu",
);
const PL_SCHOOL =
  /\b(?:szko[łl][aęyąo]?\s+podstawow\p{L}*|sp|liceum(?:\s+og[oó]lnokszta[łl]c\p{L}*)?|lo|gimnazjum|technikum)\s+(?:nr|numer)?\s*\d+/giu;

/** Words a capitalised word after "I'm" may well be, and so is not taken for a name. */
const NOT_NAMES = new Set(
  `a an the not so very really just also only still here there sorry fine ok okay good happy sad scared tired bored
  british english polish welsh scottish irish muslim christian jewish hindu sikh catholic year from in at on into
  going trying doing new old young older younger home back autistic dyslexic deaf blind disabled gay trans black white
  asian mixed worried anxious lonely angry upset excited sure glad afraid frightened hungry cold hot late early always
  never sometimes too quite well ill sick safe unsafe free busy done off out over with without 11 12 13 14 15 16 17 18
  i me my mum dad yes no hi hey hello thanks please because but and or if when who what why how nobody somebody
  someone everyone anyone school college monday tuesday wednesday thursday friday saturday sunday`
    .split(/\s+/)
    .filter(Boolean),
);

const STRONG_LEAD =
  /\b(?:my\s+name\s+is|my\s+name's|name's|i\s+am\s+called|i'?m\s+called|they\s+call\s+me|call\s+me)\s+/giu;
const WEAK_LEAD = /(?:^|[\s,.!?;:(])(?:i'?m|i\s+am)\s+/giu;
const RELATION_LEAD =
  /\b(?:my\s+(?:brother|sister|friend|best\s+friend|teacher|cousin|mum|dad|stepdad|stepmum|boyfriend|girlfriend)(?:'s\s+name)?\s+is|my\s+(?:brother|sister|friend|teacher)\s+)\s*/giu;
const PL_STRONG = /\b(?:nazywam\s+si[ęe]|mam\s+na\s+imi[ęe]|moje\s+imi[ęe]\s+to|na\s+imi[ęe]\s+mi)\s+/giu;
const PL_WEAK = /(?:^|[\s,.!?;:])jestem\s+/giu;
const AR_LEAD = /(?:^|[\s،,.!؟])(?:اسمي|إسمي|اسمى|أنا اسمي|ادعى|أدعى)\s+/gu;

const NAME_WORD = /^[\p{L}][\p{L}'-]*/u;

type Finder = (text: string, tokens: Token[]) => MaskSpan[];

function spansOf(re: RegExp, text: string, kind: MaskKind, group = 0): MaskSpan[] {
  const out: MaskSpan[] = [];
  for (const m of text.matchAll(re)) {
    const part = m[group];
    if (!part) continue;
    const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(part);
    out.push({ start, end: start + part.length, kind });
  }
  return out;
}

/** One or two name words after a lead phrase; `capital` asks that they start with a capital letter. */
function namesAfter(re: RegExp, text: string, tokens: Token[], capital: boolean, checkPos: boolean): MaskSpan[] {
  const out: MaskSpan[] = [];
  for (const m of text.matchAll(re)) {
    let at = m.index + m[0].length;
    let end = -1;
    for (let word = 0; word < 2; word++) {
      const w = NAME_WORD.exec(text.slice(at))?.[0];
      if (!w) break;
      const lower = w.toLowerCase();
      const isCapital = /^\p{Lu}/u.test(w) && !(w.length > 2 && w === w.toUpperCase());
      if (NOT_NAMES.has(lower) || (word > 0 || capital ? !isCapital : false)) break;
      if (checkPos) {
        const token = tokens.find((t) => t.start === at);
        if (token?.pos && !["PROPN", "NOUN", "X"].includes(token.pos)) break;
      }
      end = at + w.length;
      const gap = /^ +/.exec(text.slice(end))?.[0].length ?? 0;
      if (!gap) break;
      at = end + gap;
    }
    if (end > 0) out.push({ start: m.index + m[0].length, end, kind: "name" });
  }
  return out;
}

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const schoolRes = new WeakMap<string[], RegExp | null>();
function schoolRe(schools: string[]) {
  if (schoolRes.has(schools)) return schoolRes.get(schools) ?? null;
  const names = schools
    .map((s) => s.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((s) => escapeRe(s).replace(/\s+/g, "\\s+").replace(/'/g, "['’]?"));
  const re = names.length ? new RegExp(`(?<![\\p{L}])(?:${names.join("|")})(?![\\p{L}])`, "giu") : null;
  schoolRes.set(schools, re);
  return re;
}

const LEADING_SMALL = /^(?:(?:At|In|To|From|My|Our|I|We|And|But|The|Go|Went|Attend|Love|Hate|Like)\s+)+/u;

export function findPersonalDetails(text: string, tokens: Token[], schools: string[]): MaskSpan[] {
  const finders: Finder[] = [
    (t) => spansOf(EMAIL, t, "email"),
    (t) =>
      spansOf(SPOKEN_EMAIL, t, "email").filter((s) => /\s*(?:\(at\)|\[at\]|\sat\s)/i.test(t.slice(s.start, s.end))),
    (t) => spansOf(HANDLE, t, "handle"),
    (t) => spansOf(SOCIAL, t, "handle", 1).filter((s) => /[\d_.@]/.test(t.slice(s.start, s.end))),
    (t) => spansOf(ADD_ME, t, "handle", 1),
    (t) => spansOf(PHONE, t, "phone"),
    (t) => spansOf(UK_POSTCODE, t, "postcode"),
    (t) => spansOf(PL_POSTCODE, t, "postcode"),
    (t) => spansOf(NUMBERED_STREET, t, "address"),
    (t) =>
      spansOf(NAMED_STREET, t, "address").map((s) => {
        const lead = LEADING_SMALL.exec(t.slice(s.start, s.end))?.[0].length ?? 0;
        return { ...s, start: s.start + lead };
      }),
    (t) => spansOf(LIVE_ON, t, "address", 1),
    (t) => spansOf(PL_STREET, t, "address"),
    (t) => {
      const re = schoolRe(schools);
      return re ? spansOf(re, t, "school") : [];
    },
    (t) =>
      spansOf(GENERIC_SCHOOL, t, "school")
        .map((s) => {
          const lead = LEADING_SMALL.exec(t.slice(s.start, s.end))?.[0].length ?? 0;
          return { ...s, start: s.start + lead };
        })
        .filter((s) => /\s/.test(t.slice(s.start, s.end).trim())),
    (t) => spansOf(PL_SCHOOL, t, "school"),
    (t, tk) => namesAfter(STRONG_LEAD, t, tk, false, false),
    (t, tk) => namesAfter(WEAK_LEAD, t, tk, true, true),
    (t, tk) => namesAfter(RELATION_LEAD, t, tk, true, false),
    (t, tk) => namesAfter(PL_STRONG, t, tk, false, false),
    (t, tk) => namesAfter(PL_WEAK, t, tk, true, false),
    (t) => {
      const out: MaskSpan[] = [];
      for (const m of t.matchAll(AR_LEAD)) {
        const w = /^[\p{L}\p{M}]+/u.exec(t.slice(m.index + m[0].length))?.[0];
        if (w) out.push({ start: m.index + m[0].length, end: m.index + m[0].length + w.length, kind: "name" });
      }
      return out;
    },
  ];
  return finders.flatMap((f) => f(text, tokens)).filter((s) => s.end > s.start);
}
