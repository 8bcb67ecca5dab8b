/**
 * Times each query of the compose page's content for the bench's scope shapes, on an already seeded database:
 * `DATABASE_PATH=… npx tsx tests/bench/compose-profile.ts [plan]` (plan: also print EXPLAIN QUERY PLAN).
 */
import { type SQL, sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { getT } from "~/i18n/i18n.server";
import { computeSummaryContent } from "~/models/summaries/content.server";
import { quoteCandidates } from "~/models/summaries.server";
import { openDatabase } from "~db/client";

const DAY = 86400_000;
const db = openDatabase(process.env.DATABASE_PATH);
const plan = process.argv[2] === "plan";
const dialect = new SQLiteSyncDialect();
let cpuTotal = 0;
const timed = {
  all<T>(q: SQL): T[] {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const rows = db.all<T>(q);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    cpuTotal += (cpu.user + cpu.system) / 1000;
    const text = dialect.sqlToQuery(q).sql.replace(/\s+/g, " ");
    if (ms > 5)
      console.log(
        `  ${ms.toFixed(1).padStart(8)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)})  ${rows.length} rows  ${text.slice(0, 100)}`,
      );
    if (plan && ms > 5) {
      const query = dialect.sqlToQuery(q);
      for (const r of db.$client.prepare(`explain query plan ${query.sql}`).all(...(query.params as unknown[])) as {
        detail: string;
      }[])
        console.log(`             ${r.detail}`);
    }
    return rows;
  },
};
const outcomes = (
  db.$client
    .prepare("select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 order by o.position")
    .all() as { id: number }[]
).map((r) => r.id);
const priorities = (db.$client.prepare("select id from priorities order by id limit 3").all() as { id: number }[]).map(
  (r) => r.id,
);
const localities = (db.$client.prepare("select id from localities order by id").all() as { id: number }[]).map(
  (r) => r.id,
);
const now = Date.now();
const periods = [
  { name: "term", from: now - 120 * DAY, to: now },
  { name: "year", from: now - 365 * DAY, to: now },
  { name: "5y", from: now - 5 * 365 * DAY, to: now + DAY },
];
const t = getT("en");
let n = 0;
const only = process.env.ONLY;
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
    if (only && `${p.name}-${shape}` !== only) continue;
    console.log(`${p.name} ${shape}`);
    const t0 = performance.now();
    cpuTotal = 0;
    computeSummaryContent({ summaryId: 1, version: 1, title: "x", scope }, t, timed);
    quoteCandidates(scope, 20, timed);
    console.log(`  total ${(performance.now() - t0).toFixed(1)} ms, cpu in queries ${cpuTotal.toFixed(1)} ms`);
  }
void sql;
