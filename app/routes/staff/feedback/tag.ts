// The inbox's keyboard talks to this: one tag change a POST, saved at once; the answer is the contribution's tags after it.
import { data } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { getT } from "~/i18n/i18n.server";
import { changeTag, changeTheme, TagError } from "~/models/inbox.server";
import type { Route } from "./+types/tag";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// Only an empty or missing field clears the priority: junk is refused, never taken as "clear".
const priorityId = z
  .union([z.literal(""), id])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));
const schema = z.discriminatedUnion("op", [
  z.object({
    op: z.enum(["toggle", "add", "remove"]),
    contributionId: id,
    outcomeId: id,
    via: z.enum(["key", "suggestion"]).default("key"),
  }),
  z.object({ op: z.literal("priority"), contributionId: id, outcomeId: id, priorityId }),
  z.object({ op: z.enum(["theme_on", "theme_off"]), contributionId: id, themeId: id }),
]);

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "tag");
  const t = getT(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "invalid", message: t("inbox.error.invalid") }, { status: 400 });
  const input = parsed.data;
  try {
    let result: ReturnType<typeof changeTag>;
    if ("themeId" in input)
      result = changeTheme({
        staffId: staff.id,
        contributionId: input.contributionId,
        themeId: input.themeId,
        on: input.op === "theme_on",
        via: "key",
      });
    else if (input.op === "priority") result = changeTag({ staffId: staff.id, ...input, via: "key" });
    else result = changeTag({ staffId: staff.id, ...input, op: input.op });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof TagError)) throw error;
    const status = error.reason === "not_found" ? 404 : error.reason.startsWith("unknown") ? 400 : 409;
    return data({ error: error.reason, message: t(`inbox.error.${error.reason}`) }, { status });
  }
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "tag");
  // Tags change only by POST.
  return data({ error: "method" }, { status: 405, headers: { Allow: "POST" } });
}
