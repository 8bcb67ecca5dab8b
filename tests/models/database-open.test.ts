import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client";

const migrations = path.resolve(import.meta.dirname, "../../db/migrations");
let dir = "";
afterEach(() => {
  delete process.env.MIGRATIONS_PATH;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = "";
});

/** The real migrations, plus one more whose SQL is given, in a folder of their own. */
function migrationsWith(extraSql: string) {
  const folder = path.join(dir, "migrations");
  fs.cpSync(migrations, folder, { recursive: true });
  const journalFile = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
  const last = journal.entries.at(-1);
  const tag = `${String(last.idx + 1).padStart(4, "0")}_test-extra`;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  fs.writeFileSync(path.join(folder, `${tag}.sql`), extraSql);
  return folder;
}

describe("opening the database", () => {
  it("checks foreign keys after a migration is applied, and refuses one that leaves a row pointing at nothing", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-open-"));
    const file = path.join(dir, "db.sqlite");
    openDatabase(file).$client.close();
    process.env.MIGRATIONS_PATH = migrationsWith(
      "insert into pass_sessions (id_hash, pass_id, created_at, expires_at) values ('orphan', 999999, '2026-01-01', '2026-01-02');",
    );
    expect(() => openDatabase(file)).toThrow("The migrations left 1 rows pointing at nothing (foreign_key_check)");
  });

  it("does not read every table again when no migration was applied (keys are on whenever the app writes)", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-open-"));
    const file = path.join(dir, "db.sqlite");
    const first = openDatabase(file);
    expect(first.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    // A row the check would find, written with keys off behind the app's back: only a check at open could see it.
    first.$client.pragma("foreign_keys = OFF");
    first.$client
      .prepare(
        "insert into pass_sessions (id_hash, pass_id, created_at, expires_at) values ('orphan', 999999, 'a', 'b')",
      )
      .run();
    first.$client.close();
    const again = openDatabase(file);
    expect(again.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(again.$client.prepare("select count(*) from pass_sessions").pluck().get()).toBe(1);
    again.$client.close();
  });
});
