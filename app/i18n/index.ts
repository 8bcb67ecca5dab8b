import { createTranslator, type Messages, type TFunction } from "./translator";

export const languages = ["en", "pl", "ar"] as const;
export type Lang = (typeof languages)[number];
export type { Messages, TFunction };

export const languageNames: Record<Lang, string> = { en: "English", pl: "Polski", ar: "العربية" };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function dirOf(lang: Lang): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

const cache = new Map<string, TFunction>();

/**
 * One translator per language, made once and reused (in the browser there is only the page's language).
 * Messages are the same object for a language for the life of the process, so caching by language is safe.
 */
export function translatorFor(lang: Lang, messages: Messages, fallback?: Messages): TFunction {
  let t = cache.get(lang);
  if (!t) {
    t = createTranslator(lang, messages, fallback);
    cache.set(lang, t);
  }
  return t;
}
