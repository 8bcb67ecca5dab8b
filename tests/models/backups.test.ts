import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { nextBackupAt, runBackup } from "~/models/backups.server";
import { backupName, backupTo, pruneBackups, RestoreError, restoreFrom } from "~db/backup";
import { databasePath, getDb, openDatabase } from "~db/client";
import { makeCounty } from "../support/factories";

// Issue 12: the database, its WAL and every backup are the app user's alone; a restore checks the backup before it
// replaces anything; the running server's nightly backup keeps a set number.

const county = makeCounty();
const mode = (f: string) => fs.statSync(f).mode & 0o777;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "sb-backup-"));

describe("files readable by the app's user only", () => {
  it("creates the database, its WAL and shared memory with mode 600", () => {
    getDb();
    const file = databasePath();
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
  });

  it("makes a backup with mode 600 that holds what the live database holds", async () => {
    const dir = tmp();
    const target = await backupTo(getDb().$client, backupName(dir, new Date("2026-11-20T02:00:00Z")));
    expect(path.basename(target)).toBe("backup-2026-11-20T02-00-00-000Z.db");
    expect(mode(target)).toBe(0o600);
    const copy = new Database(target, { readonly: true });
    const row = copy.prepare("select email from staff_users where id = ?").get(county.officer.id) as { email: string };
    copy.close();
    expect(row.email).toBe(county.officer.email);
  });
});

describe("restore", () => {
  it("refuses a damaged file, and the database it would have replaced is untouched", () => {
    const dir = tmp();
    const target = path.join(dir, "live.db");
    const live = openDatabase(target);
    live.$client.exec("create table marker (v text); insert into marker values ('old')");
    live.$client.close();
    const before = fs.readFileSync(target);
    const damaged = path.join(dir, "damaged.db");
    fs.writeFileSync(damaged, Buffer.concat([before.subarray(0, 4096), Buffer.alloc(4096, 0xff)]));
    expect(() => restoreFrom(damaged, target)).toThrow(RestoreError);
    const notADatabase = path.join(dir, "notes.txt");
    fs.writeFileSync(notADatabase, "hello");
    expect(() => restoreFrom(notADatabase, target)).toThrow(/cannot be read as a database/);
    expect(() => restoreFrom(path.join(dir, "missing.db"), target)).toThrow(/There is no file/);
    const other = path.join(dir, "other.db");
    new Database(other).exec("create table t (x)");
    expect(() => restoreFrom(other, target)).toThrow(/not a Sounding Board database/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.existsSync(`${target}.restoring`)).toBe(false);
  });

  it("replaces the database with a sound backup, mode 600, dropping the old WAL", async () => {
    const dir = tmp();
    const target = path.join(dir, "live.db");
    const live = openDatabase(target);
    live.$client.exec("create table marker (v text); insert into marker values ('backed up')");
    const backup = await backupTo(live.$client, path.join(dir, "b.db"));
    live.$client.exec("update marker set v = 'changed after the backup'");
    live.$client.close();
    fs.writeFileSync(`${target}-wal`, "stale");
    restoreFrom(backup, target);
    expect(mode(target)).toBe(0o600);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    const restored = new Database(target, { readonly: true });
    expect(restored.prepare("select v from marker").get()).toEqual({ v: "backed up" });
    restored.close();
  });
});

describe("the nightly backup", () => {
  it("keeps the newest ones only", () => {
    const dir = tmp();
    for (const day of ["01", "02", "03", "04", "05"])
      fs.writeFileSync(path.join(dir, `backup-2026-11-${day}T02-00-00-000Z.db`), "");
    fs.writeFileSync(path.join(dir, "keep-me.txt"), "");
    expect(pruneBackups(dir, 3)).toEqual(["backup-2026-11-02T02-00-00-000Z.db", "backup-2026-11-01T02-00-00-000Z.db"]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "backup-2026-11-03T02-00-00-000Z.db",
      "backup-2026-11-04T02-00-00-000Z.db",
      "backup-2026-11-05T02-00-00-000Z.db",
      "keep-me.txt",
    ]);
  });

  it("runs at 2 a.m. London time, in winter and in summer", () => {
    expect(nextBackupAt(new Date("2026-11-23T01:30:00Z")).toISOString()).toBe("2026-11-23T02:00:00.000Z");
    expect(nextBackupAt(new Date("2026-11-23T02:00:00Z")).toISOString()).toBe("2026-11-24T02:00:00.000Z");
    expect(nextBackupAt(new Date("2026-11-23T23:30:00Z")).toISOString()).toBe("2026-11-24T02:00:00.000Z");
    expect(nextBackupAt(new Date("2026-07-01T12:00:00Z")).toISOString()).toBe("2026-07-02T01:00:00.000Z");
  });

  it("writes one into the backups folder beside the database and records it in the audit log", async () => {
    const { file } = await runBackup(new Date("2026-11-23T02:00:00Z"));
    expect(file).toBe(
      path.join(path.dirname(path.resolve(databasePath())), "backups", "backup-2026-11-23T02-00-00-000Z.db"),
    );
    expect(mode(file)).toBe(0o600);
    const audit = getDb().$client.prepare("select action, detail from audit_log where action = 'backup'").all();
    expect(audit).toEqual([{ action: "backup", detail: JSON.stringify({ file: path.basename(file), removed: 0 }) }]);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
