import { createContext, useContext } from "react";
import type { TFunction } from "./translator";

type I18n = { t: TFunction; lang: string };

const I18nContext = createContext<I18n>({ t: (key) => key, lang: "en" });

export function I18nProvider({ value, children }: { value: I18n; children: React.ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The page's translator and language: `const { t } = useTranslation()`. */
export function useTranslation() {
  return useContext(I18nContext);
}
