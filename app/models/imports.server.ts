import crypto from "node:crypto";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { answerIsValid } from "~/schemas/answers";
import { buildTemplate, type ImportContext, type ImportReason, parseImportFile } from "~/schemas/import";
import { checkText } from "~/utils/text-safety";
import { type DB, getDb } from "~db/client";
import {
  consultations,
  contributionChoices,
  contributions,
  contributionTags,
  type ImportRow,
  importJobs,
  responses,
} from "~db/schema";
import { getConsultationBySlug, type ParticipantConsultation } from "./consultations.server";
import { listLocalities } from "./reference.server";

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
export function createImportJob(input: {
  consultation: ParticipantConsultation;
  staffId: number;
  filename: string;
  text: string;
  explain: (reason: ImportReason) => string;
  now?: Date;
}): { ok: true; jobId: number } | { ok: false; error: string } {
  const parsed = parseImportFile(input.text, importContext(input.consultation));
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

/** One row turned into exactly what the database will hold, so the write itself does no thinking. */
type PreparedResponse = {
  audience: string;
  ageBand: string | null;
  localityId: number | null;
  contributions: {
    questionId: number;
    kind: string;
    valueInt: number | null;
    body: string | null;
    maskedBody: string | null;
    moderationState: string;
    flags: string[];
    choices: { optionId: number; rank: number | null }[];
    outcomeIds: number[];
  }[];
};

/**
 * The same response and contributions `submitResponse` stores for an online answer (tests/models/import.test.ts
 * compares the two), worked out ahead of the write: text checks, audience and tags.
 */
function prepareResponse(consultation: ParticipantConsultation, row: ImportRow): PreparedResponse {
  const about = row.about;
  const audience =
    consultation.audience === "both"
      ? about.audience === "parents_carers"
        ? "parents_carers"
        : "young_people"
      : consultation.audience;
  const contributions: PreparedResponse["contributions"] = [];
  for (const q of consultation.questions) {
    const answer = row.answers[String(q.id)];
    if (!answerIsValid(q, answer)) throw new Error(`Line ${row.line} no longer fits question ${q.position}`);
    if (!answer) continue;
    const text = answer.text?.trim() || null;
    const check = text ? checkText(text) : null;
    contributions.push({
      questionId: q.id,
      kind:
        q.kind === "scale" ? "scale" : q.kind === "ranking" ? "ranking" : q.kind.endsWith("_text") ? "text" : "choice",
      valueInt: answer.value ?? null,
      body: text,
      maskedBody: check?.masked ?? null,
      moderationState: check ? (check.escalate ? "escalated" : "pending") : "approved",
      flags: check?.flags ?? [],
      choices: [
        ...(answer.optionIds ?? []).map((optionId) => ({ optionId, rank: null })),
        ...Object.entries(answer.ranks ?? {}).map(([optionId, rank]) => ({ optionId: Number(optionId), rank })),
      ],
      outcomeIds: q.outcomeIds,
    });
  }
  return {
    audience,
    ageBand: audience === "young_people" && about.ageBand ? about.ageBand : null,
    localityId: about.localityId ?? null,
    contributions,
  };
}

/**
 * Writes prepared responses. The statements are prepared once: the whole file is written in one transaction, which
 * holds up every other request while it runs, so each row must cost microseconds (building each query afresh costs
 * ~2 ms a row).
 */
function writeResponses(db: Pick<DB, "insert">, consultationId: number, prepared: PreparedResponse[], at: string) {
  const p = sql.placeholder;
  const insertResponse = db
    .insert(responses)
    .values({
      consultationId,
      receiptHash: null,
      audience: p("audience"),
      ageBand: p("ageBand"),
      localityId: p("localityId"),
      channel: "import",
      language: "en",
      readingLevel: "standard",
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: responses.id })
    .prepare();
  const insertContribution = db
    .insert(contributions)
    .values({
      source: "consultation",
      kind: p("kind"),
      consultationId,
      questionId: p("questionId"),
      responseId: p("responseId"),
      audience: p("audience"),
      ageBand: p("ageBand"),
      localityId: p("localityId"),
      valueInt: p("valueInt"),
      body: p("body"),
      maskedBody: p("maskedBody"),
      moderationState: p("moderationState"),
      flags: p("flags"),
      createdAt: at,
    })
    .returning({ id: contributions.id })
    .prepare();
  const insertChoice = db
    .insert(contributionChoices)
    .values({ contributionId: p("contributionId"), optionId: p("optionId"), rank: p("rank") })
    .prepare();
  const insertTag = db
    .insert(contributionTags)
    .values({ contributionId: p("contributionId"), outcomeId: p("outcomeId"), source: "question", createdAt: at })
    .prepare();
  for (const r of prepared) {
    const responseId = insertResponse.get({ audience: r.audience, ageBand: r.ageBand, localityId: r.localityId })?.id;
    if (responseId === undefined) throw new Error("A response was not stored");
    for (const c of r.contributions) {
      const contributionId = insertContribution.get({
        ...c,
        responseId,
        audience: r.audience,
        ageBand: r.ageBand,
        localityId: r.localityId,
      })?.id;
      if (contributionId === undefined) throw new Error("A contribution was not stored");
      for (const choice of c.choices)
        insertChoice.run({ contributionId, optionId: choice.optionId, rank: choice.rank });
      for (const outcomeId of c.outcomeIds) insertTag.run({ contributionId, outcomeId });
    }
  }
}

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
        while (prepared.length < end) prepared.push(prepareResponse(consultation, rows[prepared.length]));
        running.set(jobId, prepared.length);
        if (prepared.length < rows.length) {
          setImmediate(step);
          return;
        }
        db.transaction((tx) => {
          writeResponses(tx, consultationId, prepared, at);
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
        resolve({ status: "done", imported: rows.length });
      } catch (error) {
        fail(error);
      }
    };
    setImmediate(step);
  });
}
