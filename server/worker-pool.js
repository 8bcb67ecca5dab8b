// Long work off the event loop: a few worker threads, each with the production build and its own database connection,
// take named tasks (app/workers/tasks.server.ts) one at a time from a shared queue. A request that needs seconds of
// SQLite (a summary's figures over a million contributions), of packing (a DOCX) or of reading rows (a CSV of
// everything in scope) waits for its answer while every other request goes on being served. A worker that dies is
// replaced; the task it held fails with an error.
import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * One thread fewer than the machine has cores (the main thread keeps one to answer pages), at least one, at most four.
 * WORKER_THREADS sets it; 0 runs everything on the main thread.
 */
export function defaultWorkerCount() {
  const fromEnv = process.env.WORKER_THREADS;
  if (fromEnv !== undefined && fromEnv !== "" && Number.isInteger(Number(fromEnv)) && Number(fromEnv) >= 0)
    return Number(fromEnv);
  return Math.min(4, Math.max(1, os.availableParallelism() - 1));
}

/** Chunks a stream may send ahead of what the reader has taken. */
const STREAM_AHEAD = 4;

export function createWorkerPool({ size = defaultWorkerCount(), file = new URL("./worker.js", import.meta.url) } = {}) {
  const queue = [];
  const idle = [];
  const workers = new Set();
  let closing = false;
  let nextId = 1;

  function start() {
    const worker = new Worker(file);
    worker.current = null;
    workers.add(worker);
    worker.on("message", (message) => {
      const job = worker.current;
      if (!job || message.id !== job.id) return;
      if (message.chunk) {
        job.onChunk(message.chunk);
        return;
      }
      worker.current = null;
      if (message.error) job.reject(Object.assign(new Error(message.error.message), message.error));
      else job.resolve(message.result);
      give(worker);
    });
    worker.on("error", (error) => {
      console.error("A worker thread failed:", error.message);
    });
    worker.on("exit", () => {
      workers.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      worker.current?.reject(new Error("The worker thread stopped before it finished"));
      worker.current = null;
      if (!closing) start();
    });
    give(worker);
  }

  function send(worker, job) {
    worker.current = job;
    job.worker = worker;
    if (job.onChunk)
      worker.postMessage({ type: "stream", id: job.id, name: job.name, args: job.args, credit: job.credit });
    else worker.postMessage({ type: "run", id: job.id, name: job.name, args: job.args });
  }

  function give(worker) {
    const job = queue.shift();
    if (job) send(worker, job);
    else idle.push(worker);
  }

  function enqueue(job) {
    if (closing) {
      job.reject(new Error("The worker pool is closed"));
      return;
    }
    const worker = idle.shift();
    if (worker) send(worker, job);
    else queue.push(job);
  }

  for (let i = 0; i < size; i++) start();

  return {
    size,
    /** Runs a task on the first free worker; resolves with its result or rejects with its error (name, message, code). */
    run(name, args) {
      return new Promise((resolve, reject) => enqueue({ id: nextId++, name, args, resolve, reject }));
    },
    /**
     * A stream task: its bytes as a ReadableStream, sent by the worker a few chunks ahead of the reader. Cancelling the
     * stream (the download was abandoned) stops the worker's reading; a task waiting in the queue is dropped.
     */
    stream(name, args) {
      let job;
      // chunks asked for and not yet come: with those queued, never more than STREAM_AHEAD
      let outstanding = 0;
      // once the reader has gone, what still comes from the worker is dropped
      let cancelled = false;
      return new ReadableStream(
        {
          start(controller) {
            job = {
              id: nextId++,
              name,
              args,
              credit: 0,
              onChunk: (chunk) => {
                outstanding--;
                if (!cancelled) controller.enqueue(chunk);
              },
              resolve: () => {
                if (!cancelled) controller.close();
              },
              reject: (error) => {
                if (!cancelled) controller.error(error);
              },
            };
            enqueue(job);
          },
          pull(controller) {
            const more = Math.max(0, (controller.desiredSize ?? 0) - outstanding);
            if (!more) return;
            outstanding += more;
            if (job.worker) job.worker.postMessage({ type: "more", id: job.id, credit: more });
            else job.credit += more; // still queued: given when it starts
          },
          cancel() {
            cancelled = true;
            const at = queue.indexOf(job);
            if (at >= 0) queue.splice(at, 1);
            else job.worker?.postMessage({ type: "cancel", id: job.id });
          },
        },
        { highWaterMark: STREAM_AHEAD },
      );
    },
    async close() {
      closing = true;
      for (const job of queue.splice(0)) job.reject(new Error("The worker pool is closed"));
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
