import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listModerationQueue } from "~/models/feedback.server";
import {
  createGroup,
  findGroupByCode,
  formatJoinCode,
  GroupError,
  groupReach,
  JOIN_CODE_LENGTH,
  joinGroup,
  listFacilitators,
  renewJoinCode,
  setGroupOpen,
} from "~/models/groups.server";
import { listPassMessages } from "~/models/passes/holder.server";
import { createPass } from "~/models/passes/passes.server";
import {
  addAgendaQuestion,
  cancelSession,
  closeSession,
  createSession,
  getAttendance,
  getSession,
  getSessionForPass,
  listNotes,
  listSessionsForPass,
  mayRun,
  publishSession,
  SessionError,
  saveNote,
  saveSummaries,
  sendSummary,
  sendView,
  sessionAnswersForAgendaItem,
  setAttendance,
  updateSessionDetails,
  VIEWS_PER_DAY,
} from "~/models/sessions.server";
import { safeBack } from "~/utils/http";
import { checkText } from "~/utils/text-safety";
import { countyInstant, countyWallClock } from "~/utils/time";
import { getDb } from "~db/client";
import { agendaItems, contributions, contributionTags, passes, sessionNotes, staffUsers } from "~db/schema";
import { makeCounty } from "../support/factories";

let county: ReturnType<typeof makeCounty>;
let otherOfficer: { id: number; role: string };
beforeAll(() => {
  county = makeCounty();
  otherOfficer = getDb()
    .insert(staffUsers)
    .values({ email: `officer2-${Math.random()}@test`, name: "Omar Other", passwordHash: "x", role: "officer" })
    .returning({ id: staffUsers.id, role: staffUsers.role })
    .get();
});

const markerWords = { most_agreed: "most agreed", mixed: "mixed views", one_person: "one person's view" };
const future = (days: number, hm = "18:00") => {
  const d = new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
  return countyInstant(d, hm) as string;
};

function parentsForum() {
  return createGroup({
    name: `Kidwell Parents and Carers' Forum ${Math.random()}`,
    kind: "forum",
    audience: "parents_carers",
    localityId: county.localities[1].id,
    facilitatorId: county.officer.id,
    place: "Kidwell Library",
    accessInfo: "Step-free",
    staffId: county.officer.id,
  });
}

function codeOf(groupId: number) {
  return getDb().$client.prepare("select join_code from groups where id = ?").pluck().get(groupId) as string;
}

describe("groups and their join codes", () => {
  it("makes a long code from letters that cannot be mistaken, shown with a hyphen and found however it is typed", () => {
    const id = parentsForum();
    const code = codeOf(id);
    expect(code).toMatch(new RegExp(`^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{${JOIN_CODE_LENGTH}}$`));
    const shown = formatJoinCode(code);
    expect(shown).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
    const found = findGroupByCode(` ${shown.toLowerCase()} `);
    expect(found && found !== "closed" && found.id).toBe(id);
    expect(findGroupByCode(code.slice(0, 9))).toBeNull();
  });

  it("renewing stops the old code at once; closing says closed; reopening brings the code back", () => {
    const id = parentsForum();
    const old = codeOf(id);
    const fresh = renewJoinCode(id, county.officer.id);
    expect(fresh).not.toBe(old);
    expect(findGroupByCode(old)).toBeNull();
    setGroupOpen(id, false, county.officer.id);
    expect(findGroupByCode(fresh)).toBe("closed");
    expect(() => renewJoinCode(id, county.officer.id)).toThrow(GroupError);
    setGroupOpen(id, true, county.officer.id);
    expect(findGroupByCode(fresh)).not.toBe("closed");
  });

  it("refuses a facilitator who is not an officer or admin", () => {
    expect(listFacilitators().some((f) => f.id === county.boardMember.id)).toBe(false);
    expect(() =>
      createGroup({
        name: "Nope forum",
        kind: "forum",
        audience: "young_people",
        localityId: null,
        facilitatorId: county.boardMember.id,
        place: null,
        accessInfo: null,
        staffId: county.officer.id,
      }),
    ).toThrow(GroupError);
  });

  it("counts reach exactly by the age band and locality members chose to give", async () => {
    const id = createGroup({
      name: `Youth forum ${Math.random()}`,
      kind: "youth_forum",
      audience: "young_people",
      localityId: null,
      facilitatorId: county.officer.id,
      place: null,
      accessInfo: null,
      staffId: county.officer.id,
    });
    const bands = ["12_15", "12_15", "16_19", null] as const;
    for (const [i, band] of bands.entries()) {
      const p = await createPass({ ageBand: "12_15", isParent: false });
      joinGroup({ groupId: id, passId: p.id, ageBand: band, localityId: i === 0 ? county.localities[0].id : null });
    }
    const reach = groupReach(id);
    expect(reach.total).toBe(4);
    expect(reach.bands.find((b) => b.band === "12_15")?.n).toBe(2);
    expect(reach.bands.find((b) => b.band === "16_19")?.n).toBe(1);
    expect(reach.bands.find((b) => b.band === null)?.n).toBe(1);
    expect(reach.localities).toEqual([
      { locality: null, n: 3 },
      { locality: "Banbury Cross", n: 1 },
    ]);
  });
});

describe("a session from scheduling to the summary sent back", () => {
  it("cannot be published without an agenda, and only its groups' facilitators (or an admin) run it", () => {
    const group = parentsForum();
    const id = createSession({
      title: "Kidwell parents: school transport",
      startsAt: future(10),
      endsAt: future(10, "19:30"),
      place: "Kidwell Library",
      accessInfo: null,
      onlineUrl: null,
      groupIds: [group],
      questions: [],
      staffId: county.officer.id,
    });
    expect(() => publishSession(id, county.officer.id)).toThrow(expect.objectContaining({ code: "no_agenda" }));
    addAgendaQuestion(id, {
      text: "How do your children get to school?",
      outcomeId: null,
      priorityId: null,
      agendaItemId: null,
    });
    publishSession(id, county.officer.id);
    expect(getSession(id)?.status).toBe("published");
    expect(mayRun({ id: county.officer.id, role: "officer" }, id)).toBe(true);
    expect(mayRun(otherOfficer, id)).toBe(false);
    expect(mayRun({ id: otherOfficer.id, role: "admin" }, id)).toBe(true);
  });

  it("refuses to publish a session whose time has passed, and one that ends before it starts", () => {
    const group = parentsForum();
    expect(() =>
      createSession({
        title: "Backwards",
        startsAt: future(3, "19:00"),
        endsAt: future(3, "18:00"),
        place: "x",
        accessInfo: null,
        onlineUrl: null,
        groupIds: [group],
        questions: [],
        staffId: county.officer.id,
      }),
    ).toThrow(SessionError);
    const past = createSession({
      title: "Too late",
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() - 600_000).toISOString(),
      place: "x",
      accessInfo: null,
      onlineUrl: null,
      groupIds: [group],
      questions: [{ text: "Q?", outcomeId: null, priorityId: null, agendaItemId: null }],
      staffId: county.officer.id,
    });
    expect(() => publishSession(past, county.officer.id)).toThrow(expect.objectContaining({ code: "in_past" }));
  });

  it("keeps one note per browser id, never lets an older save win, and turns notes into tagged contributions on closing", async () => {
    const group = parentsForum();
    const parent = await createPass({ ageBand: null, isParent: true });
    getDb().update(passes).set({ email: "parent@example.test" }).where(eq(passes.id, parent.id)).run();
    const child = await createPass({ ageBand: "12_15", isParent: false });
    joinGroup({ groupId: group, passId: parent.id, ageBand: null, localityId: null });
    const item = getDb()
      .insert(agendaItems)
      .values({ meetingId: county.meeting.id, title: "School transport (referred)", kind: "information", position: 9 })
      .returning({ id: agendaItems.id })
      .get().id;
    const id = createSession({
      title: "Kidwell parents: transport",
      startsAt: future(5),
      endsAt: future(5, "19:30"),
      place: "Kidwell Library",
      accessInfo: null,
      onlineUrl: null,
      groupIds: [group],
      questions: [
        {
          text: "How do your children get to school?",
          outcomeId: county.outcomes.staySafe.id,
          priorityId: null,
          agendaItemId: item,
        },
        { text: "What about letters?", outcomeId: null, priorityId: null, agendaItemId: null },
      ],
      staffId: county.officer.id,
    });
    const [q1, q2] = getSession(id)?.questions ?? [];
    const base = { sessionId: id, staffId: county.officer.id, outcomeIds: [] as number[], marker: null };
    saveNote({ ...base, agendaQuestionId: q1.id, clientId: "note-aaaa-1", rev: 1, body: "No pavement" });
    saveNote({
      ...base,
      agendaQuestionId: q1.id,
      clientId: "note-aaaa-1",
      rev: 3,
      body: "No pavement on the lane",
      marker: "most_agreed",
      outcomeIds: [county.outcomes.healthy.id],
    });
    // The offline queue replays an older save after the newer one: nothing changes.
    saveNote({ ...base, agendaQuestionId: q1.id, clientId: "note-aaaa-1", rev: 2, body: "No pave" });
    saveNote({ ...base, agendaQuestionId: q1.id, clientId: "note-aaaa-1", rev: 3, body: "No pavement on the lane" });
    saveNote({
      ...base,
      agendaQuestionId: q2.id,
      clientId: "note-bbbb-2",
      rev: 1,
      body: "Letters come late; Mrs Jones at 12 Park Road said so",
      marker: "mixed",
    });
    saveNote({
      ...base,
      agendaQuestionId: q2.id,
      clientId: "note-cccc-3",
      rev: 1,
      body: "My dad hits me when he is drunk",
      fromFlipchart: true,
      // An outcome that does not exist is dropped, so it can never stop the session closing.
      outcomeIds: [999_999],
    });
    expect(() => saveNote({ ...base, agendaQuestionId: 999_999, clientId: "note-dddd-4", rev: 1, body: "x" })).toThrow(
      expect.objectContaining({ code: "bad_question" }),
    );
    const notes = listNotes(id);
    expect(notes[2].outcomeIds).toEqual([]);
    expect(notes.map((n) => [n.clientId, n.rev, n.body])).toEqual([
      ["note-aaaa-1", 3, "No pavement on the lane"],
      ["note-bbbb-2", 1, "Letters come late; Mrs Jones at 12 Park Road said so"],
      ["note-cccc-3", 1, "My dad hits me when he is drunk"],
    ]);
    // What another device polls: only what changed after a moment.
    expect(listNotes(id, notes[1].updatedAt).map((n) => n.clientId)).toEqual(["note-cccc-3"]);

    // Words the detector's model overruled (a notice, "harm_words", not an escalation) wait for a moderator to read
    // them: never approved by closing the session, never in its summary.
    const overruled = "got a massive bruise on my leg from football today lol it's gone purple";
    expect(checkText(overruled).flags).toContain("harm_words");
    saveNote({ ...base, agendaQuestionId: q2.id, clientId: "note-ffff-6", rev: 1, body: overruled });

    setAttendance(id, { parents_carers: 7, "12_15": 0 });
    expect(getAttendance(id).total).toBe(7);

    const { escalated } = closeSession(id, county.officer.id, markerWords);
    expect(escalated).toBe(1);
    expect(() => saveNote({ ...base, agendaQuestionId: q1.id, clientId: "note-eeee-5", rev: 1, body: "late" })).toThrow(
      expect.objectContaining({ code: "closed" }),
    );
    const written = getDb()
      .select({
        id: contributions.id,
        source: contributions.source,
        state: contributions.moderationState,
        masked: contributions.maskedBody,
        audience: contributions.audience,
        groupId: contributions.groupId,
        clientId: sessionNotes.clientId,
      })
      .from(sessionNotes)
      .innerJoin(contributions, eq(contributions.id, sessionNotes.contributionId))
      .where(eq(sessionNotes.sessionId, id))
      .orderBy(sessionNotes.id)
      .all();
    expect(written.map((w) => [w.clientId, w.source, w.state, w.audience, w.groupId])).toEqual([
      ["note-aaaa-1", "session", "approved", "parents_carers", group],
      ["note-bbbb-2", "session", "approved", "parents_carers", group],
      ["note-cccc-3", "session", "escalated", "parents_carers", group],
      ["note-ffff-6", "session", "pending", "parents_carers", group],
    ]);
    expect(written[1].masked).not.toContain("12 Park Road");
    const tags = getDb()
      .select({ outcomeId: contributionTags.outcomeId, source: contributionTags.source })
      .from(contributionTags)
      .where(eq(contributionTags.contributionId, written[0].id))
      .orderBy(contributionTags.outcomeId)
      .all();
    expect(tags).toEqual(
      [
        { outcomeId: county.outcomes.staySafe.id, source: "question" },
        { outcomeId: county.outcomes.healthy.id, source: "officer" },
      ].sort((a, b) => a.outcomeId - b.outcomeId),
    );
    const drafted = getSession(id)?.questions ?? [];
    expect(drafted[0].summary).toBe("- No pavement on the lane (most agreed)");
    // The escalated note is in no summary.
    expect(drafted[1].summary).toMatch(/^- Letters come late; .+ said so \(mixed views\)$/);
    expect(drafted[1].summary).not.toContain("Park Road");
    expect(drafted[1].summary).not.toContain("hits");
    expect(drafted[1].summary).not.toContain("purple");

    // The Board's item shows the approved notes, masked, but nothing before the summary is sent.
    const answers = sessionAnswersForAgendaItem(item);
    expect(answers).toHaveLength(1);
    expect(answers[0].notes).toEqual([{ text: "No pavement on the lane", marker: "most_agreed" }]);
    expect(answers[0].attendance).toBe(7);

    saveSummaries(id, {
      [q1.id]: "Most of you said the lane has no pavement.",
      [q2.id]: "Some of you get letters late.",
    });
    const sent = sendSummary(id, county.officer.id, {
      title: (t) => `What we heard: ${t}`,
      attended: (n) => `${n} people came.`,
    });
    expect(sent).toEqual({ members: 1, withEmail: [parent.id] });
    const inbox = listPassMessages(parent.id);
    expect(inbox[0].title).toBe("What we heard: Kidwell parents: transport");
    expect(inbox[0].body).toBe(
      "7 people came.\n\n1. How do your children get to school?\nMost of you said the lane has no pavement.\n\n2. What about letters?\nSome of you get letters late.",
    );
    expect(listPassMessages(child.id)).toHaveLength(0);
    // Once sent, the summary members read cannot be changed under them.
    expect(() => saveSummaries(id, { [q1.id]: "Changed later" })).toThrow(
      expect.objectContaining({ code: "already_sent" }),
    );
    expect(() => sendSummary(id, county.officer.id, { title: (t) => t, attended: (n) => String(n) })).toThrow(
      expect.objectContaining({ code: "already_sent" }),
    );
  });

  it("tells members when a published session is cancelled, with the reason", async () => {
    const group = parentsForum();
    const member = await createPass({ ageBand: null, isParent: true });
    joinGroup({ groupId: group, passId: member.id, ageBand: null, localityId: null });
    const id = createSession({
      title: "Cancelled one",
      startsAt: future(4),
      endsAt: future(4, "19:00"),
      place: "x",
      accessInfo: null,
      onlineUrl: null,
      groupIds: [group],
      questions: [{ text: "Q?", outcomeId: null, priorityId: null, agendaItemId: null }],
      staffId: county.officer.id,
    });
    publishSession(id, county.officer.id);
    // Moved to another room: each member is told, and the session says where it is now.
    const moved = updateSessionDetails(
      id,
      county.officer.id,
      {
        title: "Cancelled one",
        startsAt: future(4, "18:30"),
        endsAt: future(4, "19:30"),
        place: "Room 2",
        accessInfo: null,
        onlineUrl: null,
      },
      (title) => ({ title: `Changed: ${title}`, body: "It has moved." }),
    );
    expect(moved).toEqual({ told: 1 });
    expect(getSession(id)).toMatchObject({ place: "Room 2", startsAt: future(4, "18:30") });
    expect(listPassMessages(member.id)[0]).toMatchObject({ title: "Changed: Cancelled one", link: `/sessions/${id}` });
    const told = cancelSession(id, county.officer.id, "The room flooded.", (title) => ({
      title: `Cancelled: ${title}`,
      body: "Sorry. The reason:",
    }));
    expect(told).toEqual({ told: 1 });
    expect(listPassMessages(member.id)[0]).toMatchObject({
      title: "Cancelled: Cancelled one",
      body: "Sorry. The reason:\nThe room flooded.",
      link: `/sessions/${id}`,
    });
    expect(() =>
      saveNote({
        sessionId: id,
        staffId: county.officer.id,
        agendaQuestionId: 1,
        clientId: "note-ffff-6",
        rev: 1,
        body: "x",
        outcomeIds: [],
        marker: null,
      }),
    ).toThrow(expect.objectContaining({ code: "cancelled" }));
  });
});

describe("London time", () => {
  it("reads a wall-clock time in winter and in summer", () => {
    expect(countyInstant("2026-12-03", "18:30")).toBe("2026-12-03T18:30:00.000Z");
    expect(countyInstant("2026-07-03", "18:30")).toBe("2026-07-03T17:30:00.000Z");
    expect(countyInstant("2026-02-30", "18:30")).toBeNull();
    expect(countyInstant("2026-07-03", "24:00")).toBeNull();
    expect(countyWallClock("2026-07-03T17:30:00.000Z")).toEqual({ day: "2026-07-03", time: "18:30" });
  });
});

describe("what members may see", () => {
  it("never shows a session that was cancelled before it was published", async () => {
    const group = parentsForum();
    const member = await createPass({ ageBand: null, isParent: true });
    joinGroup({ groupId: group, passId: member.id, ageBand: null, localityId: null });
    const id = createSession({
      title: "Never published",
      startsAt: future(6),
      endsAt: future(6, "19:00"),
      place: "x",
      accessInfo: null,
      onlineUrl: null,
      groupIds: [group],
      questions: [{ text: "Q?", outcomeId: null, priorityId: null, agendaItemId: null }],
      staffId: county.officer.id,
    });
    const told = cancelSession(id, county.officer.id, "Officer away", (title) => ({ title, body: "" }));
    expect(told).toEqual({ told: 0 });
    expect(listSessionsForPass(member.id).map((s) => s.id)).not.toContain(id);
    expect(getSessionForPass(member.id, id)).toBeNull();
  });

  it("lets a member send up to 20 views a day, then asks them to wait", async () => {
    const group = parentsForum();
    const member = await createPass({ ageBand: null, isParent: true });
    joinGroup({ groupId: group, passId: member.id, ageBand: null, localityId: null });
    const id = createSession({
      title: "Views",
      startsAt: future(6),
      endsAt: future(6, "19:00"),
      place: "x",
      accessInfo: null,
      onlineUrl: null,
      groupIds: [group],
      questions: [{ text: "Q?", outcomeId: null, priorityId: null, agendaItemId: null }],
      staffId: county.officer.id,
    });
    publishSession(id, county.officer.id);
    const q = getSession(id)?.questions[0].id as number;
    for (let i = 0; i < VIEWS_PER_DAY; i++)
      sendView({ passId: member.id, sessionId: id, agendaQuestionId: q, text: `More buses please ${i}` });
    expect(() => sendView({ passId: member.id, sessionId: id, agendaQuestionId: q, text: "One more" })).toThrow(
      expect.objectContaining({ code: "rate_limited" }),
    );
    // The moderation queue's Sessions filter finds exactly these views, each labelled with its session and question.
    // (Another session's note, held for a moderator above, is queued too.)
    const queued = listModerationQueue({ source: "session" }, 1, 100);
    const views = queued.rows.filter((r) => r.sessionTitle === "Views");
    expect(views.length).toBe(VIEWS_PER_DAY);
    expect(queued.total).toBe(queued.rows.length);
    expect(new Set(views.map((r) => `${r.sessionTitle} · ${r.agendaQuestion}`))).toEqual(new Set(["Views · Q?"]));
  });
});

describe("safeBack", () => {
  it("keeps paths on this site and refuses anything a browser would read as another site", () => {
    expect(safeBack("/join?code=ABCDE-FGH23")).toBe("/join?code=ABCDE-FGH23");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/x",
      "https://evil.example",
      "/%0Ax".replace("%0A", "\n"),
    ])
      expect(safeBack(bad, "/pass")).toBe("/pass");
  });
});
