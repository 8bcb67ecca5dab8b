import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { can } from "~/auth/roles";
import type { Lang } from "~/i18n/index";
import type { SummaryContent } from "~/models/summaries/types";
import { offLoop } from "~/utils/off-loop.server";
import { databasePath, getDb } from "~db/client";
import { agendaItems, bodies, exportJobs, meetings, summaryVersions } from "~db/schema";
import { chartCsv } from "./chart-csv.server";
import { renderPack } from "./pack.server";
import { renderPdf } from "./pdf.server";

/**
 * Exports made off the request path: a POST records a job and returns at once; the file is drawn in this process
 * between other requests (a block, then a turn of the event loop), one job at a time, and written under the data
 * directory readable by the app's user only. A page shows the progress and then offers the file.
 */

export const EXPORT_KINDS = ["docx", "pdf", "csv", "pack"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

type Staff = { id: number; role: string };

export const exportTypes: Record<ExportKind, { ext: string; type: string }> = {
  docx: { ext: "docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  pdf: { ext: "pdf", type: "application/pdf" },
  csv: { ext: "csv", type: "text/csv; charset=utf-8" },
  pack: { ext: "pdf", type: "application/pdf" },
};

export function exportDir() {
  return path.join(path.dirname(path.resolve(databasePath())), "exports");
}

/** Anyone with "summaries" sees every version; a Board member ("respond") sees the versions sent to a meeting. */
export function maySeeVersion(staff: Staff, version: { meetingId: number | null }) {
  return can(staff.role, "summaries") || (can(staff.role, "respond") && version.meetingId !== null);
}

export function mayMakePacks(staff: Staff) {
  return can(staff.role, "summaries") || can(staff.role, "respond");
}

export function getVersion(versionId: number) {
  return (
    getDb()
      .select({
        id: summaryVersions.id,
        summaryId: summaryVersions.summaryId,
        version: summaryVersions.version,
        meetingId: summaryVersions.meetingId,
        content: summaryVersions.content,
      })
      .from(summaryVersions)
      .where(eq(summaryVersions.id, versionId))
      .get() ?? null
  );
}

/** The versions this person may export, newest first, with what a chooser needs to tell them apart. */
export function listExportableVersions(staff: Staff, limit = 50) {
  const sentOnly = !can(staff.role, "summaries");
  return getDb()
    .select({
      id: summaryVersions.id,
      version: summaryVersions.version,
      title: sql<string>`json_extract(${summaryVersions.content}, '$.title')`,
      sentAt: summaryVersions.sentAt,
      meeting: meetings.title,
    })
    .from(summaryVersions)
    .leftJoin(meetings, eq(meetings.id, summaryVersions.meetingId))
    .where(sentOnly ? isNotNull(summaryVersions.meetingId) : undefined)
    .orderBy(desc(summaryVersions.sentAt), desc(summaryVersions.id))
    .limit(limit)
    .all();
}

/** Meetings with at least one agenda item that received a summary version: the ones an agenda pack can be made of. */
export function listPackMeetings(limit = 50) {
  return getDb()
    .select({ id: meetings.id, title: meetings.title, meetsOn: meetings.meetsOn, body: bodies.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(
      sql`exists (select 1 from ${agendaItems} where ${agendaItems.meetingId} = ${meetings.id} and ${agendaItems.summaryVersionId} is not null)`,
    )
    .orderBy(desc(meetings.meetsOn))
    .limit(limit)
    .all();
}

export function getMeetingForPack(meetingId: number) {
  const db = getDb();
  const meeting = db
    .select({ id: meetings.id, title: meetings.title, meetsOn: meetings.meetsOn, body: bodies.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, meetingId))
    .get();
  if (!meeting) return null;
  // items for decision first, then for information, each in the order the officer set
  const items = db
    .select({ kind: agendaItems.kind, content: summaryVersions.content })
    .from(agendaItems)
    .innerJoin(summaryVersions, eq(summaryVersions.id, agendaItems.summaryVersionId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(sql`case ${agendaItems.kind} when 'decision' then 0 else 1 end`, asc(agendaItems.position))
    .all()
    .map((i) => ({
      kind: i.kind === "information" ? ("information" as const) : ("decision" as const),
      content: i.content,
    }));
  return { meeting, items };
}

export function createExportJob(input: {
  staffId: number;
  kind: ExportKind;
  summaryVersionId?: number;
  meetingId?: number;
  lang?: Lang;
}) {
  const job = getDb()
    .insert(exportJobs)
    .values({
      kind: input.kind,
      summaryVersionId: input.summaryVersionId ?? null,
      meetingId: input.meetingId ?? null,
      createdBy: input.staffId,
      createdAt: new Date().toISOString(),
    })
    .returning({ id: exportJobs.id })
    .get();
  enqueue(job.id, input.lang ?? "en");
  return job.id;
}

const jobColumns = {
  id: exportJobs.id,
  kind: exportJobs.kind,
  summaryVersionId: exportJobs.summaryVersionId,
  meetingId: exportJobs.meetingId,
  status: exportJobs.status,
  done: exportJobs.done,
  total: exportJobs.total,
  file: exportJobs.file,
  createdBy: exportJobs.createdBy,
  createdAt: exportJobs.createdAt,
  finishedAt: exportJobs.finishedAt,
};

/** What the job is of, in words: the paper's title and version, or the meeting. */
function subjectOf(job: { summaryVersionId: number | null; meetingId: number | null }) {
  const db = getDb();
  if (job.summaryVersionId !== null) {
    const v = db
      .select({
        title: sql<string>`json_extract(${summaryVersions.content}, '$.title')`,
        version: summaryVersions.version,
        summaryId: summaryVersions.summaryId,
        meetingId: summaryVersions.meetingId,
      })
      .from(summaryVersions)
      .where(eq(summaryVersions.id, job.summaryVersionId))
      .get();
    return v ? { title: v.title, version: v.version, summaryId: v.summaryId, meetingId: v.meetingId } : null;
  }
  if (job.meetingId !== null) {
    const m = db.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, job.meetingId)).get();
    return m ? { title: m.title, version: null, summaryId: null, meetingId: job.meetingId } : null;
  }
  return null;
}

/** A job this person made (an admin sees every job); null otherwise, so another's job is a 404, not a hint. */
export function getExportJob(staff: Staff, jobId: number) {
  const job = getDb().select(jobColumns).from(exportJobs).where(eq(exportJobs.id, jobId)).get();
  if (!job || (job.createdBy !== staff.id && !can(staff.role, "administer"))) return null;
  // the server stopped while it was being made: start it again
  if ((job.status === "queued" || job.status === "running") && !queued.has(job.id)) enqueue(job.id, "en");
  const subject = subjectOf(job);
  return { ...job, subject, filename: downloadName(job.kind as ExportKind, subject) };
}

export function listMyExports(staffId: number, limit = 20) {
  return getDb()
    .select(jobColumns)
    .from(exportJobs)
    .where(eq(exportJobs.createdBy, staffId))
    .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
    .limit(limit)
    .all()
    .map((job) => {
      const subject = subjectOf(job);
      return { ...job, subject, filename: downloadName(job.kind as ExportKind, subject) };
    });
}

/** "feeling-safe-on-the-way-to-school-v2.pdf": the title in plain letters, so every system can save it. */
export function downloadName(kind: ExportKind, subject: { title: string; version: number | null } | null) {
  let slug = (subject?.title ?? "export")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // a long title is cut at the end of a word
  if (slug.length > 60) slug = slug.slice(0, 61).replace(/-[^-]*$/, "");
  slug ||= "export";
  const suffix =
    kind === "pack" ? "-agenda-pack" : kind === "csv" ? `-v${subject?.version}-chart-data` : `-v${subject?.version}`;
  return `${slug}${suffix}.${exportTypes[kind].ext}`;
}

export function exportFilePath(file: string) {
  return path.join(exportDir(), path.basename(file));
}

// One job at a time per process: two cores are shared with every other request, and papers take seconds at most.
const queued = new Set<number>();
let chain: Promise<void> = Promise.resolve();

function enqueue(jobId: number, lang: Lang) {
  if (queued.has(jobId)) return;
  queued.add(jobId);
  chain = chain.then(() => runExportJob(jobId, lang)).finally(() => queued.delete(jobId));
}

/** Resolves when every export queued so far has finished (tests and the bench wait on it). */
export function exportsSettled() {
  return chain;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runExportJob(jobId: number, lang: Lang) {
  const db = getDb();
  const where = eq(exportJobs.id, jobId);
  const job = db.select(jobColumns).from(exportJobs).where(where).get();
  if (!job || job.status === "done" || job.status === "failed") return;
  db.update(exportJobs).set({ status: "running", done: 0, total: 0 }).where(where).run();
  let lastWrite = 0;
  const step = async (done: number, total: number) => {
    const now = Date.now();
    // progress is for a page that looks every 2 seconds: a write every 100 ms is plenty
    if (now - lastWrite > 100 || done === total) {
      db.update(exportJobs).set({ done, total }).where(where).run();
      lastWrite = now;
    }
    await nextTurn();
  };
  try {
    await nextTurn();
    const kind = job.kind as ExportKind;
    let bytes: Buffer | string;
    if (kind === "pack") {
      const pack = job.meetingId === null ? null : getMeetingForPack(job.meetingId);
      if (!pack?.items.length) throw new Error("The meeting has no participation papers");
      bytes = await renderPack(pack, { lang, step });
    } else {
      const version = job.summaryVersionId === null ? null : getVersion(job.summaryVersionId);
      if (!version) throw new Error("The summary version is no longer there");
      const content: SummaryContent = version.content;
      const meta = { lang, generatedAt: new Date() };
      bytes =
        kind === "docx"
          ? // packing a DOCX is one synchronous step of up to a few hundred ms: done in a worker thread
            Buffer.from(await offLoop("docx", content, meta))
          : kind === "pdf"
            ? await renderPdf(content, meta, step)
            : chartCsv(content, lang);
    }
    const dir = exportDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = `export-${jobId}-${crypto.randomBytes(8).toString("hex")}.${exportTypes[kind].ext}`;
    await fs.promises.writeFile(path.join(dir, file), bytes, { mode: 0o600 });
    db.update(exportJobs)
      .set({
        status: "done",
        file,
        done: sql`max(${exportJobs.total}, 1)`,
        total: sql`max(${exportJobs.total}, 1)`,
        finishedAt: new Date().toISOString(),
      })
      .where(and(where, eq(exportJobs.status, "running")))
      .run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Export job ${jobId} failed:`, message);
    db.update(exportJobs)
      .set({ status: "failed", error: message, finishedAt: new Date().toISOString() })
      .where(where)
      .run();
  }
}

/** Exported files are kept this many days, then deleted: the list says "expired" and the paper can be exported again. */
export const EXPORT_KEEP_DAYS = 7;

/**
 * Deletes the files of exports finished more than EXPORT_KEEP_DAYS ago and marks their jobs expired (a failed job,
 * which has no file, expires too). Returns how many jobs expired.
 */
export function expireOldExports(now = new Date()) {
  const db = getDb();
  const cutoff = new Date(now.getTime() - EXPORT_KEEP_DAYS * 86400_000).toISOString();
  const old = db
    .select({ id: exportJobs.id, file: exportJobs.file })
    .from(exportJobs)
    .where(
      and(
        inArray(exportJobs.status, ["done", "failed"]),
        lt(sql`coalesce(${exportJobs.finishedAt}, ${exportJobs.createdAt})`, cutoff),
      ),
    )
    .all();
  for (const job of old) {
    if (job.file) fs.rmSync(exportFilePath(job.file), { force: true });
    db.update(exportJobs).set({ status: "expired", file: null }).where(eq(exportJobs.id, job.id)).run();
  }
  return old.length;
}

let cleanupTimer: NodeJS.Timeout | undefined;

/** Called once when the server starts: clears old exports now and then once a day. A failure is logged, not fatal. */
export function scheduleExportCleanup() {
  if (cleanupTimer) return;
  const run = () => {
    try {
      const n = expireOldExports();
      if (n) console.log(`Expired ${n} old export${n === 1 ? "" : "s"}`);
    } catch (error) {
      console.error("Export clean-up failed:", (error as Error).message);
    }
  };
  run();
  cleanupTimer = setInterval(run, 24 * 3600_000);
  cleanupTimer.unref();
}
