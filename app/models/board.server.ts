import { asc, count, desc, eq, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import {
  agendaItems,
  boardResponses,
  bodies,
  contributions,
  meetings,
  summaries,
  summaryQuotes,
  summarySources,
  youSaidWeDid,
} from "~db/schema";
import { markConsultationsReported } from "./consultations/builder.server";

// Bodies, meetings, their agendas and the Board's responses (issue 11: the far end of the path).

export function listMeetings() {
  const db = getDb();
  // A derived table joined on the meeting, not a correlated subquery: `${meetings.id}` inside `sql` is written
  // without its table name and would compare the agenda item's own id.
  const itemCounts = db
    .select({ meetingId: agendaItems.meetingId, n: count().as("item_n") })
    .from(agendaItems)
    .groupBy(agendaItems.meetingId)
    .as("item_counts");
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      meetsOn: meetings.meetsOn,
      body: bodies.name,
      bodyKind: bodies.kind,
      items: sql<number>`coalesce(${itemCounts.n}, 0)`,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(itemCounts, eq(itemCounts.meetingId, meetings.id))
    .orderBy(desc(meetings.meetsOn))
    .all();
}

export function getMeeting(id: number) {
  const db = getDb();
  const meeting = db
    .select({
      id: meetings.id,
      title: meetings.title,
      meetsOn: meetings.meetsOn,
      place: meetings.place,
      body: bodies.name,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, id))
    .get();
  if (!meeting) return null;
  const recorded = db
    .select({ agendaItemId: boardResponses.agendaItemId, n: count().as("response_n") })
    .from(boardResponses)
    .groupBy(boardResponses.agendaItemId)
    .as("recorded");
  const items = db
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      kind: agendaItems.kind,
      position: agendaItems.position,
      exceptionFlags: agendaItems.exceptionFlags,
      responses: sql<number>`coalesce(${recorded.n}, 0)`,
    })
    .from(agendaItems)
    .leftJoin(recorded, eq(recorded.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position))
    .all();
  return { ...meeting, items: items.map(({ responses, ...i }) => ({ ...i, responded: responses > 0 })) };
}

export function getAgendaItem(id: number) {
  const db = getDb();
  const item = db
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      kind: agendaItems.kind,
      exceptionFlags: agendaItems.exceptionFlags,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetsOn: meetings.meetsOn,
      summaryId: summaries.id,
      periodFrom: summaries.periodFrom,
      periodTo: summaries.periodTo,
      figures: summaries.figures,
      keyMessage: summaries.keyMessage,
      recommendation: summaries.recommendation,
      outcomeIds: summaries.outcomeIds,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(summaries, eq(summaries.id, agendaItems.summaryId))
    .where(eq(agendaItems.id, id))
    .get();
  if (!item) return null;
  const quotes = item.summaryId
    ? db
        .select({ text: summaryQuotes.text })
        .from(summaryQuotes)
        .where(eq(summaryQuotes.summaryId, item.summaryId))
        .all()
    : [];
  const response = db
    .select({
      decision: boardResponses.decision,
      actions: boardResponses.actions,
      recordedAt: boardResponses.recordedAt,
      youSaid: youSaidWeDid.youSaid,
      weDid: youSaidWeDid.weDid,
      youSaidParents: youSaidWeDid.youSaidParents,
      weDidParents: youSaidWeDid.weDidParents,
    })
    .from(boardResponses)
    .leftJoin(youSaidWeDid, eq(youSaidWeDid.boardResponseId, boardResponses.id))
    .where(eq(boardResponses.agendaItemId, id))
    .get();
  return { ...item, quotes: quotes.map((q) => q.text), response: response ?? null };
}

export class ResponseError extends Error {
  constructor(public readonly code: "not_found" | "already_recorded") {
    super(code);
  }
}

/**
 * Records the Board's response to an agenda item and publishes its "you said, we did", in one transaction.
 * Closed consultations whose answers fed the summary become "reported".
 */
export function recordBoardResponse(
  input: {
    staffId: number;
    agendaItemId: number;
    decision: string;
    actions: string;
    youSaid: string;
    weDid: string;
    youSaidParents: string;
    weDidParents: string;
  },
  opts: { db?: Conn; at?: string } = {},
) {
  const db = opts.db ?? getDb();
  const now = opts.at ?? new Date().toISOString();
  return db.transaction((tx) => {
    const item = tx
      .select({ id: agendaItems.id, summaryId: agendaItems.summaryId, outcomeIds: summaries.outcomeIds })
      .from(agendaItems)
      .leftJoin(summaries, eq(summaries.id, agendaItems.summaryId))
      .where(eq(agendaItems.id, input.agendaItemId))
      .get();
    if (!item) throw new ResponseError("not_found");
    const existing = tx
      .select({ id: boardResponses.id })
      .from(boardResponses)
      .where(eq(boardResponses.agendaItemId, item.id))
      .get();
    if (existing) throw new ResponseError("already_recorded");
    const responseId = tx
      .insert(boardResponses)
      .values({
        agendaItemId: item.id,
        decision: input.decision,
        actions: input.actions,
        status: "published",
        youSaid: input.youSaid,
        weDid: input.weDid,
        youSaidParents: input.youSaidParents,
        weDidParents: input.weDidParents,
        recordedBy: input.staffId,
        recordedAt: now,
        publishedAt: now,
      })
      .returning({ id: boardResponses.id })
      .get().id;
    tx.insert(youSaidWeDid)
      .values({
        boardResponseId: responseId,
        outcomeId: item.outcomeIds?.[0] ?? null,
        youSaid: input.youSaid,
        weDid: input.weDid,
        youSaidParents: input.youSaidParents,
        weDidParents: input.weDidParents,
        publishedAt: now,
      })
      .run();
    if (item.summaryId) {
      const sources = tx
        .selectDistinct({ id: contributions.consultationId })
        .from(summarySources)
        .innerJoin(contributions, eq(contributions.id, summarySources.contributionId))
        .where(eq(summarySources.summaryId, item.summaryId))
        .all();
      markConsultationsReported(
        sources.flatMap((s) => (s.id === null ? [] : [s.id])),
        now,
        tx,
      );
    }
    return responseId;
  });
}
