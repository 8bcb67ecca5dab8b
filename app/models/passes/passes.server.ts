// Passes: creating one, signing in with a nickname and four words, sessions, and what a holder may change.
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, lt } from "drizzle-orm";
import { getDb } from "~db/client";
import { passes, passSessions, passSignInFailures } from "~db/schema";
import { type PassAgeBand, passAgeBands } from "./types";
import { NICKNAME_ANIMALS, NICKNAME_FIRST, SECRET_WORDS } from "./words";

export { type PassAgeBand, passAgeBands };

const UNDER_16 = new Set<string>(["under_8", "8_11", "12_15"]);

export type Pass = {
  id: number;
  nickname: string;
  ageBand: PassAgeBand | null;
  isParent: boolean;
  email: string | null;
  /** Only parents and carers, or people of 16 and over, may give an email; someone under 16 never can. */
  canAddEmail: boolean;
  createdAt: string;
  /** When this browser's session began: answers sent after it belong to the pass too. */
  sessionStartedAt: string;
};

// argon2id with OWASP's profile of 7 MiB and 5 passes (as strong as its 19 MiB, 2 passes one, which staff passwords
// use): on this 2-core machine it checked fastest of the equal profiles (about 7 ms, against 10 and 15), which keeps ten
// people signing in at once under the 250 ms goal (npm run bench, pass_sign_in_p95_ms). The words carry 41 bits, and a
// stolen hash still costs a guesser the full work per try.
const argon = { memoryCost: 7168, timeCost: 5, parallelism: 1, algorithm: 2 } as const;

/** "  blue   OTTER 42 " → "blue otter 42": what a person typed, the way sign-in looks it up. */
export function nicknameKey(nickname: string) {
  return nickname.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

/** The four words however they were typed: any case, spaces, commas, dashes or dots between them. */
export function normaliseSecret(words: string) {
  return words
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
    .join(" ");
}

function pick<T>(list: readonly T[]) {
  return list[crypto.randomInt(list.length)];
}

export function newSecretWords(): string[] {
  return [pick(SECRET_WORDS), pick(SECRET_WORDS), pick(SECRET_WORDS), pick(SECRET_WORDS)];
}

/** A generated nickname nobody has: 48 × 62 × 90 (about 268,000) to choose from, so a few tries always find one. */
function freshNickname(except?: string) {
  const db = getDb();
  for (let i = 0; i < 50; i++) {
    const nickname = `${pick(NICKNAME_FIRST)} ${pick(NICKNAME_ANIMALS)} ${10 + crypto.randomInt(90)}`;
    if (nickname === except) continue;
    const taken = db
      .select({ id: passes.id })
      .from(passes)
      .where(eq(passes.nicknameKey, nicknameKey(nickname)))
      .get();
    if (!taken) return nickname;
  }
  throw new Error("no free nickname");
}

/** ageBand null and not a parent: the holder would rather not say, and is treated as under 16 (no email). */
export type NewPassInput = { ageBand: PassAgeBand | null; isParent: boolean; now?: Date };

/** The stored form of a pass's secret words: an argon2id hash, never the words. */
export function hashSecret(words: string) {
  return hash(normaliseSecret(words), argon);
}

/** Makes a pass; returns its id, nickname and the words, which exist nowhere else after this returns. */
export async function createPass(input: NewPassInput) {
  const words = newSecretWords();
  const secretHash = await hashSecret(words.join(" "));
  const now = (input.now ?? new Date()).toISOString();
  const nickname = freshNickname();
  const row = getDb()
    .insert(passes)
    .values({
      nickname,
      nicknameKey: nicknameKey(nickname),
      secretHash,
      ageBand: input.isParent ? null : input.ageBand,
      isParent: input.isParent,
      createdAt: now,
    })
    .returning({ id: passes.id })
    .get();
  return { id: row.id, nickname, words };
}

// Five wrong secrets for a nickname are free; then each one waits twice as long as the last, from 30 seconds to at
// most 5 minutes. The real holder is never locked out for longer than that, and a guesser gets about 300 tries a day.
const FREE_FAILURES = 4;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 5 * 60_000;
// A quiet hour forgets the count.
const FORGET_AFTER_MS = 60 * 60_000;

export function waitAfterFailures(failures: number) {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/** Seconds until this nickname may be tried again (0 when it may be tried now). */
export function signInWaitSeconds(nickname: string, now = new Date()) {
  return failureState(nicknameKey(nickname), now).waitSeconds;
}

function failureState(key: string, now: Date) {
  const row = getDb()
    .select({ blockedUntil: passSignInFailures.blockedUntil })
    .from(passSignInFailures)
    .where(eq(passSignInFailures.nicknameKey, key))
    .get();
  const ms = row?.blockedUntil ? Date.parse(row.blockedUntil) - now.getTime() : 0;
  return { counted: Boolean(row), waitSeconds: ms > 0 ? Math.ceil(ms / 1000) : 0 };
}

function recordFailure(key: string, now: Date) {
  const db = getDb();
  db.transaction((tx) => {
    const row = tx.select().from(passSignInFailures).where(eq(passSignInFailures.nicknameKey, key)).get();
    const stale = !row || now.getTime() - Date.parse(row.lastFailureAt) > FORGET_AFTER_MS;
    const failures = stale ? 1 : row.failures + 1;
    const wait = waitAfterFailures(failures);
    const values = {
      failures,
      lastFailureAt: now.toISOString(),
      blockedUntil: wait ? new Date(now.getTime() + wait).toISOString() : null,
    };
    tx.insert(passSignInFailures)
      .values({ nicknameKey: key, ...values })
      .onConflictDoUpdate({ target: passSignInFailures.nicknameKey, set: values })
      .run();
  });
}

// A real hash of unguessable words, checked when the nickname is unknown, so both cases take as long.
let dummyHash: Promise<string> | undefined;

export type SignInResult = { ok: true; passId: number } | { ok: false; reason: "wrong" | "wait"; waitSeconds: number };

/**
 * Checks a nickname and its words. A nickname that is waiting is refused before any hash is checked. A wrong
 * nickname and wrong words look the same to the person signing in.
 */
export async function verifyPassSignIn(nickname: string, words: string, now = new Date()): Promise<SignInResult> {
  const key = nicknameKey(nickname);
  const failures = failureState(key, now);
  if (failures.waitSeconds) return { ok: false, reason: "wait", waitSeconds: failures.waitSeconds };
  const db = getDb();
  const pass = db
    .select({ id: passes.id, secretHash: passes.secretHash })
    .from(passes)
    .where(eq(passes.nicknameKey, key))
    .get();
  const secret = normaliseSecret(words);
  let ok = false;
  if (pass) {
    ok = await verify(pass.secretHash, secret).catch(() => false);
  } else {
    dummyHash ??= hash(crypto.randomBytes(16).toString("hex"), argon);
    await verify(await dummyHash, secret).catch(() => false);
  }
  if (!ok || !pass) {
    recordFailure(key, now);
    return { ok: false, reason: "wrong", waitSeconds: signInWaitSeconds(key, now) };
  }
  // Every write is a disk sync: only clear a count that exists; the sign-in time is written with the session.
  if (failures.counted) db.delete(passSignInFailures).where(eq(passSignInFailures.nicknameKey, key)).run();
  return { ok: true, passId: pass.id };
}

function sha256(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export const PASS_SESSION_DAYS = 30;

/** A new random session id; only its hash is stored. Returns the id for the cookie. */
export function createPassSession(passId: number, now = new Date()) {
  const id = crypto.randomBytes(32).toString("base64url");
  getDb().transaction((tx) => {
    tx.insert(passSessions)
      .values({
        idHash: sha256(id),
        passId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PASS_SESSION_DAYS * 86400_000).toISOString(),
      })
      .run();
    tx.update(passes).set({ lastSignInAt: now.toISOString() }).where(eq(passes.id, passId)).run();
  });
  return id;
}

export function findPassBySession(sessionId: string): Pass | null {
  const row = getDb()
    .select({
      id: passes.id,
      nickname: passes.nickname,
      ageBand: passes.ageBand,
      isParent: passes.isParent,
      email: passes.email,
      createdAt: passes.createdAt,
      sessionStartedAt: passSessions.createdAt,
    })
    .from(passSessions)
    .innerJoin(passes, eq(passes.id, passSessions.passId))
    .where(and(eq(passSessions.idHash, sha256(sessionId)), gt(passSessions.expiresAt, new Date().toISOString())))
    .get();
  if (!row) return null;
  const ageBand = (passAgeBands as readonly string[]).includes(row.ageBand ?? "") ? (row.ageBand as PassAgeBand) : null;
  return { ...row, ageBand, canAddEmail: mayHaveEmail({ ageBand, isParent: row.isParent }) };
}

export function destroyPassSession(sessionId: string) {
  const db = getDb();
  db.delete(passSessions)
    .where(eq(passSessions.idHash, sha256(sessionId)))
    .run();
  db.delete(passSessions).where(lt(passSessions.expiresAt, new Date().toISOString())).run();
}

export function mayHaveEmail(pass: { ageBand: string | null; isParent: boolean }) {
  if (pass.isParent) return true;
  return pass.ageBand !== null && !UNDER_16.has(pass.ageBand);
}

export class PassError extends Error {
  constructor(public readonly code: "email_not_allowed" | "not_found") {
    super(code);
  }
}

/** Saves (or with null removes) the email for notifications; refused for anyone who said they are under 16. */
export function setPassEmail(passId: number, email: string | null) {
  const db = getDb();
  const pass = db
    .select({ ageBand: passes.ageBand, isParent: passes.isParent })
    .from(passes)
    .where(eq(passes.id, passId))
    .get();
  if (!pass) throw new PassError("not_found");
  if (email !== null && !mayHaveEmail(pass)) throw new PassError("email_not_allowed");
  db.update(passes).set({ email }).where(eq(passes.id, passId)).run();
}

/** A new generated nickname, never one the holder typed. The words stay the same. */
export function changeNickname(passId: number) {
  const db = getDb();
  const current = db.select({ nickname: passes.nickname }).from(passes).where(eq(passes.id, passId)).get();
  if (!current) throw new PassError("not_found");
  const nickname = freshNickname(current.nickname);
  db.update(passes)
    .set({ nickname, nicknameKey: nicknameKey(nickname) })
    .where(eq(passes.id, passId))
    .run();
  return nickname;
}
