import { and, asc, count, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  type ActionInput,
  type ActionStatus,
  type ActionWording,
  actionSchema,
  actionWordingSchema,
  agendaItemSchema,
  bodySchema,
  correctionSchema,
  type DraftInput,
  draftSchema,
  fieldErrors,
  meetingSchema,
  statusSchema,
  type TranslationLang,
  translationSchema,
} from "~/schemas/board";
import { type Conn, getDb } from "~db/client";
import {
  agendaItems,
  agendaQuestions,
  boardResponses,
  bodies,
  contributions,
  exportJobs,
  groupSessions,
  meetings,
  outcomes,
  responseActionEvents,
  responseActions,
  sessionNotes,
  sessionViews,
  summaries,
  summaryQuotes,
  summarySources,
  summaryVersions,
  youSaidWeDid,
  youSaidWeDidCorrections,
  youSaidWeDidTranslations,
} from "~db/schema";
import { markConsultationsReported } from "./consultations/builder.server";

// Bodies, meetings, their agendas and the Board's responses (issue 11: the far end of the path). A response is drafted
// by an officer with a Board member, previewed, and published as a separate step; a published entry is corrected, never
// silently rewritten.

type Opts = { db?: Conn; at?: string };
const conn = (opts: Opts) => opts.db ?? getDb();
const stamp = (opts: Opts) => opts.at ?? new Date().toISOString();

export class ResponseError extends Error {
  constructor(
    public readonly code:
      | "not_found"
      | "already_recorded"
      | "already_published"
      | "not_published"
      | "incomplete"
      | "no_session"
      | "session_started"
      | "not_draft"
      | "meeting_sent"
      | "meeting_responses"
      | "meeting_questions"
      | "body_meetings",
  ) {
    super(code);
  }
}

/** Bad input, field by field, as locale keys: a route shows them, a caller in a test reads them. */
export class BoardInputError extends Error {
  constructor(public readonly errors: Record<string, string>) {
    super(Object.values(errors).join(", "));
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new BoardInputError(fieldErrors(r.error.issues));
  return r.data;
}

// ---------------------------------------------------------------- bodies and meetings

export function listBodies(db: Conn = getDb()) {
  return db
    .select({ id: bodies.id, name: bodies.name, kind: bodies.kind })
    .from(bodies)
    .orderBy(asc(bodies.name))
    .all();
}

export function createBody(input: { name: string; kind: string }, opts: Opts = {}) {
  const v = parse(bodySchema, input);
  return conn(opts).insert(bodies).values(v).returning({ id: bodies.id }).get().id;
}

export function updateBody(id: number, input: { name: string; kind: string }, opts: Opts = {}) {
  const v = parse(bodySchema, input);
  const r = conn(opts).update(bodies).set(v).where(eq(bodies.id, id)).run();
  if (!r.changes) throw new ResponseError("not_found");
}

function checkBody(db: Conn, bodyId: number) {
  if (!db.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId)).get())
    throw new BoardInputError({ bodyId: "meetings.error.body" });
}

export function createMeeting(
  input: { bodyId: number | string; title: string; meetsOn: string; place?: string | null },
  opts: Opts = {},
) {
  const v = parse(meetingSchema, { ...input, place: input.place ?? "" });
  const db = conn(opts);
  checkBody(db, v.bodyId);
  return db.insert(meetings).values(v).returning({ id: meetings.id }).get().id;
}

export function updateMeeting(
  id: number,
  input: { bodyId: number | string; title: string; meetsOn: string; place?: string | null },
  opts: Opts = {},
) {
  const v = parse(meetingSchema, { ...input, place: input.place ?? "" });
  const db = conn(opts);
  checkBody(db, v.bodyId);
  const r = db.update(meetings).set(v).where(eq(meetings.id, id)).run();
  if (!r.changes) throw new ResponseError("not_found");
}

/**
 * Why a meeting cannot be deleted, or null when nothing depends on it: a paper sent to it or a Board response (draft
 * or published) to one of its items is a record; a question a session referred to an item belongs to that session.
 */
export function meetingDeleteBlocker(meetingId: number, db: Conn = getDb()) {
  const [row] = db.all<{ sent: number; responses: number; questions: number }>(sql`
    select
      (select count(*) from ${summaryVersions} where ${summaryVersions.meetingId} = ${meetingId})
        + (select count(*) from ${agendaItems} where ${agendaItems.meetingId} = ${meetingId}
             and ${agendaItems.summaryVersionId} is not null) as sent,
      (select count(*) from ${boardResponses} br join ${agendaItems} a on a.id = br.agenda_item_id
        where a.meeting_id = ${meetingId}) as responses,
      (select count(*) from ${agendaQuestions} q join ${agendaItems} a on a.id = q.agenda_item_id
        where a.meeting_id = ${meetingId}) as questions`);
  if (row.sent) return "meeting_sent" as const;
  if (row.responses) return "meeting_responses" as const;
  if (row.questions) return "meeting_questions" as const;
  return null;
}

/** Deletes a meeting nothing depends on, with its plain agenda items; draft summaries aimed at it lose their meeting. */
export function deleteMeeting(meetingId: number, opts: Opts = {}) {
  return conn(opts).transaction((tx) => {
    if (!tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).get())
      throw new ResponseError("not_found");
    const blocker = meetingDeleteBlocker(meetingId, tx);
    if (blocker) throw new ResponseError(blocker);
    tx.update(summaries).set({ meetingId: null }).where(eq(summaries.meetingId, meetingId)).run();
    tx.delete(exportJobs).where(eq(exportJobs.meetingId, meetingId)).run();
    tx.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId)).run();
    tx.delete(meetings).where(eq(meetings.id, meetingId)).run();
  });
}

/** A body can be deleted once it has no meetings: each meeting is deleted (or kept, as a record) on its own. */
export function bodyDeleteBlocker(bodyId: number, db: Conn = getDb()) {
  const n = db.select({ n: count() }).from(meetings).where(eq(meetings.bodyId, bodyId)).get()?.n ?? 0;
  return n ? ("body_meetings" as const) : null;
}

export function deleteBody(bodyId: number, opts: Opts = {}) {
  return conn(opts).transaction((tx) => {
    if (!tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId)).get())
      throw new ResponseError("not_found");
    const blocker = bodyDeleteBlocker(bodyId, tx);
    if (blocker) throw new ResponseError(blocker);
    tx.delete(bodies).where(eq(bodies.id, bodyId)).run();
  });
}

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
      place: meetings.place,
      bodyId: bodies.id,
      body: bodies.name,
      bodyKind: bodies.kind,
      items: sql<number>`coalesce(${itemCounts.n}, 0)`,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(itemCounts, eq(itemCounts.meetingId, meetings.id))
    .orderBy(desc(meetings.meetsOn), desc(meetings.id))
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
      bodyId: bodies.id,
      body: bodies.name,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, id))
    .get();
  if (!meeting) return null;
  const items = db
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      kind: agendaItems.kind,
      position: agendaItems.position,
      exceptionFlags: agendaItems.exceptionFlags,
      responseStatus: boardResponses.status,
      summaryId: summaryVersions.summaryId,
      version: summaryVersions.version,
    })
    .from(agendaItems)
    .leftJoin(boardResponses, eq(boardResponses.agendaItemId, agendaItems.id))
    .leftJoin(summaryVersions, eq(summaryVersions.id, agendaItems.summaryVersionId))
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id))
    .all();
  return {
    ...meeting,
    items: items.map(({ responseStatus, ...i }) => ({
      ...i,
      // "responded" keeps its old meaning (anything recorded); the status says whether it is out yet.
      responded: responseStatus !== null,
      responseStatus: responseStatus as "draft" | "published" | null,
    })),
  };
}

/** An agenda item that is not a summary (a report, a presentation), added by the officer. */
export function addAgendaItem(meetingId: number, input: { title: string; kind: string }, opts: Opts = {}) {
  const v = parse(agendaItemSchema, input);
  const db = conn(opts);
  return db.transaction((tx) => {
    if (!tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).get())
      throw new ResponseError("not_found");
    const last = tx
      .select({ p: sql<number>`coalesce(max(${agendaItems.position}), 0)` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))
      .get();
    return tx
      .insert(agendaItems)
      .values({ meetingId, title: v.title, kind: v.kind, position: (last?.p ?? 0) + 1, exceptionFlags: [] })
      .returning({ id: agendaItems.id })
      .get().id;
  });
}

export function setAgendaItemKind(itemId: number, kind: string, opts: Opts = {}) {
  const v = parse(agendaItemSchema.pick({ kind: true }), { kind });
  const r = conn(opts).update(agendaItems).set({ kind: v.kind }).where(eq(agendaItems.id, itemId)).run();
  if (!r.changes) throw new ResponseError("not_found");
}

/**
 * Moves an item up or down among the items of its own kind (the agenda is read as two lists). Positions are renumbered
 * 1..n over the whole meeting, so gaps and ties left by older rows never make a move do nothing.
 */
export function moveAgendaItem(itemId: number, direction: "up" | "down", opts: Opts = {}) {
  const db = conn(opts);
  return db.transaction((tx) => {
    const item = tx
      .select({ meetingId: agendaItems.meetingId, kind: agendaItems.kind })
      .from(agendaItems)
      .where(eq(agendaItems.id, itemId))
      .get();
    if (!item) throw new ResponseError("not_found");
    const all = tx
      .select({ id: agendaItems.id, kind: agendaItems.kind })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, item.meetingId))
      .orderBy(asc(agendaItems.position), asc(agendaItems.id))
      .all();
    const same = all.filter((i) => i.kind === item.kind);
    const at = same.findIndex((i) => i.id === itemId);
    const other = same[direction === "up" ? at - 1 : at + 1];
    const order = all.map((i) => i.id);
    if (other) {
      const a = order.indexOf(itemId);
      const b = order.indexOf(other.id);
      [order[a], order[b]] = [order[b], order[a]];
    }
    order.forEach((id, i) => {
      tx.update(agendaItems)
        .set({ position: i + 1 })
        .where(eq(agendaItems.id, id))
        .run();
    });
    return Boolean(other);
  });
}

// ---------------------------------------------------------------- agenda item and its response

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
      body: bodies.name,
      summaryId: summaries.id,
      periodFrom: summaries.periodFrom,
      periodTo: summaries.periodTo,
      figures: summaries.figures,
      keyMessage: summaries.keyMessage,
      recommendation: summaries.recommendation,
      outcomeIds: summaries.outcomeIds,
      versionSummaryId: summaryVersions.summaryId,
      version: summaryVersions.version,
      versionSentAt: summaryVersions.sentAt,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(summaries, eq(summaries.id, agendaItems.summaryId))
    .leftJoin(summaryVersions, eq(summaryVersions.id, agendaItems.summaryVersionId))
    .where(eq(agendaItems.id, id))
    .get();
  if (!item) return null;
  const quotes = item.summaryId
    ? db
        .select({ text: summaryQuotes.text })
        .from(summaryQuotes)
        .where(eq(summaryQuotes.summaryId, item.summaryId))
        .orderBy(asc(summaryQuotes.position))
        .all()
    : [];
  const { versionSummaryId, version, versionSentAt, ...rest } = item;
  return {
    ...rest,
    receivedVersion:
      versionSummaryId !== null && version !== null
        ? { summaryId: versionSummaryId, version, sentAt: versionSentAt ?? "" }
        : null,
    quotes: quotes.map((q) => q.text),
    response: getResponse(id, db),
  };
}

export type Texts = { youSaid: string; weDid: string; youSaidParents: string; weDidParents: string };

/** Everything about an item's response: the draft, its translations, actions with their history, and once published
 * the entry as the public sees it with its corrections. */
export function getResponse(agendaItemId: number, db: Conn = getDb()) {
  const r = db
    .select({
      id: boardResponses.id,
      status: boardResponses.status,
      decision: boardResponses.decision,
      legacyActions: boardResponses.actions,
      youSaid: boardResponses.youSaid,
      weDid: boardResponses.weDid,
      youSaidParents: boardResponses.youSaidParents,
      weDidParents: boardResponses.weDidParents,
      reviewSessionId: boardResponses.reviewSessionId,
      reviewSentAt: boardResponses.reviewSentAt,
      recordedAt: boardResponses.recordedAt,
      updatedAt: boardResponses.updatedAt,
      publishedAt: boardResponses.publishedAt,
    })
    .from(boardResponses)
    .where(eq(boardResponses.agendaItemId, agendaItemId))
    .get();
  if (!r) return null;
  const translations = db
    .select({
      lang: youSaidWeDidTranslations.lang,
      youSaid: youSaidWeDidTranslations.youSaid,
      weDid: youSaidWeDidTranslations.weDid,
      youSaidParents: youSaidWeDidTranslations.youSaidParents,
      weDidParents: youSaidWeDidTranslations.weDidParents,
    })
    .from(youSaidWeDidTranslations)
    .where(eq(youSaidWeDidTranslations.responseId, r.id))
    .orderBy(asc(youSaidWeDidTranslations.lang))
    .all();
  const entry = db
    .select({
      id: youSaidWeDid.id,
      youSaid: youSaidWeDid.youSaid,
      weDid: youSaidWeDid.weDid,
      youSaidParents: youSaidWeDid.youSaidParents,
      weDidParents: youSaidWeDid.weDidParents,
      publishedAt: youSaidWeDid.publishedAt,
      correctedAt: youSaidWeDid.correctedAt,
      checkedByYoungPeople: youSaidWeDid.checkedByYoungPeople,
    })
    .from(youSaidWeDid)
    .where(eq(youSaidWeDid.boardResponseId, r.id))
    .get();
  const corrections = entry
    ? db
        .select({
          id: youSaidWeDidCorrections.id,
          lang: youSaidWeDidCorrections.lang,
          field: youSaidWeDidCorrections.field,
          before: youSaidWeDidCorrections.before,
          after: youSaidWeDidCorrections.after,
          note: youSaidWeDidCorrections.note,
          at: youSaidWeDidCorrections.at,
        })
        .from(youSaidWeDidCorrections)
        .where(eq(youSaidWeDidCorrections.entryId, entry.id))
        .orderBy(asc(youSaidWeDidCorrections.at), asc(youSaidWeDidCorrections.id))
        .all()
    : [];
  return {
    ...r,
    status: r.status as "draft" | "published",
    translations: translations as (Texts & { lang: TranslationLang })[],
    actions: actionsOf(r.id, db),
    entry,
    corrections,
    review: r.reviewSessionId ? reviewOf(agendaItemId, r.reviewSessionId, db) : null,
  };
}

function actionsOf(responseId: number, db: Conn) {
  const rows = db
    .select({
      id: responseActions.id,
      position: responseActions.position,
      description: responseActions.description,
      descriptionPl: responseActions.descriptionPl,
      descriptionAr: responseActions.descriptionAr,
      leadAgency: responseActions.leadAgency,
      owner: responseActions.owner,
      dueOn: responseActions.dueOn,
      status: responseActions.status,
      droppedReason: responseActions.droppedReason,
      updatedAt: responseActions.updatedAt,
    })
    .from(responseActions)
    .where(eq(responseActions.responseId, responseId))
    .orderBy(asc(responseActions.position), asc(responseActions.id))
    .all();
  const events = rows.length
    ? db
        .select({
          actionId: responseActionEvents.actionId,
          kind: responseActionEvents.kind,
          status: responseActionEvents.status,
          reason: responseActionEvents.reason,
          detail: responseActionEvents.detail,
          at: responseActionEvents.at,
        })
        .from(responseActionEvents)
        .where(
          inArray(
            responseActionEvents.actionId,
            rows.map((a) => a.id),
          ),
        )
        .orderBy(asc(responseActionEvents.at), asc(responseActionEvents.id))
        .all()
    : [];
  return rows.map((a) => ({
    ...a,
    status: a.status as ActionStatus,
    events: events.filter((e) => e.actionId === a.id).map(({ actionId: _, ...e }) => e),
  }));
}

function responseRow(db: Conn, responseId: number) {
  const r = db
    .select({
      id: boardResponses.id,
      agendaItemId: boardResponses.agendaItemId,
      status: boardResponses.status,
      decision: boardResponses.decision,
      youSaid: boardResponses.youSaid,
      weDid: boardResponses.weDid,
      youSaidParents: boardResponses.youSaidParents,
      weDidParents: boardResponses.weDidParents,
      reviewSessionId: boardResponses.reviewSessionId,
    })
    .from(boardResponses)
    .where(eq(boardResponses.id, responseId))
    .get();
  if (!r) throw new ResponseError("not_found");
  return r;
}

/**
 * Saves the draft response to an agenda item (created on first save). Officer and Board member both edit the same draft;
 * a half-written draft may be saved. A published response is changed only by a correction.
 */
export function saveResponseDraft(
  input: { staffId: number; agendaItemId: number } & Partial<DraftInput>,
  opts: Opts = {},
) {
  const v = parse(draftSchema, {
    decision: input.decision ?? "",
    youSaid: input.youSaid ?? "",
    weDid: input.weDid ?? "",
    youSaidParents: input.youSaidParents ?? "",
    weDidParents: input.weDidParents ?? "",
  });
  const now = stamp(opts);
  return conn(opts).transaction((tx) => {
    if (!tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.id, input.agendaItemId)).get())
      throw new ResponseError("not_found");
    const existing = tx
      .select({ id: boardResponses.id, status: boardResponses.status })
      .from(boardResponses)
      .where(eq(boardResponses.agendaItemId, input.agendaItemId))
      .get();
    if (existing?.status === "published") throw new ResponseError("already_published");
    if (existing) {
      tx.update(boardResponses)
        .set({ ...v, updatedBy: input.staffId, updatedAt: now })
        .where(eq(boardResponses.id, existing.id))
        .run();
      return existing.id;
    }
    return tx
      .insert(boardResponses)
      .values({
        agendaItemId: input.agendaItemId,
        ...v,
        actions: "",
        status: "draft",
        recordedBy: input.staffId,
        recordedAt: now,
        updatedBy: input.staffId,
        updatedAt: now,
      })
      .returning({ id: boardResponses.id })
      .get().id;
  });
}

/** Saves (or, given null, removes) the Polish or Arabic version of a draft's "you said, we did". */
export function saveResponseTranslation(
  input: { staffId: number; responseId: number; lang: TranslationLang; texts: Texts | null },
  opts: Opts = {},
) {
  const texts = input.texts ? parse(translationSchema, input.texts) : null;
  const now = stamp(opts);
  conn(opts).transaction((tx) => {
    const r = responseRow(tx, input.responseId);
    if (r.status === "published") throw new ResponseError("already_published");
    tx.delete(youSaidWeDidTranslations)
      .where(and(eq(youSaidWeDidTranslations.responseId, r.id), eq(youSaidWeDidTranslations.lang, input.lang)))
      .run();
    if (texts)
      tx.insert(youSaidWeDidTranslations)
        .values({ responseId: r.id, lang: input.lang, ...texts, updatedAt: now })
        .run();
    tx.update(boardResponses)
      .set({ updatedBy: input.staffId, updatedAt: now })
      .where(eq(boardResponses.id, r.id))
      .run();
  });
}

/** Adds an action to a response (draft or published: the Board may decide more later). Owner and due date are required. */
export function addResponseAction(
  input: { staffId: number; responseId: number } & Record<keyof ActionInput, string | undefined | null>,
  opts: Opts = {},
) {
  const v = parse(actionSchema, {
    description: input.description ?? "",
    leadAgency: input.leadAgency ?? "",
    owner: input.owner ?? "",
    dueOn: input.dueOn ?? "",
  });
  const now = stamp(opts);
  return conn(opts).transaction((tx) => {
    const r = responseRow(tx, input.responseId);
    const last = tx
      .select({ p: sql<number>`coalesce(max(${responseActions.position}), 0)` })
      .from(responseActions)
      .where(eq(responseActions.responseId, r.id))
      .get();
    const id = tx
      .insert(responseActions)
      .values({
        responseId: r.id,
        position: (last?.p ?? 0) + 1,
        ...v,
        status: "not_started",
        createdAt: now,
        updatedBy: input.staffId,
        updatedAt: now,
      })
      .returning({ id: responseActions.id })
      .get().id;
    tx.insert(responseActionEvents)
      .values({ actionId: id, status: "not_started", staffId: input.staffId, at: now })
      .run();
    return id;
  });
}

/** Changes an action's status, keeping the change as an event. Dropping needs a reason. The public entry reads the
 * action's current row, so it shows the change at once. */
export function setActionStatus(
  input: { staffId: number; actionId: number; status: string; reason?: string | null },
  opts: Opts = {},
) {
  const v = parse(statusSchema, { status: input.status, reason: input.reason ?? "" });
  const now = stamp(opts);
  conn(opts).transaction((tx) => {
    const a = tx
      .select({ id: responseActions.id, status: responseActions.status, reason: responseActions.droppedReason })
      .from(responseActions)
      .where(eq(responseActions.id, input.actionId))
      .get();
    if (!a) throw new ResponseError("not_found");
    const reason = v.status === "dropped" ? v.reason : null;
    if (a.status === v.status && a.reason === reason) return;
    tx.update(responseActions)
      .set({ status: v.status, droppedReason: reason, updatedBy: input.staffId, updatedAt: now })
      .where(eq(responseActions.id, a.id))
      .run();
    tx.insert(responseActionEvents)
      .values({ actionId: a.id, status: v.status, reason, staffId: input.staffId, at: now })
      .run();
  });
}

/**
 * Changes an action's words (what, its Polish and Arabic, lead agency, owner), keeping each changed field's before and
 * after as a "wording" event beside the status changes. Nothing changed: nothing written.
 */
export function editActionWording(
  input: { staffId: number; actionId: number } & Record<keyof ActionWording, string | undefined | null>,
  opts: Opts = {},
) {
  const v = parse(actionWordingSchema, {
    description: input.description ?? "",
    descriptionPl: input.descriptionPl ?? "",
    descriptionAr: input.descriptionAr ?? "",
    leadAgency: input.leadAgency ?? "",
    owner: input.owner ?? "",
  });
  const now = stamp(opts);
  return conn(opts).transaction((tx) => {
    const a = tx
      .select({
        id: responseActions.id,
        status: responseActions.status,
        description: responseActions.description,
        descriptionPl: responseActions.descriptionPl,
        descriptionAr: responseActions.descriptionAr,
        leadAgency: responseActions.leadAgency,
        owner: responseActions.owner,
      })
      .from(responseActions)
      .where(eq(responseActions.id, input.actionId))
      .get();
    if (!a) throw new ResponseError("not_found");
    const detail: Record<string, { before: string | null; after: string | null }> = {};
    for (const k of Object.keys(v) as (keyof ActionWording)[])
      if (a[k] !== v[k]) detail[k] = { before: a[k], after: v[k] };
    if (!Object.keys(detail).length) return false;
    tx.update(responseActions)
      .set({ ...v, updatedBy: input.staffId, updatedAt: now })
      .where(eq(responseActions.id, a.id))
      .run();
    tx.insert(responseActionEvents)
      .values({ actionId: a.id, kind: "wording", status: a.status, detail, staffId: input.staffId, at: now })
      .run();
    return true;
  });
}

/** What is missing before a draft can be published, as locale keys (empty: ready). */
export function publishProblems(r: {
  decision: string | null;
  youSaid: string | null;
  weDid: string | null;
  youSaidParents: string | null;
  weDidParents: string | null;
}) {
  const problems: Record<string, string> = {};
  for (const k of ["decision", "youSaid", "weDid", "youSaidParents", "weDidParents"] as const)
    if (!r[k]?.trim()) problems[k] = `response.error.${k}`;
  return problems;
}

function sourcesOf(db: Conn, summaryId: number | null) {
  if (!summaryId) return { localityIds: [] as number[], consultationIds: [] as number[] };
  const rows = db
    .selectDistinct({ localityId: contributions.localityId, consultationId: contributions.consultationId })
    .from(summarySources)
    .innerJoin(contributions, eq(contributions.id, summarySources.contributionId))
    .where(eq(summarySources.summaryId, summaryId))
    .all();
  const uniq = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => x !== null))].sort((a, b) => a - b);
  return { localityIds: uniq(rows.map((r) => r.localityId)), consultationIds: uniq(rows.map((r) => r.consultationId)) };
}

/** Approved comments of the Sounding Board the draft children's version was sent to (views and session notes). */
function reviewOf(agendaItemId: number, sessionId: number, db: Conn) {
  const session = db
    .select({
      id: groupSessions.id,
      title: groupSessions.title,
      startsAt: groupSessions.startsAt,
      status: groupSessions.status,
    })
    .from(groupSessions)
    .where(eq(groupSessions.id, sessionId))
    .get();
  const questionIds = db
    .select({ id: agendaQuestions.id })
    .from(agendaQuestions)
    .where(and(eq(agendaQuestions.sessionId, sessionId), eq(agendaQuestions.agendaItemId, agendaItemId)))
    .all()
    .map((q) => q.id);
  const approved = (ids: { contributionId: number | null }[]) =>
    ids.map((x) => x.contributionId).filter((x): x is number => x !== null);
  const fromViews = questionIds.length
    ? approved(
        db
          .select({ contributionId: sessionViews.contributionId })
          .from(sessionViews)
          .where(inArray(sessionViews.agendaQuestionId, questionIds))
          .all(),
      )
    : [];
  const fromNotes = questionIds.length
    ? approved(
        db
          .select({ contributionId: sessionNotes.contributionId })
          .from(sessionNotes)
          .where(inArray(sessionNotes.agendaQuestionId, questionIds))
          .all(),
      )
    : [];
  const ids = [...fromViews, ...fromNotes];
  const comments = ids.length
    ? db
        .select({ text: contributions.maskedBody })
        .from(contributions)
        .where(
          and(
            inArray(contributions.id, ids),
            eq(contributions.moderationState, "approved"),
            sql`not exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id")`,
          ),
        )
        .orderBy(asc(contributions.createdAt), asc(contributions.id))
        .all()
        .map((c) => c.text ?? "")
    : [];
  return { session: session ?? null, comments };
}

/** Exactly what publishing would write: the entry in English, its translations, actions, and where it will be shown. */
export function previewResponse(agendaItemId: number, db: Conn = getDb()) {
  const item = db
    .select({ summaryId: agendaItems.summaryId, outcomeIds: summaries.outcomeIds, outcome: outcomes.childTitle })
    .from(agendaItems)
    .leftJoin(summaries, eq(summaries.id, agendaItems.summaryId))
    .leftJoin(outcomes, sql`${outcomes.id} = json_extract(${summaries.outcomeIds}, '$[0]')`)
    .where(eq(agendaItems.id, agendaItemId))
    .get();
  const r = getResponse(agendaItemId, db);
  if (!item || !r) return null;
  return {
    problems: publishProblems(r),
    outcome: item.outcome ?? null,
    localityIds: sourcesOf(db, item.summaryId).localityIds,
    checkedByYoungPeople: (r.review?.comments.length ?? 0) > 0,
    texts: {
      youSaid: r.youSaid ?? "",
      weDid: r.weDid ?? "",
      youSaidParents: r.youSaidParents ?? "",
      weDidParents: r.weDidParents ?? "",
    },
    translations: r.translations,
    actions: r.actions,
  };
}

/**
 * Publishes a draft response: writes the public "you said, we did" (its translations are read by response, so they go
 * out with it), with the localities of the contributions behind the summary, and marks the closed consultations that
 * fed it as reported. Publishing twice is refused, never a second entry.
 */
export function publishResponse(input: { staffId: number; responseId: number }, opts: Opts = {}) {
  const now = stamp(opts);
  return conn(opts).transaction((tx) => {
    const r = responseRow(tx, input.responseId);
    if (r.status === "published") throw new ResponseError("already_published");
    if (Object.keys(publishProblems(r)).length) throw new ResponseError("incomplete");
    const item = tx
      .select({ summaryId: agendaItems.summaryId, outcomeIds: summaries.outcomeIds })
      .from(agendaItems)
      .leftJoin(summaries, eq(summaries.id, agendaItems.summaryId))
      .where(eq(agendaItems.id, r.agendaItemId))
      .get();
    const sources = sourcesOf(tx, item?.summaryId ?? null);
    const checked = r.reviewSessionId ? reviewOf(r.agendaItemId, r.reviewSessionId, tx).comments.length > 0 : false;
    tx.update(boardResponses)
      .set({ status: "published", publishedAt: now, updatedBy: input.staffId, updatedAt: now })
      .where(eq(boardResponses.id, r.id))
      .run();
    const entryId = tx
      .insert(youSaidWeDid)
      .values({
        boardResponseId: r.id,
        outcomeId: item?.outcomeIds?.[0] ?? null,
        youSaid: r.youSaid ?? "",
        weDid: r.weDid ?? "",
        youSaidParents: r.youSaidParents ?? "",
        weDidParents: r.weDidParents ?? "",
        publishedAt: now,
        checkedByYoungPeople: checked,
        localityIds: sources.localityIds,
      })
      .returning({ id: youSaidWeDid.id })
      .get().id;
    markConsultationsReported(sources.consultationIds, now, tx);
    return entryId;
  });
}

/** Corrects one text of a published entry (English or a translation), keeping what it said before, shown with it. */
export function correctEntry(
  input: { staffId: number; responseId: number; lang: string; field: string; after: string; note: string },
  opts: Opts = {},
) {
  const v = parse(correctionSchema, input);
  const now = stamp(opts);
  conn(opts).transaction((tx) => {
    const r = responseRow(tx, input.responseId);
    const entry = tx.select().from(youSaidWeDid).where(eq(youSaidWeDid.boardResponseId, r.id)).get();
    if (r.status !== "published" || !entry) throw new ResponseError("not_published");
    let before: string;
    if (v.lang === "en") {
      before = entry[v.field];
      tx.update(youSaidWeDid)
        .set({ [v.field]: v.after, correctedAt: now })
        .where(eq(youSaidWeDid.id, entry.id))
        .run();
    } else {
      const tr = tx
        .select()
        .from(youSaidWeDidTranslations)
        .where(and(eq(youSaidWeDidTranslations.responseId, r.id), eq(youSaidWeDidTranslations.lang, v.lang)))
        .get();
      if (!tr) throw new BoardInputError({ lang: "response.error.noTranslation" });
      before = tr[v.field];
      tx.update(youSaidWeDidTranslations)
        .set({ [v.field]: v.after, updatedAt: now })
        .where(and(eq(youSaidWeDidTranslations.responseId, r.id), eq(youSaidWeDidTranslations.lang, v.lang)))
        .run();
      tx.update(youSaidWeDid).set({ correctedAt: now }).where(eq(youSaidWeDid.id, entry.id)).run();
    }
    if (before === v.after) throw new BoardInputError({ after: "response.error.unchanged" });
    tx.insert(youSaidWeDidCorrections)
      .values({
        entryId: entry.id,
        lang: v.lang,
        field: v.field,
        before,
        after: v.after,
        note: v.note,
        staffId: input.staffId,
        at: now,
      })
      .run();
  });
}

/** Actions past their due date and not done or dropped, oldest first: what the Board is shown. today: YYYY-MM-DD. */
export function listOverdueActions(today: string, db: Conn = getDb()) {
  return db
    .select({
      id: responseActions.id,
      description: responseActions.description,
      leadAgency: responseActions.leadAgency,
      owner: responseActions.owner,
      dueOn: responseActions.dueOn,
      status: responseActions.status,
      agendaItemId: agendaItems.id,
      itemTitle: agendaItems.title,
      meetingTitle: meetings.title,
    })
    .from(responseActions)
    .innerJoin(boardResponses, eq(boardResponses.id, responseActions.responseId))
    .innerJoin(agendaItems, eq(agendaItems.id, boardResponses.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(inArray(responseActions.status, ["not_started", "in_progress"]), lt(responseActions.dueOn, today)))
    .orderBy(asc(responseActions.dueOn), asc(responseActions.id))
    .all();
}

// ---------------------------------------------------------------- co-written with young people

/** Sessions a draft may be sent to: not yet started, not cancelled or closed. */
export function listReviewSessions(now = new Date(), db: Conn = getDb()) {
  return db
    .select({ id: groupSessions.id, title: groupSessions.title, startsAt: groupSessions.startsAt })
    .from(groupSessions)
    .where(
      and(
        sql`${groupSessions.startsAt} > ${now.toISOString()}`,
        ne(groupSessions.status, "cancelled"),
        ne(groupSessions.status, "closed"),
      ),
    )
    .orderBy(asc(groupSessions.startsAt))
    .all();
}

/**
 * Sends the draft children's version to a Sounding Board session as an agenda question referred by this item: members'
 * views come back as contributions through moderation, and once one is approved the entry is marked checked by young
 * people. question: the words put to members (the route writes it in the page's language, with the draft in it).
 */
export function sendDraftForReview(
  input: { staffId: number; responseId: number; sessionId: number; question: string },
  opts: Opts & { now?: Date } = {},
) {
  const now = opts.now ?? new Date();
  const at = opts.at ?? now.toISOString();
  return conn(opts).transaction((tx) => {
    const r = responseRow(tx, input.responseId);
    if (r.status === "published") throw new ResponseError("already_published");
    if (!r.youSaid?.trim() || !r.weDid?.trim()) throw new ResponseError("incomplete");
    const s = tx
      .select({ status: groupSessions.status, startsAt: groupSessions.startsAt })
      .from(groupSessions)
      .where(eq(groupSessions.id, input.sessionId))
      .get();
    if (!s) throw new ResponseError("no_session");
    if (s.status === "closed" || s.status === "cancelled" || s.startsAt <= now.toISOString())
      throw new ResponseError("session_started");
    const last = tx
      .select({ p: sql<number>`coalesce(max(${agendaQuestions.position}), 0)` })
      .from(agendaQuestions)
      .where(eq(agendaQuestions.sessionId, input.sessionId))
      .get();
    // Inserted here rather than through addAgendaQuestion: the question carries the whole draft, longer than a question
    // an officer types, and must be in this transaction with the response's review fields.
    const questionId = tx
      .insert(agendaQuestions)
      .values({
        sessionId: input.sessionId,
        position: (last?.p ?? 0) + 1,
        text: input.question,
        agendaItemId: r.agendaItemId,
      })
      .returning({ id: agendaQuestions.id })
      .get().id;
    tx.update(boardResponses)
      .set({ reviewSessionId: input.sessionId, reviewSentAt: at, updatedBy: input.staffId, updatedAt: at })
      .where(eq(boardResponses.id, r.id))
      .run();
    return questionId;
  });
}

// ---------------------------------------------------------------- all at once (seed and tests)

/**
 * Drafts, adds actions and translations, and publishes in one transaction: for the demo seed and tests that need a
 * published response. People use the steps one by one (draft, preview, publish).
 */
export function recordBoardResponse(
  input: {
    staffId: number;
    agendaItemId: number;
    decision: string;
    youSaid: string;
    weDid: string;
    youSaidParents: string;
    weDidParents: string;
    actions?: (ActionInput & { status?: ActionStatus; reason?: string; updatedAt?: string })[];
    translations?: Partial<Record<TranslationLang, Texts>>;
  },
  opts: Opts = {},
) {
  const now = stamp(opts);
  return conn(opts).transaction((tx) => {
    const existing = tx
      .select({ id: boardResponses.id })
      .from(boardResponses)
      .where(eq(boardResponses.agendaItemId, input.agendaItemId))
      .get();
    if (existing) throw new ResponseError("already_recorded");
    const o = { db: tx, at: now };
    const responseId = saveResponseDraft(input, o);
    for (const [lang, texts] of Object.entries(input.translations ?? {}))
      saveResponseTranslation({ staffId: input.staffId, responseId, lang: lang as TranslationLang, texts }, o);
    for (const a of input.actions ?? []) {
      const id = addResponseAction({ staffId: input.staffId, responseId, ...a }, o);
      if (a.status && a.status !== "not_started")
        setActionStatus(
          { staffId: input.staffId, actionId: id, status: a.status, reason: a.reason },
          { db: tx, at: a.updatedAt ?? now },
        );
    }
    publishResponse({ staffId: input.staffId, responseId }, o);
    return responseId;
  });
}
