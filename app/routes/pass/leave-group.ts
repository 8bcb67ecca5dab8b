import { redirect } from "react-router";
import { leaveGroup } from "~/models/groups.server";
import { requirePass } from "~/models/passes/session.server";
import type { Route } from "./+types/leave-group";

/** Leaving changes something, so only a POST does it; an address typed or followed goes back to the pass. */
export async function loader() {
  return redirect("/pass");
}

export async function action({ request }: Route.ActionArgs) {
  const pass = requirePass(request);
  const groupId = String((await request.formData()).get("groupId") ?? "");
  const left = /^\d{1,9}$/.test(groupId) && leaveGroup(pass.id, Number(groupId));
  return redirect(left ? "/pass?left=group#groups" : "/pass#groups");
}
