/**
 * npm run bench:durability — an acknowledged submission is never lost, even when the server is killed mid-write.
 *
 * Each round starts the production build on the same database, sends submissions from many connections at random
 * moments (each a different participant with a complete draft), and SIGKILLs the server at a random moment while
 * they are arriving. A submission counts as acknowledged only when the server answered 302 to the done page. After
 * the last round every acknowledged receipt must have its response with every answer, and the database must pass
 * SQLite's integrity check. Prints the figures, ends with one JSON line, exits non-zero on any loss.
 *
 * npm run crash-test is the same with at least 20 kills, ending with {"kills","acknowledged","lost","integrity"}.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countLost, loadConsultation, openDatabase, prepareDrafts, type Receipt, rng } from "./drafts";
import { burst } from "./load";
import { freePort, seededDatabase, startServer } from "./server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SLUG = "feeling-safe-travel";
const CRASH_TEST = process.argv.includes("--crash-test");
const ROUNDS = Math.max(CRASH_TEST ? 20 : 1, Number(process.env.DURABILITY_ROUNDS ?? (CRASH_TEST ? 20 : 12)));
const PER_ROUND = 300;
const SECONDS = 3;
const CLIENTS = 60;

const { dir, databasePath } = seededDatabase(ROOT);
const db = openDatabase(databasePath);
const consultation = loadConsultation(db, SLUG);
const receipts = prepareDrafts(db, consultation, ROUNDS * PER_ROUND, 7);
db.close();
const cookieName = `sb_receipt_${consultation.id}`;
const random = rng(11);
const acknowledged: Receipt[] = [];
let kills = 0;
let refused = 0;

for (let round = 0; round < ROUNDS; round++) {
  const port = await freePort();
  const server = await startServer(ROOT, databasePath, port);
  const batch = receipts.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
  const sending = burst({
    port,
    origin: server.origin,
    path: `/consultations/${SLUG}/check`,
    total: batch.length,
    seconds: SECONDS,
    clients: CLIENTS,
    cookie: (i) => `${cookieName}=${batch[i].receipt}`,
    accept: (status, location) => status === 302 && (location ?? "").endsWith(`/consultations/${SLUG}/done`),
    seed: 100 + round,
  });
  // Killed somewhere in the middle of the arrivals, with writes in flight.
  await new Promise((r) => setTimeout(r, 400 + random() * (SECONDS * 1000 - 800)));
  await server.kill();
  kills++;
  const sent = await sending;
  sent.forEach((r, i) => {
    if (r.ok) acknowledged.push(batch[i]);
    else refused++;
  });
  console.log(
    `round ${round + 1}: killed with ${sent.filter((r) => r.ok).length} of ${batch.length} acknowledged so far`,
  );
}

const check = openDatabase(databasePath);
const lost = countLost(check, acknowledged);
const integrity = (check.pragma("integrity_check", { simple: true }) as string) ?? "";
check.close();

fs.rmSync(dir, { recursive: true, force: true });

console.log(
  `${acknowledged.length} acknowledged submissions over ${kills} SIGKILLs (${refused} not acknowledged: cut off by a kill): ` +
    `${lost} lost; integrity check ${integrity}`,
);
console.log(
  CRASH_TEST
    ? JSON.stringify({ kills, acknowledged: acknowledged.length, lost, integrity })
    : JSON.stringify({ durability_acknowledged: acknowledged.length, durability_kills: kills, durability_lost: lost }),
);
if (lost > 0 || integrity !== "ok") process.exitCode = 1;
