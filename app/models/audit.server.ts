import { and, asc, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { csvLine } from "~/utils/csv";
import { countyDayStart } from "~/utils/time";
import { getDb } from "~db/client";
import { auditLog, staffUsers } from "~db/schema";

export type AuditFilters = {
  action?: string;
  staffId?: number;
  /** London days, "2026-11-19"; both ends included. */
  from?: string;
  to?: string;
};

export const AUDIT_PER_PAGE = 50;

function whereOf(f: AuditFilters) {
  const conditions: SQL[] = [];
  if (f.action) conditions.push(eq(auditLog.action, f.action));
  if (f.staffId) conditions.push(eq(auditLog.staffId, f.staffId));
  if (f.from) conditions.push(gte(auditLog.createdAt, countyDayStart(f.from)));
  if (f.to) conditions.push(lt(auditLog.createdAt, countyDayStart(f.to, 1)));
  return conditions.length ? and(...conditions) : undefined;
}

const columns = {
  id: auditLog.id,
  at: auditLog.createdAt,
  action: auditLog.action,
  staffId: auditLog.staffId,
  staff: staffUsers.name,
  subjectType: auditLog.subjectType,
  subjectId: auditLog.subjectId,
  detail: auditLog.detail,
};

/** The audit log, newest first, one page at a time, with the staff member's name. */
export function listAudit(filters: AuditFilters, page = 1, perPage = AUDIT_PER_PAGE) {
  const db = getDb();
  const where = whereOf(filters);
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select(columns)
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { total, rows };
}

/** Every action and every member of staff that appears in the log, for the filters. */
export function auditFilterOptions() {
  const db = getDb();
  return {
    actions: db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .orderBy(asc(auditLog.action))
      .all()
      .map((r) => r.action),
    staff: db
      .selectDistinct({ id: staffUsers.id, name: staffUsers.name })
      .from(auditLog)
      .innerJoin(staffUsers, eq(staffUsers.id, auditLog.staffId))
      .orderBy(asc(staffUsers.name))
      .all(),
  };
}

type Cursor = { at: string; id: number };

function rowsAfter(filters: AuditFilters, cursor: Cursor | null, limit: number) {
  const after = cursor
    ? sql`(${auditLog.createdAt} < ${cursor.at} or (${auditLog.createdAt} = ${cursor.at} and ${auditLog.id} < ${cursor.id}))`
    : undefined;
  return getDb()
    .select(columns)
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffId))
    .where(and(whereOf(filters), after))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .all();
}

/**
 * The filtered log as CSV text, newest first, read a thousand rows at a time (keyset on created_at, id) so a long
 * log never sits in memory as one array of rows.
 */
export function* auditCsvChunks(filters: AuditFilters, header: string[]): Generator<string, void, undefined> {
  yield csvLine(header);
  let cursor: Cursor | null = null;
  for (;;) {
    const rows = rowsAfter(filters, cursor, 1000);
    if (!rows.length) return;
    yield rows
      .map((r) =>
        csvLine([
          r.at,
          r.staffId ?? "",
          r.staff ?? "",
          r.action,
          r.subjectType ?? "",
          r.subjectId ?? "",
          r.detail ?? "",
        ]),
      )
      .join("");
    const last = rows[rows.length - 1];
    cursor = { at: last.at, id: last.id };
  }
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s))
  .optional()
  .catch(undefined);

// Unknown or malformed filter values are dropped rather than refused: a stale bookmark still opens the log.
export const auditFilterSchema = z.object({
  action: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional()
    .catch(undefined),
  staff: z.coerce.number().int().positive().max(1e9).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The filters from a URL's query string, and the same filters as a query string (without the page). */
export function auditFiltersFrom(url: URL) {
  const f = auditFilterSchema.parse(Object.fromEntries(url.searchParams));
  const keep = new URLSearchParams();
  if (f.action) keep.set("action", f.action);
  if (f.staff) keep.set("staff", String(f.staff));
  if (f.from) keep.set("from", f.from);
  if (f.to) keep.set("to", f.to);
  const filters: AuditFilters = { action: f.action, staffId: f.staff, from: f.from, to: f.to };
  return { page: f.page, form: f, filters, query: keep.toString() };
}
