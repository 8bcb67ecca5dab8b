import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addAgendaItem,
  addResponseAction,
  BoardInputError,
  bodyDeleteBlocker,
  correctEntry,
  createBody,
  createMeeting,
  deleteBody,
  deleteMeeting,
  editActionWording,
  getAgendaItem,
  getMeeting,
  getResponse,
  listBodies,
  listMeetings,
  listOverdueActions,
  listReviewSessions,
  meetingDeleteBlocker,
  moveAgendaItem,
  previewResponse,
  publishResponse,
  ResponseError,
  saveResponseDraft,
  saveResponseTranslation,
  sendDraftForReview,
  setActionStatus,
  setAgendaItemKind,
  updateBody,
  updateMeeting,
} from "~/models/board.server";
import { getDb } from "~db/client";
import {
  agendaItems,
  agendaQuestions,
  boardResponses,
  contributions,
  groupSessions,
  meetings,
  responseActionEvents,
  responseActions,
  sessionViews,
  summaries,
  summarySources,
  summaryVersions,
  youSaidWeDid,
  youSaidWeDidCorrections,
  youSaidWeDidTranslations,
} from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const db = getDb();

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof BoardInputError) return e.errors;
    throw e;
  }
  throw new Error("expected a BoardInputError");
}

/** An agenda item with a summary fed by three contributions from two localities (and one with none). */
function itemWithSummary(title: string) {
  const s = db
    .insert(summaries)
    .values({
      title,
      periodFrom: "2099-01-01T00:00:00Z",
      periodTo: "2099-04-01T00:00:00Z",
      outcomeIds: [county.outcomes.staySafe.id],
      keyMessage: "Young people feel unsafe on the walk home from after-school clubs.",
    })
    .returning()
    .get();
  const [l1, l2] = county.localities;
  for (const localityId of [l2.id, l1.id, l2.id, null]) {
    const c = db
      .insert(contributions)
      .values({
        source: "thread",
        kind: "text",
        audience: "young_people",
        localityId,
        body: "The underpass has no lights",
        maskedBody: "The underpass has no lights",
        moderationState: "approved",
        createdAt: "2099-02-01T10:00:00Z",
      })
      .returning()
      .get();
    db.insert(summarySources).values({ summaryId: s.id, contributionId: c.id }).run();
  }
  const item = db
    .insert(agendaItems)
    .values({ meetingId: county.meeting.id, summaryId: s.id, title, kind: "decision", position: 90 })
    .returning()
    .get();
  return { summaryId: s.id, itemId: item.id, localityIds: [l1.id, l2.id].sort((a, b) => a - b) };
}

const texts = {
  decision: "The Board agreed to fix the lights in the underpass.",
  youSaid: "You said the underpass is dark.",
  weDid: "We are fixing the lights by March.",
  youSaidParents: "Young people told us the underpass on the way to school is dark.",
  weDidParents: "The Board asked Highways to repair the underpass lights by March.",
};

describe("bodies and meetings", () => {
  it("creates and edits bodies and meetings, and refuses bad input with messages", () => {
    const exec = createBody({ name: "Strategic Partnership Executive", kind: "executive" });
    updateBody(exec, { name: "Children's Strategic Partnership Executive", kind: "executive" });
    expect(listBodies().find((b) => b.id === exec)).toEqual({
      id: exec,
      name: "Children's Strategic Partnership Executive",
      kind: "executive",
    });
    expect(errorsOf(() => createBody({ name: " ", kind: "club" }))).toEqual({
      name: "meetings.error.bodyName",
      kind: "meetings.error.bodyKind",
    });

    const m = createMeeting({ bodyId: exec, title: "Executive – March", meetsOn: "2099-03-14", place: "" });
    updateMeeting(m, { bodyId: String(exec), title: "Executive – March", meetsOn: "2099-03-15", place: "County Hall" });
    expect(listMeetings().find((x) => x.id === m)).toMatchObject({
      title: "Executive – March",
      meetsOn: "2099-03-15",
      place: "County Hall",
      bodyId: exec,
      items: 0,
    });
    expect(errorsOf(() => createMeeting({ bodyId: exec, title: "x", meetsOn: "2099-02-30" }))).toEqual({
      meetsOn: "meetings.error.meetsOn",
    });
    expect(errorsOf(() => createMeeting({ bodyId: 999999, title: "x", meetsOn: "2099-02-03" }))).toEqual({
      bodyId: "meetings.error.body",
    });
  });

  it("deletes a body or meeting nothing depends on, and refuses in words when something does", () => {
    const body = createBody({ name: "West local partnership board", kind: "local_board" });
    const plain = createMeeting({ bodyId: body, title: "West – May", meetsOn: "2099-05-02" });
    const sent = createMeeting({ bodyId: body, title: "West – June", meetsOn: "2099-06-02" });
    const answered = createMeeting({ bodyId: body, title: "West – July", meetsOn: "2099-07-02" });
    addAgendaItem(plain, { title: "Youth club opening hours", kind: "information" });
    // a draft summary aimed at the plain meeting keeps going, without a meeting
    const draft = db
      .insert(summaries)
      .values({
        title: "Clubs",
        periodFrom: "2099-01-01",
        periodTo: "2099-02-01",
        outcomeIds: [],
        keyMessage: "",
        meetingId: plain,
      })
      .returning()
      .get().id;
    // a paper sent to June: a version points at the meeting and its item
    const version = db
      .insert(summaryVersions)
      .values({ summaryId: draft, version: 1, content: {} as never, meetingId: sent, sentAt: "2099-01-05T00:00:00Z" })
      .returning()
      .get().id;
    db.insert(agendaItems)
      .values({ meetingId: sent, summaryVersionId: version, title: "Clubs", kind: "decision", position: 1 })
      .run();
    // a Board response (a draft is enough) on July's item
    const julyItem = addAgendaItem(answered, { title: "Buses", kind: "decision" });
    saveResponseDraft({ staffId: county.officer.id, agendaItemId: julyItem, decision: "Agreed" });

    expect(meetingDeleteBlocker(plain)).toBeNull();
    expect(meetingDeleteBlocker(sent)).toBe("meeting_sent");
    expect(meetingDeleteBlocker(answered)).toBe("meeting_responses");
    expect(() => deleteMeeting(sent)).toThrow(/meeting_sent/);
    expect(() => deleteMeeting(answered)).toThrow(/meeting_responses/);
    expect(bodyDeleteBlocker(body)).toBe("body_meetings");
    expect(() => deleteBody(body)).toThrow(/body_meetings/);

    deleteMeeting(plain);
    expect(db.select().from(meetings).where(eq(meetings.id, plain)).all()).toEqual([]);
    expect(db.select().from(agendaItems).where(eq(agendaItems.meetingId, plain)).all()).toEqual([]);
    expect(db.select({ m: summaries.meetingId }).from(summaries).where(eq(summaries.id, draft)).get()).toEqual({
      m: null,
    });
    expect(db.select({ id: meetings.id }).from(meetings).where(eq(meetings.bodyId, body)).all()).toHaveLength(2);
    expect(() => deleteMeeting(plain)).toThrow(/not_found/);

    const empty = createBody({ name: "South local partnership board", kind: "local_board" });
    expect(bodyDeleteBlocker(empty)).toBeNull();
    deleteBody(empty);
    expect(listBodies().find((b) => b.id === empty)).toBeUndefined();
  });

  it("keeps the agenda as two ordered lists the officer rearranges", () => {
    const body = createBody({ name: "North local partnership board", kind: "local_board" });
    const m = createMeeting({ bodyId: body, title: "North – April", meetsOn: "2099-04-02" });
    const a = addAgendaItem(m, { title: "A", kind: "decision" });
    const b = addAgendaItem(m, { title: "B", kind: "information" });
    const c = addAgendaItem(m, { title: "C", kind: "decision" });
    const d = addAgendaItem(m, { title: "D", kind: "decision" });
    const order = (kind: string) =>
      getMeeting(m)
        ?.items.filter((i) => i.kind === kind)
        .map((i) => i.title);
    expect(order("decision")).toEqual(["A", "C", "D"]);
    // C moves above A, skipping the information item between them
    expect(moveAgendaItem(c, "up")).toBe(true);
    expect(order("decision")).toEqual(["C", "A", "D"]);
    expect(moveAgendaItem(c, "up")).toBe(false);
    expect(moveAgendaItem(d, "down")).toBe(false);
    moveAgendaItem(a, "down");
    expect(order("decision")).toEqual(["C", "D", "A"]);
    setAgendaItemKind(d, "information");
    expect(order("decision")).toEqual(["C", "A"]);
    expect(order("information")).toEqual(["B", "D"]);
    expect(getMeeting(m)?.items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
    expect(errorsOf(() => addAgendaItem(m, { title: "", kind: "noting" }))).toEqual({
      title: "meetings.error.itemTitle",
      kind: "meetings.error.itemKind",
    });
    expect(() => setAgendaItemKind(b, "later")).toThrow(BoardInputError);
  });
});

describe("the Board's response", () => {
  it("is drafted by officer and Board member, previewed, and published once", () => {
    const { itemId, localityIds } = itemWithSummary("Lights in the underpass");
    const id = saveResponseDraft({ staffId: county.officer.id, agendaItemId: itemId, decision: texts.decision });
    expect(getResponse(itemId)?.status).toBe("draft");
    expect(previewResponse(itemId)?.problems).toEqual({
      youSaid: "response.error.youSaid",
      weDid: "response.error.weDid",
      youSaidParents: "response.error.youSaidParents",
      weDidParents: "response.error.weDidParents",
    });
    expect(() => publishResponse({ staffId: county.boardMember.id, responseId: id })).toThrow(/incomplete/);
    // the Board member edits the same draft
    expect(saveResponseDraft({ staffId: county.boardMember.id, agendaItemId: itemId, ...texts })).toBe(id);
    saveResponseTranslation({
      staffId: county.officer.id,
      responseId: id,
      lang: "pl",
      texts: {
        youSaid: "Powiedzieliście, że w przejściu podziemnym jest ciemno.",
        weDid: "Naprawiamy światła do marca.",
        youSaidParents: "Młodzi ludzie powiedzieli nam, że przejście jest ciemne.",
        weDidParents: "Rada poprosiła o naprawę świateł do marca.",
      },
    });
    saveResponseTranslation({
      staffId: county.officer.id,
      responseId: id,
      lang: "ar",
      texts: {
        youSaid: "قلتم إن النفق مظلم.",
        weDid: "سنصلح الأضواء.",
        youSaidParents: "النفق مظلم.",
        weDidParents: "سنصلح الأضواء.",
      },
    });
    expect(getResponse(itemId)?.translations.map((t) => t.lang)).toEqual(["ar", "pl"]);
    saveResponseTranslation({ staffId: county.officer.id, responseId: id, lang: "ar", texts: null });
    // an incomplete translation is refused, a null one removes it
    expect(getResponse(itemId)?.translations.map((t) => t.lang)).toEqual(["pl"]);
    expect(
      errorsOf(() =>
        saveResponseTranslation({
          staffId: county.officer.id,
          responseId: id,
          lang: "ar",
          texts: { youSaid: "x", weDid: "", youSaidParents: "y", weDidParents: "z" },
        }),
      ),
    ).toEqual({ weDid: "response.error.weDid" });

    const first = addResponseAction({
      staffId: county.officer.id,
      responseId: id,
      description: "Repair the underpass lights",
      leadAgency: "County Highways",
      owner: "Head of Highways",
      dueOn: "2099-03-31",
    });
    addResponseAction({
      staffId: county.boardMember.id,
      responseId: id,
      description: "Tell the Sounding Board when it is done",
      leadAgency: "Participation Team",
      owner: "Participation Officer",
      dueOn: "2099-04-30",
    });
    expect(
      errorsOf(() =>
        addResponseAction({
          staffId: county.officer.id,
          responseId: id,
          description: "Patrol the underpass",
          leadAgency: "Police",
          owner: "",
          dueOn: "",
        }),
      ),
    ).toEqual({ owner: "actions.error.owner", dueOn: "actions.error.dueOn" });

    const preview = previewResponse(itemId);
    expect(preview).toMatchObject({
      problems: {},
      outcome: "Feeling safe",
      localityIds,
      checkedByYoungPeople: false,
      texts: {
        youSaid: texts.youSaid,
        weDid: texts.weDid,
        youSaidParents: texts.youSaidParents,
        weDidParents: texts.weDidParents,
      },
    });
    expect(preview?.translations.map((t) => [t.lang, t.weDid])).toEqual([["pl", "Naprawiamy światła do marca."]]);
    expect(preview?.actions.map((a) => [a.description, a.owner, a.dueOn, a.status])).toEqual([
      ["Repair the underpass lights", "Head of Highways", "2099-03-31", "not_started"],
      ["Tell the Sounding Board when it is done", "Participation Officer", "2099-04-30", "not_started"],
    ]);
    // nothing is public before publishing
    expect(db.select().from(youSaidWeDid).where(eq(youSaidWeDid.boardResponseId, id)).all()).toEqual([]);

    const entryId = publishResponse(
      { staffId: county.boardMember.id, responseId: id },
      { at: "2099-02-20T18:00:00.000Z" },
    );
    const entry = db.select().from(youSaidWeDid).where(eq(youSaidWeDid.id, entryId)).get();
    expect(entry).toMatchObject({
      boardResponseId: id,
      outcomeId: county.outcomes.staySafe.id,
      youSaid: texts.youSaid,
      weDid: texts.weDid,
      youSaidParents: texts.youSaidParents,
      weDidParents: texts.weDidParents,
      publishedAt: "2099-02-20T18:00:00.000Z",
      checkedByYoungPeople: false,
      localityIds,
      correctedAt: null,
    });
    expect(db.select().from(boardResponses).where(eq(boardResponses.id, id)).get()).toMatchObject({
      status: "published",
      publishedAt: "2099-02-20T18:00:00.000Z",
      actions: "",
    });
    // publishing twice is refused, and leaves one entry
    expect(() => publishResponse({ staffId: county.officer.id, responseId: id })).toThrow(/already_published/);
    expect(db.select().from(youSaidWeDid).where(eq(youSaidWeDid.boardResponseId, id)).all()).toHaveLength(1);
    // the draft is closed: changes now go through a correction
    expect(() => saveResponseDraft({ staffId: county.officer.id, agendaItemId: itemId, ...texts })).toThrow(
      /already_published/,
    );

    // an action's wording is changed after it was added, each changed field kept as an event beside the status ones
    const wording = {
      description: "Light the whole park path",
      descriptionPl: "Oświetlimy całą ścieżkę w parku",
      descriptionAr: "",
      leadAgency: "County Highways and Transport",
    };
    const before = db.select().from(responseActions).where(eq(responseActions.id, first)).get();
    expect(
      editActionWording(
        { staffId: county.boardMember.id, actionId: first, ...wording, owner: before?.owner },
        { at: "2099-02-25T09:00:00Z" },
      ),
    ).toBe(true);
    expect(
      db
        .select({
          kind: responseActionEvents.kind,
          status: responseActionEvents.status,
          detail: responseActionEvents.detail,
          at: responseActionEvents.at,
        })
        .from(responseActionEvents)
        .where(eq(responseActionEvents.actionId, first))
        .all()
        .at(-1),
    ).toEqual({
      kind: "wording",
      status: "not_started",
      detail: {
        description: { before: before?.description, after: "Light the whole park path" },
        descriptionPl: { before: null, after: "Oświetlimy całą ścieżkę w parku" },
        leadAgency: { before: before?.leadAgency, after: "County Highways and Transport" },
      },
      at: "2099-02-25T09:00:00Z",
    });
    // the same words again write nothing; an empty owner is refused with a message
    expect(editActionWording({ staffId: county.officer.id, actionId: first, ...wording, owner: before?.owner })).toBe(
      false,
    );
    expect(
      errorsOf(() => editActionWording({ staffId: county.officer.id, actionId: first, ...wording, owner: " " })),
    ).toEqual({ owner: "actions.error.owner" });
    expect(() => editActionWording({ staffId: county.officer.id, actionId: 999_999, ...wording, owner: "x" })).toThrow(
      /not_found/,
    );
    db.delete(responseActionEvents).where(eq(responseActionEvents.kind, "wording")).run();

    // an action's status changes are kept, and the entry's actions read the current status
    setActionStatus(
      { staffId: county.officer.id, actionId: first, status: "in_progress" },
      { at: "2099-03-01T09:00:00Z" },
    );
    setActionStatus({ staffId: county.officer.id, actionId: first, status: "done" }, { at: "2099-03-20T09:00:00Z" });
    expect(errorsOf(() => setActionStatus({ staffId: county.officer.id, actionId: first, status: "dropped" }))).toEqual(
      {
        reason: "actions.error.reason",
      },
    );
    expect(errorsOf(() => setActionStatus({ staffId: county.officer.id, actionId: first, status: "paused" }))).toEqual({
      status: "actions.error.status",
    });
    expect(
      db
        .select({ status: responseActionEvents.status, at: responseActionEvents.at })
        .from(responseActionEvents)
        .where(eq(responseActionEvents.actionId, first))
        .all(),
    ).toEqual([
      { status: "not_started", at: expect.any(String) },
      { status: "in_progress", at: "2099-03-01T09:00:00Z" },
      { status: "done", at: "2099-03-20T09:00:00Z" },
    ]);
    expect(
      db
        .select({ status: responseActions.status })
        .from(responseActions)
        .where(eq(responseActions.responseId, id))
        .all(),
    ).toEqual([{ status: "done" }, { status: "not_started" }]);

    // a correction changes the public words and keeps what they said before
    correctEntry(
      {
        staffId: county.officer.id,
        responseId: id,
        lang: "en",
        field: "weDid",
        after: "We are fixing the lights by April.",
        note: "The repair date moved",
      },
      { at: "2099-03-02T12:00:00Z" },
    );
    correctEntry(
      {
        staffId: county.officer.id,
        responseId: id,
        lang: "pl",
        field: "weDid",
        after: "Naprawiamy światła do kwietnia.",
        note: "The repair date moved",
      },
      { at: "2099-03-02T12:01:00Z" },
    );
    expect(db.select().from(youSaidWeDid).where(eq(youSaidWeDid.id, entryId)).get()).toMatchObject({
      weDid: "We are fixing the lights by April.",
      correctedAt: "2099-03-02T12:01:00Z",
    });
    expect(
      db
        .select({ weDid: youSaidWeDidTranslations.weDid })
        .from(youSaidWeDidTranslations)
        .where(eq(youSaidWeDidTranslations.responseId, id))
        .all(),
    ).toEqual([{ weDid: "Naprawiamy światła do kwietnia." }]);
    expect(
      db
        .select({
          lang: youSaidWeDidCorrections.lang,
          field: youSaidWeDidCorrections.field,
          before: youSaidWeDidCorrections.before,
          after: youSaidWeDidCorrections.after,
        })
        .from(youSaidWeDidCorrections)
        .where(eq(youSaidWeDidCorrections.entryId, entryId))
        .all(),
    ).toEqual([
      {
        lang: "en",
        field: "weDid",
        before: "We are fixing the lights by March.",
        after: "We are fixing the lights by April.",
      },
      { lang: "pl", field: "weDid", before: "Naprawiamy światła do marca.", after: "Naprawiamy światła do kwietnia." },
    ]);
    expect(
      errorsOf(() =>
        correctEntry({ staffId: county.officer.id, responseId: id, lang: "ar", field: "weDid", after: "x", note: "y" }),
      ),
    ).toEqual({ lang: "response.error.noTranslation" });
    expect(
      errorsOf(() =>
        correctEntry({
          staffId: county.officer.id,
          responseId: id,
          lang: "en",
          field: "decision",
          after: "",
          note: "",
        }),
      ),
    ).toEqual({ field: "response.error.field", after: "response.error.correction", note: "response.error.note" });
    expect(getAgendaItem(itemId)?.response?.corrections).toHaveLength(2);
  });

  it("refuses to correct what is not published, and a response to no item", () => {
    const { itemId } = itemWithSummary("Bus shelters");
    const id = saveResponseDraft({ staffId: county.officer.id, agendaItemId: itemId, ...texts });
    expect(() =>
      correctEntry({ staffId: county.officer.id, responseId: id, lang: "en", field: "weDid", after: "x", note: "y" }),
    ).toThrow(/not_published/);
    expect(() => saveResponseDraft({ staffId: county.officer.id, agendaItemId: 999999, ...texts })).toThrow(
      ResponseError,
    );
  });

  it("lists overdue actions: past due and neither done nor dropped", () => {
    const { itemId } = itemWithSummary("Youth club opening");
    const id = saveResponseDraft({ staffId: county.officer.id, agendaItemId: itemId, ...texts });
    const action = (description: string, dueOn: string) =>
      addResponseAction({
        staffId: county.officer.id,
        responseId: id,
        description,
        leadAgency: "Youth Service",
        owner: "Head of Youth Service",
        dueOn,
      });
    const late = action("Open until 9pm", "2030-01-10");
    const lateInProgress = action("Recruit two youth workers", "2030-01-05");
    const done = action("Tell the forum", "2030-01-01");
    const dropped = action("Survey parents", "2030-01-02");
    action("Review in six months", "2030-02-01");
    action("Due today is not late", "2030-01-15");
    setActionStatus({ staffId: county.officer.id, actionId: lateInProgress, status: "in_progress" });
    setActionStatus({ staffId: county.officer.id, actionId: done, status: "done" });
    setActionStatus({
      staffId: county.officer.id,
      actionId: dropped,
      status: "dropped",
      reason: "Covered by the council survey",
    });
    expect(
      listOverdueActions("2030-01-15")
        .filter((a) => a.agendaItemId === itemId)
        .map((a) => [a.id, a.status, a.dueOn]),
    ).toEqual([
      [lateInProgress, "in_progress", "2030-01-05"],
      [late, "not_started", "2030-01-10"],
    ]);
    expect(getResponse(itemId)?.actions.find((a) => a.id === dropped)).toMatchObject({
      status: "dropped",
      droppedReason: "Covered by the council survey",
    });
  });

  it("sends the children's draft to a Sounding Board and marks the entry checked once a comment is approved", () => {
    const { itemId } = itemWithSummary("Safer routes to school");
    const now = new Date("2099-01-10T10:00:00Z");
    const session = db
      .insert(groupSessions)
      .values({
        title: "Sounding Board – January",
        startsAt: "2099-01-20T17:00:00Z",
        endsAt: "2099-01-20T19:00:00Z",
        status: "published",
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    const past = db
      .insert(groupSessions)
      .values({
        title: "Sounding Board – December",
        startsAt: "2098-12-20T17:00:00Z",
        endsAt: "2098-12-20T19:00:00Z",
        status: "closed",
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    expect(listReviewSessions(now).map((s) => s.id)).toContain(session.id);
    expect(listReviewSessions(now).map((s) => s.id)).not.toContain(past.id);

    const id = saveResponseDraft({ staffId: county.officer.id, agendaItemId: itemId, decision: texts.decision });
    const question = `Is this clear? You said the underpass is dark. We are fixing the lights by March.`;
    expect(() =>
      sendDraftForReview({ staffId: county.officer.id, responseId: id, sessionId: session.id, question }, { now }),
    ).toThrow(/incomplete/);
    saveResponseDraft({ staffId: county.officer.id, agendaItemId: itemId, ...texts });
    expect(() =>
      sendDraftForReview({ staffId: county.officer.id, responseId: id, sessionId: past.id, question }, { now }),
    ).toThrow(/session_started/);
    const questionId = sendDraftForReview(
      { staffId: county.officer.id, responseId: id, sessionId: session.id, question },
      { now },
    );
    expect(db.select().from(agendaQuestions).where(eq(agendaQuestions.id, questionId)).get()).toMatchObject({
      sessionId: session.id,
      agendaItemId: itemId,
      text: question,
    });
    expect(getResponse(itemId)).toMatchObject({
      reviewSessionId: session.id,
      reviewSentAt: now.toISOString(),
      review: { comments: [] },
    });

    // a member's view, still pending moderation, does not count; approved, it does
    const view = (state: "pending" | "approved", text: string) => {
      const c = db
        .insert(contributions)
        .values({
          source: "session",
          kind: "text",
          audience: "young_people",
          body: text,
          maskedBody: text,
          moderationState: state,
          createdAt: "2099-01-12T10:00:00Z",
        })
        .returning()
        .get();
      db.insert(sessionViews)
        .values({ sessionId: session.id, agendaQuestionId: questionId, contributionId: c.id, createdAt: c.createdAt })
        .run();
    };
    view("pending", "Say which underpass");
    expect(previewResponse(itemId)?.checkedByYoungPeople).toBe(false);
    view("approved", "Say when in March, not just March");
    expect(getResponse(itemId)?.review?.comments).toEqual(["Say when in March, not just March"]);
    expect(previewResponse(itemId)?.checkedByYoungPeople).toBe(true);
    const entryId = publishResponse({ staffId: county.boardMember.id, responseId: id });
    expect(db.select().from(youSaidWeDid).where(eq(youSaidWeDid.id, entryId)).get()?.checkedByYoungPeople).toBe(true);
    expect(() =>
      sendDraftForReview({ staffId: county.officer.id, responseId: id, sessionId: session.id, question }, { now }),
    ).toThrow(/already_published/);
  });
});
