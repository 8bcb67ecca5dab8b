/**
 * Asking a question (issue 8's goal: p95 < 100 ms at 50 concurrent): every request is a real POST /ask from a signed-in
 * pass, through the app's whole path: the pass session, the daily limit, the safeguarding check on the words, and the
 * thread and its contribution written for moderation. Passes and their sessions are written straight into the bench
 * database the way the app stores them (only the session id's hash): making 600 through "Get a pass" would measure
 * argon2id instead. Each pass asks at most its daily limit, so nothing is refused with a 429.
 *
 * In run.ts: measureAsk({ origin, db }) once the server runs.
 * Alone: `npx react-router build && npx tsx tests/bench/ask.ts` seeds, serves and prints the figures.
 */
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type Database from "better-sqlite3";
import { type LoadFigures, percentile } from "./load";

export const ASK = { connections: 50, passes: 600, perPass: 5, goalP95: 100 };

const QUESTIONS = [
  "Why did the 42 bus stop running after 5pm on weekdays?",
  "Can the youth club in Ashcombe open on Sunday afternoons as well?",
  "When will the skate park ramps be mended? They have been fenced off for months.",
  "Could there be more places to sit and do homework in the library after school?",
  "Why do school dinners cost more this year and can free ones go to more people?",
  "How do I join the Youth Council if I live in a village with no bus?",
];

/** Passes with live sessions, as the app stores them; returns the cookie values. */
function makePasses(db: Database.Database, count: number) {
  const now = new Date();
  const insertPass = db.prepare(
    "insert into passes (nickname, nickname_key, secret_hash, age_band, is_parent, created_at) values (?, ?, 'bench-placeholder', '12_15', 0, ?)",
  );
  const insertSession = db.prepare(
    "insert into pass_sessions (id_hash, pass_id, created_at, expires_at) values (?, ?, ?, ?)",
  );
  const cookies: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const nickname = `Bench Otter ${crypto.randomBytes(6).toString("hex")}`;
      const id = Number(insertPass.run(nickname, nickname.toLowerCase(), now.toISOString()).lastInsertRowid);
      const sessionId = crypto.randomBytes(32).toString("base64url");
      insertSession.run(
        crypto.createHash("sha256").update(sessionId).digest("hex"),
        id,
        now.toISOString(),
        new Date(now.getTime() + 86400_000).toISOString(),
      );
      cookies.push(`sb_pass=${sessionId}`);
    }
  })();
  return cookies;
}

export async function measureAsk(opts: { origin: string; db: Database.Database }) {
  const cookies = makePasses(opts.db, ASK.passes);
  const total = ASK.passes * ASK.perPass;
  // A short warm-up on the first passes' first question, then the measured run on everything else.
  const warm = await askLoop(opts.origin, cookies.slice(0, 50), 50);
  const figures = await askLoop(opts.origin, cookies, total - 50, 50);
  return {
    ask_p95_ms: Math.round(figures.p95 * 10) / 10,
    ask_errors: figures.errors + warm.errors,
    figures,
  };
}

/** `amount` questions from the passes in turn, each pass at most ASK.perPass times in all (counting `skip` already sent). */
function askLoop(origin: string, cookies: string[], amount: number, skip = 0): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let bad = 0;
  let next = skip;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: ASK.connections,
        amount,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path: "/ask",
            setupRequest: (req) => {
              const n = next++;
              const body = new URLSearchParams({
                question: `${QUESTIONS[n % QUESTIONS.length]} (${n})`,
                outcome: "",
                consultation: "",
              }).toString();
              return {
                ...req,
                headers: {
                  Origin: origin,
                  Cookie: cookies[n % cookies.length],
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
              if (status === 302 && location && /\/pass\/questions\/\d+\?sent=question$/.test(location)) ok++;
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
  const fs = await import("node:fs");
  const { freePort, seededDatabase, startServer } = await import("./server");
  const { openDatabase } = await import("./drafts");
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const { dir, databasePath } = seededDatabase(root);
  const server = await startServer(root, databasePath, await freePort());
  const db = openDatabase(databasePath);
  try {
    const result = await measureAsk({ origin: server.origin, db });
    const f = result.figures;
    console.log(
      `ask POST /ask (${ASK.connections} connections): ${f.requests} questions, ${Math.round(f.rps)} req/s, p95 ${result.ask_p95_ms} ms, ${result.ask_errors} errors (${JSON.stringify(f.statuses)})`,
    );
    console.log(JSON.stringify({ ask_p95_ms: result.ask_p95_ms }));
  } finally {
    db.close();
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
