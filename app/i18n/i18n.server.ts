import ar from "../../public/locales/ar/common.json";
import en from "../../public/locales/en/common.json";
import pl from "../../public/locales/pl/common.json";
import { isLang, type Lang, languages, type Messages, translatorFor } from "./index";

export const messages: Record<Lang, Messages> = { en, pl, ar } as Record<Lang, Messages>;

export const LANG_COOKIE = "sb_lang";

/** The language from the cookie set by the language switch, else the browser's preference, else English. */
export function getLang(request: Request): Lang {
  const cookie = request.headers.get("cookie") ?? "";
  const match = /(?:^|;\s*)sb_lang=([a-z]{2})/.exec(cookie);
  if (match && isLang(match[1])) return match[1];
  const accept = request.headers.get("accept-language") ?? "";
  for (const part of accept.split(",")) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLang(code)) return code;
  }
  return "en";
}

export function getT(langOrRequest: Lang | Request) {
  const lang = typeof langOrRequest === "string" ? langOrRequest : getLang(langOrRequest);
  return translatorFor(lang, messages[lang], messages.en);
}

for (const lang of languages) getT(lang);
