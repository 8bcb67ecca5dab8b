import { data } from "react-router";
import { recordBenchFloorWrite } from "~/models/health.server";
import type { Route } from "./+types/floor";

/**
 * The floor `npm run bench` measures beside real routes: the same server and middleware, one single-row
 * insert, nothing else. It exists only when the server is started with BENCH_FLOOR=1.
 */
export async function action() {
  if (process.env.BENCH_FLOOR !== "1") throw data(null, { status: 404 });
  recordBenchFloorWrite();
  return new Response("ok", { headers: { "Content-Type": "text/plain" } });
}

export async function loader(_: Route.LoaderArgs) {
  throw data(null, { status: 404 });
}
