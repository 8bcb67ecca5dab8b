/**
 * Issue 11's open-data goal: a results file p95 < 100 ms. GETs the results JSON of the consultation with the most
 * responses (found from the open-data files themselves) from 10 keep-alive connections for 5 s.
 * In run.ts: `await measureOpenData({ origin })` against the running demo server.
 * Alone: `ORIGIN=http://localhost:3340 npx tsx tests/bench/open-data.ts` against a server already running.
 */
import { fileURLToPath } from "node:url";
import { closedLoop } from "./load";

export const OPEN_DATA = { connections: 10, seconds: 5, goalP95: 100 };

/** The published consultation with the most responses; a suppressed count (1–4) ranks below any shown one. */
async function largestSlug(origin: string) {
  const list = (await (await fetch(`${origin}/open-data/consultations.json`)).json()) as {
    consultations: { slug: string }[];
  };
  let best: { slug: string; responses: number } | null = null;
  for (const { slug } of list.consultations) {
    const r = (await (await fetch(`${origin}/open-data/consultations/${slug}/results.json`)).json()) as {
      responses: { count: number | null };
    };
    const responses = r.responses.count ?? 0;
    if (!best || responses > best.responses) best = { slug, responses };
  }
  if (!best) throw new Error("no published consultation to measure");
  return best;
}

export async function measureOpenData({ origin }: { origin: string }) {
  const { slug, responses } = await largestSlug(origin);
  const run = {
    origin,
    path: `/open-data/consultations/${slug}/results.json`,
    connections: OPEN_DATA.connections,
    method: "GET" as const,
    accept: (status: number) => status === 200,
  };
  await closedLoop({ ...run, seconds: 1 });
  const figures = await closedLoop({ ...run, seconds: OPEN_DATA.seconds });
  return {
    open_data_p95_ms: Math.round(figures.p95 * 10) / 10,
    open_data_rps: Math.round(figures.rps),
    open_data_errors: figures.errors,
    open_data_slug: slug,
    open_data_responses: responses,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const origin = process.env.ORIGIN ?? "http://localhost:3340";
  measureOpenData({ origin }).then((f) => console.log(JSON.stringify(f, null, 2)));
}
