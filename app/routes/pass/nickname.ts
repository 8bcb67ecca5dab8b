import { redirect } from "react-router";
import { changeNickname } from "~/models/passes/passes.server";
import { requirePass } from "~/models/passes/session.server";
import type { Route } from "./+types/nickname";

export async function loader() {
  return redirect("/pass");
}

/** A new generated nickname; nobody can choose their own words for it. */
export async function action({ request }: Route.ActionArgs) {
  const pass = requirePass(request);
  changeNickname(pass.id);
  return redirect("/pass?nickname=new");
}
