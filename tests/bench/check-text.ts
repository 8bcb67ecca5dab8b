/**
 * The safeguarding detector on one 1,000-character message (goal: p95 < 5 ms), run in this process exactly as the
 * app runs it on every free-text answer. The lead wires `measureCheckText` into tests/bench/run.ts.
 */
import { checkText } from "../../app/utils/text-safety";

const SENTENCES = [
  "The bus to school is always late and when it does come it is full so we have to wait for the next one.",
  "My mum says the crossing by the shops is dangerous because the cars go really fast after the lights change.",
  "I like the youth club on Tuesdays but it closes too early and there is nothing else to do in Thornley.",
  "Sometimes I feel scared walking home when it gets dark because the lights in the underpass are broken.",
  "My name is Sam and you can email me at sam dot k at gmail dot com or text 07700 900 123 about it.",
  "There should be more benches in the park and somewhere dry to sit when it rains, which is most days.",
  "At Oak Hill School the toilets have no locks and people film you, which is horrible and nobody stops it.",
  "I can't see the point of anything any more and nobody would miss me if I stopped coming.",
];

/** A 1,000-character message mixing ordinary words, personal details and a disclosure, so every path runs. */
export function benchMessage(length = 1000) {
  let text = "";
  for (let i = 0; text.length < length; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return text.slice(0, length);
}

export function measureCheckText(runs = 2000, warmup = 200) {
  const message = benchMessage();
  for (let i = 0; i < warmup; i++) checkText(message);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    checkText(message);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)];
  return { check_text_p95_ms: Math.round(p95 * 100) / 100 };
}

/**
 * The slowest of a few messages at the longest an answer may be (5,000 characters) that once took seconds: one word
 * of 5,000 Arabic letters, 5,000 dots, one 5,000-letter Latin word, a word repeated (found by fuzzing the check: a
 * pattern tried from every letter of a long word read the rest of the word each time). Goal: < 50 ms each.
 */
export function measureLongInputs(runs = 5) {
  const inputs = ["هه".repeat(2500), ".".repeat(5000), "a".repeat(5000), "mnie ".repeat(1000), "jo.".repeat(1666)];
  let worst = 0;
  for (const text of inputs) {
    checkText(text);
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      checkText(text);
      worst = Math.max(worst, performance.now() - start);
    }
  }
  return { check_text_long_max_ms: Math.round(worst * 100) / 100 };
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify({ ...measureCheckText(), ...measureLongInputs() }));
