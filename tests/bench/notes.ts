/**
 * Session mode autosave (issue 9's goal: note_save_p95_ms < 50 ms with 20 facilitators typing at once). Twenty
 * facilitators, each signed in (a staff session written the way the app stores it: only the id's hash) and running
 * their own group's session, each autosaving after a random 250–750 ms pause (twice a second on average, more often
 * than the screen's 700 ms pause after typing lets anyone save), never in step with one another. Every request is a real POST /staff/sessions/:id/notes: the role check, the facilitator check, the
 * note parsed and upserted by its browser id and rev, one shared commit at synchronous=FULL. Each facilitator starts a
 * new note every ten saves, so inserts and updates are both measured.
 *
 * In run.ts: measureNoteSaves({ origin, db }) once the server runs.
 */
import crypto from "node:crypto";
import http from "node:http";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import { type LoadFigures, percentile } from "./load";

export const NOTES = { facilitators: 20, savesPerSecond: 2, saves: 600, goalP95: 50 };

const WORDS =
  "buses stop too early in the villages and a free pass for under nineteens would help most people said the underpass feels unsafe after dark".split(
    " ",
  );

type Desk = { cookie: string; sessionId: number; questionId: number; saves: number };

/** Twenty officers, each the facilitator of a group with a session of one agenda question today. */
function makeDesks(db: Database.Database): Desk[] {
  const now = new Date();
  const desks: Desk[] = [];
  db.transaction(() => {
    for (let i = 0; i < NOTES.facilitators; i++) {
      const tag = crypto.randomBytes(5).toString("hex");
      const staffId = Number(
        db
          .prepare("insert into staff_users (email, name, password_hash, role) values (?, ?, 'bench', 'officer')")
          .run(`bench-${tag}@bench.test`, `Bench Facilitator ${i + 1}`).lastInsertRowid,
      );
      const sessionCookie = crypto.randomBytes(32).toString("base64url");
      db.prepare("insert into staff_sessions (id_hash, staff_id, created_at, expires_at) values (?, ?, ?, ?)").run(
        crypto.createHash("sha256").update(sessionCookie).digest("hex"),
        staffId,
        now.toISOString(),
        new Date(now.getTime() + 86400_000).toISOString(),
      );
      const code = crypto.randomBytes(8).toString("hex").toUpperCase().slice(0, 10);
      const groupId = Number(
        db
          .prepare(
            "insert into groups (name, kind, audience, join_code, facilitator_id, status) values (?, 'forum', 'young_people', ?, ?, 'open')",
          )
          .run(`Bench forum ${tag}`, code, staffId).lastInsertRowid,
      );
      const sessionId = Number(
        db
          .prepare(
            "insert into group_sessions (title, starts_at, ends_at, place, status, created_at) values (?, ?, ?, 'Hall', 'published', ?)",
          )
          .run(
            `Bench session ${tag}`,
            now.toISOString(),
            new Date(now.getTime() + 7200_000).toISOString(),
            now.toISOString(),
          ).lastInsertRowid,
      );
      db.prepare("insert into session_groups (session_id, group_id) values (?, ?)").run(sessionId, groupId);
      const questionId = Number(
        db
          .prepare("insert into agenda_questions (session_id, position, text) values (?, 1, 'What should change?')")
          .run(sessionId).lastInsertRowid,
      );
      desks.push({ cookie: `sb_staff=${sessionCookie}`, sessionId, questionId, saves: 0 });
    }
  })();
  return desks;
}

export async function measureNoteSaves(opts: { origin: string; db: Database.Database }) {
  const desks = makeDesks(opts.db);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let bad = 0;
  const perDesk = Math.ceil(NOTES.saves / NOTES.facilitators);
  const agent = new http.Agent({ keepAlive: true, maxSockets: NOTES.facilitators });
  const url = new URL(opts.origin);
  // Each facilitator on their own: a pause in typing (the screen saves 700 ms after the last key; here a random
  // 250–750 ms, so 2 saves a second on average, never in step with the others), then the save.
  const rng = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const started = performance.now();
  await Promise.all(
    desks.map(async (desk, d) => {
      const random = rng(d + 1);
      for (let i = 1; i <= perDesk; i++) {
        await new Promise((r) => setTimeout(r, 250 + random() * 500));
        desk.saves = i;
        const note = Math.floor((i - 1) / 10);
        const body = new URLSearchParams({
          agendaQuestionId: String(desk.questionId),
          clientId: `bench-${desk.sessionId}-${note}`,
          rev: String(i),
          body: WORDS.slice(0, 3 + ((i - 1) % 10) * 2).join(" "),
          marker: "",
          fromFlipchart: "",
        }).toString();
        const t0 = performance.now();
        const status = await new Promise<number | string>((resolve) => {
          const req = http.request(
            {
              host: url.hostname,
              port: url.port,
              path: `/staff/sessions/${desk.sessionId}/notes`,
              method: "POST",
              agent,
              timeout: 10_000,
              headers: {
                Origin: opts.origin,
                Cookie: desk.cookie,
                Accept: "application/json",
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": String(Buffer.byteLength(body)),
              },
            },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            },
          );
          req.on("timeout", () => req.destroy(new Error("timeout")));
          req.on("error", (error) => resolve(error.message));
          req.end(body);
        });
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 200) ok++;
        else bad++;
      }
    }),
  );
  agent.destroy();
  const took = (performance.now() - started) / 1000;
  const figures: LoadFigures = {
    requests: ok + bad,
    ok,
    errors: bad,
    statuses,
    seconds: took,
    rps: ok / took,
    p95: percentile(latencies, 95),
    latencies,
  };
  // Every save arrived: one note per ten saves per facilitator, each at its last rev.
  const notes = opts.db
    .prepare(`select count(*) as n from session_notes where session_id in (${desks.map((d) => d.sessionId).join(",")})`)
    .get() as { n: number };
  return {
    note_save_p95_ms: Math.round(figures.p95 * 10) / 10,
    note_save_errors: figures.errors,
    notes: notes.n,
    figures,
  };
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
    const result = await measureNoteSaves({ origin: server.origin, db });
    const f = result.figures;
    console.log(
      `note autosave (${NOTES.facilitators} facilitators): ${f.requests} saves, ${Math.round(f.rps)} req/s, p95 ${result.note_save_p95_ms} ms, ${result.note_save_errors} errors, ${result.notes} notes (${JSON.stringify(f.statuses)})`,
    );
    console.log(JSON.stringify({ note_save_p95_ms: result.note_save_p95_ms }));
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
