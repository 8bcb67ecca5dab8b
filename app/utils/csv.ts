import { type SQL, sql } from "drizzle-orm";

/**
 * One CSV field per RFC 4180, safe to open in a spreadsheet: a cell that begins with = + - @ (or a tab or CR) is a
 * formula to Excel and LibreOffice, so it gets a leading apostrophe (OWASP's advice on CSV injection). Quoted when it
 * holds a quote, comma, CR or LF, inner quotes doubled. Numbers are written as they are (a negative change stays a
 * number a spreadsheet can add up). Every CSV the product writes goes through here.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let s = String(value);
  // = + - @ tab CR, by char code: this runs for every cell of a million-row export.
  const first = s.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * csvCell for a text column, written in SQL: for exports of a million rows that SQLite writes line by line. `column` is
 * a column reference (it is read several times). tests/models/summaries-csv.test.ts holds the two to the same output.
 */
export function csvTextSql(column: SQL): SQL {
  const prefixed = sql`(case when substr(${column}, 1, 1) in ('=', '+', '-', '@', char(9), char(13)) then '''' || ${column} else ${column} end)`;
  return sql`(case when ${column} is null then '' when instr(${column}, '"') or instr(${column}, ',') or instr(${column}, char(13)) or instr(${column}, char(10)) then '"' || replace(${prefixed}, '"', '""') || '"' else ${prefixed} end)`;
}

/** One CSV line with its CRLF end. */
export function csvLine(row: unknown[]): string {
  return `${row.map(csvCell).join(",")}\r\n`;
}
