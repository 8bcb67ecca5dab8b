import type { z } from "zod";
import type { getT } from "~/i18n/i18n.server";
import { PlanError } from "~/models/plan.server";
import { ThemeError } from "~/models/themes.server";

type T = ReturnType<typeof getT>;

/**
 * Reads a posted plan or theme form: the values as typed (kept on error) and either the parsed input or one message per
 * field, from `<keys>.<field>`; a custom issue's message names a more precise key (`<keys>.<message>`).
 */
export function readForm<S extends z.ZodType>(
  form: FormData,
  fields: readonly string[],
  schema: S,
  t: T,
  keys: string,
) {
  const values: Record<string, string> = Object.fromEntries(
    fields.map((k) => {
      const v = form.get(k);
      return [k, typeof v === "string" ? v.slice(0, 2000) : ""];
    }),
  );
  const parsed = schema.safeParse(values);
  if (parsed.success) return { values, input: parsed.data as z.output<S>, errors: null };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= t(`${keys}.${issue.code === "custom" ? issue.message : field}`);
  }
  return { values, input: null, errors };
}

/** A route's numeric id, or a 404 for anything else. */
export function idParam(value: string | undefined) {
  if (!value || !/^\d{1,9}$/.test(value)) throw new Response("Not Found", { status: 404 });
  return Number(value);
}

/** How a refused plan change answers: unknown → 404, ended plan → 409, a twin priority → 400 at the title. */
export function planRefusal(
  error: unknown,
  t: T,
): { status: number; problem: string | null; errors: Record<string, string> | null } {
  if (!(error instanceof PlanError)) throw error;
  switch (error.code) {
    case "retired":
      return { status: 409, problem: t("plan.error.retired"), errors: null };
    case "duplicate_priority":
      return { status: 400, problem: null, errors: { title: t("plan.error.duplicate_priority") } };
    case "no_active_plan":
      return { status: 409, problem: t("plan.noActive"), errors: null };
    default:
      throw new Response("Not Found", { status: 404 });
  }
}

/** How a refused theme change answers: unknown → 404, a taken name → 400 at the name, merged or same → 409/400. */
export function themeRefusal(error: unknown, t: T) {
  if (!(error instanceof ThemeError)) throw error;
  switch (error.code) {
    case "duplicate":
      return { status: 400, message: t("themes.error.duplicate", { name: error.clash }) };
    case "merged":
      return { status: 409, message: t("themes.error.merged") };
    case "same":
      return { status: 400, message: t("themes.error.same") };
    default:
      return { status: 404, message: t("themes.error.not_found") };
  }
}
