// npm run retention: anonymises participants' words older than the admin's limit now, as the daily run does, records
// the run in the audit log, and prints one JSON line of counts.
import { runRetention } from "../app/models/retention.server";
import { closeDb } from "../db/client";

const run = await runRetention({ trigger: "script" });
closeDb();
console.log(JSON.stringify(run.counts));
