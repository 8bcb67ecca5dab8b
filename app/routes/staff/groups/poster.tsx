// Being built (issue 9).
import { requirePermission } from "~/auth/session.server";

export async function loader({ request }: { request: Request }) {
  requirePermission(request, "groups");
  throw new Response(null, { status: 404 });
}

export default function Building() {
  return null;
}
