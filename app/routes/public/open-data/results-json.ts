import { openResults } from "~/models/open-data.server";
import type { Route } from "./+types/results-json";
import { jsonFile, notFoundMessage } from "./respond.server";

export async function loader({ params }: Route.LoaderArgs) {
  const results = openResults(params.slug);
  if (!results) return jsonFile({ error: notFoundMessage }, 404);
  return jsonFile({ licence: "Open Government Licence v3.0", ...results });
}
