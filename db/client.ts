import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction on that database: model writers take one so a caller (the seed, a Board response) can group them. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
/** Where a model writes: the process's connection, or a caller's transaction (nested ones become savepoints). */
export type Conn = DB | Tx;

export function databasePath() {
  return process.env.DATABASE_PATH || "data/sounding-board.db";
}

/** Opens a database file with the pragmas every connection needs, and applies committed migrations. */
export function openDatabase(file = databasePath()): DB {
  if (file !== ":memory:") {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    // Created readable by the app's user alone; SQLite gives the -wal and -shm files the database file's permissions.
    fs.closeSync(fs.openSync(file, "a", 0o600));
    restrictToOwner(file);
  }
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  if (file !== ":memory:") restrictToOwner(file);
  // FULL: an acknowledged submission survives a power cut, not only a crash of this process.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -32000");
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(sqlite, { schema }) as DB;
  // Foreign keys are checked after the migrations, not during: a migration that rebuilds a table (SQLite's way to change
  // a column) drops the old one, which with enforcement on fails on any row that points at it. SQLite's own procedure
  // for schema changes: keys off, change, foreign_key_check, keys on.
  // The check reads every row of every table (seconds at a million contributions, and each worker thread opens the
  // database too), so it runs when a migration was applied: with keys on, nothing else can leave a row pointing at
  // nothing.
  sqlite.pragma("foreign_keys = OFF");
  const applied = () =>
    sqlite
      .prepare("select count(*) from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .pluck()
      .get()
      ? (sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get() as number)
      : 0;
  const before = applied();
  migrate(db, { migrationsFolder: path.resolve(process.env.MIGRATIONS_PATH || "db/migrations") });
  if (applied() !== before) {
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length)
      throw new Error(`The migrations left ${broken.length} rows pointing at nothing (foreign_key_check)`);
  }
  sqlite.pragma("foreign_keys = ON");
  return db;
}

/** Readable and writable by the app's user only: the database, its WAL and shared memory, and every backup. */
export function restrictToOwner(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

let instance: DB | undefined;

/** The one connection of this process. */
export function getDb(): DB {
  instance ??= openDatabase();
  return instance;
}

export function closeDb() {
  instance?.$client.close();
  instance = undefined;
}
