import { redirect } from "react-router";
import { endStaffSession, getStaff } from "~/auth/session.server";
import { recordAudit } from "~/models/staff.server";
import type { Route } from "./+types/sign-out";

export async function action({ request }: Route.ActionArgs) {
  const staff = getStaff(request);
  if (staff) recordAudit(staff.id, "sign_out", "staff", staff.id);
  return redirect("/staff/sign-in", { headers: { "Set-Cookie": endStaffSession(request) } });
}

export async function loader() {
  return redirect("/staff");
}
