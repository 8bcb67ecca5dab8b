import { data, redirect } from "react-router";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { linkReceipts } from "~/models/passes/holder.server";
import { requirePass } from "~/models/passes/session.server";
import { readCookie } from "~/utils/http";
import type { Route } from "./+types/link";

export async function loader() {
  return redirect("/pass");
}

/** "Add these answers to my pass" on a consultation's done page: the holder says so, for that one consultation. */
export async function action({ request }: Route.ActionArgs) {
  const pass = requirePass(request);
  const form = await request.formData();
  const consultationId = Number(form.get("consultation"));
  if (!Number.isInteger(consultationId) || consultationId <= 0) throw data(null, { status: 400 });
  // The answers just sent (the thank-you page's cookie), or still in progress.
  const receipts = [`sb_sent_${consultationId}`, `sb_receipt_${consultationId}`]
    .map((name) => readCookie(request, name))
    .filter((r): r is string => Boolean(r && /^[A-Za-z0-9_-]{20,64}$/.test(r)));
  if (receipts.length) linkReceipts(pass.id, receipts.map(hashReceipt));
  return redirect("/pass");
}
