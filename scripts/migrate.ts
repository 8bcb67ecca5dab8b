// Applies committed migrations to DATABASE_PATH (the server does this on start too).
import { closeDb, databasePath, getDb } from "../db/client";

getDb();
closeDb();
console.log(`Migrations applied to ${databasePath()}`);
