import { requirePermission } from "~/auth/session.server";
import { contributionsCsvStream, getSummary } from "~/models/summaries.server";
import type { Route } from "./+types/contributions-csv";

/** Every contribution in the summary's scope, streamed as CSV (masked words only). */
export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const id = Number(params.id);
  const summary = Number.isInteger(id) ? getSummary(id) : null;
  if (!summary) throw new Response("Not found", { status: 404 });
  return new Response(contributionsCsvStream(summary.scope), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="summary-${id}-contributions.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
