import { parse as parseCookie, serialize } from "cookie";

/** A redirect target that stays on this site: a path starting with one "/". */
export function safeBack(value: string | null | undefined, fallback = "/") {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** One cookie's value, read with a maintained parser: a malformed value (a lone "%") is kept as written, never a 500. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  return parseCookie(header)[name];
}

export function serializeCookie(
  name: string,
  value: string,
  opts: { maxAge?: number; httpOnly?: boolean; secure?: boolean; path?: string } = {},
) {
  return serialize(name, value, {
    path: opts.path ?? "/",
    sameSite: "lax",
    maxAge: opts.maxAge,
    httpOnly: opts.httpOnly !== false,
    secure: opts.secure,
  });
}
