import { z } from "zod";

// Forms of bodies, meetings, agendas, the Board's response and its actions. Messages are locale keys.

export const bodyKinds = ["board", "partnership", "executive", "local_board"] as const;
export const itemKinds = ["decision", "information"] as const;
export const actionStatuses = ["not_started", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const translationLangs = ["pl", "ar"] as const;
export type TranslationLang = (typeof translationLangs)[number];

const text = (key: string, max = 200) => z.string().trim().min(1, key).max(max, "response.error.tooLong");
const isoDate = (key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, key)
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      key,
    );

export const bodySchema = z.object({
  name: text("meetings.error.bodyName"),
  kind: z.enum(bodyKinds, "meetings.error.bodyKind"),
});

export const meetingSchema = z.object({
  bodyId: z.coerce.number().int().positive("meetings.error.body"),
  title: text("meetings.error.title"),
  meetsOn: isoDate("meetings.error.meetsOn"),
  place: z
    .string()
    .trim()
    .max(200, "response.error.tooLong")
    .transform((v) => v || null),
});

export const agendaItemSchema = z.object({
  title: text("meetings.error.itemTitle"),
  kind: z.enum(itemKinds, "meetings.error.itemKind"),
});

const long = (key: string) => z.string().trim().min(1, key).max(2000, "response.error.tooLong");
const optionalLong = z.string().trim().max(2000, "response.error.tooLong");

/** A draft may be saved half written: what publishing needs is checked by `publishProblems`. */
export const draftSchema = z.object({
  decision: optionalLong,
  youSaid: optionalLong,
  weDid: optionalLong,
  youSaidParents: optionalLong,
  weDidParents: optionalLong,
});
export type DraftInput = z.infer<typeof draftSchema>;

/** A translation is all four texts or none (an empty form removes it). */
export const translationSchema = z.object({
  youSaid: long("response.error.youSaid"),
  weDid: long("response.error.weDid"),
  youSaidParents: long("response.error.youSaidParents"),
  weDidParents: long("response.error.weDidParents"),
});

export const actionSchema = z.object({
  description: text("actions.error.description", 500),
  leadAgency: text("actions.error.leadAgency"),
  owner: text("actions.error.owner"),
  dueOn: isoDate("actions.error.dueOn"),
});
export type ActionInput = z.infer<typeof actionSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "response.error.tooLong")
    .transform((v) => v || null);

/** An action's words after it was added: the date and status have their own forms. Translations may be left empty. */
export const actionWordingSchema = z.object({
  description: text("actions.error.description", 500),
  descriptionPl: optionalText(500),
  descriptionAr: optionalText(500),
  leadAgency: text("actions.error.leadAgency"),
  owner: text("actions.error.owner"),
});
export type ActionWording = z.infer<typeof actionWordingSchema>;

export const statusSchema = z
  .object({
    status: z.enum(actionStatuses, "actions.error.status"),
    reason: z
      .string()
      .trim()
      .max(500, "response.error.tooLong")
      .transform((v) => v || null),
  })
  .refine((v) => v.status !== "dropped" || v.reason, { message: "actions.error.reason", path: ["reason"] });

export const correctableFields = ["youSaid", "weDid", "youSaidParents", "weDidParents"] as const;
export const correctionSchema = z.object({
  lang: z.enum(["en", ...translationLangs], "response.error.lang"),
  field: z.enum(correctableFields, "response.error.field"),
  after: long("response.error.correction"),
  note: text("response.error.note", 500),
});

/** zod issues as { field: locale key }, the first message of each field. */
export function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]) {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** Locale keys to messages, for a form's error summary and its fields. */
export function translateErrors(errors: Record<string, string>, t: (key: string) => string) {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
}

/** A form's fields as strings (a file or a missing field becomes ""). */
export function formValues(form: FormData) {
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}
