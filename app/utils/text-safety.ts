/**
 * Every piece of participant free text is checked on arrival (docs/design.md, step 3) by the safeguarding detector
 * (app/safeguarding): a possible disclosure escalates to the safeguarding lead, and personal details are masked in
 * anything published or quoted. Callers (answers, moderation, imports, the seed) go through here.
 */
export { type CheckOptions, checkText, MASK, type Span, type TextCheck } from "../safeguarding";

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
