import type { Lang } from "~/i18n/index";
import { type ConsultationResults, RESULTS_CACHE_MS, type Split } from "~/models/results.server";
import { ComposeError } from "~/models/summaries.server";
import {
  type WorkerStreamName,
  type WorkerStreams,
  type WorkerTaskName,
  type WorkerTasks,
  workerStreams,
  workerTasks,
} from "~/workers/tasks.server";

/** What server/worker-pool.js gives: named tasks run in worker threads. */
export type WorkerPool = {
  size: number;
  run: (name: string, args: unknown[]) => Promise<unknown>;
  stream: (name: string, args: unknown[]) => ReadableStream<Uint8Array>;
};

let pool: WorkerPool | null = null;

/** Called once by server.js (production): from then on the tasks run in the pool's threads. */
export function setWorkerPool(next: WorkerPool | null) {
  pool = next;
}

export function workerPoolSize() {
  return pool?.size ?? 0;
}

const COMPOSE_CODES = new Set([
  "not_found",
  "bad_quote",
  "empty_scope",
  "no_meeting",
  "past_meeting",
  "no_kind",
  "no_outcome",
]);

/** An error that crossed from a worker as { name, message, code }, made again as the class its callers test for. */
function revive(error: unknown) {
  if (error instanceof Error && error.name === "ComposeError") {
    const code = (error as Error & { code?: string }).code ?? "";
    if (COMPOSE_CODES.has(code)) return new ComposeError(code as ComposeError["code"]);
  }
  return error;
}

/**
 * Runs a task of app/workers/tasks.server.ts off the event loop when the server has a worker pool, else here (the
 * development server and the unit tests, where figures are small). Errors come back as they were thrown.
 */
export async function offLoop<N extends WorkerTaskName>(
  name: N,
  ...args: Parameters<WorkerTasks[N]>
): Promise<Awaited<ReturnType<WorkerTasks[N]>>> {
  if (!pool)
    return (await (workerTasks[name] as (...a: unknown[]) => unknown)(...args)) as Awaited<ReturnType<WorkerTasks[N]>>;
  try {
    return (await pool.run(name, args)) as Awaited<ReturnType<WorkerTasks[N]>>;
  } catch (error) {
    throw revive(error);
  }
}

/**
 * A stream task of app/workers/tasks.server.ts: made and read in a worker thread when the server has a pool (its bytes
 * come a few chunks ahead of the download), else here.
 */
export function offLoopStream<N extends WorkerStreamName>(
  name: N,
  ...args: Parameters<WorkerStreams[N]>
): ReadableStream<Uint8Array> {
  if (!pool) return (workerStreams[name] as (...a: unknown[]) => ReadableStream<Uint8Array>)(...args);
  return pool.stream(name, args);
}

/** A copy of each consultation's live results on this thread, with the request already made for it while it is counted. */
const keptResults = new Map<
  string,
  { until: number; value: Promise<ConsultationResults>; refreshing: Promise<ConsultationResults> | null }
>();
/** How long before a kept copy expires the next one is counted, so officers reading the page never wait for a count. */
export const RESULTS_REFRESH_AHEAD_MS = 1500;

/**
 * A consultation's live results (kept 5 seconds, as the worker keeps them): the copy on this thread while it is fresh,
 * so a page refreshed by many officers does not queue behind a worker each time, and one request to the worker for all
 * who ask while it is being counted. Fresh until 5 seconds after it was counted, not after it came back, so the two
 * copies never add up to older figures. In its last 1.5 seconds, the first request starts a fresh count (not the
 * worker's copy) and is served the copy meanwhile: the figures shown are never older than 5 seconds, and while people
 * keep reading, nobody waits for the count. Only when the fresh count is not back by then do they wait for it.
 */
export function liveResults(consultationId: number, split: Split, lang: Lang): Promise<ConsultationResults> {
  if (!pool) return offLoop("consultationResults", consultationId, split, lang);
  const key = `${consultationId}|${split}|${lang}`;
  const kept = keptResults.get(key);
  const now = Date.now();
  if (kept && now < kept.until) {
    if (!kept.refreshing && now >= kept.until - RESULTS_REFRESH_AHEAD_MS) {
      const next = offLoop("consultationResultsFresh", consultationId, split, lang);
      kept.refreshing = next;
      next.then(
        (r) => {
          if (keptResults.get(key) === kept)
            keptResults.set(key, {
              until: Date.parse(r.computedAt) + RESULTS_CACHE_MS,
              value: next,
              refreshing: null,
            });
        },
        () => {
          if (keptResults.get(key) === kept) kept.refreshing = null;
        },
      );
    }
    return kept.value;
  }
  if (kept?.refreshing) return kept.refreshing;
  const entry = {
    until: Number.POSITIVE_INFINITY,
    value: offLoop("consultationResults", consultationId, split, lang),
    refreshing: null,
  };
  if (keptResults.size > 200) keptResults.clear();
  keptResults.set(key, entry);
  entry.value.then(
    (r) => {
      entry.until = Date.parse(r.computedAt) + RESULTS_CACHE_MS;
    },
    () => {
      if (keptResults.get(key) === entry) keptResults.delete(key);
    },
  );
  return entry.value;
}
