/**
 * Translates keys from our locale JSON files: nested keys ("check.error.missing"), {{name}} interpolation, and
 * plurals chosen with the platform's Intl.PluralRules using i18next's suffixes (key_one, key_few, key_other…),
 * so the files stay in the common i18next JSON format. The same function runs on the server and in the browser.
 */
export type Messages = { [key: string]: string | Messages };
export type TValues = Record<string, string | number | null | undefined>;
export type TFunction = (key: string, values?: TValues) => string;

function lookup(messages: Messages | undefined, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (!node || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

const rulesCache = new Map<string, Intl.PluralRules>();

export function createTranslator(lang: string, messages: Messages, fallback?: Messages): TFunction {
  let rules = rulesCache.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    rulesCache.set(lang, rules);
  }
  const pluralRules = rules;
  const find = (key: string) => lookup(messages, key) ?? lookup(fallback, key);
  return (key, values) => {
    let text: string | undefined;
    const count = values?.count;
    if (typeof count === "number") {
      text =
        (count === 0 ? find(`${key}_zero`) : undefined) ??
        find(`${key}_${pluralRules.select(count)}`) ??
        find(`${key}_other`);
    }
    text ??= find(key);
    if (text === undefined) return key;
    if (!values) return text;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => {
      const value = values[name];
      return value === undefined || value === null ? match : String(value);
    });
  };
}
