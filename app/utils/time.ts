export function nowIso() {
  return new Date().toISOString();
}

/** "2026-11-22" in the county's own time zone, for dates shown to people. */
export function formatDate(iso: string | null | undefined, lang: string) {
  if (!iso) return "";
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return new Intl.DateTimeFormat(lang === "ar" ? "ar-u-nu-latn" : lang, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(date);
}
