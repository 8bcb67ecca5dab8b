/**
 * Run by tests/bench/inbox.ts on the 1,000,000-contribution database: trains the suggestion model as the server does,
 * then times suggestions for one contribution at a time (200 of them, p95), and one bulk action that tags 10,000
 * contributions (with a record each). Prints one JSON line.
 */

import { bulkTag } from "~/models/inbox.server";
import { suggestTags, trainNow } from "~/models/suggest.server";
import { getDb } from "~db/client";
import { percentile } from "./load";

const db = getDb();
const t0 = performance.now();
const documents = trainNow();
const train_ms = Math.round(performance.now() - t0);

const sample = db.all<{ id: number; text: string }>(
  // biome-ignore lint/suspicious/noExplicitAny: a raw statement on the bench's own database
  (await import("drizzle-orm"))
    .sql`select id, masked_body as text from contributions where kind = 'text' and moderation_state = 'approved' and id % 4999 = 0 limit 200` as any,
);
const times: number[] = [];
for (const row of sample) {
  const t = performance.now();
  suggestTags([{ id: row.id, text: row.text, exclude: [] }]);
  times.push(performance.now() - t);
}
const suggest_ms = Math.round(percentile(times, 95) * 100) / 100;

// 10,000 approved contributions that do not yet carry the last outcome: a bulk action's selection.
const [{ id: outcomeId }] = db.all<{ id: number }>(
  (await import("drizzle-orm"))
    .sql`select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 order by o.position desc limit 1`,
);
const ids = db
  .all<{ id: number }>(
    (await import("drizzle-orm"))
      .sql`select c.id from contributions c where c.kind = 'text' and c.moderation_state = 'approved' and not exists (select 1 from contribution_tags t where t.contribution_id = c.id and t.outcome_id = ${outcomeId}) order by c.id desc limit 10000`,
  )
  .map((r) => r.id);
const [{ id: staffId }] = db.all<{ id: number }>(
  (await import("drizzle-orm")).sql`select id from staff_users where role = 'officer' limit 1`,
);
const t1 = performance.now();
const result = bulkTag({ staffId, target: { ids }, tag: { outcomeId, priorityId: null } });
const bulk_tag_10k_ms = Math.round(performance.now() - t1);
if (ids.length !== 10_000 || result.tagged !== 10_000) throw new Error(`bulk tagged ${result.tagged} of ${ids.length}`);
console.log(JSON.stringify({ suggest_ms, train_ms, documents, bulk_tag_10k_ms, bulk_tagged: result.tagged }));
process.exit(0);
