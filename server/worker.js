// One worker thread of server/worker-pool.js: the same production build as the server, its own database connection
// (opened on first use), and the tasks the build exports as workerTasks. One task at a time; the pool queues the rest.
import { parentPort } from "node:worker_threads";

const build = await import("../build/server/index.js");
const tasks = build.entry.module.workerTasks;

parentPort.on("message", async ({ id, name, args }) => {
  try {
    const task = tasks[name];
    if (typeof task !== "function") throw new Error(`No worker task called ${name}`);
    const result = await task(...args);
    parentPort.postMessage({ id, result });
  } catch (error) {
    // Only what names the error crosses back: never a value that may hold a child's words.
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({ id, error: { name: e.name, message: e.message, code: e.code ?? null } });
  }
});
