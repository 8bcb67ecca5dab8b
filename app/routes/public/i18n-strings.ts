import { stringsFileNamed } from "~/i18n/i18n.server";
import { namespacesFor } from "~/i18n/namespaces";
import type { Route } from "./+types/i18n-strings";

/**
 * A staff page's strings as a script (`/i18n/en.common-participant-staff.<hash>.js`, named by the root loader). Its
 * name holds a hash of its content, so the browser keeps it for a year; a name this release does not make is a 404.
 */
export async function loader({ params }: Route.LoaderArgs) {
  const file = stringsFileNamed(params.file, namespacesFor("/staff"));
  if (!file)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
