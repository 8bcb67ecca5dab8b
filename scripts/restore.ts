// npm run db:restore -- FILE: replaces the database with a backup, after checking the backup is whole and sound.
// Stop the server first (systemctl stop sounding-board): a running server keeps writing to the file it opened.
import { RestoreError, restoreFrom } from "../db/backup";
import { databasePath } from "../db/client";

const file = process.argv[2];
if (!file) {
  console.error("Say which backup: npm run db:restore -- data/backups/backup-….db");
  process.exit(2);
}
try {
  restoreFrom(file, databasePath());
  console.log(`Restored ${databasePath()} from ${file}`);
} catch (error) {
  if (!(error instanceof RestoreError)) throw error;
  console.error(`Nothing was replaced: ${error.message}`);
  process.exit(1);
}
