import type { InitOptions } from "i18next";
import { defaultNS, fallbackNS, namespaces } from "./namespaces";

export const languages = ["en", "pl", "ar"] as const;
export type Lang = (typeof languages)[number];

/** A locale file's contents: nested sections of strings in i18next's JSON v4 format (`key_one`, `key_few`…). */
export type Messages = { [key: string]: string | Messages };
export type TValues = Record<string, string | number | Date | null | undefined>;
/** What `getT(request)` and `useTranslation().t` give: i18next's `t`, typed for our untyped keys. */
export type TFunction = (key: string, values?: TValues) => string;

export const languageNames: Record<Lang, string> = { en: "English", pl: "Polski", ar: "العربية" };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function dirOf(lang: Lang): "ltr" | "rtl" {
  return lang === "ar" ? "rtl" : "ltr";
}

/**
 * The locale Intl formats with: British English for the county ("22 November 2026"), and Arabic pages show the
 * same 0–9 digits as the rest of the service.
 */
export const intlLocale = (lang: string) => (lang === "en" ? "en-GB" : lang === "ar" ? "ar-u-nu-latn" : lang);

/** Settings shared by the server's instance and the browser's. */
export const baseOptions = {
  supportedLngs: languages,
  ns: namespaces,
  defaultNS,
  fallbackNS,
  // Keys are never natural text, and a ":" in one must not be read as a namespace.
  nsSeparator: false,
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
} satisfies InitOptions;

type Formatter = { add(name: string, fc: (value: unknown, lng: string | undefined) => string): void };

/** "2026-11-19" (a day) or a full ISO time, as a Date; a day is read at noon so no time zone moves it. */
const toDate = (value: unknown) =>
  value instanceof Date
    ? value
    : new Date(typeof value === "string" && value.length === 10 ? `${value}T12:00:00Z` : String(value));

// One Intl object per language and format, made on first use. The formats take no inline options: i18next mixes
// the values given to t() into a formatter's options, so a value named `day` or `style` would change the format.
function perLanguage<F>(make: (locale: string) => F) {
  const cache = new Map<string, F>();
  return (lng: string | undefined) => {
    const key = lng ?? "en";
    let f = cache.get(key);
    if (!f) {
      f = make(intlLocale(key));
      cache.set(key, f);
    }
    return f;
  };
}

const LONDON = "Europe/London";

/**
 * `{{n, number}}`, `{{day, date}}` ("22 November 2026") and `{{at, datetime}}` through Intl, dates always in the
 * county's time zone, so a date reads the same on the server, in any browser and in a paper.
 */
export function addFormatters(i18n: { services: { formatter?: Formatter } }) {
  const formatter = i18n.services.formatter;
  if (!formatter) return;
  const numbers = perLanguage((locale) => new Intl.NumberFormat(locale));
  const days = perLanguage(
    (locale) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: LONDON }),
  );
  const times = perLanguage(
    (locale) =>
      new Intl.DateTimeFormat(locale, {
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: LONDON,
      }),
  );
  formatter.add("number", (value, lng) => numbers(lng).format(Number(value)));
  formatter.add("date", (value, lng) => days(lng).format(toDate(value)));
  formatter.add("datetime", (value, lng) => times(lng).format(toDate(value)));
}
