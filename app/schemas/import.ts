import { once } from "node:events";
import { parse } from "csv-parse";
import type { DraftAbout, DraftAnswer } from "~/models/consultations/types";
import type { ImportRow } from "~/models/imports/types";
import { type AnswerQuestion, parseAnswer } from "./answers";

/**
 * Paper answers arrive as a CSV file: one row a person, one column a question. Each cell is turned into the form
 * fields the online question page would have sent and checked by `parseAnswer`, so the rules are the same.
 * Nothing here touches the database: the caller passes the questions and places.
 */

import { AGE_BANDS, AUDIENCES } from "~/models/reference/types";

export { AGE_BANDS, AUDIENCES };
/** The final write holds up the server for ~0.3 ms a row: 5,000 rows keep that pause under two seconds. */
export const MAX_IMPORT_ROWS = 5_000;
/** The longest row a file may have, in characters: ten long answers of 2,000 characters, with room to spare. */
export const MAX_RECORD_CHARS = 32_000;
/**
 * How much of the file is parsed before the server turns to other requests. Small, because csv-parse is slow on rows
 * whose number of cells differs from the heading's: it builds an error for each (40–300 µs on a busy machine). 512
 * characters of one-cell rows are 256 such rows: a few milliseconds to a few tens.
 */
const CHUNK_CHARS = 512;
/** How many rows are checked before the server turns to other requests. */
const ROWS_PER_TURN = 20;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type ImportQuestion = Omit<AnswerQuestion, "options"> & {
  options: { id: number; label: string; isOther: boolean }[];
};
export type ImportContext = {
  /** young_people | parents_carers | both */
  audience: string;
  questions: ImportQuestion[];
  localities: { id: number; name: string }[];
};
/** A locale key under `import.` and the values it needs. */
export type ImportReason = { key: string; values?: Record<string, string | number> };
export type ParsedRow =
  | { ok: true; answers: Record<string, DraftAnswer>; about: DraftAbout }
  | { ok: false; reasons: ImportReason[] };
export type ParsedFile =
  | { ok: false; error: ImportReason }
  | { ok: true; total: number; valid: ImportRow[]; rejected: { line: number; reasons: ImportReason[] }[] };

export const questionColumn = (index: number) => `q${index + 1}`;
const otherColumn = (index: number) => `${questionColumn(index)}_other`;
const hasOther = (q: ImportQuestion) => q.kind === "multiple" && q.options.some((o) => o.isOther);

/** The headings a file for this consultation has, in the template's order. */
export function importColumns(ctx: ImportContext): string[] {
  const columns: string[] = [];
  if (ctx.audience === "both") columns.push("audience");
  if (ctx.audience !== "parents_carers") columns.push("age_band");
  columns.push("locality");
  ctx.questions.forEach((q, i) => {
    columns.push(questionColumn(i));
    if (hasOther(q)) columns.push(otherColumn(i));
  });
  return columns;
}

const normal = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
/** Long cell values are cut short in reasons: the officer needs to find the cell, not reread it. */
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/** A choice by its number (1 is the first) or by its exact words, ignoring case. */
function findOption(q: ImportQuestion, value: string) {
  if (/^\d+$/.test(value)) return q.options[Number(value) - 1];
  const wanted = normal(value);
  return q.options.find((o) => normal(o.label) === wanted);
}

const answerReasons: Record<string, string> = {
  "answer.chooseFace": "reason.scale",
  "answer.chooseOne": "reason.option",
  "answer.chooseAny": "reason.duplicate",
  "answer.enterOther": "reason.other",
  "answer.rankAll": "reason.rankAll",
  "answer.rankDifferent": "reason.duplicate",
  "answer.tooLong": "reason.tooLong",
  "answer.enterText": "reason.required",
};

function parseQuestionCell(
  q: ImportQuestion,
  index: number,
  cells: Record<string, string>,
): { answer?: DraftAnswer; reason?: ImportReason } {
  const column = questionColumn(index);
  const raw = cells[column] ?? "";
  const value = raw.trim();
  const other = hasOther(q) ? (cells[otherColumn(index)] ?? "").trim() : "";
  const base = { column, otherColumn: otherColumn(index), count: q.options.length };
  if (!value) {
    if (other) return { reason: { key: "reason.otherUnused", values: base } };
    return q.required ? { reason: { key: "reason.required", values: base } } : {};
  }
  const form = new FormData();
  switch (q.kind) {
    case "scale":
      if (!/^\d+$/.test(value)) return { reason: { key: "reason.scale", values: base } };
      form.set("answer", value);
      break;
    case "single": {
      const option = findOption(q, value);
      if (!option) {
        const many = value.includes(";");
        return { reason: { key: many ? "reason.oneOnly" : "reason.option", values: { ...base, value: shown(value) } } };
      }
      form.set("answer", String(option.id));
      break;
    }
    case "multiple": {
      const parts = value
        .split(";")
        .map((p) => p.trim())
        .filter(Boolean);
      for (const part of parts) {
        const option = findOption(q, part);
        if (!option) return { reason: { key: "reason.option", values: { ...base, value: shown(part) } } };
        form.append("answer", String(option.id));
      }
      const otherOption = q.options.find((o) => o.isOther);
      const chosen = form.getAll("answer").map(String);
      if (other && !(otherOption && chosen.includes(String(otherOption.id))))
        return { reason: { key: "reason.otherUnused", values: base } };
      form.set("other", other);
      break;
    }
    case "ranking": {
      const parts = value
        .split(">")
        .map((p) => p.trim())
        .filter(Boolean);
      const seen = new Set<number>();
      for (const [rank, part] of parts.entries()) {
        const option = findOption(q, part);
        if (!option) return { reason: { key: "reason.option", values: { ...base, value: shown(part) } } };
        if (seen.has(option.id)) return { reason: { key: "reason.duplicate", values: base } };
        seen.add(option.id);
        form.set(`rank-${option.id}`, String(rank + 1));
      }
      break;
    }
    default:
      form.set("answer", raw);
  }
  const parsed = parseAnswer(q, form);
  if (parsed.error) {
    const key = answerReasons[parsed.error.key] ?? "reason.answer";
    return { reason: { key, values: { ...base, ...parsed.error.values } } };
  }
  return { answer: parsed.answer };
}

/** Checks one person's row. `cells` maps each heading to its value (a missing column reads as blank). */
export function parseImportRow(cells: Record<string, string>, ctx: ImportContext): ParsedRow {
  const reasons: ImportReason[] = [];
  const about: DraftAbout = {};

  const audience = normal(cells.audience ?? "");
  if (ctx.audience === "both") {
    if (!audience) reasons.push({ key: "reason.audienceRequired" });
    else if (!(AUDIENCES as readonly string[]).includes(audience))
      reasons.push({ key: "reason.audience", values: { value: shown(cells.audience.trim()) } });
    else about.audience = audience;
  } else if (audience && audience !== ctx.audience) {
    reasons.push({ key: "reason.audienceFixed", values: { value: shown(cells.audience.trim()), only: ctx.audience } });
  }

  const band = normal(cells.age_band ?? "").replace(/-/g, "_");
  if (band) {
    if ((AGE_BANDS as readonly string[]).includes(band)) about.ageBand = band;
    else reasons.push({ key: "reason.ageBand", values: { value: shown(cells.age_band.trim()) } });
  }

  const place = normal(cells.locality ?? "");
  about.localityId = null;
  if (place) {
    const locality = ctx.localities.find((l) => normal(l.name) === place);
    if (locality) about.localityId = locality.id;
    else reasons.push({ key: "reason.locality", values: { value: shown(cells.locality.trim()) } });
  }

  const answers: Record<string, DraftAnswer> = {};
  ctx.questions.forEach((q, i) => {
    const { answer, reason } = parseQuestionCell(q, i, cells);
    if (reason) reasons.push(reason);
    else if (answer) answers[String(q.id)] = answer;
  });

  return reasons.length ? { ok: false, reasons } : { ok: true, answers, about };
}

/** Checks the heading row: every question has a column, and no column is unknown or there twice. */
function checkHeader(header: string[], ctx: ImportContext): ImportReason | null {
  const known = new Set([...importColumns(ctx), "audience", "age_band", "locality"]);
  const seen = new Set<string>();
  for (const column of header) {
    if (!column) return { key: "fileError.blankColumn" };
    if (!known.has(column)) return { key: "fileError.unknownColumn", values: { column: shown(column) } };
    if (seen.has(column)) return { key: "fileError.duplicateColumn", values: { column } };
    seen.add(column);
  }
  const needed = [...(ctx.audience === "both" ? ["audience"] : []), ...ctx.questions.map((_q, i) => questionColumn(i))];
  const missing = needed.find((c) => !seen.has(c));
  return missing ? { key: "fileError.missingColumn", values: { column: missing } } : null;
}

/**
 * Reads a file: a heading row, then one row a person. Returns a file-level error (bad headings, not CSV, too many rows,
 * a row too long), or every row sorted into ready and rejected, each with the line it starts on so the officer can
 * find it. Parsed as a stream, a chunk at a time, giving other requests their turn in between: it stops at the first
 * row over the limit instead of reading a huge file whole, and never holds the server for more than a few milliseconds.
 */
export async function parseImportFile(
  text: string,
  ctx: ImportContext,
  maxRows = MAX_IMPORT_ROWS,
): Promise<ParsedFile> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let stopped = false;
  const feeding = (async () => {
    for (let i = 0; i < text.length && !stopped && !parser.destroyed; i += CHUNK_CHARS) {
      // Those errors are thrown away (relax_column_count), so capturing their stacks is wasted work: none is captured
      // during this one synchronous call, and the limit is put back before anything else runs.
      const stackLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      let wrote: boolean;
      try {
        wrote = parser.write(text.slice(i, i + CHUNK_CHARS));
      } finally {
        Error.stackTraceLimit = stackLimit;
      }
      if (!wrote) await Promise.race([once(parser, "drain"), once(parser, "close")]).catch(() => undefined);
      await turn();
    }
    if (!stopped && !parser.destroyed) parser.end();
  })();
  let header: string[] | null = null;
  const rows: { record: string[]; line: number }[] = [];
  let tooMany = false;
  let records = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = r.record.map((h) => normal(h));
        const headerError = checkHeader(header, ctx);
        if (headerError) {
          stopped = true;
          parser.destroy();
          await feeding;
          return { ok: false, error: headerError };
        }
        continue;
      }
      // Blank rows are skipped, but not without end: a file of nothing but commas is refused like a too-long one.
      if (++records > 2 * maxRows) {
        tooMany = true;
        break;
      }
      if (!r.record.some((cell) => cell.trim() !== "")) continue;
      if (rows.length === maxRows) {
        tooMany = true;
        break;
      }
      rows.push({
        record: r.record,
        // info.lines is where a record ends; text with line breaks inside quotes starts earlier.
        line: r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
      });
    }
  } catch (error) {
    stopped = true;
    await feeding;
    const e = error as { code?: string; lines?: number };
    const line = e.lines ?? 1;
    if (e.code === "CSV_MAX_RECORD_SIZE")
      return { ok: false, error: { key: "fileError.rowTooLong", values: { line, max: MAX_RECORD_CHARS } } };
    return { ok: false, error: { key: "fileError.unreadable", values: { line } } };
  }
  stopped = true;
  if (!parser.destroyed) parser.destroy();
  await feeding;
  if (!header) return { ok: false, error: { key: "fileError.empty" } };
  if (tooMany) return { ok: false, error: { key: "fileError.tooManyRows", values: { max: maxRows } } };
  if (!rows.length) return { ok: false, error: { key: "fileError.empty" } };

  const valid: ImportRow[] = [];
  const rejected: { line: number; reasons: ImportReason[] }[] = [];
  for (const [i, { record, line }] of rows.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await turn();
    if (record.length > header.length) {
      rejected.push({
        line,
        reasons: [{ key: "reason.columns", values: { found: record.length, expected: header.length } }],
      });
      continue;
    }
    const h = header;
    const cells = Object.fromEntries(h.map((name, j) => [name, record[j] ?? ""]));
    const parsed = parseImportRow(cells, ctx);
    if (parsed.ok) valid.push({ line, answers: parsed.answers, about: parsed.about });
    else rejected.push({ line, reasons: parsed.reasons });
  }
  return { ok: true, total: rows.length, valid, rejected };
}

import { csvCell } from "~/utils/csv";

/**
 * The template: the heading row and one example row. It starts with a byte-order mark so that spreadsheet
 * programs open it as UTF-8 (place names and answers in Polish or Arabic keep their letters).
 */
export function buildTemplate(ctx: ImportContext, exampleText: string): string {
  const example: Record<string, string> = {
    audience: "young_people",
    age_band: "12_15",
    locality: ctx.localities[0]?.name ?? "",
  };
  ctx.questions.forEach((q, i) => {
    const numbers = q.options.filter((o) => !o.isOther).map((_o, n) => String(n + 1));
    example[questionColumn(i)] =
      q.kind === "scale"
        ? "4"
        : q.kind === "single"
          ? "1"
          : q.kind === "multiple"
            ? numbers.slice(0, 2).join(";")
            : q.kind === "ranking"
              ? q.options.map((_o, n) => n + 1).join(">")
              : exampleText;
    if (hasOther(q)) example[otherColumn(i)] = "";
  });
  const columns = importColumns(ctx);
  return `\uFEFF${[columns, columns.map((c) => example[c] ?? "")].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
