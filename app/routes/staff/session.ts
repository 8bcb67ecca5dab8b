// The timeout warning's two requests. GET: when this session ends, read without counting as activity (else asking
// would keep it alive); it opens nothing but the session's own expiry. POST: "Stay signed in".
import { data } from "react-router";
import { requireStaff, staffSessionId } from "~/auth/session.server";
import { extendSession, peekSessionExpiry, type SessionExpiry } from "~/models/session-timeout.server";
import type { Route } from "./+types/session";

export type SessionStatus = { ended: true } | ({ ended: false; now: string } & SessionExpiry);

export async function loader({ request }: Route.LoaderArgs) {
  const id = staffSessionId(request);
  const expiry = id ? peekSessionExpiry(id) : null;
  if (!expiry) return data<SessionStatus>({ ended: true }, { status: 401 });
  return data<SessionStatus>({ ended: false, now: new Date().toISOString(), ...expiry });
}

export async function action({ request }: Route.ActionArgs) {
  requireStaff(request);
  const expiry = extendSession(staffSessionId(request) ?? "");
  if (!expiry) return data<SessionStatus>({ ended: true }, { status: 401 });
  return data<SessionStatus>({ ended: false, now: new Date().toISOString(), ...expiry });
}
