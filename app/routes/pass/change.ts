import { data, redirect } from "react-router";
import { openSentAnswersForChange } from "~/models/passes/change.server";
import { requirePass } from "~/models/passes/session.server";
import { receiptCookie } from "~/utils/receipt.server";
import type { Route } from "./+types/change";

export async function loader() {
  return redirect("/pass");
}

/** "Change these answers" on the pass page: the sent answers open on the check page, ready to change and send again. */
export async function action({ request }: Route.ActionArgs) {
  const pass = requirePass(request);
  const form = await request.formData();
  const responseId = Number(form.get("response"));
  if (!Number.isSafeInteger(responseId) || responseId <= 0) throw data(null, { status: 400 });
  const opened = openSentAnswersForChange(pass.id, responseId);
  if (!opened.ok) return redirect(opened.reason === "closed" ? "/pass?change=closed" : "/pass?change=notYours");
  return redirect(`/consultations/${opened.slug}/check`, {
    headers: { "Set-Cookie": receiptCookie(opened.consultationId, opened.receipt) },
  });
}
