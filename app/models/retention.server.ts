// How long participants' words are kept. Once a day (and by `npm run retention`, and an admin's "Run now") words older
// than the admin's limit are replaced by RETENTION_TEXT. Rows stay, so every count, chart and summary keeps its
// numbers; quotes already frozen in sent papers (summary_versions, summary_quotes) and published questions stay, as
// they are masked copies. Words under a safeguarding case follow the lead's own rule (kept while the case is open,
// then `safeguardingMonths` after it closed), never the general one. The case itself and the lead's notes on it are the
// lead's own record (migration 0005 lets nothing change them) and are not touched here.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { countyInstant, countyToday } from "~/utils/time";
import { type DB, getDb } from "~db/client";
import { REMOVED_TEXT } from "./passes/holder.server";
import { getSetting, type SettingValue } from "./settings.server";
import { recordAudit } from "./staff.server";

/** What anonymised words read as from then on; not null, so counts of written answers stay exact. */
export const RETENTION_TEXT = "[removed: kept for the agreed time only]";

/** Answers in progress are forgotten four hours after the last one saved (app/utils/receipt.server.ts). */
const DRAFT_HOURS = 4;

/** Rows changed per transaction: each batch stays well under ~100 ms of the event loop, then other requests run. */
export const RETENTION_BATCH = 500;

export type RetentionCounts = {
  /** Answers, questions, replies and session views (contributions) whose words were replaced. */
  contributions: number;
  /** Facilitators' notes of what was said in sessions. */
  sessionNotes: number;
  /** Words under a safeguarding case closed longer ago than the safeguarding limit. */
  safeguardingWords: number;
  /** Answers in progress, older than their own four-hour limit. */
  drafts: number;
  /** Rows of checked import files (paper answers as typed). */
  importFiles: number;
};

export type RetentionTrigger = "daily" | "script" | "admin";

type Params = { cutoff: string | null; sgCutoff: string | null; draftCutoff: string };

function monthsBefore(now: Date, months: number) {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

export function retentionParams(setting: SettingValue<"retention">, now = new Date()): Params {
  return {
    cutoff: setting.freeTextMonths === null ? null : monthsBefore(now, setting.freeTextMonths),
    sgCutoff: setting.safeguardingMonths === null ? null : monthsBefore(now, setting.safeguardingMonths),
    draftCutoff: new Date(now.getTime() - DRAFT_HOURS * 3600_000).toISOString(),
  };
}

const anonymised = `(@marker, @removed)`;
// A case still under the lead's rule: open, or closed more recently than the safeguarding limit (or no limit set).
const caseKept = `(sc.closed_at is null or @sgCutoff is null or sc.closed_at >= @sgCutoff)`;

/** Each category: the rows due now (ids, oldest first), and how one batch of them is anonymised. */
const categories: Record<
  keyof RetentionCounts,
  { needs: "cutoff" | "sgCutoff" | null; due: string; apply: string; table: string }
> = {
  contributions: {
    needs: "cutoff",
    table: "contributions c",
    due: `c.body is not null and c.body not in ${anonymised} and c.created_at < @cutoff
      and c.moderation_state != 'escalated'
      and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id)`,
    // A quoted answer keeps the masked words a paper already uses (as when a pass is deleted); the original goes.
    apply: `update contributions set body = @marker,
      masked_body = case when exists (select 1 from summary_quotes q where q.contribution_id = contributions.id)
        then masked_body else null end
      where id in (select value from json_each(@ids))`,
  },
  sessionNotes: {
    needs: "cutoff",
    table: "session_notes c",
    due: `c.body not in ${anonymised} and c.created_at < @cutoff
      and not exists (select 1 from contributions k where k.id = c.contribution_id and (k.moderation_state = 'escalated'
        or exists (select 1 from safeguarding_cases sc where sc.contribution_id = k.id and ${caseKept})))`,
    apply: `update session_notes set body = @marker where id in (select value from json_each(@ids))`,
  },
  safeguardingWords: {
    needs: "sgCutoff",
    table: "contributions c",
    due: `c.body is not null and c.body not in ${anonymised}
      and exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id and not ${caseKept})`,
    apply: `update contributions set body = @marker, masked_body = null where id in (select value from json_each(@ids))`,
  },
  drafts: {
    needs: null,
    table: "response_drafts c",
    due: `c.updated_at < @draftCutoff`,
    apply: `delete from response_drafts where receipt_hash in (select value from json_each(@ids))`,
  },
  importFiles: {
    needs: "cutoff",
    table: "import_jobs c",
    due: `c.created_at < @cutoff and (c.valid_rows != '[]' or c.rejected_rows != '[]')`,
    apply: `update import_jobs set valid_rows = '[]', rejected_rows = '[]' where id in (select value from json_each(@ids))`,
  },
};

const keyOf = (table: string) => (table.startsWith("response_drafts") ? "c.receipt_hash" : "c.id");

function bind(p: Params) {
  return { ...p, marker: RETENTION_TEXT, removed: REMOVED_TEXT };
}

/** Exactly what a run would change now, without changing it. */
export function previewRetention(now = new Date(), db: DB = getDb()): RetentionCounts {
  const params = bind(retentionParams(getSetting("retention", db), now));
  const out = {} as RetentionCounts;
  for (const [name, c] of Object.entries(categories) as [keyof RetentionCounts, (typeof categories)["drafts"]][]) {
    if (c.needs && params[c.needs] === null) {
      out[name] = 0;
      continue;
    }
    const row = db.$client.prepare(`select count(*) as n from ${c.table} where ${c.due}`).get(params) as { n: number };
    out[name] = row.n;
  }
  return out;
}

let running: Promise<RetentionRun> | null = null;

export type RetentionRun = { counts: RetentionCounts; batches: number; longestBatchMs: number };

/**
 * Anonymises everything due, RETENTION_BATCH rows per transaction with the event loop free between batches, and
 * records the run in the audit log (who or what started it, the limits, the counts). A second call while one runs
 * waits for it instead of starting another.
 */
export function runRetention(
  by: { trigger: RetentionTrigger; staffId?: number | null },
  now = new Date(),
  db: DB = getDb(),
): Promise<RetentionRun> {
  running ??= (async () => {
    const setting = getSetting("retention", db);
    const params = bind(retentionParams(setting, now));
    const counts = {} as RetentionCounts;
    let batches = 0;
    let longestBatchMs = 0;
    for (const [name, c] of Object.entries(categories) as [keyof RetentionCounts, (typeof categories)["drafts"]][]) {
      counts[name] = 0;
      if (c.needs && params[c.needs] === null) continue;
      const select = db.$client.prepare(
        `select ${keyOf(c.table)} as id from ${c.table} where ${c.due} limit ${RETENTION_BATCH}`,
      );
      const apply = db.$client.prepare(c.apply);
      for (;;) {
        const started = performance.now();
        const done = db.$client.transaction(() => {
          const ids = (select.all(params) as { id: number | string }[]).map((r) => r.id);
          if (ids.length) apply.run({ ...params, ids: JSON.stringify(ids) });
          return ids.length;
        })();
        longestBatchMs = Math.max(longestBatchMs, performance.now() - started);
        if (!done) break;
        counts[name] += done;
        batches++;
        await yieldToEventLoop();
      }
    }
    recordAudit(by.staffId ?? null, "retention_run", "retention", undefined, {
      trigger: by.trigger,
      freeTextMonths: setting.freeTextMonths,
      safeguardingMonths: setting.safeguardingMonths,
      ...counts,
    });
    return { counts, batches, longestBatchMs };
  })().finally(() => {
    running = null;
  });
  return running;
}

/** The latest run in the audit log, for the admin page. */
export function lastRetentionRun(db: DB = getDb()) {
  const row = db.$client
    .prepare(
      `select a.created_at as at, a.detail as detail, s.name as staff from audit_log a
       left join staff_users s on s.id = a.staff_id where a.action = 'retention_run' order by a.id desc limit 1`,
    )
    .get() as { at: string; detail: string | null; staff: string | null } | undefined;
  if (!row) return null;
  const detail = JSON.parse(row.detail ?? "{}") as Partial<RetentionCounts> & { trigger?: RetentionTrigger };
  return { at: row.at, staff: row.staff, trigger: detail.trigger ?? "daily", contributions: detail.contributions ?? 0 };
}

/** The next 03:00 in London after now (an hour after the nightly backup, so the backup holds the day before). */
export function nextRetentionAt(now = new Date()) {
  const today = countyInstant(countyToday(now), "03:00");
  if (today && Date.parse(today) > now.getTime()) return new Date(today);
  const tomorrow = countyToday(new Date(now.getTime() + 24 * 3600_000));
  return new Date(countyInstant(tomorrow, "03:00") ?? now.getTime() + 86400_000);
}

let timer: NodeJS.Timeout | undefined;

/** Called once when the server starts. A failed run is logged and tried again the next night. */
export function scheduleDailyRetention() {
  if (timer) return;
  const arm = () => {
    const wait = Math.max(1000, nextRetentionAt().getTime() - Date.now());
    timer = setTimeout(() => {
      runRetention({ trigger: "daily" })
        .catch((error) => console.error("Daily retention run failed:", (error as Error).message))
        .finally(arm);
    }, wait);
    timer.unref();
  };
  arm();
}
