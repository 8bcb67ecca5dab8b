import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/results-json";
import { jsonFile, notFoundMessage } from "./respond.server";

export async function loader({ params }: Route.LoaderArgs) {
  // counted in a worker thread when not kept from the last 5 seconds (a few hundred ms with 100,000 answers)
  const results = await offLoop("openResults", params.slug);
  if (!results) return jsonFile({ error: notFoundMessage }, 404);
  return jsonFile({ licence: "Open Government Licence v3.0", ...results });
}
