import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// A fresh database file for every test file, with the committed migrations applied on first use.
const file = path.join(os.tmpdir(), `sounding-board-test-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
process.env.DATABASE_PATH = file;

afterAll(async () => {
  const { closeDb } = await import("~db/client");
  closeDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
