/**
 * The feedback inbox at national scale (issue 10): a throwaway database with the demo county plus 1,000,000
 * contributions and 3,000,000 tags (tests/bench/seed-inbox.ts), the production build serving it, and:
 *   - inbox_p95_ms: the inbox page (GET /staff/feedback) with filter combinations, one after another from a few
 *     officers at once; inbox_search_p95_ms: the same with words to search for (FTS5);
 *   - tag_toggle_p95_ms: one tag turned on or off by POST /staff/feedback/tag, as the keyboard does;
 *   - suggest_ms and bulk_tag_10k_ms, measured in a process of their own on the same database
 *     (tests/bench/inbox-model.ts): suggestions for one contribution (p95 of 200, after training), and 10,000
 *     contributions tagged in one bulk action.
 * The query plans of the filter combinations are printed by scripts/inbox-plans.ts.
 * Alone: `npx react-router build && npx tsx tests/bench/inbox.ts [contributions]`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { openDatabase } from "./drafts";
import { startHealthProber } from "./import-health";
import { percentile } from "./load";
import { cookiesOf, freePort, seededDatabase, startServer } from "./server";

export const INBOX = {
  contributions: 1_000_000,
  // Two officers working back to back with no pause between pages or keys: more load than a county's whole team
  // working at a person's pace.
  officers: 2,
  seconds: 10,
  goals: { inboxP95: 300, searchP95: 300, toggleP95: 50, suggest: 50, bulk10k: 2000, healthMax: 100 },
  // Issue 12 ("no request holds the event loop for more than 100 ms"): once the two officers are done, one officer
  // pages, searches and tags again, one request at a time, while /healthz is asked this often; its worst wait is the
  // longest one request held the main thread. (With two officers back to back, two pages' rendering can queue.)
  // other request was held up.
  healthEveryMs: 10,
};

type Seeded = {
  consultationId: number;
  groupId: number;
  sessionId: number;
  areaId: number;
  localityId: number;
  outcomeId: number;
  priorityId: number | null;
  themeId: number;
  contributions: number;
  tags: number;
};

/** Filter combinations an officer uses, each as the address the filter form makes. */
export function inboxPaths(s: Seeded) {
  const browse = [
    "",
    "tagged=untagged",
    `audience=parents_carers&area=${s.areaId}&period=this_term&tagged=untagged`,
    `outcome=${s.outcomeId}`,
    `priority=${s.priorityId}`,
    `theme=${s.themeId}&audience=young_people&age=16_19`,
    "source=paper&tagged=untagged",
    "source=session_note",
    `consultation=${s.consultationId}&age=12_15&state=approved`,
    `locality=${s.localityId}&state=pending`,
    `outcome=${s.outcomeId}&tagged=tagged&period=last_school_year`,
    `group=${s.groupId}`,
    `session=${s.sessionId}`,
    "state=hidden&tagged=untagged",
    "source=question&period=this_school_year",
    "page=50",
  ];
  const search = [
    "q=bus",
    "q=camhs+appointment",
    "q=swimming&audience=parents_carers",
    "q=skate&tagged=untagged",
    `q=bullying&area=${s.areaId}&period=this_school_year`,
    "q=youth+club+fridays",
    `q=apprenticeships&outcome=${s.outcomeId}`,
    "q=library&source=question",
  ];
  return {
    browse: browse.map((q) => `/staff/feedback${q ? `?${q}` : ""}`),
    search: search.map((q) => `/staff/feedback?${q}`),
  };
}

/** `officers` connections, each asking for the next path as soon as it has its answer, for `seconds`. */
async function loop(opts: {
  origin: string;
  cookie: string;
  officers: number;
  seconds: number;
  next: (i: number) => { path: string; body?: URLSearchParams };
  ok: (status: number) => boolean;
}) {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const until = performance.now() + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.officers }, async () => {
      while (performance.now() < until) {
        const { path, body } = opts.next(i++);
        const t = performance.now();
        const res = await fetch(opts.origin + path, {
          method: body ? "POST" : "GET",
          redirect: "manual",
          headers: {
            Cookie: opts.cookie,
            ...(body ? { Origin: opts.origin, "Content-Type": "application/x-www-form-urlencoded" } : {}),
          },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (!opts.ok(res.status)) errors++;
      }
    }),
  );
  return { n: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), errors };
}

export type InboxFigures = {
  inbox_p95_ms: number;
  inbox_search_p95_ms: number;
  tag_toggle_p95_ms: number;
  healthz_during_inbox_max_ms: number;
  suggest_ms: number;
  bulk_tag_10k_ms: number;
  inbox_errors: number;
  lines: string[];
};

export async function measureInboxAtScale(root: string, contributions = INBOX.contributions): Promise<InboxFigures> {
  const lines: string[] = [];
  const { dir, databasePath } = seededDatabase(root);
  try {
    const started = performance.now();
    const seed = spawnSync("npx", ["tsx", "tests/bench/seed-inbox.ts", String(contributions)], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "production" },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (seed.status !== 0) throw new Error(`seeding the inbox bench failed:\n${seed.stderr}`);
    const seeded = JSON.parse(seed.stdout.trim().split("\n").pop() ?? "{}") as Seeded;
    lines.push(
      `inbox bench: ${seed.stderr.split("\n").find((l) => l.startsWith("seeded")) ?? ""} (with the demo county: ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    const db = openDatabase(databasePath);
    const approved = (
      db
        .prepare(
          "select id from contributions where kind = 'text' and moderation_state = 'approved' and id % 97 = 0 limit 2000",
        )
        .all() as { id: number }[]
    ).map((r) => r.id);
    const outcomes = (
      db.prepare("select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1").all() as {
        id: number;
      }[]
    ).map((r) => r.id);
    db.close();

    const server = await startServer(root, databasePath, await freePort());
    let browse: Awaited<ReturnType<typeof loop>>;
    let search: Awaited<ReturnType<typeof loop>>;
    let toggle: Awaited<ReturnType<typeof loop>>;
    let health = { worst: 0, probes: 0 };
    try {
      const res = await fetch(`${server.origin}/staff/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "officer@demo.test", password: "sounding-board-demo" }),
      });
      const cookie = cookiesOf(res);
      if (!cookie) throw new Error(`signing in answered ${res.status}`);
      const paths = inboxPaths(seeded);
      const base = { origin: server.origin, cookie, officers: INBOX.officers, ok: (s: number) => s === 200 };
      // Warm: the first page loads the suggestion model (trained once per process) and the page cache.
      await loop({ ...base, seconds: 3, next: (i) => ({ path: [...paths.browse, ...paths.search][i % 24] }) });
      browse = await loop({
        ...base,
        seconds: INBOX.seconds,
        next: (i) => ({ path: paths.browse[i % paths.browse.length] }),
      });
      search = await loop({
        ...base,
        seconds: INBOX.seconds,
        next: (i) => ({ path: paths.search[i % paths.search.length] }),
      });
      toggle = await loop({
        ...base,
        seconds: INBOX.seconds / 2,
        next: (i) => ({
          path: "/staff/feedback/tag",
          body: new URLSearchParams({
            op: "toggle",
            contributionId: String(approved[i % approved.length]),
            outcomeId: String(outcomes[(i * 7) % outcomes.length]),
          }),
        }),
      });
      // One request at a time: what one request holds the main thread for.
      const prober = await startHealthProber(server.origin, INBOX.healthEveryMs);
      const one = { ...base, officers: 1, seconds: INBOX.seconds / 2 };
      await loop({ ...one, next: (i) => ({ path: [...paths.browse, ...paths.search][i % 24] }) });
      await loop({
        ...one,
        next: (i) => ({
          path: "/staff/feedback/tag",
          body: new URLSearchParams({
            op: "toggle",
            contributionId: String(approved[(i * 13) % approved.length]),
            outcomeId: String(outcomes[(i * 3) % outcomes.length]),
          }),
        }),
      });
      health = await prober.stop();
    } finally {
      await server.stop();
    }
    lines.push(
      `inbox GET, ${paths_count(seeded)} filter combinations from ${INBOX.officers} officers: ${browse.n} pages, p50 ${browse.p50.toFixed(1)} ms, p95 ${browse.p95.toFixed(1)} ms, ${browse.errors} errors`,
      `inbox search (FTS5) with filters: ${search.n} pages, p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms, ${search.errors} errors`,
      `tag toggle POST: ${toggle.n} changes, p50 ${toggle.p50.toFixed(1)} ms, p95 ${toggle.p95.toFixed(1)} ms, ${toggle.errors} errors`,
      `/healthz while one officer pages, searches and tags, one request at a time (every ${INBOX.healthEveryMs} ms, ${health.probes} answers): worst wait ${health.worst.toFixed(1)} ms`,
    );

    const model = spawnSync("npx", ["tsx", "tests/bench/inbox-model.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (model.status !== 0) throw new Error(`the model bench failed:\n${model.stderr}`);
    const m = JSON.parse(model.stdout.trim().split("\n").pop() ?? "{}") as {
      suggest_ms: number;
      train_ms: number;
      documents: number;
      bulk_tag_10k_ms: number;
      bulk_tagged: number;
    };
    lines.push(
      `suggestions for one contribution: p95 ${m.suggest_ms} ms over 200 (after training on ${m.documents.toLocaleString("en-GB")} documents in ${m.train_ms} ms)`,
      `bulk tagging 10,000 contributions: ${m.bulk_tag_10k_ms} ms (${m.bulk_tagged.toLocaleString("en-GB")} tagged, with a record each)`,
    );
    const round1 = (n: number) => Math.round(n * 10) / 10;
    return {
      inbox_p95_ms: round1(browse.p95),
      inbox_search_p95_ms: round1(search.p95),
      tag_toggle_p95_ms: round1(toggle.p95),
      healthz_during_inbox_max_ms: round1(health.worst),
      suggest_ms: m.suggest_ms,
      bulk_tag_10k_ms: m.bulk_tag_10k_ms,
      inbox_errors: browse.errors + search.errors + toggle.errors,
      lines,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function paths_count(s: Seeded) {
  return inboxPaths(s).browse.length;
}

async function main() {
  const path = await import("node:path");
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const figures = await measureInboxAtScale(root, Number(process.argv[2] ?? INBOX.contributions));
  for (const l of figures.lines) console.log(l);
  const { lines: _lines, ...summary } = figures;
  console.log(JSON.stringify(summary));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`inbox bench failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
