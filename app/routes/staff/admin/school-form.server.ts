import { z } from "zod";
import type { getT } from "~/i18n/i18n.server";
import { type SchoolInput, schoolPhases } from "~/models/admin.server";
import { formId, nameSchema } from "./shared.server";

type T = ReturnType<typeof getT>;

const schoolSchema = z.object({
  name: nameSchema.max(120),
  phase: z.enum(schoolPhases),
  // "" is a school that serves the whole county (a special school, a college); anything else must be an id.
  localityId: z.union([z.literal(""), z.string().refine((s) => formId(s) !== null)]),
});

/** The posted school form: what was typed (kept on error) and either the input or an error per field. */
export function readSchoolForm(form: FormData, t: T) {
  const values = Object.fromEntries(
    ["name", "phase", "localityId"].map((k) => [k, String(form.get(k) ?? "").slice(0, 200)]),
  );
  const parsed = schoolSchema.safeParse(values);
  if (parsed.success) {
    const input: SchoolInput = {
      name: parsed.data.name,
      phase: parsed.data.phase,
      localityId: parsed.data.localityId === "" ? null : formId(parsed.data.localityId),
    };
    return { values, input, errors: null };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= t(`admin.error.school.${field}`);
  }
  return { values, input: null, errors };
}
