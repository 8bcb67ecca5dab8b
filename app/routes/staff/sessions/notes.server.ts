import { data } from "react-router";
import { z } from "zod";
import { getSession, markers, mayRun, NOTE_MAX, runCheck } from "~/models/sessions.server";

/** The session a facilitator may run, or the right refusal: 404 unknown, 403 another group's session. */
export function runnableSession(id: string, staff: { id: number; role: string }) {
  if (!/^\d{1,9}$/.test(id)) throw data(null, { status: 404 });
  const s = getSession(Number(id));
  if (!s) throw data(null, { status: 404 });
  if (!mayRun(staff, s.id)) throw data(null, { status: 403 });
  return s;
}

/** The same refusals for the autosave, in one small query: it runs for every pause in a facilitator's typing. */
export function runnableSessionId(id: string, staff: { id: number; role: string }) {
  if (!/^\d{1,9}$/.test(id)) throw data(null, { status: 404 });
  const check = runCheck(staff, Number(id));
  if (!check) throw data(null, { status: 404 });
  if (!check.mayRun) throw data(null, { status: 403 });
  return Number(id);
}

/** A note as posted, by the page's script (autosave) or by its form without JavaScript. */
export const noteSchema = z.object({
  agendaQuestionId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
  // Made by the browser (crypto.randomUUID) or, without JavaScript, by the server when it drew the form.
  clientId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  rev: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
  body: z.string().max(NOTE_MAX),
  outcomeIds: z
    .array(
      z.coerce
        .number()
        .int()
        .positive()
        .max(2 ** 31),
    )
    .max(20),
  marker: z.union([z.enum(markers), z.literal("")]).transform((m) => (m === "" ? null : m)),
  fromFlipchart: z.union([z.literal("1"), z.literal("")]).transform((v) => v === "1"),
});

export function readNote(form: FormData) {
  return noteSchema.safeParse({
    agendaQuestionId: form.get("agendaQuestionId"),
    clientId: form.get("clientId"),
    rev: form.get("rev"),
    body: String(form.get("body") ?? "").replace(/\r\n/g, "\n"),
    outcomeIds: form.getAll("outcome").map(String),
    marker: String(form.get("marker") ?? ""),
    fromFlipchart: String(form.get("fromFlipchart") ?? ""),
  });
}
