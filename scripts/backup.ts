// Makes a consistent copy of the live database, safe while the server is writing (SQLite's online backup).
import path from "node:path";
import { closeDb, getDb } from "../db/client";

const target = process.argv[2] ?? path.join("data", `backup-${new Date().toISOString().replace(/[:.]/g, "-")}.db`);
const db = getDb();
await db.$client.backup(target);
closeDb();
console.log(`Backed up to ${target}`);
