import { parse as parseCookie, serialize } from "cookie";

/** A redirect target that stays on this site: a path starting with one "/". */
export function safeBack(value: string | null | undefined, fallback = "/") {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines from a URL ("/\t/evil.example" becomes "//evil.example"), and a header cannot hold
  // them: any control character or backslash, and it is not ours.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
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

/** "gzip" offered and not refused with q=0. */
export function acceptsGzip(header: string | null) {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}
