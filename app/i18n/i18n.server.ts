import { createHash } from "node:crypto";
import i18next from "i18next";
import { readCookie } from "~/utils/http";
import arCommon from "../../public/locales/ar/common.json";
import arParticipant from "../../public/locales/ar/participant.json";
import arStaff from "../../public/locales/ar/staff.json";
import enCommon from "../../public/locales/en/common.json";
import enParticipant from "../../public/locales/en/participant.json";
import enStaff from "../../public/locales/en/staff.json";
import plCommon from "../../public/locales/pl/common.json";
import plParticipant from "../../public/locales/pl/participant.json";
import plStaff from "../../public/locales/pl/staff.json";
import { addFormatters, baseOptions, isLang, type Lang, languages, type Messages, type TFunction } from "./index";
import type { Namespace } from "./namespaces";
import { setServerStrings, stringsKey } from "./react";

export const resources: Record<Lang, Record<Namespace, Messages>> = {
  en: { common: enCommon, participant: enParticipant, staff: enStaff },
  pl: { common: plCommon, participant: plParticipant, staff: plStaff },
  ar: { common: arCommon, participant: arParticipant, staff: arStaff },
};

// One instance for the life of the process, holding every language: a request only picks its language's
// fixed `t` (no instance, clone or init per request).
const i18n = i18next.createInstance();
i18n.init({ ...baseOptions, lng: "en", fallbackLng: "en", resources });
addFormatters(i18n);
const fixed = Object.fromEntries(languages.map((lang) => [lang, i18n.getFixedT(lang)])) as unknown as Record<
  Lang,
  TFunction
>;

export const LANG_COOKIE = "sb_lang";

/** The language from the cookie set by the language switch, else the browser's preference, else English. */
export function getLang(request: Request): Lang {
  const chosen = readCookie(request, LANG_COOKIE);
  if (chosen && isLang(chosen)) return chosen;
  const accept = request.headers.get("accept-language") ?? "";
  for (const part of accept.split(",")) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLang(code)) return code;
  }
  return "en";
}

/** A loader's or action's `t`, in the request's language, with English for any key that language lacks. */
export function getT(langOrRequest: Lang | Request): TFunction {
  return fixed[typeof langOrRequest === "string" ? langOrRequest : getLang(langOrRequest)];
}

/** The strings a page needs, in its language only: sent once in the root loader's data. */
export function pageResources(lang: Lang, needed: readonly Namespace[]) {
  return Object.fromEntries(needed.map((ns) => [ns, resources[lang][ns]])) as Partial<Record<Namespace, Messages>>;
}

const resourcesJson = new Map<string, string>();

/**
 * The same, as one JSON string, made once per language and set: the root loader sends the page its strings as a string,
 * not as an object of thousands of keys that React Router's encoder walks for every request (a staff page's strings are
 * about 190 KB; walking them was a sixth of the main thread's time on the moderation queue).
 */
export function pageResourcesJson(lang: Lang, needed: readonly Namespace[]) {
  const key = `${lang}:${needed.join(",")}`;
  let json = resourcesJson.get(key);
  if (json === undefined) {
    json = JSON.stringify(pageResources(lang, needed));
    resourcesJson.set(key, json);
  }
  return json;
}

// Pages rendered here read their strings from this process's copy, whether or not the page is sent them.
setServerStrings(pageResourcesJson);

type StringsFile = { file: string; body: string };
const stringsFiles = new Map<string, StringsFile>();

/**
 * A set of strings as a script the browser keeps: a staff page (its strings are about 190 KB) names this file rather
 * than carrying the strings in every page and every answer to a form, so the server neither writes nor sends them each
 * time, and an officer's browser fetches them once per language and release. The file's name holds a hash of its
 * content, so a changed string is a new file.
 */
export function stringsFile(lang: Lang, needed: readonly Namespace[]): StringsFile {
  const key = stringsKey(lang, needed);
  let file = stringsFiles.get(key);
  if (!file) {
    const json = pageResourcesJson(lang, needed);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 16);
    file = {
      file: `${lang}.${[...needed].sort().join("-")}.${hash}.js`,
      body: `(self.__sbStrings=self.__sbStrings||{})[${JSON.stringify(key)}]=${JSON.stringify(json)};\n`,
    };
    stringsFiles.set(key, file);
  }
  return file;
}

/** The file of that name, if it is one this release makes (every language's staff set). */
export function stringsFileNamed(name: string, staffNamespaces: readonly Namespace[]): StringsFile | undefined {
  return languages.map((lang) => stringsFile(lang, staffNamespaces)).find((f) => f.file === name);
}
