import { textProblem, tidyText } from "./answers";

export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 5000;

/** A question or reply as typed: tidied, then either the text to store or the key of what to fix. */
export function parseAskerText(raw: unknown): { text: string; error?: undefined } | { text: string; error: string } {
  const text = tidyText(typeof raw === "string" ? raw : "");
  if (!text) return { text, error: "ask.error.empty" };
  if (text.length > QUESTION_MAX) return { text, error: "ask.error.tooLong" };
  const problem = textProblem(text);
  if (problem) return { text, error: problem.key };
  return { text };
}
