// One worker thread of server/worker-pool.js: the same production build as the server, its own database connection
// (opened on first use), and the tasks the build exports (app/workers/tasks.server.ts). One task at a time; the pool
// queues the rest.
import { parentPort } from "node:worker_threads";
import { serveTasks } from "./worker-protocol.js";

const build = await import("../build/server/index.js");
serveTasks(parentPort, build.entry.module.workerTasks, build.entry.module.workerStreams);
// Built while the thread waits for work (a chunk at a time, tasks answered between chunks); a failure is only logged:
// the first count builds it again, or counts in SQL.
build.entry.module.workerTasks.warmFigureIndex().catch((error) => {
  console.error("A worker thread could not build its figure index:", error.message);
});
