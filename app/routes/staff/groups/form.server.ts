import type { getT } from "~/i18n/i18n.server";
import { groupFormSchema } from "~/schemas/groups";

type T = ReturnType<typeof getT>;

/** Reads the posted group form: the values as typed (kept on error) and either the parsed input or the errors. */
export function readGroupForm(form: FormData, t: T) {
  const values = Object.fromEntries(
    ["name", "kind", "audience", "localityId", "facilitatorId", "place", "accessInfo"].map((k) => [
      k,
      String(form.get(k) ?? "").slice(0, 1000),
    ]),
  );
  const parsed = groupFormSchema.safeParse(values);
  if (parsed.success) return { values, input: parsed.data, errors: null };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= t(`groups.error.${field}`);
  }
  return { values, input: null, errors };
}
