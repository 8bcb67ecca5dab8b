/**
 * npm run -s check-text: one message per line on standard input, one JSON object per line out, from the same
 * checkText the app uses on every answer, so anyone can try a phrase.
 *   echo "he kept punching me" | npm run -s check-text
 * `--lang pl` passes the page language (every language's phrases are tried anyway).
 */
import readline from "node:readline";
import { checkText } from "../app/utils/text-safety";

const langAt = process.argv.indexOf("--lang");
const lang = langAt > 0 ? process.argv[langAt + 1] : undefined;

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  const r = checkText(line, { lang });
  process.stdout.write(
    `${JSON.stringify({ escalate: r.escalate, categories: r.categories, flags: r.flags, masked: r.masked })}\n`,
  );
}
