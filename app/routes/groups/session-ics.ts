import { data } from "react-router";
import { getT } from "~/i18n/i18n.server";
import { getPass } from "~/models/passes/session.server";
import { getSessionForPass, sessionRevision } from "~/models/sessions.server";
import { sessionIcs } from "~/utils/session-ics";
import type { Route } from "./+types/session-ics";

/** The session for the member's calendar: only members of its groups get it, like its page. */
export async function loader({ request, params }: Route.LoaderArgs) {
  if (!/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  const id = Number(params.id);
  const pass = getPass(request);
  const s = pass ? getSessionForPass(pass.id, id) : null;
  if (!s) throw data(null, { status: 404 });
  const t = getT(request);
  const url = new URL(`/sessions/${id}`, request.url).toString();
  const body = sessionIcs({ ...s, sequence: sessionRevision(id) }, { questions: t("sessions.ics.questions"), url });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="session-${id}.ics"`,
      "Cache-Control": "no-store",
    },
  });
}
