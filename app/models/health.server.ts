import { sql } from "drizzle-orm";
import { getDb } from "~db/client";
import { auditLog } from "~db/schema";

export function databaseAnswers() {
  try {
    return getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}

/** One single-row insert, for the benchmark floor. */
export function recordBenchFloorWrite() {
  getDb().insert(auditLog).values({ action: "bench_floor" }).run();
}
