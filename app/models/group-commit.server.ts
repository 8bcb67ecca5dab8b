// Group commit: many acknowledged writes, one fsync.
import { getDb } from "~db/client";

type Job = { write: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

let queue: Job[] = [];
let scheduled = false;

/**
 * Runs `write` inside a transaction shared with every other write queued in the same turn of the event loop, and
 * resolves once that transaction has committed. With synchronous=FULL each commit waits for the disk; a school
 * assembly sending at once would otherwise pay that wait once per child, with the event loop blocked each time.
 * Each write runs in its own savepoint, so one that throws is rolled back alone and only its caller sees the error.
 * Nothing is acknowledged before the commit that holds it: an answer the page says was sent is on disk.
 */
export function groupCommit<T>(write: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

function flush() {
  scheduled = false;
  const jobs = queue;
  queue = [];
  const db = getDb();
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    db.transaction(() => {
      for (const job of jobs) {
        try {
          // A nested transaction is a savepoint: this write is undone alone if it throws.
          outcomes.push({ ok: true, value: db.transaction(() => job.write()) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The commit itself failed (disk full, I/O error): nothing in it was stored, so no one is told it was.
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}
