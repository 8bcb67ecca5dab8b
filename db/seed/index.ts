/**
 * The demo county (docs/design.md, The demo county): Wealdshire, with its areas, localities, groups, CYPP, Board and Partnership,
 * staff accounts, consultations with a few hundred answers, and one Board meeting carried all the way through
 * summary, response and "you said, we did".
 *
 * `tsx db/seed/index.ts` seeds the database at DATABASE_PATH when it is empty. Everything is relative to `now`
 * and drawn from a seeded PRNG, so two fresh checkouts on the same day get the same county.
 */
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { type DB, openDatabase } from "../client";
import { areas, consultations, plans, staffUsers } from "../schema";
import { seedReferenceData } from "./admin";
import { seedCompose } from "./compose";
import { busCutStart, seedLunches, seedMentalHealth, seedTravel, seedYouthClubs } from "./demo-consultations";
import { seedGroupsAndSessions } from "./groups";
import { seedMeetings } from "./meetings";
import { seedParentCards } from "./parents-paper";
import { seedPlan } from "./plan";
import { hashDemoPassSecrets, seedQuestions } from "./questions";
import { createRng } from "./random";
import { seedPlaces } from "./reference";
import { hashDemoPasswords, seedStaff } from "./staff";
import { seedBoardMeeting, seedInterimSummary } from "./summaries";
import { seedTagCorpus } from "./tag-corpus";
import { seedThemes } from "./themes";

export { DEMO_PASS } from "./questions";
export { DEMO_PASSWORD, demoStaff } from "./staff";

/** True when the database holds no county yet: no staff, areas, plans or consultations. */
export function isEmpty(db: DB) {
  const count = (table: typeof staffUsers | typeof areas | typeof plans | typeof consultations) =>
    db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
  return count(staffUsers) + count(areas) + count(plans) + count(consultations) === 0;
}

/** Fills an empty database with the Wealdshire demo county, all or nothing. Each domain seeds itself, in this order. */
export async function seedDemo(db: DB, opts: { now?: Date } = {}): Promise<void> {
  if (!isEmpty(db)) throw new Error("seedDemo needs an empty database");
  const now = opts.now ?? new Date();
  const hashes = await hashDemoPasswords();
  const passHashes = await hashDemoPassSecrets();

  db.transaction((tx) => {
    // One stream of random draws, taken in this order, so every fresh checkout gets the same county.
    const rng = createRng(0x5eed2025);
    const { officerId, boardMemberId, partnershipMemberId } = seedStaff(tx, hashes, now);
    const { locality, pickLocality } = seedPlaces(tx, rng, officerId);
    seedReferenceData(tx, now);
    const fw = seedPlan(tx);
    const met = seedMeetings(tx, now);
    const ctx = { db, tx, now, rng, fw, officerId, locality, pickLocality };
    seedTravel(ctx);
    seedLunches(ctx);
    const heard = seedYouthClubs(ctx);
    seedMentalHealth(ctx);
    seedInterimSummary(tx, now, fw, officerId, met, busCutStart(now));
    seedBoardMeeting(tx, fw, { officerId, boardMemberId }, heard, met);
    seedQuestions(tx, now, passHashes, { officerId, boardMemberId, partnershipMemberId }, (key) => fw.outcomeId[key]);
    seedGroupsAndSessions(
      tx,
      now,
      rng,
      { officerId, passHash: passHashes[1], boardPast: met.boardPast },
      (key) => fw.outcomeId[key],
    );
    seedTagCorpus(ctx);
    seedParentCards(ctx);
    seedThemes(tx, now, officerId);
    seedCompose(ctx);
  });
}

async function main() {
  const db = openDatabase();
  try {
    if (!isEmpty(db)) {
      console.log("Database already has data; not seeding");
      return;
    }
    await seedDemo(db);
    console.log("Seeded demo county");
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
