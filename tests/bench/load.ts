/** Load generators: a closed loop at N connections (autocannon), and a paced burst over plain node:http. */
import http from "node:http";
import autocannon from "autocannon";
import { rng } from "./drafts";

const TIMEOUT_SECONDS = 10;

export type LoadFigures = {
  requests: number;
  ok: number;
  /** Requests that did not get the expected answer: wrong status, socket error or timeout. */
  errors: number;
  /** Answers by status code, and failures by error message. */
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  p95: number;
  latencies: number[];
};

/** Nearest-rank percentile of a list of latencies in ms. */
export function percentile(values: number[], p: number) {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Several runs of the same route as one: counts added, percentiles over every request of every run. */
export function combine(runs: LoadFigures[]): LoadFigures {
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  const sum = (f: (r: LoadFigures) => number) => runs.reduce((a, r) => a + f(r), 0);
  const latencies = runs.flatMap((r) => r.latencies);
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    requests: sum((r) => r.requests),
    ok,
    errors: sum((r) => r.errors),
    statuses,
    seconds,
    rps: ok / seconds,
    p95: percentile(latencies, 95),
    latencies,
  };
}

const header = (headers: Record<string, string | string[]>, name: string) => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key ? headers[key] : undefined;
  return Array.isArray(value) ? value[0] : value;
};

/**
 * POSTs an empty form to `path` from `connections` keep-alive connections, each sending its next request as soon
 * as the last is answered, for `seconds`. `cookie()` (if given) is called once per request.
 */
export function closedLoop(opts: {
  origin: string;
  path: string;
  connections: number;
  seconds: number;
  cookie?: () => string;
  method?: "GET" | "POST";
  accept: (status: number, location: string | undefined) => boolean;
}): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let bad = 0;
  let socketErrors = 0;
  const get = opts.method === "GET";
  const request: autocannon.Request = {
    method: opts.method ?? "POST",
    path: opts.path,
    headers: get
      ? {}
      : { Origin: opts.origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "0" },
    body: get ? undefined : "",
    onResponse: (status, _body, _context, headers) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (opts.accept(status, header(headers, "location"))) ok++;
      else bad++;
    },
  };
  const { cookie } = opts;
  if (cookie) request.setupRequest = (req) => ({ ...req, headers: { ...req.headers, Cookie: cookie() } });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.origin,
        connections: opts.connections,
        duration: opts.seconds,
        pipelining: 1,
        timeout: TIMEOUT_SECONDS,
        requests: [request],
      },
      (error) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        const requests = ok + bad + socketErrors;
        resolve({
          requests,
          ok,
          errors: bad + socketErrors,
          statuses,
          seconds,
          rps: ok / seconds,
          p95: percentile(latencies, 95),
          latencies,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
    instance.on("reqError", (error: Error) => {
      socketErrors++;
      // A request that timed out took at least the timeout: it counts in the percentiles at that.
      if (error.message === "request timed out") latencies.push(TIMEOUT_SECONDS * 1000);
      const key = error.message || "socket error";
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
}

export type BurstRequest = { ok: boolean; status: number | null; ms: number; error?: string; retried: boolean };

/**
 * `total` POSTs at moments drawn uniformly at random (seeded) over `seconds`, from `clients` keep-alive
 * connections taking turns. Latency is counted from the moment a request was due, so a request that waits
 * behind its connection's previous one is charged for the wait.
 *
 * Like a browser, a request sent on a kept-alive connection that the server had just closed as idle (reset
 * before any answer) is sent once more on a new connection; the retry's time counts in its latency.
 */
export async function burst(opts: {
  port: number;
  origin: string;
  path: string;
  total: number;
  seconds: number;
  clients: number;
  cookie: (i: number) => string;
  accept: (status: number, location: string | undefined) => boolean;
  seed: number;
}): Promise<BurstRequest[]> {
  const random = rng(opts.seed);
  const due = Array.from({ length: opts.total }, () => random() * opts.seconds * 1000).sort((a, b) => a - b);
  const agents = Array.from({ length: opts.clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const started = performance.now();

  const send = (i: number) =>
    new Promise<BurstRequest>((resolve) => {
      const dueAt = started + due[i];
      const attempt = (retried: boolean) => {
        let answered = false;
        const done = (status: number | null, location?: string, error?: string) =>
          resolve({
            ok: status !== null && opts.accept(status, location),
            status,
            ms: performance.now() - dueAt,
            error,
            retried,
          });
        const req = http.request(
          {
            host: "127.0.0.1",
            port: opts.port,
            method: "POST",
            path: opts.path,
            agent: agents[i % opts.clients],
            timeout: 10_000,
            headers: {
              Origin: opts.origin,
              Cookie: opts.cookie(i),
              "Content-Type": "application/x-www-form-urlencoded",
              "Content-Length": "0",
            },
          },
          (res) => {
            answered = true;
            res.resume();
            res.on("end", () => done(res.statusCode ?? null, res.headers.location));
            res.on("error", (e) => done(null, undefined, e.message));
            res.on("close", () => {
              if (!res.complete) done(null, undefined, "connection closed mid-answer");
            });
          },
        );
        req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
        req.on("error", (e: NodeJS.ErrnoException) => {
          if (!answered && !retried && req.reusedSocket && (e.code === "ECONNRESET" || e.code === "EPIPE"))
            attempt(true);
          else if (!answered) done(null, undefined, e.code ?? e.message);
        });
        req.end();
      };
      setTimeout(() => attempt(false), Math.max(0, dueAt - performance.now()));
    });

  try {
    return await Promise.all(due.map((_, i) => send(i)));
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
