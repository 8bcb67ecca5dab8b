import i18next, { type i18n as I18n } from "i18next";
import { I18nextProvider, useTranslation as useI18next } from "react-i18next";
import { addFormatters, baseOptions, type Lang, type Messages, type TFunction } from "./index";
import type { Namespace } from "./namespaces";

// One instance per language and set of namespaces, made the first time such a page renders and kept: the browser
// only ever has the page's language (the switch reloads the page), and the server is sent the same bundles every
// time. Keeping the sets apart means a participant page renders on the server with exactly the strings its browser
// has, so a staff key used there shows the same way in both (and never as a hydration mismatch).
const instances = new Map<string, I18n>();

function instanceFor(lang: Lang, resources: Partial<Record<Namespace, Messages>>) {
  const key = `${lang}:${Object.keys(resources).sort().join(",")}`;
  let i18n = instances.get(key);
  if (!i18n) {
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
    instances.set(key, i18n);
  }
  return i18n;
}

/** Gives the page i18next with the namespaces the root loader sent (participant pages never get `staff`). */
export function I18nProvider({
  lang,
  resources,
  children,
}: {
  lang: Lang;
  resources: Partial<Record<Namespace, Messages>>;
  children?: React.ReactNode;
}) {
  return <I18nextProvider i18n={instanceFor(lang, resources)}>{children}</I18nextProvider>;
}

/** The page's translator and language: `const { t, lang } = useTranslation()`. */
export function useTranslation(): { t: TFunction; lang: Lang } {
  const { t, i18n } = useI18next();
  return { t: t as unknown as TFunction, lang: i18n.language as Lang };
}
