// npm run db:backup [-- FILE]: a consistent copy of the live database, safe while the server is writing.
import path from "node:path";
import { backupName, backupTo } from "../db/backup";
import { closeDb, databasePath, getDb } from "../db/client";

const target = process.argv[2] ?? backupName(path.join(path.dirname(databasePath()), "backups"));
await backupTo(getDb().$client, target);
closeDb();
console.log(`Backed up to ${target}`);
