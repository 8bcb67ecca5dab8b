/**
 * npm run i18n:check — fails (exit 1) when:
 * - app/ calls t("…") with a key English lacks (keys found by i18next-parser's own lexer);
 * - Polish or Arabic lack a key English has (or have one it lacks), or a plural lacks a form its grammar needs;
 * - a section is in no namespace, or in a file other than its namespace's (app/i18n/namespaces.ts).
 * Keys built at run time (t(`error.${kind}.title`)) cannot be read from the code; the lexer's warnings list them.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as parser from "i18next-parser";
import { languages, type Messages } from "../app/i18n/index";
import { compareWithEnglish, keyForms, misplacedSections } from "../app/i18n/keys";
import { namespaces } from "../app/i18n/namespaces";

// The lexer is exported but missing from the package's type declarations.
type Lexer = {
  extract(content: string, filename: string): { key: string }[];
  on(event: "warning", listener: (message: string) => void): void;
};
const { JsxLexer } = parser as unknown as { JsxLexer: new (options: { functions: string[] }) => Lexer };

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("+") ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

export function checkLocales({ appDir, localesDir }: { appDir: string; localesDir: string }) {
  const read = (lang: string, ns: string): Messages => {
    const file = path.join(localesDir, lang, `${ns}.json`);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  };
  const files = Object.fromEntries(
    languages.map((lang) => [lang, Object.fromEntries(namespaces.map((ns) => [ns, read(lang, ns)]))]),
  ) as Record<string, Record<string, Messages>>;

  const problems: string[] = [];
  for (const lang of languages) problems.push(...misplacedSections(files[lang]).map((p) => `${lang}: ${p}`));
  for (const lang of languages.filter((l) => l !== "en")) {
    for (const ns of namespaces)
      problems.push(...compareWithEnglish(lang, files.en[ns], files[lang][ns], `${ns}.json`));
  }

  // Every key the code names, read with i18next-parser's lexer (the one its CLI uses for .ts and .tsx).
  const english = keyForms(Object.assign({}, ...namespaces.map((ns) => files.en[ns])));
  const lexer = new JsxLexer({ functions: ["t"] });
  const dynamic: string[] = [];
  lexer.on("warning", (message) => dynamic.push(message));
  let used = 0;
  for (const file of sourceFiles(appDir)) {
    const relative = path.relative(path.dirname(appDir), file);
    for (const { key } of lexer.extract(fs.readFileSync(file, "utf8"), file)) {
      used++;
      if (!english.has(key)) problems.push(`${relative}: t("${key}"), but English has no ${key}`);
    }
  }
  return { problems, used, englishKeys: english.size, dynamic };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(import.meta.dirname, "..");
  const result = checkLocales({ appDir: path.join(root, "app"), localesDir: path.join(root, "public/locales") });
  if (process.argv.includes("--verbose")) for (const message of result.dynamic) console.log(`(not checked) ${message}`);
  for (const problem of result.problems) console.error(problem);
  console.log(
    `i18n check: ${result.used} keys used in app/, ${result.englishKeys} English keys in ${namespaces.length} ` +
      `namespaces, ${result.dynamic.length} built at run time (--verbose lists them); ${result.problems.length} problems`,
  );
  process.exit(result.problems.length ? 1 : 0);
}
