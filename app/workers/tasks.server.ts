/**
 * Work that may take longer than a request should hold the event loop, run in a worker thread in production
 * (server/worker-pool.js) and inline everywhere else (development, vitest). Each task takes and returns plain data (what
 * a structured clone carries): a language rather than a `t`, bytes rather than a stream.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import zlib from "node:zlib";
import { coverageView } from "~/components/feedback/coverage.server";
import { getT } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/index";
import { countByModerationState } from "~/models/feedback.server";
import { inboxPageData } from "~/models/inbox/page.server";
import { moderationPageData } from "~/models/moderation/page.server";
import { openResults } from "~/models/open-data.server";
import { renderDocx } from "~/models/papers/docx.server";
import { draftContent, renderDraft } from "~/models/papers/draft.server";
import type { PaperMeta } from "~/models/papers/outline.server";
import { type ConsultationResults, consultationResults, type Split } from "~/models/results.server";
import { effectOf, proposedLists, reloadListsInForce } from "~/models/safeguarding-lists.server";
import { composeFigures } from "~/models/summaries/compose-form.server";
import { warmFigureIndex } from "~/models/summaries/figure-index.server";
import type { SummaryContent, SummaryScopeStored } from "~/models/summaries/types";
import {
  ComposeError,
  checkSendable,
  contributionsCsvStream,
  liveContent,
  sendSummary,
  sourcesInChunks,
} from "~/models/summaries.server";
import type { ListsEdits } from "~/schemas/safeguarding-lists";
import type { PeriodKey } from "~/utils/periods";
import { getDb } from "~db/client";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** The thread's index of contributions, built a chunk at a time if it is not yet (other tasks run between chunks). */
const figureIndexReady = () => warmFigureIndex(getDb().$client, nextTurn);

export const workerTasks = {
  /**
   * Run by each worker thread as it starts (server/worker.js): builds its index of contributions for summaries' live
   * figures (seconds at a million contributions, a chunk at a time), so the first officer to open one need not wait.
   */
  warmFigureIndex: () => figureIndexReady(),
  /** The feedback inbox's page: its rows, suggestions and coverage over a million contributions. */
  inboxPage: (href: string, lang: Lang) => inboxPageData(href, lang),
  /** A consultation's live results (kept 5 seconds per thread): a few hundred ms with 100,000 answers. */
  consultationResults: (consultationId: number, split: Split, lang: Lang): ConsultationResults => {
    const t = getT(lang);
    return consultationResults(consultationId, split, (n) => t(`scale.${n}`), lang);
  },
  /** The same, counted now rather than read from this thread's copy (the main thread's count ahead of its copy's end). */
  consultationResultsFresh: (consultationId: number, split: Split, lang: Lang): ConsultationResults => {
    const t = getT(lang);
    return consultationResults(consultationId, split, (n) => t(`scale.${n}`), lang, { fresh: true });
  },
  /** A published consultation's results as open data (the same figures, suppressed the same way). */
  openResults: (slug: string) => openResults(slug),
  /** What proposed safeguarding lists would change on the evaluation corpus: hundreds of messages checked twice. */
  listsEffect: (edits: ListsEdits) => {
    // what is in force now, though the main thread saved it
    reloadListsInForce();
    return effectOf(proposedLists(edits));
  },
  /** The staff home page's counts over every contribution: waiting per moderation state, and coverage of a period. */
  staffHomeCounts: (ask: { moderation: boolean; coverage: PeriodKey | null; lang: Lang }) => ({
    counts: ask.moderation ? countByModerationState() : null,
    coverage: ask.coverage ? coverageView(ask.coverage, ask.lang) : null,
  }),
  /** The moderation queue's page: what waits, counted among a million contributions. */
  moderationPage: (href: string, lang: Lang, role: string) => moderationPageData(href, lang, role),
  /** The compose page's live figures and quote candidates: seconds of SQLite for five years of a million rows. */
  composeFigures: async (id: number, lang: Lang) => {
    await figureIndexReady();
    return composeFigures(id, getT(lang), lang);
  },
  /** The paper the summary would be if it were sent now (preview page and draft downloads). */
  draftContent: async (id: number) => {
    await figureIndexReady();
    return draftContent(id);
  },
  /** A draft paper as a file. */
  draftFile: async (id: number, kind: "docx" | "pdf") => {
    await figureIndexReady();
    const content = draftContent(id);
    if (!content) return null;
    const bytes = await renderDraft(kind, content, nextTurn);
    return { content, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  },
  /** A sent version's DOCX: packing the document is one long synchronous step. */
  docx: async (content: SummaryContent, meta: PaperMeta) => {
    const bytes = await renderDocx(content, meta, nextTurn);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
  /**
   * Sending a summary: the figures are computed first, outside any transaction, then written in one short transaction
   * (which uses them if the summary did not change meanwhile); its sources in short steps around it.
   */
  sendSummary: (id: number, staffId: number) => {
    const live = liveContent(id, getT("en"));
    if (!live) throw new ComposeError("not_found");
    checkSendable(live);
    // The sources (up to a million rows) in short steps before and after, not inside the send's transaction.
    sourcesInChunks("add", id, live.summary.scope);
    const sent = sendSummary(id, staffId, { live, sourcesWritten: true });
    // the summary changed between (another tab saved it): the scope sent is the one written now
    if (JSON.stringify(sent.scope) !== JSON.stringify(live.summary.scope)) sourcesInChunks("add", id, sent.scope);
    sourcesInChunks("prune", id, sent.scope);
    return { versionId: sent.versionId, version: sent.version, itemId: sent.itemId };
  },
};

export type WorkerTasks = typeof workerTasks;
export type WorkerTaskName = keyof WorkerTasks;

/** Tasks whose answer is a stream of bytes (a download), sent to the main thread as the reader takes it. */
export const workerStreams = {
  /**
   * Every contribution in a summary's scope as CSV: reading a million rows is seconds of SQLite. Gzipped here when the
   * browser takes it (at the fastest level, still about 6 to 1), so the main thread only passes on a sixth of the bytes.
   */
  contributionsCsv: (scope: SummaryScopeStored, gzip: boolean): ReadableStream<Uint8Array> => {
    const csv = contributionsCsvStream(scope);
    if (!gzip) return csv;
    const zipped = Readable.fromWeb(csv as NodeReadableStream<Uint8Array>).pipe(zlib.createGzip({ level: 1 }));
    return Readable.toWeb(zipped) as ReadableStream<Uint8Array>;
  },
};

export type WorkerStreams = typeof workerStreams;
export type WorkerStreamName = keyof WorkerStreams;
