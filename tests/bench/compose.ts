/**
 * Composing at national scale (issue 11): the compose page of a summary, for scopes from one term in one place to five
 * years of everything, over 1,000,000 contributions (tests/bench/seed-inbox.ts), and the streamed CSV of every
 * contribution in the widest scope. `measureComposeAtScale(root)` returns compose_p95_ms and csv_rows_per_s;
 * run alone with `npx tsx tests/bench/compose.ts [contributions]`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SummaryScopeStored } from "../../app/models/summaries/types";
import { openDatabase } from "./drafts";
import { startHealthProber } from "./import-health";
import { percentile } from "./load";
import { cookiesOf, freePort, seededDatabase, startServer } from "./server";

export const COMPOSE = {
  contributions: 1_000_000,
  seconds: 20,
  goalP95: 300,
  goalCsvRowsPerS: 200_000,
  // Issue 12: no request holds the event loop for more than 100 ms, the compose page's and the CSV's included.
  goalHealthMaxMs: 100,
  healthEveryMs: 10,
};

export type ComposeFigures = {
  compose_p95_ms: number;
  /** the first open of each scope, before anything was kept: every figure counted */
  compose_first_open_p95_ms: number;
  csv_rows_per_s: number;
  compose_errors: number;
  healthz_during_compose_max_ms: number;
  healthz_during_staff_crawl_max_ms: number;
  lines: string[];
};

const DAY = 86400_000;

/** Summaries of many shapes, written straight into the bench database: their compose pages are what is timed. */
export function addSummaries(databasePath: string) {
  const db = openDatabase(databasePath);
  try {
    const outcomes = (
      db
        .prepare("select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 order by o.position")
        .all() as {
        id: number;
      }[]
    ).map((r) => r.id);
    const priorities = (db.prepare("select id from priorities order by id limit 3").all() as { id: number }[]).map(
      (r) => r.id,
    );
    const localities = (db.prepare("select id from localities order by id").all() as { id: number }[]).map((r) => r.id);
    const staff = db.prepare("select id from staff_users where role = 'officer' limit 1").get() as { id: number };
    const now = Date.now();
    const periods = [
      { from: now - 120 * DAY, to: now }, // a term
      { from: now - 365 * DAY, to: now }, // a year
      { from: now - 5 * 365 * DAY, to: now + DAY }, // everything
    ];
    const insert = db.prepare(
      `insert into summaries (title, period_from, period_to, outcome_ids, scope, key_message, status, created_by, created_at)
       values (?, ?, ?, ?, ?, '', 'draft', ?, ?)`,
    );
    const addSummary = (title: string, scope: SummaryScopeStored) =>
      Number(
        insert.run(
          title,
          scope.from,
          scope.to,
          JSON.stringify(scope.outcomeIds),
          JSON.stringify(scope),
          staff.id,
          new Date().toISOString(),
        ).lastInsertRowid,
      );
    const ids: { id: number; wide: boolean }[] = [];
    let n = 0;
    for (const p of periods)
      for (const shape of ["one", "all", "place", "priority", "young"] as const) {
        const scope = {
          from: new Date(p.from).toISOString(),
          to: new Date(p.to).toISOString(),
          outcomeIds: shape === "all" ? outcomes : [outcomes[n % outcomes.length]],
          priorityIds: shape === "priority" ? priorities : [],
          sources: [],
          audiences: shape === "young" ? ["young_people"] : [],
          ageBands: [],
          localityIds: shape === "place" ? [localities[n % localities.length]] : [],
          groupIds: [],
        };
        n++;
        const id = addSummary(`Bench ${shape} ${n}`, scope);
        ids.push({ id, wide: shape === "all" && p === periods[2] });
      }
    // Opened first and timed apart: the first compose page after the server started waits for the worker's index of
    // contributions (built at start, a chunk at a time).
    const warmId = addSummary("Bench first page after start", {
      from: new Date(now - 7 * DAY).toISOString(),
      to: new Date(now).toISOString(),
      outcomeIds: [outcomes[0]],
      priorityIds: [],
      sources: [],
      audiences: [],
      ageBands: [],
      localityIds: [],
      groupIds: [],
    });
    return { ids, warmId };
  } finally {
    db.close();
  }
}

/**
 * Issue 12 over the whole staff side: every page an officer can reach from /staff by links (downloads and sign-out
 * left out; at most three addresses of each shape, ids counted as one shape), opened one after another on the
 * database of 1,000,000 contributions while /healthz is asked every 10 ms. Gives the slowest pages and the worst wait.
 */
export async function crawlStaffPages(origin: string, cookie: string) {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = ["/staff"];
  const times: { path: string; ms: number }[] = [];
  let errors = 0;
  const prober = await startHealthProber(origin, COMPOSE.healthEveryMs);
  while (queue.length && times.length < 250) {
    const path = queue.shift() as string;
    const t0 = performance.now();
    const res = await fetch(origin + path, { headers: { Cookie: cookie }, redirect: "manual" });
    const html = await res.text();
    times.push({ path, ms: performance.now() - t0 });
    if (res.status >= 500) errors++;
    if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
    for (const [, href] of html.matchAll(/href="(\/staff[^"#]*)"/g)) {
      const next = href.replaceAll("&amp;", "&");
      if (/sign-out|\.csv|\/draft\/|\/download|\.txt|\/session$/.test(next) || seen.has(next)) continue;
      const shape = next.replace(/\d+/g, ":n").replace(/\?.*$/, "?");
      if ((shapes.get(shape) ?? 0) >= 3) continue;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      seen.add(next);
      queue.push(next);
    }
  }
  const health = await prober.stop();
  return {
    pages: times.length,
    errors,
    slowest: [...times].sort((a, b) => b.ms - a.ms).slice(0, 3),
    healthWorst: health.worst,
  };
}

export async function measureComposeAtScale(
  root: string,
  contributions = COMPOSE.contributions,
): Promise<ComposeFigures> {
  const lines: string[] = [];
  // COMPOSE_DB=<file>: the seeded database is kept there and copied on later runs (seeding 1,000,000 takes minutes).
  const kept = process.env.COMPOSE_DB ? path.resolve(process.env.COMPOSE_DB) : null;
  const reuse = kept !== null && fs.existsSync(kept);
  const { dir, databasePath } = reuse
    ? (() => {
        const d = fs.mkdtempSync(path.join(os.tmpdir(), "sounding-board-bench-"));
        fs.copyFileSync(kept, path.join(d, "bench.db"));
        return { dir: d, databasePath: path.join(d, "bench.db") };
      })()
    : seededDatabase(root);
  try {
    if (reuse) lines.push(`compose bench: reusing the database seeded in ${kept}`);
    else {
      const seed = spawnSync("npx", ["tsx", "tests/bench/seed-inbox.ts", String(contributions)], {
        cwd: root,
        env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "production" },
        encoding: "utf8",
        maxBuffer: 1 << 24,
      });
      if (seed.status !== 0) throw new Error(`seeding the compose bench failed:\n${seed.stderr}`);
      lines.push(`compose bench: ${seed.stderr.split("\n").find((l) => l.startsWith("seeded")) ?? ""}`);
      // The seed closed its connection, so the file holds everything (no WAL left to copy).
      if (kept) fs.copyFileSync(databasePath, kept);
    }
    const { ids: summaries, warmId } = addSummaries(databasePath);
    const server = await startServer(root, databasePath, await freePort());
    const latencies: number[] = [];
    const firstOpens: number[] = [];
    const afterWrites: number[] = [];
    let errors = 0;
    let rows = 0;
    let csvMs = 0;
    let healthMax = 0;
    let healthProbes = 0;
    let crawl = { pages: 0, errors: 0, slowest: [] as { path: string; ms: number }[], healthWorst: 0 };
    try {
      const res = await fetch(`${server.origin}/staff/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "officer@demo.test", password: "sounding-board-demo" }),
      });
      const cookie = cookiesOf(res);
      if (!cookie) throw new Error(`signing in answered ${res.status}`);
      const get = async (p: string) => {
        const t = performance.now();
        const r = await fetch(server.origin + p, { headers: { Cookie: cookie }, redirect: "manual" });
        const body = await r.text();
        return { ms: performance.now() - t, status: r.status, body };
      };
      const afterStart = await get(`/staff/summaries/${warmId}`);
      if (afterStart.status !== 200) errors++;
      lines.push(
        `compose page, the first after the server started (it waits for the index of contributions each worker builds at start; the server was started ${((performance.now() - server.startedAt) / 1000).toFixed(1)} s before this page was answered): ${afterStart.ms.toFixed(0)} ms`,
      );
      // Each page opened once with nothing counted before (this warms the disk cache too), timed apart: the first open
      // counts the scope; later opens read the figures kept (figure_cache) until anything they count changes.
      for (const s of summaries) {
        const r = await get(`/staff/summaries/${s.id}`);
        firstOpens.push(r.ms);
        if (r.status !== 200) errors++;
      }
      // While the pages are counted and the CSV streams, /healthz is asked every 10 ms from another thread: its worst
      // wait is the longest any other request was held up.
      const prober = await startHealthProber(server.origin, COMPOSE.healthEveryMs);
      const until = performance.now() + COMPOSE.seconds * 1000;
      // Every scope is timed at least once, however slow: otherwise a slow page keeps the five-year ones out of the p95.
      for (let i = 0; performance.now() < until || i < summaries.length; i++) {
        const r = await get(`/staff/summaries/${summaries[i % summaries.length].id}`);
        latencies.push(r.ms);
        if (r.status !== 200) errors++;
      }
      // Then as in a working day: answers approved, tagged and themed while officers compose (each write empties what
      // was kept), and every scope opened once after each such write, counted again.
      const writer = openDatabase(databasePath);
      try {
        for (let round = 0; round < 2; round++) {
          writer
            .prepare(
              `update contributions set moderation_state = 'approved' where id in
                 (select id from contributions where moderation_state = 'pending' order by id limit 25)`,
            )
            .run();
          for (const s of summaries) {
            const r = await get(`/staff/summaries/${s.id}`);
            afterWrites.push(r.ms);
            if (r.status !== 200) errors++;
          }
        }
      } finally {
        writer.close();
      }
      const composing = await prober.stop();
      const built = /figure index: \d+ contributions in \d+ ms/.exec(server.log());
      if (built) lines.push(`the worker's ${built[0]} (at start, a chunk at a time, other tasks answered between)`);
      const wide = summaries.find((s) => s.wide) ?? summaries[0];
      const csvProber = await startHealthProber(server.origin, COMPOSE.healthEveryMs);
      // Read as a browser saves a download: chunk by chunk (gzip, as it offers), lines counted, nothing kept whole.
      const download = async () => {
        const t0 = performance.now();
        const res = await fetch(`${server.origin}/staff/summaries/${wide.id}/contributions.csv`, {
          headers: { Cookie: cookie },
          redirect: "manual",
        });
        let lineEnds = 0;
        if (res.status !== 200 || !res.body) errors++;
        else
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
            for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lineEnds++;
        return { rows: lineEnds - 1, ms: performance.now() - t0 }; // less the header
      };
      // once to warm the disk cache, as the pages were; then timed
      const cold = await download();
      const warm = await download();
      rows = warm.rows;
      csvMs = warm.ms;
      lines.push(
        `contributions CSV, first download: ${cold.rows.toLocaleString("en-GB")} rows in ${(cold.ms / 1000).toFixed(2)} s`,
      );
      const streaming = await csvProber.stop();
      healthMax = Math.round(Math.max(composing.worst, streaming.worst) * 10) / 10;
      healthProbes = composing.probes + streaming.probes;
      lines.push(
        `/healthz: worst ${composing.worst.toFixed(1)} ms while pages were counted, ${streaming.worst.toFixed(1)} ms while the CSV streamed`,
      );
      crawl = await crawlStaffPages(server.origin, cookie);
      lines.push(
        `every staff page an officer can reach (${crawl.pages} pages, ${crawl.errors} errors): slowest ${crawl.slowest.map((p) => `${p.path} ${p.ms.toFixed(0)} ms`).join(", ")}; /healthz meanwhile worst ${crawl.healthWorst.toFixed(1)} ms`,
      );
      errors += crawl.errors;
    } finally {
      await server.stop();
    }
    const p95 = percentile(latencies, 95);
    const rate = rows / (csvMs / 1000);
    lines.push(
      `compose page, first open of each of ${summaries.length} scopes (a term to five years; one outcome to all; a place, priorities, young people; every figure counted): p50 ${percentile(firstOpens, 50).toFixed(1)} ms, p95 ${percentile(firstOpens, 95).toFixed(1)} ms, slowest ${Math.max(...firstOpens).toFixed(1)} ms`,
      `compose page, each scope opened again after 25 answers were approved (twice; every figure counted again): p50 ${percentile(afterWrites, 50).toFixed(1)} ms, p95 ${percentile(afterWrites, 95).toFixed(1)} ms, slowest ${Math.max(...afterWrites).toFixed(1)} ms`,
      `compose page, opened again and again while nothing counted changed (${latencies.length} pages): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${errors} errors`,
      `contributions CSV of the widest scope: ${rows.toLocaleString("en-GB")} rows in ${(csvMs / 1000).toFixed(2)} s, ${Math.round(rate).toLocaleString("en-GB")} rows/s`,
      `/healthz meanwhile (every ${COMPOSE.healthEveryMs} ms, ${healthProbes} answers): worst wait ${healthMax} ms`,
    );
    return {
      compose_p95_ms: p95,
      // every open that counted its scope: the first of each, and each after a write
      compose_first_open_p95_ms: Math.round(percentile([...firstOpens, ...afterWrites], 95) * 10) / 10,
      csv_rows_per_s: Math.round(rate),
      compose_errors: errors,
      healthz_during_compose_max_ms: healthMax,
      healthz_during_staff_crawl_max_ms: Math.round(crawl.healthWorst * 10) / 10,
      lines,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  measureComposeAtScale(root, Number(process.argv[2] ?? COMPOSE.contributions)).then((f) => {
    for (const l of f.lines) console.log(l);
    console.log(
      JSON.stringify({
        compose_p95_ms: f.compose_p95_ms,
        compose_first_open_p95_ms: f.compose_first_open_p95_ms,
        csv_rows_per_s: f.csv_rows_per_s,
        healthz_during_compose_max_ms: f.healthz_during_compose_max_ms,
        healthz_during_staff_crawl_max_ms: f.healthz_during_staff_crawl_max_ms,
      }),
    );
  });
}
