import { z } from "zod";
import { type QuestionKind, questionKinds } from "./answers";

const text = (max: number, key: string) => z.string().trim().min(1, key).max(max, "builder.error.tooLong");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "builder.error.tooLong")
    .transform((v) => v || null);

export const consultationSchema = z
  .object({
    title: text(120, "builder.error.title"),
    summary: text(1000, "builder.error.summary"),
    easySummary: optionalText(1000),
    audience: z.enum(["young_people", "parents_carers", "both"], { message: "builder.error.audience" }),
    opensOn: z.iso.date({ message: "builder.error.opensOn" }),
    closesOn: z.iso.date({ message: "builder.error.closesOn" }),
    resultsOn: z.union([z.literal(""), z.iso.date({ message: "builder.error.resultsOn" })]).default(""),
    minutes: z.coerce
      .number({ message: "builder.error.minutes" })
      .int("builder.error.minutes")
      .min(1, "builder.error.minutes")
      .max(60, "builder.error.minutes"),
  })
  .refine((v) => v.closesOn > v.opensOn, { path: ["closesOn"], message: "builder.error.closesAfter" })
  .refine((v) => !v.resultsOn || v.resultsOn >= v.closesOn, {
    path: ["resultsOn"],
    message: "builder.error.resultsAfter",
  });

export const questionSchema = z
  .object({
    kind: z.enum(questionKinds as [QuestionKind, ...QuestionKind[]], { message: "builder.error.kind" }),
    prompt: text(300, "builder.error.prompt"),
    easyPrompt: optionalText(300),
    why: optionalText(500),
    required: z.enum(["yes", "no"]).default("yes"),
    options: z.string().max(3000, "builder.error.tooLong").default(""),
    otherOption: z.enum(["on"]).optional(),
    maxLength: z.coerce.number().int().min(20).max(5000).default(1000),
  })
  .transform((v) => ({
    ...v,
    optionList: v.options
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean),
  }))
  .refine(
    (v) =>
      !["single", "multiple", "ranking"].includes(v.kind) || (v.optionList.length >= 2 && v.optionList.length <= 12),
    {
      path: ["options"],
      message: "builder.error.options",
    },
  )
  .refine((v) => v.optionList.every((o) => o.length <= 150), { path: ["options"], message: "builder.error.tooLong" });
