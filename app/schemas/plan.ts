import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));

/** A real calendar day written YYYY-MM-DD (a date field posts that; "2026-02-30" is not a day). */
export const isDay = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T12:00:00Z`).toISOString().slice(0, 10) === v;

const day = z.string().trim().refine(isDay);
const optionalDay = z
  .string()
  .trim()
  .refine((v) => v === "" || isDay(v))
  .transform((v) => (v === "" ? null : v));

/** Field names are the error keys (plan.error.<field>). */
export const outcomeFormSchema = z.object({
  title: z.string().trim().min(3).max(120),
  childTitle: z.string().trim().min(3).max(120),
});

export const priorityFormSchema = z.object({ title: z.string().trim().min(3).max(200) });

export const targetFormSchema = z
  .object({
    indicator: z.string().trim().min(3).max(300),
    code: optionalText(20),
    baseline: optionalText(40),
    target: optionalText(40),
    currentValue: optionalText(40),
    latestOn: optionalDay,
    leadGroup: optionalText(120),
  })
  .superRefine((v, ctx) => {
    // A latest value means nothing without the day it was measured, and a day without a value says nothing.
    if (v.currentValue !== null && v.latestOn === null)
      ctx.addIssue({ code: "custom", path: ["latestOn"], message: "latestOnMissing" });
    if (v.currentValue === null && v.latestOn !== null)
      ctx.addIssue({ code: "custom", path: ["currentValue"], message: "currentValueMissing" });
  });

export const newPlanFormSchema = z
  .object({ title: z.string().trim().min(3).max(120), startsOn: day, endsOn: day })
  .refine((v) => v.endsOn > v.startsOn, { path: ["endsOn"], message: "endsOnOrder" });

export const themeFormSchema = z.object({ name: z.string().trim().min(2).max(60) });
