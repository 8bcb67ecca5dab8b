import { eq, sql } from "drizzle-orm";
import type { PaperViewBlock } from "~/components/papers/PaperView";
import { getT } from "~/i18n/i18n.server";
import type { SummaryContent } from "~/models/summaries/types";
import { liveContent } from "~/models/summaries.server";
import { getDb } from "~db/client";
import { agendaItems, bodies, meetings } from "~db/schema";
import { chartSvg } from "./chart.server";
import { renderDocx, type Step } from "./docx.server";
import { downloadName } from "./jobs.server";
import { type Paper, paperOutline } from "./outline.server";
import { renderPdf } from "./pdf.server";

/**
 * A summary's paper before it is sent: the live figures drawn through the same outline as a sent version, in English
 * (the papers' language), headed "DRAFT – not sent". Nothing is frozen and no version or job is written; the heading
 * block shows the meeting and item number it would have if it were sent now.
 */
export function draftContent(summaryId: number): SummaryContent | null {
  // the figures as the compose page counted them, unless anything they count changed since (as a sent paper is not)
  const live = liveContent(summaryId, getT("en"), undefined, { cacheAs: "en" });
  if (!live) return null;
  const { summary, content } = live;
  if (summary.meetingId === null || summary.itemKind === null) return content;
  const db = getDb();
  const meeting = db
    .select({ id: meetings.id, title: meetings.title, meetsOn: meetings.meetsOn, body: bodies.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, summary.meetingId))
    .get();
  if (!meeting) return content;
  // the item it already is on that meeting's agenda, or the next one (as sending would place it)
  const itemNumber =
    db
      .select({ position: agendaItems.position })
      .from(agendaItems)
      .where(sql`${agendaItems.summaryId} = ${summaryId} and ${agendaItems.meetingId} = ${meeting.id}`)
      .get()?.position ??
    (db
      .select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meeting.id))
      .get()?.n ?? 0) + 1;
  return {
    ...content,
    sent: {
      at: new Date().toISOString(),
      meetingId: meeting.id,
      body: meeting.body,
      meeting: meeting.title,
      meetsOn: meeting.meetsOn,
      itemKind: summary.itemKind,
      itemNumber,
    },
  };
}

export const DRAFT_KINDS = ["docx", "pdf"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export function draftPaper(content: SummaryContent): Paper {
  return paperOutline(content, { lang: "en", generatedAt: new Date(), draft: true });
}

/** "feeling-safe-v3-DRAFT-not-sent.pdf": a saved draft is never mistaken for the paper that was sent. */
export function draftDownloadName(kind: DraftKind, content: SummaryContent) {
  return downloadName(kind, { title: content.title, version: content.version }).replace(
    /\.(docx|pdf)$/,
    "-DRAFT-not-sent.$1",
  );
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The draft as a file. It yields between charts, as an export job does, so other requests run meanwhile. */
export function renderDraft(kind: DraftKind, content: SummaryContent, step: Step = nextTurn) {
  const meta = { lang: "en" as const, generatedAt: new Date(), draft: true };
  return kind === "docx" ? renderDocx(content, meta, step) : renderPdf(content, meta, step);
}

/** The draft's blocks for a page: charts as SVG images (the drawing the files use), the rest as the outline says. */
export function draftBlocks(paper: Paper): PaperViewBlock[] {
  return paper.blocks.map((b) =>
    b.kind === "chart"
      ? {
          kind: "chart",
          alt: b.alt,
          src: `data:image/svg+xml;base64,${Buffer.from(chartSvg(b.chart, b.valueText)).toString("base64")}`,
        }
      : b,
  );
}
