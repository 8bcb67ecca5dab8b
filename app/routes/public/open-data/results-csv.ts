import { openResults, resultsCsv, toCsv } from "~/models/open-data.server";
import type { Route } from "./+types/results-csv";
import { csvFile, notFoundMessage } from "./respond.server";

export async function loader({ params }: Route.LoaderArgs) {
  const results = openResults(params.slug);
  if (!results) return csvFile(toCsv([["error"], [notFoundMessage]]), "not-found.csv", 404);
  return csvFile(resultsCsv(results), `${results.slug}-results.csv`);
}
