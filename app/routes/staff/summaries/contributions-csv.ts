import { requirePermission } from "~/auth/session.server";
import { getSummary } from "~/models/summaries.server";
import { acceptsGzip } from "~/utils/http";
import { offLoopStream } from "~/utils/off-loop.server";
import type { Route } from "./+types/contributions-csv";

/** Every contribution in the summary's scope, streamed as CSV (masked words only), read in a worker thread. */
export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const id = Number(params.id);
  const summary = Number.isInteger(id) ? getSummary(id) : null;
  if (!summary) throw new Response("Not found", { status: 404 });
  // Gzipped in the worker when the browser takes gzip: the compression middleware leaves an encoded body alone.
  const gzip = acceptsGzip(request.headers.get("accept-encoding"));
  return new Response(offLoopStream("contributionsCsv", summary.scope, gzip), {
    headers: {
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      Vary: "Accept-Encoding",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="summary-${id}-contributions.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
