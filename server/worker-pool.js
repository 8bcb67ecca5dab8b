// Long work off the event loop: a few worker threads, each with the production build and its own database connection,
// take named tasks (app/workers/tasks.server.ts) one at a time from a shared queue. A request that needs seconds of
// SQLite (a summary's figures over a million contributions) or of packing (a DOCX) waits for its answer while every
// other request goes on being served. A worker that dies is replaced; the task it held fails with an error.
import os from "node:os";
import { Worker } from "node:worker_threads";

/** Two on a machine with two cores or more (the main thread keeps answering pages), one on a single core. */
export function defaultWorkerCount() {
  const fromEnv = Number(process.env.WORKER_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  return os.availableParallelism() >= 2 ? 2 : 1;
}

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
      worker.current = null;
      if (job && message.id === job.id) {
        if (message.error) job.reject(Object.assign(new Error(message.error.message), message.error));
        else job.resolve(message.result);
      }
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

  function give(worker) {
    const job = queue.shift();
    if (!job) {
      idle.push(worker);
      return;
    }
    worker.current = job;
    worker.postMessage({ id: job.id, name: job.name, args: job.args });
  }

  for (let i = 0; i < size; i++) start();

  return {
    size,
    /** Runs a task on the first free worker; resolves with its result or rejects with its error (name, message, code). */
    run(name, args) {
      if (closing) return Promise.reject(new Error("The worker pool is closed"));
      return new Promise((resolve, reject) => {
        const job = { id: nextId++, name, args, resolve, reject };
        const worker = idle.shift();
        if (worker) {
          worker.current = job;
          worker.postMessage({ id: job.id, name, args });
        } else queue.push(job);
      });
    },
    async close() {
      closing = true;
      for (const job of queue.splice(0)) job.reject(new Error("The worker pool is closed"));
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
