// The worker pool behind offLoop (server/worker-pool.js): results, parallel threads, errors that keep their name and
// code, a thread that dies replaced, and the main thread free while a task runs.
import { afterEach, describe, expect, it } from "vitest";
import { liveResults, setWorkerPool } from "~/utils/off-loop.server";
import { createWorkerPool } from "../../server/worker-pool.js";

const file = new URL("../fixtures/pool-worker.mjs", import.meta.url);
let pool: ReturnType<typeof createWorkerPool> | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe("worker pool", () => {
  it("runs tasks and gives their results, bytes included", async () => {
    pool = createWorkerPool({ size: 1, file });
    expect(await pool.run("add", [2, 3])).toBe(5);
    const bytes = (await pool.run("bytes", [4])) as Uint8Array;
    expect([...bytes]).toEqual([7, 7, 7, 7]);
  });

  it("runs as many tasks at once as it has threads, queues the rest, and keeps the main thread free", async () => {
    pool = createWorkerPool({ size: 2, file });
    const t0 = performance.now();
    // the main thread ticks every 5 ms while three 300 ms tasks run on two threads
    let worstTick = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstTick = Math.max(worstTick, now - last);
      last = now;
    }, 5);
    const threads = (await Promise.all([
      pool.run("wait", [300]),
      pool.run("wait", [300]),
      pool.run("wait", [300]),
    ])) as number[];
    clearInterval(ticker);
    const took = performance.now() - t0;
    expect(new Set(threads).size).toBe(2);
    // two threads took part, and the third task waited for one of them: not three at once
    expect(took).toBeGreaterThanOrEqual(590);
    // the main thread never waited for a task (300 ms each); the margin is for a loaded machine's scheduling
    expect(worstTick).toBeLessThan(250);
  });

  it("gives a task's error back with its name, message and code", async () => {
    pool = createWorkerPool({ size: 1, file });
    const error = (await pool.run("fail", []).catch((e: unknown) => e)) as Error & { code?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ComposeError");
    expect(error.message).toBe("not_found");
    expect(error.code).toBe("not_found");
    // the thread is still there for the next task
    expect(await pool.run("add", [1, 1])).toBe(2);
  });

  it("fails the task of a thread that dies and starts another for the rest", async () => {
    pool = createWorkerPool({ size: 1, file });
    const queued = pool.run("add", [20, 22]);
    const crashed = await pool.run("crash", []).catch((e: Error) => e.message);
    // the crash was queued second on one thread: the first finished, then the thread died holding the crash
    expect(await queued).toBe(42);
    expect(crashed).toBe("The worker thread stopped before it finished");
    expect(await pool.run("add", [1, 2])).toBe(3);
  });

  it("refuses work once closed", async () => {
    pool = createWorkerPool({ size: 1, file });
    await pool.close();
    await expect(pool.run("add", [1, 2])).rejects.toThrow("closed");
  });

  it("streams a task's bytes in order and ends", async () => {
    pool = createWorkerPool({ size: 1, file });
    const chunks: Uint8Array[] = [];
    for await (const chunk of pool.stream("count", [300]) as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(chunks).toHaveLength(300);
    expect(chunks.map((c) => c[0])).toEqual(Array.from({ length: 300 }, (_, i) => i % 256));
    expect(chunks.every((c) => c.length === 1000)).toBe(true);
    // the thread is free again
    expect(await pool.run("add", [2, 2])).toBe(4);
  });

  it("makes no more than a few chunks ahead of the reader, and stops when the reader goes", async () => {
    pool = createWorkerPool({ size: 1, file });
    const reader = pool.stream("endless", []).getReader();
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await reader.cancel();
    // the same (only) thread answers once the cancelled stream has let it go
    const pulled = (await pool.run("pulled", [])) as number;
    // two read, four ahead at most, and the one pulled while the cancel crossed over
    expect(pulled).toBeGreaterThanOrEqual(2);
    expect(pulled).toBeLessThanOrEqual(2 + 4 + 1);
  });

  it("ends a stream with the task's error", async () => {
    pool = createWorkerPool({ size: 1, file });
    const reader = pool.stream("broken", []).getReader();
    expect([...((await reader.read()).value ?? [])]).toEqual([1, 2, 3]);
    await expect(reader.read()).rejects.toThrow("the rows could not be read");
    expect(await pool.run("add", [3, 3])).toBe(6);
  });
});

/**
 * A stand-in pool for liveResults: each task it is asked for is recorded (name and arguments) and answers, once
 * released, with `people` = how many tasks had been asked for, counted at the time `clock.counted` held when it was asked.
 */
function standInResultsPool() {
  const asked: { name: string; args: unknown[] }[] = [];
  const clock = { counted: Date.now() };
  const pending: (() => void)[] = [];
  setWorkerPool({
    size: 1,
    run: async (name, args) => {
      asked.push({ name, args });
      const people = asked.length;
      const at = clock.counted;
      await new Promise<void>((resolve) => {
        pending.push(resolve);
      });
      return { people, groups: [], questions: [], computedAt: new Date(at).toISOString() };
    },
    stream: () => new ReadableStream(),
  });
  const release = () => {
    for (const done of pending.splice(0)) done();
  };
  return { asked, clock, release };
}

describe("liveResults: a consultation's results kept on the main thread too", () => {
  afterEach(() => setWorkerPool(null));

  it("asks the worker once for everyone who asks while it counts, serves the copy while fresh, and asks again after 5 s from when it was counted", async () => {
    const { asked, clock, release } = standInResultsPool();
    const waiting = [liveResults(71, "age_band", "en"), liveResults(71, "age_band", "en")];
    // another split or language is another count
    const other = liveResults(71, "none", "en");
    expect(asked.map((a) => a.args)).toEqual([
      [71, "age_band", "en"],
      [71, "none", "en"],
    ]);
    release();
    await other;
    const [a, b] = await Promise.all(waiting);
    expect(a).toBe(b);
    expect((await liveResults(71, "age_band", "en")).people).toBe(1);
    expect(asked).toHaveLength(2);
    // counted more than 5 s ago (in the worker's own copy, say): asked again, not served
    clock.counted = Date.now() - 5_001;
    const stale = liveResults(72, "none", "en");
    release();
    await stale;
    const again = liveResults(72, "none", "en");
    expect(asked).toHaveLength(4);
    release();
    expect((await again).people).toBe(4);
    expect(new Set(asked.map((a) => a.name))).toEqual(new Set(["consultationResults"]));
  });

  it("counts afresh in a copy's last 1.5 s while serving the copy, and never serves a copy more than 5 s old", async () => {
    const { asked, clock, release } = standInResultsPool();
    // counted 4 s ago: fresh for one more second, inside the last 1.5 s
    clock.counted = Date.now() - 4_000;
    const first = liveResults(81, "none", "en");
    release();
    expect((await first).people).toBe(1);
    // the next reader gets the copy at once and starts a fresh count (not the worker's copy)
    clock.counted = Date.now();
    expect((await liveResults(81, "none", "en")).people).toBe(1);
    expect(asked.map((a) => a.name)).toEqual(["consultationResults", "consultationResultsFresh"]);
    // more readers while it counts: the copy, and no second count
    expect((await liveResults(81, "none", "en")).people).toBe(1);
    expect(asked).toHaveLength(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    // the fresh count replaced the copy
    expect((await liveResults(81, "none", "en")).people).toBe(2);
    expect(asked).toHaveLength(2);

    // a copy past its 5 s while the fresh count is still out: readers wait for that count, not the old copy
    clock.counted = Date.now() - 4_990;
    const old = liveResults(82, "none", "en");
    release();
    expect((await old).people).toBe(3);
    clock.counted = Date.now();
    expect((await liveResults(82, "none", "en")).people).toBe(3);
    expect(asked.at(-1)?.name).toBe("consultationResultsFresh");
    await new Promise((r) => setTimeout(r, 20));
    const late = liveResults(82, "none", "en");
    expect(asked).toHaveLength(4);
    release();
    expect((await late).people).toBe(4);
  });
});
