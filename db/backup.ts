// Backups and restores of the one database file: consistent while the server writes (SQLite's online backup), readable
// by the app's user only, and a restore that checks the copy before it replaces anything.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { restrictToOwner } from "./client";

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, "-");

export function backupName(dir: string, at = new Date()) {
  return path.join(dir, `backup-${stamp(at)}.db`);
}

/** Copies the open database to target with SQLite's online backup, then makes it the app user's alone. */
export async function backupTo(live: Database.Database, target: string) {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true, mode: 0o700 });
  // The file exists with the right mode before a byte is written, so no reader ever sees it open to others.
  fs.closeSync(fs.openSync(target, "w", 0o600));
  await live.backup(target);
  restrictToOwner(target);
  return target;
}

/** Keeps the newest `keep` backups in dir (by the time in their names) and deletes the rest; returns what it deleted. */
export function pruneBackups(dir: string, keep: number) {
  if (!fs.existsSync(dir)) return [];
  const backups = fs
    .readdirSync(dir)
    .filter((f) => /^backup-.*\.db$/.test(f))
    .sort()
    .reverse();
  const old = backups.slice(Math.max(0, keep));
  for (const f of old) fs.rmSync(path.join(dir, f));
  return old;
}

export class RestoreError extends Error {}

/**
 * Checks that file is a whole, sound Sounding Board database (integrity_check says ok, its foreign keys hold, it has
 * the migrations table), and only then replaces target with it: copied beside the target first, then renamed over it,
 * so a failure half-way leaves the old database as it was. The server must be stopped first.
 */
export function restoreFrom(file: string, target: string) {
  if (!fs.existsSync(file)) throw new RestoreError(`There is no file at ${file}`);
  let check: Database.Database | undefined;
  try {
    check = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = check.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new RestoreError(`${file} is damaged: integrity_check says ${String(integrity)}`);
    const broken = check.pragma("foreign_key_check") as unknown[];
    if (broken.length) throw new RestoreError(`${file} has ${broken.length} rows pointing at nothing`);
    const migrations = check
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .get() as { n: number };
    if (!migrations.n) throw new RestoreError(`${file} is not a Sounding Board database (no migrations table)`);
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`${file} cannot be read as a database: ${(error as Error).message}`);
  } finally {
    check?.close();
  }
  const staging = `${target}.restoring`;
  fs.closeSync(fs.openSync(staging, "w", 0o600));
  fs.copyFileSync(file, staging);
  const fd = fs.openSync(staging, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // The old WAL belongs to the old database: replayed over the restored one it would corrupt it.
  for (const f of [`${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(staging, target);
  restrictToOwner(target);
}
