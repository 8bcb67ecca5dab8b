/** The server under test: a production build (build/) on a throwaway, seeded database, in a child process. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type BenchServer = {
  port: number;
  origin: string;
  databasePath: string;
  stop(): Promise<void>;
  /** SIGKILL, as a power cut or the OOM killer would: no chance to finish anything; resolves once it has exited. */
  kill(): Promise<void>;
  /** performance.now() when the server's process was started */
  startedAt: number;
  /** the last 4,000 characters the server wrote */
  log(): string;
};

/** A port nobody is listening on right now (BENCH_PORT wins if set). */
/**
 * The cookies a sign-in set, as a browser would send them back ("name=value; name=value"): the staff session and the
 * device cookie both, so the session is not lost behind the first one.
 */
export function cookiesOf(res: Response) {
  const pairs = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!pairs.some((p) => p.startsWith("sb_staff="))) return undefined;
  return pairs.join("; ");
}

export async function freePort(): Promise<number> {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT);
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A fresh directory under the OS temp dir with a database seeded with the demo county. */
export function seededDatabase(root: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sounding-board-bench-"));
  const databasePath = path.join(dir, "bench.db");
  const seed = spawnSync("npx", ["tsx", "db/seed/index.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (seed.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`seeding the throwaway database failed:\n${seed.stdout}\n${seed.stderr}`);
  }
  return { dir, databasePath };
}

const children = new Set<ChildProcess>();
// However the bench ends, the server it started does not outlive it.
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export async function startServer(root: string, databasePath: string, port: number): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_PATH: databasePath,
    PORT: String(port),
    BENCH_FLOOR: "1",
  };
  delete env.DEMO;
  // BENCH_NODE_ARGS: options for the server's node, to look inside a bench (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      children.delete(child);
      resolve();
    }),
  );

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exit;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (exited) return;
    child.kill("SIGKILL");
    await exit;
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.status === 200) return { port, origin, databasePath, stop, kill, startedAt, log: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the server did not answer /healthz with 200 within 60 s:\n${log}`);
}
