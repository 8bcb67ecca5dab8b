/**
 * Signing in with a pass (issue 8's goal: p95 < 250 ms at 10 concurrent, argon2id verify included): passes are made
 * through the app's own "Get a pass" form, then 10 connections sign in with their nicknames and words for a few
 * seconds, each request a real argon2id check that succeeds and starts a session.
 *
 * In run.ts: measurePassSignIn({ origin }) once the server runs.
 * Alone: `npx react-router build && npx tsx tests/bench/pass-sign-in.ts` seeds, serves and prints the figures.
 */
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { type LoadFigures, percentile } from "./load";

export const PASS_SIGN_IN = { passes: 20, connections: 10, seconds: 8, goalP95: 250 };

type Credentials = { nickname: string; words: string };

/** Makes a pass as a person does (POST /pass/new), and reads its nickname and words from what the app hands back. */
async function makePass(origin: string): Promise<Credentials> {
  const made = await fetch(`${origin}/pass/new`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ age: "12_15" }),
  });
  const cookies = made.headers.getSetCookie().map((c) => c.split(";")[0]);
  const session = cookies.find((c) => c.startsWith("sb_pass="));
  const words = cookies.find((c) => c.startsWith("sb_pass_words="))?.split("=")[1];
  if (made.status !== 302 || !session || !words) throw new Error(`POST /pass/new answered ${made.status}`);
  const page = await (await fetch(`${origin}/pass`, { headers: { Cookie: session } })).text();
  const nickname = /class="pass-nickname"><span lang="en" dir="ltr">([^<]+)</.exec(page)?.[1];
  if (!nickname) throw new Error("the pass page did not show a nickname");
  return { nickname, words: words.split("-").join(" ") };
}

export async function measurePassSignIn(opts: { origin: string }) {
  const passes: Credentials[] = [];
  for (let i = 0; i < PASS_SIGN_IN.passes; i++) passes.push(await makePass(opts.origin));
  const run = (seconds: number) => signInLoop(opts.origin, passes, seconds);
  await run(1);
  const figures = await run(PASS_SIGN_IN.seconds);
  return { pass_sign_in_p95_ms: Math.round(figures.p95 * 10) / 10, pass_sign_in_errors: figures.errors, figures };
}

function signInLoop(origin: string, passes: Credentials[], seconds: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let bad = 0;
  let next = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: PASS_SIGN_IN.connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path: "/pass/sign-in",
            setupRequest: (req) => {
              const pass = passes[next++ % passes.length];
              const body = new URLSearchParams({ nickname: pass.nickname, words: pass.words }).toString();
              return {
                ...req,
                headers: {
                  Origin: origin,
                  "Content-Type": "application/x-www-form-urlencoded",
                  "Content-Length": String(Buffer.byteLength(body)),
                },
                body,
              };
            },
            onResponse: (status, _body, _context, headers) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              const found = Object.entries(headers as Record<string, string | string[]>).find(
                ([k]) => k.toLowerCase() === "location",
              )?.[1];
              const location = Array.isArray(found) ? found[0] : found;
              if (status === 302 && location?.endsWith("/pass")) ok++;
              else bad++;
            },
          },
        ],
      },
      (error) => {
        if (error) return reject(error);
        const took = (performance.now() - started) / 1000;
        resolve({
          requests: ok + bad,
          ok,
          errors: bad,
          statuses,
          seconds: took,
          rps: ok / took,
          p95: percentile(latencies, 95),
          latencies,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
    instance.on("reqError", (error: Error) => {
      bad++;
      statuses[error.message || "socket error"] = (statuses[error.message || "socket error"] ?? 0) + 1;
    });
  });
}

async function main() {
  const path = await import("node:path");
  const { freePort, seededDatabase, startServer } = await import("./server");
  const fs = await import("node:fs");
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const { dir, databasePath } = seededDatabase(root);
  const server = await startServer(root, databasePath, await freePort());
  try {
    const result = await measurePassSignIn({ origin: server.origin });
    const f = result.figures;
    console.log(
      `pass sign-in POST /pass/sign-in (${PASS_SIGN_IN.connections} connections): ${Math.round(f.rps)} req/s, p95 ${result.pass_sign_in_p95_ms} ms, ${f.errors} errors (${JSON.stringify(f.statuses)})`,
    );
    console.log(JSON.stringify({ pass_sign_in_p95_ms: result.pass_sign_in_p95_ms }));
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
