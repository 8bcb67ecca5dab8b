import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { getT } from "~/i18n/i18n.server";
import { DRAFT_KINDS, type DraftKind, draftDownloadName } from "~/models/papers/draft.server";
import { exportTypes } from "~/models/papers/jobs.server";
import { recordAudit } from "~/models/staff.server";
import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/draft";

/**
 * The draft paper as a file, straight away: a single paper takes well under a second, so it needs no job, and it writes
 * nothing (no version, no file on disk). Counted and drawn in a worker thread, so other requests go on meanwhile.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries");
  const id = Number(params.id);
  if (!(DRAFT_KINDS as readonly string[]).includes(params.format))
    throw data(getT(request)("summary.draft.badFormat"), { status: 404 });
  const kind = params.format as DraftKind;
  const file = Number.isInteger(id) && id > 0 ? await offLoop("draftFile", id, kind) : null;
  if (!file) throw new Response("Not found", { status: 404 });
  const { content, bytes } = file;
  recordAudit(staff.id, "summary_draft_downloaded", "summary", id, { kind });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": exportTypes[kind].type,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; filename="${draftDownloadName(kind, content)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
