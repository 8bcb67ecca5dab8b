// Types of server/worker-pool.js, for the tests and the app (the file itself is plain JavaScript that server.js runs).
export type WorkerPool = {
  size: number;
  run(name: string, args: unknown[]): Promise<unknown>;
  stream(name: string, args: unknown[]): ReadableStream<Uint8Array>;
  close(): Promise<void>;
};
export function defaultWorkerCount(): number;
export function createWorkerPool(options?: { size?: number; file?: URL | string }): WorkerPool;
