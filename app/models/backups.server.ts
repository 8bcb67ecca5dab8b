// The nightly backup the running server makes of itself, so a lost disk costs at most a day even if nobody set up cron.
import path from "node:path";
import { env } from "~/utils/env.server";
import { countyInstant, countyToday } from "~/utils/time";
import { backupName, backupTo, pruneBackups } from "~db/backup";
import { databasePath, getDb } from "~db/client";
import { recordAudit } from "./staff.server";

export function backupDir() {
  return env.BACKUP_DIR ?? path.join(path.dirname(path.resolve(databasePath())), "backups");
}

/** Makes one backup now, keeps the newest BACKUP_KEEP, and records both in the audit log. */
export async function runBackup(now = new Date()) {
  const dir = backupDir();
  const file = await backupTo(getDb().$client, backupName(dir, now));
  const removed = pruneBackups(dir, env.BACKUP_KEEP);
  recordAudit(null, "backup", "database", undefined, { file: path.basename(file), removed: removed.length });
  return { file, removed };
}

/** The next BACKUP_HOUR:00 in London after now. */
export function nextBackupAt(now = new Date()) {
  const hour = `${String(env.BACKUP_HOUR).padStart(2, "0")}:00`;
  const today = countyInstant(countyToday(now), hour);
  if (today && Date.parse(today) > now.getTime()) return new Date(today);
  const tomorrow = countyToday(new Date(now.getTime() + 24 * 3600_000));
  return new Date(countyInstant(tomorrow, hour) ?? now.getTime() + 86400_000);
}

let timer: NodeJS.Timeout | undefined;

/** Called once when the server starts (not in tests or scripts). A failed backup is logged and tried again the next night. */
export function scheduleNightlyBackups() {
  if (env.BACKUP_KEEP === 0 || timer) return;
  const arm = () => {
    const wait = Math.max(1000, nextBackupAt().getTime() - Date.now());
    timer = setTimeout(() => {
      runBackup()
        .catch((error) => console.error("Nightly backup failed:", (error as Error).message))
        .finally(arm);
    }, wait);
    timer.unref();
  };
  arm();
}
