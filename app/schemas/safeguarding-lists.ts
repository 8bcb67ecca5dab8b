import type { Category, Lang, ListsOverride, SafeguardingLists } from "~/safeguarding";

/**
 * The settings page's form for the safeguarding lists, read into "edits": what differs from the built-in lists.
 * Built-in phrases are checkboxes (ticked = in use), added phrases a textarea, for each language and category, for
 * the ordinary exceptions of each language, and for the school names to mask. Only the differences are stored, so a
 * release that improves the built-in phrases still reaches a county that has added a few of its own.
 */

export const MAX_PHRASE = 100;
export const MAX_LINES = 2000;
export const MAX_NOTE = 500;

export type PhraseEdit = { added: string[]; off: string[] };
export type ListsEdits = {
  phrases: Partial<Record<Lang, Partial<Record<Category, PhraseEdit>>>>;
  ordinary: Partial<Record<Lang, PhraseEdit>>;
  schools?: PhraseEdit;
};

/** What the form is built from: the built-in lists, and the word groups (`@name`) a phrase may use. */
export type BuiltIns = {
  langs: Lang[];
  categories: Category[];
  phrases: Record<Lang, Partial<Record<Category, string[]>>>;
  ordinary: Record<Lang, string[]>;
  schools: string[];
  groups: Record<Lang, string[]>;
};

/** One list on the form: a language's category, a language's ordinary exceptions, or the schools. */
export type ListKey = { lang: Lang | null; list: Category | "ordinary" | "schools" };
export const listId = ({ lang, list }: ListKey) => (lang ? `${lang}-${list}` : list);
export const addField = (k: ListKey) => `add-${listId(k)}`;
export const builtInField = (k: ListKey) => `on-${listId(k)}`;

export function listKeys(b: Pick<BuiltIns, "langs" | "categories">): ListKey[] {
  return [
    ...b.langs.flatMap((lang) => [
      ...b.categories.map((list): ListKey => ({ lang, list })),
      { lang, list: "ordinary" } as ListKey,
    ]),
    { lang: null, list: "schools" },
  ];
}

export function builtInsOf(b: BuiltIns, { lang, list }: ListKey): string[] {
  if (list === "schools") return b.schools;
  if (!lang) return [];
  if (list === "ordinary") return b.ordinary[lang];
  return b.phrases[lang][list] ?? [];
}

export function editOf(edits: ListsEdits, { lang, list }: ListKey): PhraseEdit | undefined {
  if (list === "schools") return edits.schools;
  if (!lang) return undefined;
  if (list === "ordinary") return edits.ordinary[lang];
  return edits.phrases[lang]?.[list];
}

/** An error on one field, named by code so the page words it in the reader's language. */
export type ListsError = { field: string; code: string; values?: Record<string, string | number> };

/** What was typed, kept whole so a refused form comes back as it was sent. */
export type TypedLists = { added: Record<string, string>; on: Record<string, string[]>; note: string };

const cleanLine = (line: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in a phrase
  line.replace(/[\u0000-\u001F\u007F]/g, "").trim();

/**
 * Reads the form. Unticked built-ins are switched off; lines typed are added (a line that repeats a built-in, or
 * another line, counts once). Returns the edits and the errors, and what was typed so the page can show it again.
 */
export function readListsForm(form: FormData, b: BuiltIns) {
  const edits: ListsEdits = { phrases: {}, ordinary: {} };
  const errors: ListsError[] = [];
  const typed: TypedLists = { added: {}, on: {}, note: String(form.get("note") ?? "") };
  for (const key of listKeys(b)) {
    const builtIn = builtInsOf(b, key);
    const raw = String(form.get(addField(key)) ?? "");
    const on = new Set(form.getAll(builtInField(key)).map(String));
    typed.added[listId(key)] = raw;
    typed.on[listId(key)] = builtIn.filter((p) => on.has(p));
    const field = addField(key);
    const lines = raw.replace(/\r\n?/g, "\n").split("\n");
    if (lines.length > MAX_LINES || raw.length > MAX_LINES * (MAX_PHRASE + 2)) {
      errors.push({ field, code: "tooManyLines", values: { max: MAX_LINES } });
      continue;
    }
    const known = new Set(builtIn.filter((p) => on.has(p)).map((p) => p.toLowerCase()));
    const added: string[] = [];
    let lineError: ListsError | null = null;
    lines.forEach((rawLine, i) => {
      const line = cleanLine(rawLine);
      if (!line || lineError) return;
      if (line.length > MAX_PHRASE) lineError = { field, code: "tooLong", values: { line: i + 1, max: MAX_PHRASE } };
      else if (!/[\p{L}\p{N}]/u.test(line)) lineError = { field, code: "noWords", values: { line: i + 1 } };
      else if (key.lang && key.list !== "schools") {
        const groups = b.groups[key.lang];
        const unknown = [...line.matchAll(/@([\p{L}\p{N}_]+)/gu)].find((m) => !groups.includes(m[1]));
        if (unknown) lineError = { field, code: "unknownGroup", values: { line: i + 1, group: `@${unknown[1]}` } };
      }
      if (lineError) return;
      if (known.has(line.toLowerCase())) return;
      known.add(line.toLowerCase());
      added.push(line);
    });
    if (lineError) {
      errors.push(lineError);
      continue;
    }
    const off = builtIn.filter((p) => !on.has(p));
    if (key.list !== "ordinary" && key.list !== "schools" && builtIn.length > 0 && off.length === builtIn.length) {
      if (!added.length) errors.push({ field, code: "empty" });
    }
    if (!added.length && !off.length) continue;
    const edit = { added, off };
    if (key.list === "schools") edits.schools = edit;
    else if (key.lang && key.list === "ordinary") edits.ordinary[key.lang] = edit;
    else if (key.lang) {
      edits.phrases[key.lang] ??= {};
      (edits.phrases[key.lang] as Partial<Record<Category, PhraseEdit>>)[key.list as Category] = edit;
    }
  }
  const note = typed.note.trim();
  if (note.length > MAX_NOTE) errors.push({ field: "note", code: "noteTooLong", values: { max: MAX_NOTE } });
  return { edits, errors, typed, note: note || null };
}

/** What the form shows for stored edits: the built-ins still ticked, and the added lines. */
export function typedFromEdits(edits: ListsEdits, b: BuiltIns): TypedLists {
  const typed: TypedLists = { added: {}, on: {}, note: "" };
  for (const key of listKeys(b)) {
    const edit = editOf(edits, key);
    const off = new Set(edit?.off ?? []);
    typed.added[listId(key)] = (edit?.added ?? []).join("\n");
    typed.on[listId(key)] = builtInsOf(b, key).filter((p) => !off.has(p));
  }
  return typed;
}

const apply = (builtIn: string[], edit: PhraseEdit) => [...builtIn.filter((p) => !edit.off.includes(p)), ...edit.added];

/** The override the detector takes (lists.ts `mergeLists`): each edited list in full, the others left built-in. */
export function overrideFrom(edits: ListsEdits, defaults: SafeguardingLists): ListsOverride {
  const override: ListsOverride = {};
  for (const [lang, byCategory] of Object.entries(edits.phrases) as [Lang, Partial<Record<Category, PhraseEdit>>][]) {
    for (const [category, edit] of Object.entries(byCategory) as [Category, PhraseEdit][]) {
      override.phrases ??= {};
      override.phrases[lang] ??= {};
      (override.phrases[lang] as Partial<Record<Category, string[]>>)[category] = apply(
        defaults.phrases[lang]?.[category] ?? [],
        edit,
      );
    }
  }
  for (const [lang, edit] of Object.entries(edits.ordinary) as [Lang, PhraseEdit][]) {
    override.ordinary ??= {};
    override.ordinary[lang] = apply(defaults.ordinary[lang] ?? [], edit);
  }
  if (edits.schools) override.schools = apply(defaults.schools, edits.schools);
  return override;
}

/** How many phrases (and school names) the edits add and switch off. */
export function countEdits(edits: ListsEdits) {
  const all = [
    ...Object.values(edits.phrases).flatMap((byCategory) => Object.values(byCategory ?? {})),
    ...Object.values(edits.ordinary),
    ...(edits.schools ? [edits.schools] : []),
  ].filter((e): e is PhraseEdit => Boolean(e));
  return {
    added: all.reduce((n, e) => n + e.added.length, 0),
    off: all.reduce((n, e) => n + e.off.length, 0),
  };
}

/** The same edits always write the same text, so "check" and "save" can be compared. */
export function canonicalEdits(edits: ListsEdits): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, sortKeys(v)]),
      );
    return value;
  };
  return JSON.stringify(sortKeys(edits));
}
