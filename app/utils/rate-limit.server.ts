/**
 * A fixed-window counter kept in memory. One process serves the county, so memory is enough; a restart
 * forgets the counts, which errs on the side of letting people in.
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for key; true while the key is still within its limit. */
  hit(key: string, now = Date.now()) {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      this.sweep(now);
      return true;
    }
    entry.count += 1;
    return entry.count <= this.max;
  }

  isBlocked(key: string, now = Date.now()) {
    const entry = this.hits.get(key);
    return Boolean(entry && entry.resetAt > now && entry.count >= this.max);
  }

  retryAfterSeconds(key: string, now = Date.now()) {
    const entry = this.hits.get(key);
    return entry ? Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) : 0;
  }

  reset(key: string) {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    if (this.hits.size < 10_000) return;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

/**
 * Growing delays instead of a lock (OWASP's guidance for sign-in): the first `free` failures cost nothing; after that
 * each failure makes the next try wait twice as long as the last, from `baseMs` up to `capMs`. A try during the wait is
 * refused without being checked or counted. A key with no failure for `forgetMs` starts again. Memory only: one process
 * serves the county, and a restart forgets, which errs on the side of letting people in.
 */
export class Backoff {
  private entries = new Map<string, { failures: number; last: number; until: number }>();
  constructor(
    private readonly free: number,
    private readonly baseMs: number,
    private readonly capMs: number,
    private readonly forgetMs: number,
  ) {}

  private entry(key: string, now: number) {
    const e = this.entries.get(key);
    if (e && now - e.last > this.forgetMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** How long this key must still wait before its next try is checked, in ms (0: now). */
  waitMs(key: string, now = Date.now()) {
    const e = this.entry(key, now);
    return e ? Math.max(0, e.until - now) : 0;
  }

  /** Counts one failure; returns the wait it sets. */
  fail(key: string, now = Date.now()) {
    const e = this.entry(key, now) ?? { failures: 0, last: now, until: now };
    e.failures += 1;
    e.last = now;
    const over = e.failures - this.free;
    const wait = over < 0 ? 0 : Math.min(this.capMs, this.baseMs * 2 ** over);
    e.until = now + wait;
    this.entries.set(key, e);
    if (this.entries.size > 10_000) this.sweep(now);
    return wait;
  }

  reset(key: string) {
    this.entries.delete(key);
  }

  private sweep(now: number) {
    for (const [key, e] of this.entries) if (now - e.last > this.forgetMs) this.entries.delete(key);
  }
}
