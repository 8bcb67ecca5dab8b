import { eq } from "drizzle-orm";
import type { ConsultationStatus } from "~/models/consultations/types";
import { getDb } from "~db/client";
import { areas, bodies, consultations, localities, meetings, outcomes, plans, staffUsers } from "~db/schema";

/** A small county: one area, two localities, a plan with two outcomes, a Board with a meeting, an officer and a board member. */
export function makeCounty() {
  const db = getDb();
  const area = db
    .insert(areas)
    .values({ name: "North", slug: `north-${Math.random()}` })
    .returning()
    .get();
  const l1 = db
    .insert(localities)
    .values({ areaId: area.id, name: "Banbury Cross", slug: `bc-${Math.random()}` })
    .returning()
    .get();
  const l2 = db
    .insert(localities)
    .values({ areaId: area.id, name: "Kidwell", slug: `kw-${Math.random()}` })
    .returning()
    .get();
  const plan = db
    .insert(plans)
    .values({ title: "CYPP", startsOn: "2025-04-01", endsOn: "2028-03-31", active: true })
    .returning()
    .get();
  const staySafe = db
    .insert(outcomes)
    .values({ planId: plan.id, key: "stay-safe", title: "Stay safe", childTitle: "Feeling safe", position: 2 })
    .returning()
    .get();
  const healthy = db
    .insert(outcomes)
    .values({ planId: plan.id, key: "be-healthy", title: "Be healthy", childTitle: "Being healthy", position: 1 })
    .returning()
    .get();
  const board = db
    .insert(bodies)
    .values({ name: "Children and Young People's Board", kind: "board" })
    .returning()
    .get();
  const meeting = db
    .insert(meetings)
    .values({ bodyId: board.id, title: "Board – December", meetsOn: "2099-12-01" })
    .returning()
    .get();
  const officer = db
    .insert(staffUsers)
    .values({ email: `officer-${Math.random()}@test`, name: "Olive Officer", passwordHash: "x", role: "officer" })
    .returning()
    .get();
  const boardMember = db
    .insert(staffUsers)
    .values({ email: `board-${Math.random()}@test`, name: "Bea Board", passwordHash: "x", role: "board" })
    .returning()
    .get();
  return { localities: [l1, l2], outcomes: { staySafe, healthy }, meeting, officer, boardMember };
}

export function setStatus(consultationId: number, status: ConsultationStatus) {
  getDb().update(consultations).set({ status }).where(eq(consultations.id, consultationId)).run();
}
