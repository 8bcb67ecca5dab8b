import crypto from "node:crypto";
import { endedReason, staffOfSession } from "~/models/session-timeout.server";
import { findStaffBySession } from "~/models/staff.server";

/**
 * A staff form sent without JavaScript after the session ended. The browser cannot keep it (no script), so the server
 * keeps its fields in memory for an hour, for that person only, and shows them again after they sign back in, with a
 * button that sends them again. Never on disk, gone on restart; secret fields (passwords, codes) are never kept.
 */
export const KEPT_COOKIE = "sb_kept";
export const KEEP_MINUTES = 60;
const MAX_KEPT = 500;
const MAX_FIELDS = 300;
const SECRET = /pass(word|code|phrase)|^code$|token|secret|recovery/i;

export type KeptForm = { path: string; fields: [string, string][] };
type Entry = KeptForm & { staffId: number; at: number };
const kept = new Map<string, Entry>();

function prune(now: number) {
  for (const [token, e] of kept) if (now - e.at > KEEP_MINUTES * 60_000) kept.delete(token);
  // the oldest go first when too many are waiting (Map keeps insertion order)
  while (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
}

/**
 * For a POST to a staff page: null when the browser's session is still good (the request goes on as usual). Otherwise
 * why it ended, and a token for the kept fields when there are any and the session is known (else nothing is kept).
 */
export function keepSignedOutForm(sessionId: string, path: string, body: string, now = Date.now()) {
  if (findStaffBySession(sessionId)) return null;
  const reason = endedReason(sessionId);
  const staffId = staffOfSession(sessionId);
  // Every field as the browser sent it, empty ones too (the page's action may need them), bar the secret ones.
  const fields = [...new URLSearchParams(body)].filter(([name]) => !SECRET.test(name)).slice(0, MAX_FIELDS);
  if (staffId === null || !fields.some(([, value]) => value.trim() !== "")) return { reason, token: null };
  prune(now);
  const token = crypto.randomBytes(24).toString("base64url");
  kept.set(token, { staffId, path, fields, at: now });
  return { reason, token };
}

/** The kept form for this person on this page, once: it is forgotten as it is shown. */
export function takeKeptForm(token: string | null, staffId: number, path: string, now = Date.now()): KeptForm | null {
  if (!token) return null;
  const e = kept.get(token);
  if (!e || e.staffId !== staffId || e.path !== path || now - e.at > KEEP_MINUTES * 60_000) return null;
  kept.delete(token);
  return { path: e.path, fields: e.fields };
}
