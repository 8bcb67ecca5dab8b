import { redirect } from "react-router";
import { isLang } from "~/i18n";
import { LANG_COOKIE } from "~/i18n/i18n.server";
import { isProduction } from "~/utils/env.server";
import { safeBack, serializeCookie } from "~/utils/http";
import type { Route } from "./+types/language";

/** The language switch: a plain link, so it works without JavaScript. Remembers the choice for a year. */
export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  const back = safeBack(url.searchParams.get("back"));
  if (!isLang(to)) return redirect(back);
  return redirect(back, {
    headers: { "Set-Cookie": serializeCookie(LANG_COOKIE, to, { maxAge: 365 * 24 * 3600, secure: isProduction }) },
  });
}
