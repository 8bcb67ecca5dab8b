/**
 * Live figures computed once and read again until something they count changes. A summary's compose page, its preview
 * and its draft downloads count the same scope again and again while an officer works on the words (every save without
 * JavaScript reloads the page), and at a million contributions one count of a wide scope takes seconds.
 *
 * Exact by construction: the triggers of migration 0021 raise figures_version.n in the same transaction as every write
 * that can change what is counted (an approved contribution written, changed or removed; a tag, theme, choice or
 * escalation; a name, title, population or option shown). A value is stored with the number it was computed at, and
 * read only while the number is still that; raising the number empties the cache (nothing counted from words since
 * hidden, escalated or removed is kept). It is stored only if the number did not move while it was computed, so every
 * query behind it read the same data. Sending a summary never reads it: a paper's figures are counted afresh.
 *
 * In the database rather than in memory, so the worker threads share it and it outlives a restart; always the process's
 * own connection (never a transaction's: a write inside one may not be committed yet).
 */
import { getDb } from "~db/client";

/** The newest values kept; older ones are removed as new ones are stored. */
const KEEP = 200;

export function figuresVersion(db = getDb()): number {
  return (db.$client.prepare("select n from figures_version where id = 1").pluck().get() as number | undefined) ?? 0;
}

export function cachedFigures<T>(key: string, compute: () => T, db = getDb()): T {
  const client = db.$client;
  const version = figuresVersion(db);
  const hit = client
    .prepare("select value from figure_cache where key = ? and version = ?")
    .pluck()
    .get(key, version) as string | undefined;
  if (hit !== undefined) return JSON.parse(hit) as T;
  const value = compute();
  try {
    // IMMEDIATE: the number checked again and the value stored with no write between, so a value counted before a
    // write can never be kept after it (the write's trigger has emptied the cache, or it comes after and empties it).
    client
      .transaction(() => {
        if (figuresVersion(db) !== version) return;
        client
          .prepare(
            `insert into figure_cache (key, version, value, created_at) values (?, ?, ?, ?)
             on conflict (key) do update set version = excluded.version, value = excluded.value, created_at = excluded.created_at`,
          )
          .run(key, version, JSON.stringify(value), new Date().toISOString());
        client
          .prepare(
            "delete from figure_cache where key not in (select key from figure_cache order by created_at desc limit ?)",
          )
          .run(KEEP);
      })
      .immediate();
  } catch (error) {
    // A value not kept is counted again next time; the page still shows what was just counted.
    console.warn(`figure cache: not stored (${(error as Error).message})`);
  }
  return value;
}
