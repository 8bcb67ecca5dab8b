import { data } from "react-router";
import { z } from "zod";
import type { getT } from "~/i18n/i18n.server";
import { type AdminError, MAX_PEOPLE, MAX_YEAR, MIN_YEAR } from "~/models/admin.server";

type T = ReturnType<typeof getT>;

export const nameSchema = z.string().trim().min(2).max(80);

/** A route's :id, or a 404: "abc", "0" and "1e3" name nothing. */
export function idParam(value: string | undefined) {
  if (!value || !/^[1-9]\d{0,8}$/.test(value)) throw data(null, { status: 404 });
  return Number(value);
}

/** A posted id field: a number, or null when it is not one (the model then refuses it with a reason). */
export function formId(value: FormDataEntryValue | null) {
  const s = String(value ?? "");
  return /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null;
}

/** The sentence for a refusal; "in_use" names what still uses the thing. */
export function refusalMessage(t: T, error: AdminError) {
  if (error.code === "in_use")
    return t("admin.error.in_use", {
      uses: error.uses.map((u) => t(`admin.uses.${u}`)).join(", "),
    });
  return t(`admin.error.${error.code}`, { min: MIN_YEAR, max: MAX_YEAR, most: MAX_PEOPLE });
}

/** 409 for something in use or already there, 400 for anything else the model refused. */
export function refusalStatus(error: AdminError) {
  return error.code === "in_use" || error.code === "year_exists" ? 409 : error.code === "not_found" ? 404 : 400;
}

export function doneParam(request: Request) {
  const done = new URL(request.url).searchParams.get("done");
  return done && /^[a-zA-Z]{1,30}$/.test(done) ? done : null;
}
