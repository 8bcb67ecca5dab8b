import crypto from "node:crypto";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import Database from "better-sqlite3";

// The pass pages (/pass, /pass/sign-in) belong to another part of the work: until they are here, e2e tests make a pass
// and its session straight in the e2e server's database, the way app/models/passes/passes.server.ts stores them (a
// random session id in the sb_pass cookie, only its SHA-256 stored). The secret words' hash is a placeholder: these
// passes are never signed in with words.

export const E2E_DB = path.resolve("tests/.tmp/e2e.db");

/** Runs a write against the e2e server's database (WAL, so the running server keeps serving). */
export function writeE2eDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_DB, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function readE2eDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A new pass with a session; returns its id and the cookie value. */
export function makePassSession(ageBand = "12_15") {
  const nickname = `Test Otter ${crypto.randomInt(100_000, 999_999)}`;
  const now = new Date();
  const sessionId = crypto.randomBytes(32).toString("base64url");
  const passId = writeE2eDb((db) => {
    const id = Number(
      db
        .prepare(
          "insert into passes (nickname, nickname_key, secret_hash, age_band, is_parent, created_at) values (?, ?, ?, ?, 0, ?)",
        )
        .run(nickname, nickname.toLowerCase(), "e2e-placeholder", ageBand, now.toISOString()).lastInsertRowid,
    );
    db.prepare("insert into pass_sessions (id_hash, pass_id, created_at, expires_at) values (?, ?, ?, ?)").run(
      crypto.createHash("sha256").update(sessionId).digest("hex"),
      id,
      now.toISOString(),
      new Date(now.getTime() + 30 * 86400_000).toISOString(),
    );
    return id;
  });
  return { passId, nickname, sessionId };
}

/** Signs this browser context in with the pass (the sb_pass cookie the server reads). */
export async function signInWithPass(context: BrowserContext, baseURL: string, sessionId: string) {
  await context.addCookies([{ name: "sb_pass", value: sessionId, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}
