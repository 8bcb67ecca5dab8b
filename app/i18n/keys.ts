/** Reading locale files key by key, for the locale check and its tests (never shipped to a browser). */
import type { Messages } from "./index";
import { namespaceOf, namespaces } from "./namespaces";

const PLURAL = /_(zero|one|two|few|many|other)$/;

export function flatKeys(tree: Messages, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [full] : flatKeys(value, full);
  });
}

/** Each key without its plural suffix, with the plural forms it has (empty for a plain key). */
export function keyForms(tree: Messages) {
  const forms = new Map<string, Set<string>>();
  for (const key of flatKeys(tree)) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const set = forms.get(base) ?? new Set<string>();
    if (match) set.add(match[1]);
    forms.set(base, set);
  }
  return forms;
}

/** The plural forms a language needs: what Intl says, and `zero` is always allowed (i18next uses it for 0). */
const needed = (lang: string) => new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

/**
 * What is wrong with one namespace file of `lang` next to English's: keys English has that it lacks (or the
 * reverse), and plural keys without every form the language's grammar needs.
 */
export function compareWithEnglish(lang: string, en: Messages, other: Messages, where: string): string[] {
  const problems: string[] = [];
  const enForms = keyForms(en);
  const forms = keyForms(other);
  for (const key of enForms.keys()) if (!forms.has(key)) problems.push(`${where}: ${lang} lacks ${key}`);
  for (const [key, have] of forms) {
    const enHave = enForms.get(key);
    if (!enHave) {
      problems.push(`${where}: ${lang} has ${key}, which English lacks`);
      continue;
    }
    if ((enHave.size === 0) !== (have.size === 0)) {
      problems.push(`${where}: ${key} is plural in one language only`);
      continue;
    }
    if (have.size === 0) continue;
    const missing = needed(lang).filter((form) => !have.has(form));
    if (missing.length) problems.push(`${where}: ${lang} ${key} lacks plural forms ${missing.join(", ")}`);
  }
  return problems;
}

/** Sections that are in no namespace, in a file other than their namespace's, or in two files. */
export function misplacedSections(files: Record<string, Messages>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const ns of namespaces) {
    for (const section of Object.keys(files[ns] ?? {})) {
      const home = namespaceOf(section);
      if (!home) problems.push(`section ${section} (in ${ns}.json) is in no namespace list in app/i18n/namespaces.ts`);
      else if (home !== ns) problems.push(`section ${section} is in ${ns}.json but belongs in ${home}.json`);
      if (seen.has(section)) problems.push(`section ${section} is in both ${seen.get(section)}.json and ${ns}.json`);
      seen.set(section, ns);
    }
  }
  return problems;
}
