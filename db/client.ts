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
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: an acknowledged submission survives a power cut, not only a crash of this process.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -32000");
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(sqlite, { schema }) as DB;
  migrate(db, { migrationsFolder: path.resolve(process.env.MIGRATIONS_PATH || "db/migrations") });
  return db;
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
