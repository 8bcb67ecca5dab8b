import { redirect } from "react-router";
import { endPassSession } from "~/models/passes/session.server";
import type { Route } from "./+types/sign-out";

export async function loader() {
  return redirect("/pass");
}

export async function action({ request }: Route.ActionArgs) {
  return redirect("/pass/sign-in?signed-out=1", { headers: { "Set-Cookie": endPassSession(request) } });
}
