import i18next, { type i18n as I18n } from "i18next";
import { createContext, useContext, useMemo } from "react";
import { I18nextProvider, useTranslation as useI18next } from "react-i18next";
import { addFormatters, baseOptions, type Lang, type Messages, type TFunction } from "./index";
import type { Namespace } from "./namespaces";

// One instance per language and set of namespaces, made the first time such a page renders and kept: the browser
// only ever has the page's language (the switch reloads the page), and the server is sent the same bundles every
// time. Keeping the sets apart means a participant page renders on the server with exactly the strings its browser
// has, so a staff key used there shows the same way in both (and never as a hydration mismatch).
const instances = new Map<string, I18n>();

/** Names a language and set of namespaces: the instance kept for them, and their strings sent as a file. */
export function stringsKey(lang: Lang, namespaces: readonly Namespace[]) {
  return `${lang}:${[...namespaces].sort().join(",")}`;
}

/** Strings sent as a file (staff pages): `/i18n/…js` puts each set here, under its stringsKey, before the app starts. */
type StringsGlobal = { __sbStrings?: Record<string, string> };
/** Where the server reads a set's strings from (i18n.server.ts sets it): the page is rendered with them, not sent them. */
let serverStrings: ((lang: Lang, namespaces: readonly Namespace[]) => string) | null = null;
export function setServerStrings(source: (lang: Lang, namespaces: readonly Namespace[]) => string) {
  serverStrings = source;
}

/**
 * Before a page whose strings come as a file is shown after a navigation in the browser (from the participant area
 * into the staff area): loads the file once. A file that does not load leaves the keys showing rather than stopping
 * the page.
 */
export function loadStrings(url: string, lang: Lang, namespaces: readonly Namespace[]) {
  if ((globalThis as StringsGlobal).__sbStrings?.[stringsKey(lang, namespaces)]) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => resolve();
    document.head.append(script);
  });
}

function instanceFor(lang: Lang, namespaces: readonly Namespace[], sent: string | null) {
  const key = stringsKey(lang, namespaces);
  let i18n = instances.get(key);
  if (!i18n) {
    const strings =
      sent ?? (serverStrings ? serverStrings(lang, namespaces) : (globalThis as StringsGlobal).__sbStrings?.[key]);
    const resources = JSON.parse(strings ?? "{}") as Partial<Record<Namespace, Messages>>;
    i18n = i18next.createInstance();
    // The page is sent its own language only, so there is no other to fall back to here; the locale check keeps
    // pl and ar complete, and a server-made string (getT) falls back to English.
    i18n.init({
      ...baseOptions,
      lng: lang,
      fallbackLng: false,
      resources: { [lang]: resources },
      react: { useSuspense: false },
    });
    addFormatters(i18n);
    // Kept only when it has its strings: a file still to load gets its own instance once it has.
    if (strings !== undefined) instances.set(key, i18n);
  }
  return i18n;
}

type PageI18n = { t: TFunction; lang: Lang };
const PageI18nContext = createContext<PageI18n | null>(null);

/**
 * Gives the page i18next with the namespaces the root loader sent (participant pages never get `staff`).
 * react-i18next binds the instance to React once, here; every component reads the page's `t` (the instance's own) and
 * language from one context. Calling react-i18next's hook in each component copied the instance's properties and made
 * a fixed `t` for every component that asked: a tenth of the main thread's time on the moderation queue.
 */
export function I18nProvider({
  lang,
  namespaces,
  strings,
  children,
}: {
  lang: Lang;
  namespaces: readonly Namespace[];
  /**
   * the namespaces' strings as JSON (read once per language and set: the instance is kept); null when they come as a
   * file (`/i18n/…js`, staff pages), which the server renders from its own copy
   */
  strings: string | null;
  children?: React.ReactNode;
}) {
  return (
    <I18nextProvider i18n={instanceFor(lang, namespaces, strings)}>
      <PageTranslation>{children}</PageTranslation>
    </I18nextProvider>
  );
}

function PageTranslation({ children }: { children?: React.ReactNode }) {
  const { i18n } = useI18next();
  const language = i18n.language as Lang;
  const value = useMemo(() => ({ t: i18n.t.bind(i18n) as unknown as TFunction, lang: language }), [i18n, language]);
  return <PageI18nContext.Provider value={value}>{children}</PageI18nContext.Provider>;
}

/** The page's translator and language: `const { t, lang } = useTranslation()`. */
export function useTranslation(): PageI18n {
  const page = useContext(PageI18nContext);
  if (!page) throw new Error("useTranslation outside I18nProvider");
  return page;
}
