/**
 * npm run i18n:check — fails (exit 1) when:
 * - app/ calls t("…") with a key English lacks (keys found by i18next-parser's own lexer);
 * - Polish or Arabic lack a key English has (or have one it lacks), or a plural lacks a form its grammar needs;
 * - a section is in no namespace, or in a file other than its namespace's (app/i18n/namespaces.ts).
 * Keys built at run time (t(`error.${kind}.title`)) cannot be read from the code; the lexer's warnings list them.
 */
import fs from "node:fs";
import path from "node:path";
import * as parser from "i18next-parser";
import { languages, type Messages } from "../app/i18n/index";
import { compareWithEnglish, keyForms, misplacedSections } from "../app/i18n/keys";
import { namespaces } from "../app/i18n/namespaces";

const ROOT = path.resolve(import.meta.dirname, "..");
const verbose = process.argv.includes("--verbose");

const read = (lang: string, ns: string): Messages => {
  const file = path.join(ROOT, "public/locales", lang, `${ns}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
};
const files = Object.fromEntries(
  languages.map((lang) => [lang, Object.fromEntries(namespaces.map((ns) => [ns, read(lang, ns)]))]),
) as Record<string, Record<string, Messages>>;

const problems: string[] = [];
for (const lang of languages) problems.push(...misplacedSections(files[lang]).map((p) => `${lang}: ${p}`));
for (const lang of languages.filter((l) => l !== "en")) {
  for (const ns of namespaces) problems.push(...compareWithEnglish(lang, files.en[ns], files[lang][ns], `${ns}.json`));
}

// Every key the code names, read with i18next-parser's lexer (the one its CLI uses for .ts and .tsx).
const english = keyForms(Object.assign({}, ...namespaces.map((ns) => files.en[ns])));
// The lexer is exported but missing from the package's type declarations.
type Lexer = {
  extract(content: string, filename: string): { key: string }[];
  on(event: "warning", listener: (message: string) => void): void;
};
const { JsxLexer } = parser as unknown as { JsxLexer: new (options: { functions: string[] }) => Lexer };
const lexer = new JsxLexer({ functions: ["t"] });
const dynamic: string[] = [];
lexer.on("warning", (message: string) => dynamic.push(message));
let used = 0;
const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("+") ? [] : walk(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
for (const file of walk(path.join(ROOT, "app"))) {
  const relative = path.relative(ROOT, file);
  for (const { key } of lexer.extract(fs.readFileSync(file, "utf8"), file)) {
    used++;
    if (!english.has(key)) problems.push(`${relative}: t("${key}"), but English has no ${key}`);
  }
}

if (verbose) for (const message of dynamic) console.log(`(not checked) ${message}`);
for (const problem of problems) console.error(problem);
console.log(
  `i18n check: ${used} keys used in app/, ${english.size} English keys in ${namespaces.length} namespaces, ` +
    `${dynamic.length} built at run time (--verbose lists them); ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
