// Groups (the two countywide Sounding Boards, locality forums, school councils, youth forums, parents' groups) and the
// people who join them with a code. Members are pass holders; a membership keeps only the age band and locality they
// chose to give, and lists show nicknames and age bands, never names or contact details.
import crypto from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import { areas, auditLog, groupMembers, groups, joinAttempts, localities, passes, staffUsers } from "~db/schema";
import { type GroupKind, groupKinds } from "./groups/types";
import { ageBands } from "./reference.server";

export { type GroupKind, groupKinds };

// No 0/O, 1/I/L: a code read off a poster or said aloud is typed right.
export const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 10; // 31^10 ≈ 8 × 10^14: with the limit below, guessing one would take millennia.

/** Wrong codes one address may try in a window before it is asked to wait. */
export const JOIN_MAX_FAILURES = 10;
export const JOIN_WINDOW_MS = 15 * 60_000;

export class GroupError extends Error {
  constructor(public readonly code: "not_found" | "closed" | "bad_facilitator" | "bad_locality") {
    super(code);
  }
}

export function newJoinCode() {
  const bytes = crypto.randomBytes(JOIN_CODE_LENGTH * 2);
  let code = "";
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
  for (const b of bytes) {
    if (b >= 248) continue;
    code += JOIN_ALPHABET[b % JOIN_ALPHABET.length];
    if (code.length === JOIN_CODE_LENGTH) return code;
  }
  return newJoinCode();
}

/** "ABCDE-FGH23": how a code is shown and printed. */
export function formatJoinCode(code: string) {
  return code.length === JOIN_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** What someone typed ("abcde fgh23", "ABCDE-FGH23") as stored; O and I typed by mistake read as 0 and 1 do not exist. */
export function normalizeJoinCode(input: string) {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 32);
}

/** Staff accounts that may facilitate a group: officers and admins. */
export function listFacilitators(db: Conn = getDb()) {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(and(inArray(staffUsers.role, ["officer", "admin"]), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.name))
    .all();
}

const memberCount = sql<number>`(select count(*) from group_members gm where gm.group_id = "groups"."id")`;

export function listGroupsForStaff(db: Conn = getDb()) {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      audience: groups.audience,
      status: groups.status,
      locality: localities.name,
      area: areas.name,
      facilitator: staffUsers.name,
      facilitatorId: groups.facilitatorId,
      members: memberCount,
    })
    .from(groups)
    .leftJoin(localities, eq(localities.id, groups.localityId))
    .leftJoin(areas, eq(areas.id, localities.areaId))
    .leftJoin(staffUsers, eq(staffUsers.id, groups.facilitatorId))
    .orderBy(
      asc(sql`${groups.status} = 'closed'`),
      asc(sql`${groups.localityId} is not null`),
      asc(areas.id),
      asc(groups.name),
    )
    .all();
}

export type GroupInput = {
  name: string;
  kind: GroupKind;
  audience: "young_people" | "parents_carers";
  localityId: number | null;
  facilitatorId: number;
  place: string | null;
  accessInfo: string | null;
};

function checkRefs(db: Conn, input: GroupInput) {
  if (!listFacilitators(db).some((f) => f.id === input.facilitatorId)) throw new GroupError("bad_facilitator");
  if (
    input.localityId !== null &&
    !db.select({ id: localities.id }).from(localities).where(eq(localities.id, input.localityId)).get()
  )
    throw new GroupError("bad_locality");
}

export function createGroup(input: GroupInput & { staffId: number; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  return getDb().transaction((tx) => {
    checkRefs(tx, input);
    const row = tx
      .insert(groups)
      .values({
        name: input.name,
        kind: input.kind,
        audience: input.audience,
        localityId: input.localityId,
        facilitatorId: input.facilitatorId,
        place: input.place,
        accessInfo: input.accessInfo,
        joinCode: newJoinCode(),
        status: "open",
        createdAt: at,
      })
      .returning({ id: groups.id })
      .get();
    tx.insert(auditLog)
      .values({
        staffId: input.staffId,
        action: "group_created",
        subjectType: "group",
        subjectId: row.id,
        createdAt: at,
      })
      .run();
    return row.id;
  });
}

export function updateGroup(id: number, input: GroupInput & { staffId: number }) {
  return getDb().transaction((tx) => {
    checkRefs(tx, input);
    const done = tx
      .update(groups)
      .set({
        name: input.name,
        kind: input.kind,
        audience: input.audience,
        localityId: input.localityId,
        facilitatorId: input.facilitatorId,
        place: input.place,
        accessInfo: input.accessInfo,
      })
      .where(eq(groups.id, id))
      .run();
    if (!done.changes) throw new GroupError("not_found");
    tx.insert(auditLog)
      .values({ staffId: input.staffId, action: "group_updated", subjectType: "group", subjectId: id })
      .run();
  });
}

/** A new code; the old one stops working at once. */
export function renewJoinCode(id: number, staffId: number, now = new Date()) {
  return getDb().transaction((tx) => {
    const g = tx.select({ status: groups.status }).from(groups).where(eq(groups.id, id)).get();
    if (!g) throw new GroupError("not_found");
    if (g.status === "closed") throw new GroupError("closed");
    const code = newJoinCode();
    tx.update(groups).set({ joinCode: code, codeRenewedAt: now.toISOString() }).where(eq(groups.id, id)).run();
    tx.insert(auditLog).values({ staffId, action: "group_code_renewed", subjectType: "group", subjectId: id }).run();
    return code;
  });
}

/** Closed: the code stops working and nobody new can join; members, sessions and what was said stay. */
export function setGroupOpen(id: number, open: boolean, staffId: number) {
  return getDb().transaction((tx) => {
    const done = tx
      .update(groups)
      .set({ status: open ? "open" : "closed" })
      .where(eq(groups.id, id))
      .run();
    if (!done.changes) throw new GroupError("not_found");
    tx.insert(auditLog)
      .values({ staffId, action: open ? "group_reopened" : "group_closed", subjectType: "group", subjectId: id })
      .run();
  });
}

export function getGroup(id: number, db: Conn = getDb()) {
  const g = db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      audience: groups.audience,
      status: groups.status,
      localityId: groups.localityId,
      locality: localities.name,
      area: areas.name,
      facilitatorId: groups.facilitatorId,
      facilitator: staffUsers.name,
      place: groups.place,
      accessInfo: groups.accessInfo,
      joinCode: groups.joinCode,
      codeRenewedAt: groups.codeRenewedAt,
    })
    .from(groups)
    .leftJoin(localities, eq(localities.id, groups.localityId))
    .leftJoin(areas, eq(areas.id, localities.areaId))
    .leftJoin(staffUsers, eq(staffUsers.id, groups.facilitatorId))
    .where(eq(groups.id, id))
    .get();
  return g ?? null;
}

/** Nicknames and age bands only, newest first. */
export function listMembers(groupId: number, db: Conn = getDb()) {
  return db
    .select({ nickname: passes.nickname, ageBand: groupMembers.ageBand, joinedAt: groupMembers.joinedAt })
    .from(groupMembers)
    .innerJoin(passes, eq(passes.id, groupMembers.passId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(sql`${groupMembers.joinedAt} desc`, sql`${groupMembers.id} desc`)
    .all();
}

/** Members by the age band and by the locality they gave ("not given" when they gave none), for reach. */
export function groupReach(groupId: number, db: Conn = getDb()) {
  const byBand = db
    .select({ band: groupMembers.ageBand, n: count() })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId))
    .groupBy(groupMembers.ageBand)
    .all();
  const byLocality = db
    .select({ locality: localities.name, n: count() })
    .from(groupMembers)
    .leftJoin(localities, eq(localities.id, groupMembers.localityId))
    .where(eq(groupMembers.groupId, groupId))
    .groupBy(localities.name)
    .orderBy(asc(localities.name))
    .all();
  const bands = [...ageBands, null].map((band) => ({
    band,
    n: byBand.find((b) => b.band === band)?.n ?? 0,
  }));
  return {
    total: byBand.reduce((s, b) => s + b.n, 0),
    bands: bands.filter((b) => b.n > 0 || b.band !== null),
    localities: byLocality,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Joining

export type JoinableGroup = {
  id: number;
  name: string;
  audience: string;
  kind: string;
  localityId: number | null;
  place: string | null;
  accessInfo: string | null;
};

/**
 * The open group with this code, or why not: a closed group's old code says it is closed; a renewed code, like any
 * unknown code, is simply not found (the page does not say which codes once existed).
 */
export function findGroupByCode(input: string, db: Conn = getDb()): JoinableGroup | "closed" | null {
  const code = normalizeJoinCode(input);
  if (code.length !== JOIN_CODE_LENGTH) return null;
  const g = db
    .select({
      id: groups.id,
      name: groups.name,
      audience: groups.audience,
      kind: groups.kind,
      localityId: groups.localityId,
      place: groups.place,
      accessInfo: groups.accessInfo,
      status: groups.status,
    })
    .from(groups)
    .where(eq(groups.joinCode, code))
    .get();
  if (!g) return null;
  if (g.status === "closed") return "closed";
  const { status: _status, ...group } = g;
  return group;
}

/** Seconds to wait when this address has tried too many wrong codes, else 0. */
export function joinRetryAfter(key: string, now = Date.now(), db: Conn = getDb()) {
  const row = db.select().from(joinAttempts).where(eq(joinAttempts.key, key)).get();
  if (!row) return 0;
  const resetAt = Date.parse(row.windowStartedAt) + JOIN_WINDOW_MS;
  if (resetAt <= now || row.failures < JOIN_MAX_FAILURES) return 0;
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

export function recordJoinFailure(key: string, now = Date.now(), db: Conn = getDb()) {
  const at = new Date(now).toISOString();
  const windowStart = new Date(now - JOIN_WINDOW_MS).toISOString();
  db.insert(joinAttempts)
    .values({ key, failures: 1, windowStartedAt: at })
    .onConflictDoUpdate({
      target: joinAttempts.key,
      set: {
        failures: sql`case when ${joinAttempts.windowStartedAt} <= ${windowStart} then 1 else ${joinAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${joinAttempts.windowStartedAt} <= ${windowStart} then ${at} else ${joinAttempts.windowStartedAt} end`,
      },
    })
    .run();
}

/** Joins (or, when already a member, updates what they gave). Refuses a closed group. */
export function joinGroup(input: {
  groupId: number;
  passId: number;
  ageBand: string | null;
  localityId: number | null;
  now?: Date;
}) {
  const at = (input.now ?? new Date()).toISOString();
  return getDb().transaction((tx) => {
    const g = tx.select({ status: groups.status }).from(groups).where(eq(groups.id, input.groupId)).get();
    if (!g) throw new GroupError("not_found");
    if (g.status === "closed") throw new GroupError("closed");
    const localityId =
      input.localityId !== null &&
      tx.select({ id: localities.id }).from(localities).where(eq(localities.id, input.localityId)).get()
        ? input.localityId
        : null;
    const ageBand = input.ageBand && (ageBands as readonly string[]).includes(input.ageBand) ? input.ageBand : null;
    const existing = tx
      .select({ id: groupMembers.id })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, input.groupId), eq(groupMembers.passId, input.passId)))
      .get();
    if (existing) {
      tx.update(groupMembers).set({ ageBand, localityId }).where(eq(groupMembers.id, existing.id)).run();
      return { already: true };
    }
    tx.insert(groupMembers)
      .values({ groupId: input.groupId, passId: input.passId, ageBand, localityId, joinedAt: at })
      .run();
    return { already: false };
  });
}

export function leaveGroup(passId: number, groupId: number) {
  return (
    getDb()
      .delete(groupMembers)
      .where(and(eq(groupMembers.passId, passId), eq(groupMembers.groupId, groupId)))
      .run().changes > 0
  );
}

export function listGroupsForPass(passId: number, db: Conn = getDb()) {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      status: groups.status,
      place: groups.place,
      accessInfo: groups.accessInfo,
      ageBand: groupMembers.ageBand,
      locality: localities.name,
      joinedAt: groupMembers.joinedAt,
    })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .leftJoin(localities, eq(localities.id, groupMembers.localityId))
    .where(eq(groupMembers.passId, passId))
    .orderBy(asc(groups.name))
    .all();
}
