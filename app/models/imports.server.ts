import crypto from "node:crypto";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { buildTemplate, type ImportContext, type ImportReason, parseImportFile } from "~/schemas/import";
import { getDb } from "~db/client";
import { consultations, importJobs, responses } from "~db/schema";
import { getConsultationBySlug } from "./consultations/participant-reads.server";
import type { ParticipantConsultation } from "./consultations/types";
import type { ImportRow } from "./imports/types";
import { listLocalities } from "./reference.server";
import { buildResponse, IncompleteAnswersError, type PreparedResponse, writeResponse } from "./responses.server";
import { notifyEscalation } from "./safeguarding.server";

/**
 * Paper and in-person answers: one typed in by an officer, or many from a CSV file. Both become ordinary responses
 * (with their channel recorded), so results, summaries and "you said, we did" count them like online answers.
 */

/** A published consultation, with its questions, for entering answers on someone's behalf; null for a draft. */
export function getConsultationForEntry(id: number): ParticipantConsultation | null {
  const row = getDb()
    .select({ slug: consultations.slug, status: consultations.status })
    .from(consultations)
    .where(eq(consultations.id, id))
    .get();
  if (!row || row.status === "draft") return null;
  return getConsultationBySlug(row.slug);
}

export function countResponsesByChannel(consultationId: number, channel: "online" | "paper" | "import") {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(responses)
      .where(and(eq(responses.consultationId, consultationId), eq(responses.channel, channel)))
      .get()?.n ?? 0
  );
}

export function importContext(consultation: ParticipantConsultation): ImportContext {
  return {
    audience: consultation.audience,
    questions: consultation.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      required: q.required,
      maxLength: q.maxLength,
      options: q.options.map((o) => ({ id: o.id, label: o.label, isOther: o.isOther })),
    })),
    localities: listLocalities().map((l) => ({ id: l.id, name: l.name })),
  };
}

export function importTemplate(consultation: ParticipantConsultation, exampleText: string) {
  return buildTemplate(importContext(consultation), exampleText);
}

/**
 * Checks an uploaded file and keeps the result as a job: the good rows, ready to import, and the rejected ones with
 * their reasons (in words, via `explain`). Nothing is imported yet. A file that cannot be read at all, or whose
 * headings are wrong, makes no job: its one reason is returned instead.
 */
export async function createImportJob(input: {
  consultation: ParticipantConsultation;
  staffId: number;
  filename: string;
  text: string;
  explain: (reason: ImportReason) => string;
  now?: Date;
}): Promise<{ ok: true; jobId: number } | { ok: false; error: string }> {
  const parsed = await parseImportFile(input.text, importContext(input.consultation));
  if (!parsed.ok) return { ok: false, error: input.explain(parsed.error) };
  const job = getDb()
    .insert(importJobs)
    .values({
      consultationId: input.consultation.id,
      staffId: input.staffId,
      filename: input.filename.slice(0, 200),
      fileHash: crypto.createHash("sha256").update(input.text).digest("hex"),
      totalRows: parsed.total,
      validCount: parsed.valid.length,
      validRows: parsed.valid,
      rejectedRows: parsed.rejected.map((r) => ({ line: r.line, reasons: r.reasons.map(input.explain) })),
      createdAt: (input.now ?? new Date()).toISOString(),
    })
    .returning({ id: importJobs.id })
    .get();
  return { ok: true, jobId: job.id };
}

/**
 * Jobs being imported by this process, with how many rows are prepared. Progress is kept here rather than in the
 * job's row: that row carries the file's answers, and rewriting megabytes for every chunk would cost more than the work.
 */
const running = new Map<number, number>();

/** A job of this consultation, without its rows; null when there is none (or it belongs to another consultation). */
export function getImportJob(consultationId: number, jobId: number) {
  const db = getDb();
  const where = and(eq(importJobs.id, jobId), eq(importJobs.consultationId, consultationId));
  const columns = {
    id: importJobs.id,
    filename: importJobs.filename,
    fileHash: importJobs.fileHash,
    totalRows: importJobs.totalRows,
    validCount: importJobs.validCount,
    rejectedRows: importJobs.rejectedRows,
    status: importJobs.status,
    processed: importJobs.processed,
    importedCount: importJobs.importedCount,
    error: importJobs.error,
    createdAt: importJobs.createdAt,
    finishedAt: importJobs.finishedAt,
  };
  let job = db.select(columns).from(importJobs).where(where).get();
  if (!job) return null;
  if (job.status === "importing" && !running.has(job.id)) {
    // The server stopped mid-import. Rows are written in one transaction, so none of them landed: it can start again.
    db.update(importJobs).set({ status: "validated", processed: 0 }).where(where).run();
    job = { ...job, status: "validated", processed: 0 };
  }
  const sameFile = db
    .select({ finishedAt: importJobs.finishedAt })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.consultationId, consultationId),
        eq(importJobs.fileHash, job.fileHash),
        eq(importJobs.status, "done"),
        ne(importJobs.id, job.id),
      ),
    )
    .orderBy(desc(importJobs.finishedAt))
    .get();
  const processed = running.get(job.id) ?? job.processed;
  return { ...job, processed, sameFileImportedAt: sameFile?.finishedAt ?? null };
}

export function listImportJobs(consultationId: number, limit = 10) {
  return getDb()
    .select({
      id: importJobs.id,
      filename: importJobs.filename,
      status: importJobs.status,
      totalRows: importJobs.totalRows,
      validCount: importJobs.validCount,
      importedCount: importJobs.importedCount,
      createdAt: importJobs.createdAt,
    })
    .from(importJobs)
    .where(eq(importJobs.consultationId, consultationId))
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(limit)
    .all();
}

export type ImportOutcome = { status: "done"; imported: number } | { status: "failed"; error: string };

/**
 * Imports a checked job's good rows in the background of this process. Rows are prepared in chunks between other
 * requests (text checks, tags; `processed` moves the progress bar), then all of them are written in ONE transaction
 * together with the job's "done": either every good row becomes a response, or none does and the job is "failed".
 * Returns null when the job is not waiting to be imported (already importing or done), so a second click is harmless.
 */
export function startImport(
  consultationId: number,
  jobId: number,
  options: { chunkSize?: number; now?: Date } = {},
): Promise<ImportOutcome> | null {
  const chunkSize = options.chunkSize ?? 200;
  const db = getDb();
  const where = and(eq(importJobs.id, jobId), eq(importJobs.consultationId, consultationId));
  const claimed = db
    .update(importJobs)
    .set({ status: "importing", processed: 0, error: null })
    .where(and(where, inArray(importJobs.status, ["validated", "failed"]), sql`${importJobs.validCount} > 0`))
    .returning({ validRows: importJobs.validRows })
    .get();
  if (!claimed) return null;
  running.set(jobId, 0);

  const rows: ImportRow[] = claimed.validRows;
  const at = (options.now ?? new Date()).toISOString();
  return new Promise<ImportOutcome>((resolve) => {
    const consultation = getConsultationForEntry(consultationId);
    const prepared: PreparedResponse[] = [];
    const fail = (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Import job ${jobId} failed; nothing was imported:`, message);
      try {
        db.update(importJobs)
          .set({ status: "failed", error: message, finishedAt: new Date().toISOString() })
          .where(where)
          .run();
      } catch (cause) {
        // Still "importing" in the database: the next look at the job finds nothing running and offers it again.
        console.error(`Import job ${jobId} could not be marked failed:`, cause);
      }
      running.delete(jobId);
      resolve({ status: "failed", error: message });
    };
    const step = () => {
      try {
        if (!consultation) throw new Error("The consultation is no longer available");
        const end = Math.min(prepared.length + chunkSize, rows.length);
        while (prepared.length < end) {
          const row = rows[prepared.length];
          try {
            prepared.push(buildResponse(consultation, row.answers, row.about));
          } catch (error) {
            if (error instanceof IncompleteAnswersError) {
              throw new Error(`Line ${row.line} no longer fits question ${error.questionNumber}`);
            }
            throw error;
          }
        }
        running.set(jobId, prepared.length);
        if (prepared.length < rows.length) {
          setImmediate(step);
          return;
        }
        const meta = {
          consultationId,
          receiptHash: null,
          channel: "import",
          language: "en",
          readingLevel: "standard",
          at,
        } as const;
        db.transaction((tx) => {
          for (const response of prepared) writeResponse(db, response, meta);
          tx.update(importJobs)
            .set({
              status: "done",
              importedCount: rows.length,
              processed: rows.length,
              validRows: [],
              finishedAt: new Date().toISOString(),
            })
            .where(where)
            .run();
        });
        running.delete(jobId);
        const escalated = prepared.filter((r) => r.escalated).length;
        if (escalated) void notifyEscalation(escalated);
        resolve({ status: "done", imported: rows.length });
      } catch (error) {
        fail(error);
      }
    };
    setImmediate(step);
  });
}
