import i18next, { type i18n, type Resource } from "i18next";

export const languages = ["en", "pl", "ar"] as const;
export type Lang = (typeof languages)[number];

export const languageNames: Record<Lang, string> = { en: "English", pl: "Polski", ar: "العربية" };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function dirOf(lang: Lang): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

export type Messages = Record<string, unknown>;

const cache = new Map<string, i18n>();

/**
 * One i18next instance per language, created once and reused: each is initialised synchronously with its
 * resources and never changes language, so requests can share it (a new instance per request costs ~0.4 ms).
 */
export function getI18n(lang: Lang, messages: Messages, fallback?: Messages): i18n {
  const existing = cache.get(lang);
  if (existing) return existing;
  const resources: Resource = { [lang]: { common: messages } };
  if (fallback && lang !== "en") resources.en = { common: fallback };
  const instance = i18next.createInstance();
  instance.init({
    lng: lang,
    fallbackLng: "en",
    ns: ["common"],
    defaultNS: "common",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  cache.set(lang, instance);
  return instance;
}
