import { z } from "zod";
import { groupKinds } from "~/models/groups.server";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));
const optionalId = z
  .string()
  .default("")
  .transform((v, ctx) => {
    if (v === "") return null;
    if (!/^\d{1,9}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "id" });
      return z.NEVER;
    }
    return Number(v);
  });

/** The group form, as posted. Field names are the error keys. */
export const groupFormSchema = z.object({
  name: z.string().trim().min(3).max(120),
  kind: z.enum(groupKinds),
  audience: z.enum(["young_people", "parents_carers"]),
  localityId: optionalId,
  facilitatorId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
  place: optionalText(300),
  accessInfo: optionalText(600),
});
