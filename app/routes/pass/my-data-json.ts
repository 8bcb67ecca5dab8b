import { data } from "react-router";
import { exportPassData } from "~/models/passes/holder.server";
import { requirePass } from "~/models/passes/session.server";
import type { Route } from "./+types/my-data-json";

export async function loader({ request }: Route.LoaderArgs) {
  const pass = requirePass(request);
  const exported = exportPassData(pass.id);
  if (!exported) throw data(null, { status: 404 });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-sounding-board-data.json"',
      "Cache-Control": "no-store",
    },
  });
}
