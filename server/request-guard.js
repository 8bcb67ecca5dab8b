// Bad requests stop here with a 4xx page in the person's language, before React Router or any action reads them:
// a method no page takes (405), a body that is not a form (415), a body with no stated length (411) or over the
// route's limit (413), and an address whose percent-encoding is broken (400).
import fs from "node:fs";
import { parse as parseCookie } from "cookie";

/** The only methods a page here answers. Everything that changes something is a POST from a form. */
const METHODS = new Set(["GET", "HEAD", "POST"]);

/** What a form sends. Nothing in the product posts JSON or text: a body of another type is not ours. */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * Body limits per route, in bytes. A participant's form (one answer, a thread message) needs kilobytes; staff forms carry
 * lists (a bulk tag's ids, a plan); the CSV import carries a file of up to 5 MB (the import's own limit, with room for
 * the multipart wrapping). The first matching rule wins.
 */
export const BODY_LIMITS = [
  { test: /^\/staff\/consultations\/[^/]+\/import(?:\.data)?$/, bytes: 6 * 1024 * 1024 },
  { test: /^\/staff(?:\/|\.data$|$)/, bytes: 512 * 1024 },
  { test: /.*/, bytes: 64 * 1024 },
];

export function bodyLimit(path) {
  return BODY_LIMITS.find((rule) => rule.test.test(path))?.bytes ?? 64 * 1024;
}

const messages = Object.fromEntries(
  ["en", "pl", "ar"].map((lang) => [
    lang,
    JSON.parse(fs.readFileSync(new URL(`../public/locales/${lang}/common.json`, import.meta.url), "utf8")).error,
  ]),
);

function languageOf(req) {
  // parseCookie keeps a malformed value as written; it never throws on a lone "%".
  const lang = parseCookie(req.get("cookie") ?? "").sb_lang;
  return lang === "pl" || lang === "ar" ? lang : "en";
}

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** A small page, complete on its own: the app's stylesheet is not needed to read one heading and one sentence. */
export function refuse(req, res, status, key, headers = {}) {
  const lang = languageOf(req);
  const { title, body } = messages[lang][key];
  const home = messages[lang].home;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("Cache-Control", "no-store");
  // The body is never read, so the connection cannot be reused for the next request: say so.
  res.setHeader("Connection", "close");
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
        `<style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;color:#1b1b1b}` +
        `a{color:#1d4f91}a:focus{outline:3px solid #1d4f91;outline-offset:2px}</style></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(home)}</a></p>` +
        `</main></body></html>`,
    );
}

/** True when every %-escape in the raw address decodes (a lone "%" or "%zz" does not). */
function wellEncoded(url) {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

export function requestGuard(req, res, next) {
  if (!METHODS.has(req.method)) return refuse(req, res, 405, "methodNotAllowed", { Allow: "GET, HEAD, POST" });
  // Control characters can never be part of one of our addresses (browsers strip tabs and newlines themselves).
  if (!wellEncoded(req.originalUrl) || /%(?:0[0-9a-f]|1[0-9a-f]|7f)/i.test(req.originalUrl))
    return refuse(req, res, 400, "badAddress");
  if (req.method !== "POST") return next();
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type))
    return refuse(req, res, 415, "unsupportedType", { "Accept-Post": [...FORM_TYPES].join(", ") });
  const length = req.get("content-length");
  if (length === undefined) return refuse(req, res, 411, "lengthRequired");
  if (!/^\d+$/.test(length)) return refuse(req, res, 400, "badAddress");
  if (Number(length) > bodyLimit(req.path)) return refuse(req, res, 413, "tooLarge");
  next();
}
