type Localizable = { translations?: Record<string, Record<string, string>> } & Record<string, unknown>;

/**
 * The text of `field` in `lang`, at the easy-read level when asked and available.
 * Falls back to English; `fallback` says so, so the page can show a notice.
 */
export function localize(entity: Localizable, field: string, lang: string, easy = false) {
  const easyField = `easy${field[0].toUpperCase()}${field.slice(1)}`;
  const tr = lang === "en" ? undefined : entity.translations?.[lang];
  if (easy) {
    const inLang = tr?.[easyField];
    if (inLang) return { text: inLang, fallback: false };
    const en = entity[easyField];
    if (typeof en === "string" && en && lang === "en") return { text: en, fallback: false };
    if (typeof en === "string" && en && !tr?.[field]) return { text: en, fallback: true };
  }
  const inLang = tr?.[field];
  if (inLang) return { text: inLang, fallback: false };
  const en = entity[field];
  return { text: typeof en === "string" ? en : "", fallback: lang !== "en" && typeof en === "string" && en !== "" };
}

/** The lang attribute for a text that fell back to English on a page in another language (WCAG 3.1.2). */
export function langOf(fallback: boolean) {
  return fallback ? "en" : undefined;
}
