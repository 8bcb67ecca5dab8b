import { getT } from "~/i18n/i18n.server";
import { isProduction } from "~/utils/env.server";
import { readCookie, serializeCookie } from "~/utils/http";
import { RateLimiter } from "~/utils/rate-limit.server";

// The words are handed from "Get a pass" to the page that shows them once, in a cookie sent only to /pass pages, for
// ten minutes at most; that page clears it as it shows them. (Not path=/pass/words: with JavaScript the page's data
// comes from /pass/words.data, which that path would not match.)
const WORDS_COOKIE = "sb_pass_words";
const WORDS_PATH = "/pass";

export function wordsCookie(words: string[]) {
  return serializeCookie(WORDS_COOKIE, words.join("-"), { maxAge: 600, secure: isProduction, path: WORDS_PATH });
}

export function readWordsCookie(request: Request) {
  const value = readCookie(request, WORDS_COOKIE);
  if (!value || !/^[a-z]+(-[a-z]+){3}$/.test(value)) return null;
  return value.split("-");
}

export function clearWordsCookie() {
  return serializeCookie(WORDS_COOKIE, "", { maxAge: 0, secure: isProduction, path: WORDS_PATH });
}

// Per address, on top of the per-nickname slowdown in the database: a school shares one address, so this is generous.
const perAddress = new RateLimiter(60, 15 * 60_000);
// Making passes costs a hash each: a class may make thirty at once, a script may not make thousands.
const creations = new RateLimiter(100, 15 * 60_000);

export function addressMayTry(ip: string | undefined) {
  const key = ip ?? "unknown";
  if (perAddress.isBlocked(key))
    return { ok: false as const, minutes: Math.ceil(perAddress.retryAfterSeconds(key) / 60) };
  return { ok: true as const };
}

export function countFailedTry(ip: string | undefined) {
  perAddress.hit(ip ?? "unknown");
}

export function mayCreatePass(ip: string | undefined) {
  return creations.hit(ip ?? "unknown");
}

export function tooManyMessage(request: Request, minutes: number) {
  return getT(request)("pass.signIn.error.wait", { count: Math.max(1, minutes) });
}
