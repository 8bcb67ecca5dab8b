/**
 * Checks every piece of participant free text on arrival (docs/design.md, From a child's words to a Board decision, step 3):
 * personal details are masked in anything published or quoted, and words that may signal harm or a
 * disclosure mark the text for the safeguarding lead. The lists err towards escalating: a person reads every one.
 */

const MASK = "[removed]";

const patterns: { flag: string; re: RegExp }[] = [
  { flag: "email", re: /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi },
  // UK phone numbers: 07…, 01…, 02…, +44…, with spaces or dashes
  { flag: "phone", re: /(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\d){9,10}\b/g },
  { flag: "postcode", re: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi },
  {
    flag: "address",
    re: /\b\d{1,4}[a-z]?\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|Grove|Terrace|Hill|Row|Walk|Mews)\b\.?/g,
  },
];

/** Each letter as [xX], so the lead phrase matches in any case while the name itself must start with a capital. */
const anyCase = (phrase: string) => phrase.replace(/\p{L}/gu, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
const nameLeads = [
  "my name is",
  "my name's",
  "i am called",
  "i'm called",
  "call me",
  "my brother is",
  "my sister is",
  "my friend is",
  "my teacher is",
];
const namePattern = new RegExp(
  `\\b(${nameLeads.map(anyCase).join("|")})\\s+(\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+)?)`,
  "gu",
);

/** Phrases, matched on word boundaries in lower case. */
const harmPhrases = [
  "hurt myself",
  "hurting myself",
  "kill myself",
  "killing myself",
  "want to die",
  "wanna die",
  "end my life",
  "suicide",
  "suicidal",
  "self harm",
  "self-harm",
  "cut myself",
  "cutting myself",
  "hits me",
  "hit me",
  "beats me",
  "beat me",
  "kicks me",
  "hurts me",
  "touches me",
  "touched me",
  "abuse",
  "abused",
  "abusing",
  "scared to go home",
  "afraid to go home",
  "not safe at home",
  "unsafe at home",
  "no food at home",
  "locked in",
  "runs away",
  "run away from home",
  "groomed",
  "grooming",
  "send pictures",
  "sends me pictures",
  "nude",
  "nudes",
  "raped",
  "rape",
  "forced me",
  "threatens me",
  "threatened me",
  "knife",
  "gang",
];

const harmRe = new RegExp(`\\b(?:${harmPhrases.map((p) => p.replace(/[-]/g, "[- ]?")).join("|")})\\b`, "i");

export type TextCheck = { masked: string; flags: string[]; escalate: boolean };

export function checkText(text: string): TextCheck {
  const flags = new Set<string>();
  let masked = text;
  masked = masked.replace(namePattern, (_m, lead: string) => {
    flags.add("name");
    return `${lead} ${MASK}`;
  });
  for (const { flag, re } of patterns) {
    masked = masked.replace(re, () => {
      flags.add(flag);
      return MASK;
    });
  }
  const escalate = harmRe.test(text);
  if (escalate) flags.add("harm");
  return { masked, flags: [...flags], escalate };
}

/** Tidies typed text: unifies line endings, strips control characters, trims. */
export function cleanText(value: string) {
  return (
    value
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
      .trim()
  );
}
