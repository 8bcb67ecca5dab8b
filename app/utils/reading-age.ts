// How hard an answer is to read, for someone answering a young person: the Flesch–Kincaid grade of what is typed
// (wooorm's flesch-kincaid, with syllable counts from wooorm's syllable), and the age that grade usually suits
// (US grade + 5). English only: the formula is made for English.
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";

export type ReadingAge = { grade: number; age: number; words: number };

/** Null when there are too few English words to say (under 10), or none at all. */
export function readingAge(text: string): ReadingAge | null {
  const words = text.match(/[A-Za-z]+(?:['’][A-Za-z]+)*/g) ?? [];
  if (words.length < 10) return null;
  const sentences = Math.max(1, text.split(/[.!?]+(?:\s|$)|\n{2,}/).filter((s) => /[A-Za-z]/.test(s)).length);
  const syllables = words.reduce((sum, w) => sum + syllable(w), 0);
  const grade = Math.max(
    0,
    Math.round(fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables }) * 10) / 10,
  );
  return { grade, age: Math.round(grade) + 5, words: words.length };
}

/** The youngest age in the asker's age group (a pass's or a contribution's band), or null when they did not say. */
export function youngestAge(ageBand: string | null | undefined) {
  const m = /^(\d+)[_-]/.exec(ageBand ?? "");
  if (m) return Number(m[1]);
  return ageBand === "under_8" ? 7 : null;
}
