import type { DraftAnswer, QuestionKind } from "~/models/consultations/types";

export type { QuestionKind };
/** In the order the builder offers them. */
export const questionKinds: QuestionKind[] = ["scale", "single", "multiple", "ranking", "short_text", "long_text"];

export type AnswerQuestion = {
  id: number;
  kind: string;
  required: boolean;
  maxLength: number;
  options: { id: number; isOther: boolean }[];
};

/** An error is a locale key plus values for it. */
export type AnswerError = { key: string; values?: Record<string, number | string> };

export const SHORT_TEXT_MAX = 200;

// Characters nobody sees: zero-width spaces, soft hyphens, direction overrides, control characters. Typed between
// letters they hide words from the safety check ("hu\u200Brt"), so they are taken out before anything else.
// Zero-width joiners stay: emoji and some scripts need them.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B\u200E\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** Free text as it is stored and checked: one kind of line ending, no invisible characters, no spaces at the ends. */
export function tidyText(value: string) {
  return value.replace(/\r\n?/g, "\n").replace(INVISIBLE, "").trim();
}

/**
 * What is wrong with a piece of free text that is not empty, or null. Text with no letter or number (only emoji or
 * symbols) says nothing a person can act on; a word mixing Latin letters with Cyrillic or Greek look-alikes
 * ("kіll" with a Cyrillic і) is how filters are dodged. Whole words in any one alphabet are fine.
 */
export function textProblem(value: string): AnswerError | null {
  if (!/[\p{L}\p{N}]/u.test(value)) return { key: "answer.needsWords" };
  const mixed = value
    .split(/[^\p{L}\p{M}]+/u)
    .some((word) => /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word));
  return mixed ? { key: "answer.mixedScripts" } : null;
}

/**
 * Reads one question's answer from a submitted form. Returns the answer (undefined when an optional question
 * is skipped) or an error saying what to do. Unknown option ids and out-of-range values are errors, never stored.
 */
export function parseAnswer(
  question: AnswerQuestion,
  form: FormData,
): { answer?: DraftAnswer; error?: AnswerError; raw: Record<string, string | string[]> } {
  const raw: Record<string, string | string[]> = {};
  const optionIds = new Set(question.options.map((o) => o.id));
  const required = question.required;
  switch (question.kind) {
    case "scale": {
      const value = String(form.get("answer") ?? "");
      raw.answer = value;
      if (!value) return required ? { error: { key: "answer.chooseFace" }, raw } : { raw };
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 5) return { error: { key: "answer.chooseFace" }, raw };
      return { answer: { value: n }, raw };
    }
    case "single": {
      const value = String(form.get("answer") ?? "");
      raw.answer = value;
      if (!value) return required ? { error: { key: "answer.chooseOne" }, raw } : { raw };
      const id = Number(value);
      if (!optionIds.has(id)) return { error: { key: "answer.chooseOne" }, raw };
      return { answer: { optionIds: [id] }, raw };
    }
    case "multiple": {
      const values = form.getAll("answer").map(String);
      raw.answer = values;
      const other = tidyText(String(form.get("other") ?? ""));
      raw.other = other;
      if (!values.length) return required ? { error: { key: "answer.chooseAny" }, raw } : { raw };
      const ids = values.map(Number);
      if (ids.some((id) => !optionIds.has(id)) || new Set(ids).size !== ids.length)
        return { error: { key: "answer.chooseAny" }, raw };
      const otherOption = question.options.find((o) => o.isOther);
      const answer: DraftAnswer = { optionIds: ids };
      if (otherOption && ids.includes(otherOption.id)) {
        if (!other) return { error: { key: "answer.enterOther" }, raw };
        if (other.length > SHORT_TEXT_MAX)
          return { error: { key: "answer.tooLong", values: { max: SHORT_TEXT_MAX } }, raw };
        const problem = textProblem(other);
        if (problem) return { error: problem, raw };
        answer.text = other;
      }
      return { answer, raw };
    }
    case "ranking": {
      const ranks: Record<string, number> = {};
      const used = new Set<number>();
      let filled = 0;
      // Keep every typed value first, so an error shows all of them again.
      for (const option of question.options) raw[`rank-${option.id}`] = String(form.get(`rank-${option.id}`) ?? "");
      for (const option of question.options) {
        const v = raw[`rank-${option.id}`] as string;
        if (!v) continue;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > question.options.length)
          return { error: { key: "answer.rankAll" }, raw };
        if (used.has(n)) return { error: { key: "answer.rankDifferent" }, raw };
        used.add(n);
        ranks[String(option.id)] = n;
        filled++;
      }
      if (filled === 0) return required ? { error: { key: "answer.rankAll" }, raw } : { raw };
      if (filled !== question.options.length) return { error: { key: "answer.rankAll" }, raw };
      return { answer: { ranks }, raw };
    }
    case "short_text":
    case "long_text": {
      const value = tidyText(String(form.get("answer") ?? ""));
      raw.answer = value;
      const max = question.kind === "short_text" ? Math.min(question.maxLength, SHORT_TEXT_MAX) : question.maxLength;
      if (!value) return required ? { error: { key: "answer.enterText" }, raw } : { raw };
      if (value.length > max) return { error: { key: "answer.tooLong", values: { max } }, raw };
      const problem = textProblem(value);
      if (problem) return { error: problem, raw };
      return { answer: { text: value }, raw };
    }
    default:
      return { error: { key: "answer.chooseOne" }, raw };
  }
}

/** Re-checks a stored draft answer against the question as it is now (options may have changed). */
export function answerIsValid(question: AnswerQuestion, answer: DraftAnswer | undefined): boolean {
  if (!answer) return !question.required;
  const form = new FormData();
  if (answer.value !== undefined) form.set("answer", String(answer.value));
  if (answer.optionIds) for (const id of answer.optionIds) form.append("answer", String(id));
  if (answer.text !== undefined) {
    if (question.kind === "multiple") form.set("other", answer.text);
    else form.set("answer", answer.text);
  }
  if (answer.ranks) for (const [id, rank] of Object.entries(answer.ranks)) form.set(`rank-${id}`, String(rank));
  const parsed = parseAnswer(question, form);
  return !parsed.error && (parsed.answer !== undefined || !question.required);
}
