// The run screen's script talks to this: POST saves one note (autosave, and the offline queue replayed in order),
// GET ?since= returns the notes changed after a moment, so a second facilitator's screen shows new notes.
import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { listNotes, NOTE_MAX, SessionError, saveNoteAcknowledged } from "~/models/sessions.server";
import type { Route } from "./+types/notes";
import { readNote, runnableSessionId } from "./notes.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "groups");
  const id = runnableSessionId(params.id, staff);
  const since = new URL(request.url).searchParams.get("since") ?? undefined;
  const valid = since && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(since) ? since : undefined;
  return Response.json({ notes: listNotes(id, valid) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "groups");
  const id = runnableSessionId(params.id, staff);
  const parsed = readNote(await request.formData());
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.path[0] === "body");
    return data({ error: tooLong ? "too_long" : "invalid", max: NOTE_MAX }, { status: 400 });
  }
  try {
    const note = await saveNoteAcknowledged({ ...parsed.data, sessionId: id, staffId: staff.id });
    return Response.json({ note }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof SessionError)) throw error;
    return data({ error: error.code }, { status: error.code === "not_found" ? 404 : 409 });
  }
}
