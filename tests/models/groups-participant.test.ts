import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createGroup,
  findGroupByCode,
  formatJoinCode,
  JOIN_MAX_FAILURES,
  joinGroup,
  joinRetryAfter,
  leaveGroup,
  listGroupsForPass,
  normalizeJoinCode,
  recordJoinFailure,
  renewJoinCode,
  setGroupOpen,
} from "~/models/groups.server";
import { deletePass, exportPassData, REMOVED_TEXT } from "~/models/passes/holder.server";
import { createPass } from "~/models/passes/passes.server";
import {
  acceptsViews,
  cancelSession,
  createSession,
  getSessionForPass,
  listSessionsForPass,
  publishSession,
  SessionError,
  sendView,
} from "~/models/sessions.server";
import { sessionIcs } from "~/utils/session-ics";
import { countyInstant } from "~/utils/time";
import { getDb } from "~db/client";
import { contributions, groups, sessionViews } from "~db/schema";
import { makeCounty } from "../support/factories";

let county: ReturnType<typeof makeCounty>;
beforeAll(() => {
  county = makeCounty();
});

const NOW = new Date("2026-11-23T09:00:00Z");
const newPass = async (isParent = false) => (await createPass({ ageBand: isParent ? null : "12_15", isParent })).id;

function group(name: string, audience: "young_people" | "parents_carers" = "young_people") {
  const id = createGroup({
    name,
    kind: audience === "parents_carers" ? "parents_group" : "forum",
    audience,
    localityId: county.localities[0].id,
    facilitatorId: county.officer.id,
    place: "Banbury Cross library, upstairs room",
    accessInfo: "Step-free entrance on Market Street.",
    staffId: county.officer.id,
    now: NOW,
  });
  const row = getDb().select().from(groups).where(eq(groups.id, id)).get();
  if (!row) throw new Error("no group");
  return row;
}

function session(groupIds: number[], startsAt: string, endsAt: string, title = "Buses after school") {
  const id = createSession({
    title,
    startsAt,
    endsAt,
    place: "Banbury Cross library",
    accessInfo: null,
    onlineUrl: null,
    groupIds,
    questions: [
      {
        text: "What would make the bus feel safer?",
        outcomeId: county.outcomes.staySafe.id,
        priorityId: null,
        agendaItemId: null,
      },
      { text: "Which times do you need a bus?", outcomeId: null, priorityId: null, agendaItemId: null },
    ],
    staffId: county.officer.id,
    now: NOW,
  });
  publishSession(id, county.officer.id, NOW);
  return id;
}

describe("join codes", () => {
  it("reads a code however it was typed, and shows it with one hyphen", () => {
    expect(normalizeJoinCode(" abcde fgh23 ")).toBe("ABCDEFGH23");
    expect(normalizeJoinCode("ABCDE-FGH23")).toBe("ABCDEFGH23");
    expect(normalizeJoinCode("abcde--fgh23!")).toBe("ABCDEFGH23");
    expect(formatJoinCode("ABCDEFGH23")).toBe("ABCDE-FGH23");
  });

  it("finds an open group by its code typed in lower case with spaces, not a wrong or renewed code", () => {
    const g = group("Kidwell Youth Forum");
    const typed = formatJoinCode(g.joinCode).toLowerCase().replace("-", " ");
    expect(findGroupByCode(typed)).toMatchObject({ id: g.id, name: "Kidwell Youth Forum" });
    expect(findGroupByCode("ZZZZZ-ZZZZZ")).toBeNull();
    expect(findGroupByCode("ABC")).toBeNull();
    const renewed = renewJoinCode(g.id, county.officer.id, NOW);
    expect(findGroupByCode(g.joinCode)).toBeNull();
    expect(findGroupByCode(renewed)).toMatchObject({ id: g.id });
  });

  it("says a closed group's code is closed, and refuses to join it", async () => {
    const g = group("Closed Forum");
    setGroupOpen(g.id, false, county.officer.id);
    expect(findGroupByCode(g.joinCode)).toBe("closed");
    await expect(async () =>
      joinGroup({ groupId: g.id, passId: await newPass(), ageBand: null, localityId: null }),
    ).rejects.toThrow("closed");
  });

  it("asks an address to wait after 10 wrong codes in 15 minutes, and not before", () => {
    const key = "join:203.0.113.9";
    const t0 = NOW.getTime();
    for (let i = 0; i < JOIN_MAX_FAILURES - 1; i++) recordJoinFailure(key, t0 + i * 1000);
    expect(JOIN_MAX_FAILURES).toBe(10);
    expect(joinRetryAfter(key, t0 + 10_000)).toBe(0);
    recordJoinFailure(key, t0 + 10_000);
    // The window began at the first failure: 15 minutes from then, less the 11 seconds gone.
    expect(joinRetryAfter(key, t0 + 11_000)).toBe(15 * 60 - 11);
    expect(joinRetryAfter("join:198.51.100.1", t0 + 11_000)).toBe(0);
    expect(joinRetryAfter(key, t0 + 15 * 60_000)).toBe(0);
  });
});

describe("joining and leaving", () => {
  it("keeps only the age band and locality given, updates them on a second join, and leaves", async () => {
    const g = group("Banbury Sounding Board");
    const passId = await newPass();
    expect(
      joinGroup({ groupId: g.id, passId, ageBand: "12_15", localityId: county.localities[1].id, now: NOW }),
    ).toEqual({ already: false });
    expect(listGroupsForPass(passId)).toEqual([
      expect.objectContaining({ id: g.id, name: "Banbury Sounding Board", ageBand: "12_15", locality: "Kidwell" }),
    ]);
    // An unknown band or locality is stored as not given.
    expect(joinGroup({ groupId: g.id, passId, ageBand: "parent", localityId: 999_999 })).toEqual({ already: true });
    expect(listGroupsForPass(passId)[0]).toMatchObject({ ageBand: null, locality: null });
    expect(leaveGroup(passId, g.id)).toBe(true);
    expect(leaveGroup(passId, g.id)).toBe(false);
    expect(listGroupsForPass(passId)).toEqual([]);
  });
});

describe("sessions for members", () => {
  it("a member sees a published session; a non-member and a leaver cannot see it or send a view", async () => {
    const g = group("Session Forum");
    const other = group("Other Forum");
    const member = await newPass();
    const outsider = await newPass();
    joinGroup({ groupId: g.id, passId: member, ageBand: "12_15", localityId: null });
    joinGroup({ groupId: other.id, passId: outsider, ageBand: null, localityId: null });
    const id = session([g.id], "2026-12-03T18:30:00.000Z", "2026-12-03T20:00:00.000Z");
    expect(listSessionsForPass(member).map((s) => s.id)).toEqual([id]);
    expect(listSessionsForPass(outsider)).toEqual([]);
    expect(getSessionForPass(outsider, id)).toBeNull();
    const q = getSessionForPass(member, id)?.questions[0];
    if (!q) throw new Error("no question");
    expect(() =>
      sendView({ passId: outsider, sessionId: id, agendaQuestionId: q.id, text: "Lights", now: NOW }),
    ).toThrow(SessionError);
    leaveGroup(member, g.id);
    expect(getSessionForPass(member, id)).toBeNull();
  });

  it("stores a view as pending, refuses one after the start, and stores an escalating one escalated", async () => {
    const g = group("Views Forum");
    const passId = await newPass();
    joinGroup({ groupId: g.id, passId, ageBand: "16_19", localityId: county.localities[0].id });
    const id = session([g.id], "2026-12-03T18:30:00.000Z", "2026-12-03T20:00:00.000Z");
    const s = getSessionForPass(passId, id);
    if (!s) throw new Error("no session");
    const [q1, q2] = s.questions;
    expect(acceptsViews(s, NOW)).toBe(true);

    expect(sendView({ passId, sessionId: id, agendaQuestionId: q1.id, text: "Brighter bus stops", now: NOW })).toEqual({
      escalated: false,
    });
    const rows = getDb()
      .select({ state: contributions.moderationState, ageBand: contributions.ageBand, source: contributions.source })
      .from(sessionViews)
      .innerJoin(contributions, eq(contributions.id, sessionViews.contributionId))
      .where(eq(sessionViews.sessionId, id))
      .all();
    expect(rows).toEqual([{ state: "pending", ageBand: "16_19", source: "session" }]);

    const escalated = sendView({
      passId,
      sessionId: id,
      agendaQuestionId: q2.id,
      text: "My dad hits me when he is angry so I can't go out late",
      now: NOW,
    });
    expect(escalated).toEqual({ escalated: true });
    expect(getSessionForPass(passId, id)?.myViews).toEqual([
      { agendaQuestionId: q1.id, state: "pending" },
      { agendaQuestionId: q2.id, state: "escalated" },
    ]);

    const started = new Date("2026-12-03T18:30:00.000Z");
    expect(acceptsViews(s, started)).toBe(false);
    expect(() => sendView({ passId, sessionId: id, agendaQuestionId: q1.id, text: "Late", now: started })).toThrow(
      "started",
    );
    expect(() =>
      sendView({ passId, sessionId: id, agendaQuestionId: 999_999, text: "Wrong question", now: NOW }),
    ).toThrow("bad_question");

    // In my data, then gone with the pass: the plain view's words are removed, the escalated one is kept.
    const exported = exportPassData(passId);
    expect(exported?.groups).toEqual([
      { name: "Views Forum", ageBand: "16_19", locality: "Banbury Cross", joinedAt: expect.any(String) },
    ]);
    expect(exported?.sessionViews.map((v) => [v.session, v.question, v.text])).toEqual([
      ["Buses after school", "What would make the bus feel safer?", "Brighter bus stops"],
      [
        "Buses after school",
        "Which times do you need a bus?",
        "My dad hits me when he is angry so I can't go out late",
      ],
    ]);
    deletePass(passId);
    const after = getDb()
      .select({ body: contributions.body, passId: sessionViews.passId })
      .from(sessionViews)
      .innerJoin(contributions, eq(contributions.id, sessionViews.contributionId))
      .where(eq(sessionViews.sessionId, id))
      .orderBy(sessionViews.id)
      .all();
    expect(after).toEqual([
      { body: REMOVED_TEXT, passId: null },
      { body: "My dad hits me when he is angry so I can't go out late", passId: null },
    ]);
  });

  it("a cancelled session refuses views", async () => {
    const g = group("Cancel Forum");
    const passId = await newPass();
    joinGroup({ groupId: g.id, passId, ageBand: null, localityId: null });
    const id = session([g.id], "2026-12-10T18:00:00.000Z", "2026-12-10T19:00:00.000Z");
    cancelSession(id, county.officer.id, "The room flooded", (title) => ({ title, body: "Cancelled" }), NOW);
    const s = getSessionForPass(passId, id);
    expect(s?.status).toBe("cancelled");
    expect(() =>
      sendView({ passId, sessionId: id, agendaQuestionId: s?.questions[0].id ?? 0, text: "Hi", now: NOW }),
    ).toThrow("cancelled");
  });
});

describe("the calendar file", () => {
  const base = {
    id: 42,
    title: "Buses after school",
    place: "Banbury Cross library",
    onlineUrl: null,
    status: "published",
    questions: [
      { position: 1, text: "What would make the bus feel safer?" },
      { position: 2, text: "Which times do you need a bus?" },
    ],
  };
  const words = { questions: "What we will talk about:", url: "https://example.test/sessions/42" };
  // Chosen as a London wall-clock time, the way the staff form stores it.
  const london = (day: string, time: string) => countyInstant(day, time) ?? "";
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

  it("gives a London winter evening (18:30 GMT) in UTC, with a stable UID, place and agenda", () => {
    const ics = unfold(
      sessionIcs({ ...base, startsAt: london("2026-12-03", "18:30"), endsAt: london("2026-12-03", "20:00") }, words),
    );
    expect(ics).toContain("DTSTART:20261203T183000Z\r\n");
    expect(ics).toContain("DTEND:20261203T200000Z\r\n");
    expect(ics).toContain("UID:session-42@sounding-board\r\n");
    expect(ics).toContain("SUMMARY:Buses after school\r\n");
    expect(ics).toContain("LOCATION:Banbury Cross library\r\n");
    expect(ics).toContain(
      "DESCRIPTION:What we will talk about:\\n1. What would make the bus feel safer?\\n2. Which times do you need a bus?\\n\\nhttps://example.test/sessions/42\r\n",
    );
    expect(ics).toContain("STATUS:CONFIRMED\r\n");
  });

  it("gives a London summer evening (18:30 BST) as 17:30 UTC, and a cancelled session as CANCELLED", () => {
    const ics = unfold(
      sessionIcs(
        {
          ...base,
          place: null,
          onlineUrl: "https://meet.example.test/abc",
          status: "cancelled",
          startsAt: london("2027-06-10", "18:30"),
          endsAt: london("2027-06-10", "20:00"),
        },
        words,
      ),
    );
    expect(ics).toContain("DTSTART:20270610T173000Z\r\n");
    expect(ics).toContain("DTEND:20270610T190000Z\r\n");
    expect(ics).toContain("LOCATION:https://meet.example.test/abc\r\n");
    expect(ics).toContain("STATUS:CANCELLED\r\n");
  });
});
