import { resultsCsv, toCsv } from "~/models/open-data.server";
import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/results-csv";
import { csvFile, notFoundMessage } from "./respond.server";

export async function loader({ params }: Route.LoaderArgs) {
  // counted in a worker thread when not kept from the last 5 seconds (a few hundred ms with 100,000 answers)
  const results = await offLoop("openResults", params.slug);
  if (!results) return csvFile(toCsv([["error"], [notFoundMessage]]), "not-found.csv", 404);
  return csvFile(resultsCsv(results), `${results.slug}-results.csv`);
}
