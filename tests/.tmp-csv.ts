import { sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { getDb } from "~db/client";
import { contentWhere } from "~/models/summaries/content.server";
import { contributionsCsvStream } from "~/models/summaries.server";
const db = getDb();
const outcomes = db.all<{id:number}>(sql`select id from outcomes`).map(r=>r.id);
const now = Date.now();
const scope:any = { from: new Date(now-5*365*86400e3).toISOString(), to: new Date(now+86400e3).toISOString(), outcomeIds: outcomes, priorityIds: [], sources: [], audiences: [], ageBands: [], localityIds: [], groupIds: [] };
const q = new SQLiteSyncDialect().sqlToQuery(sql`select "contributions"."id", "contributions"."created_at", "contributions"."source", "contributions"."kind",
      "contributions"."audience", "contributions"."age_band", "contributions"."locality_id",
      "contributions"."question_id", "contributions"."value_int", "contributions"."masked_body"
    from "contributions" where ${contentWhere(scope)} order by "contributions"."created_at", "contributions"."id"`);
let t = performance.now(); let n = 0;
for (const r of db.$client.prepare(q.sql).raw(true).iterate(...(q.params as any[]))) n++;
console.log("query only", n, (performance.now()-t).toFixed(0), "ms");
console.log(db.$client.prepare("explain query plan " + q.sql).all(...(q.params as any[])));
t = performance.now(); let bytes = 0;
const reader = contributionsCsvStream(scope).getReader();
for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.length; }
console.log("stream", bytes, (performance.now()-t).toFixed(0), "ms");
