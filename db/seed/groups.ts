import { eq, inArray } from "drizzle-orm";
import { nicknameKey } from "../../app/models/passes/passes.server";
import { NICKNAME_ANIMALS, NICKNAME_FIRST } from "../../app/models/passes/words";
import { checkText } from "../../app/safeguarding";
import {
  agendaItems,
  agendaQuestions,
  contributions,
  contributionTags,
  groupMembers,
  groupSessions,
  groups,
  passes,
  passMessages,
  sessionAttendance,
  sessionGroups,
  sessionNotes,
  sessionViews,
} from "../schema";
import type { Tx } from "./context";
import { addDays } from "./dates";
import { DEMO_PASS } from "./questions";
import type { Rng } from "./random";

type OutcomeKey = "be-healthy" | "stay-safe" | "enjoy-and-achieve" | "positive-contribution";

const YOUNG_BANDS = ["8_11", "12_15", "12_15", "16_19", "16_19", "20_25"] as const;

/**
 * Members for every group (passes nobody can sign in with, except the demo pass), two past sessions with notes,
 * attendance and a summary sent back (one answering a question the Board referred), and sessions to come: one with
 * views already sent, one cancelled. Written the way the app writes them: notes become approved 'session'
 * contributions, checked and masked; views are pending or approved contributions.
 */
export function seedGroupsAndSessions(
  tx: Tx,
  now: Date,
  rng: Rng,
  ctx: { officerId: number; passHash: string; boardPast: number },
  outcome: (key: OutcomeKey) => number,
) {
  const iso = (days: number, hour = 0) => {
    const d = addDays(now, days);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const allGroups = tx
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      audience: groups.audience,
      localityId: groups.localityId,
    })
    .from(groups)
    .all();
  const byName = (name: string) => {
    const g = allGroups.find((x) => x.name === name);
    if (!g) throw new Error(name);
    return g;
  };

  // Members: a few per local group, more on the Sounding Boards.
  const used = new Set(
    tx
      .select({ k: passes.nicknameKey })
      .from(passes)
      .all()
      .map((p) => p.k),
  );
  const newPass = (isParent: boolean, ageBand: string | null, days: number) => {
    let nickname = "";
    do {
      nickname = `${rng.pick(NICKNAME_FIRST)} ${rng.pick(NICKNAME_ANIMALS)} ${rng.int(10, 99)}`;
    } while (used.has(nicknameKey(nickname)));
    used.add(nicknameKey(nickname));
    return tx
      .insert(passes)
      .values({
        nickname,
        nicknameKey: nicknameKey(nickname),
        secretHash: ctx.passHash,
        ageBand,
        isParent,
        createdAt: iso(days),
      })
      .returning({ id: passes.id })
      .get().id;
  };
  const join = (groupId: number, passId: number, ageBand: string | null, localityId: number | null, days: number) =>
    tx
      .insert(groupMembers)
      .values({ groupId, passId, ageBand, localityId, joinedAt: iso(days, 17) })
      .run();
  for (const g of allGroups) {
    const n = g.kind === "sounding_board" ? 18 : g.kind === "forum" ? rng.int(3, 9) : rng.int(6, 12);
    for (let i = 0; i < n; i++) {
      const parent = g.audience === "parents_carers";
      const band = parent ? null : rng.pick(YOUNG_BANDS);
      const days = -rng.int(20, 300);
      const gaveLocality = rng.chance(0.8);
      join(g.id, newPass(parent, band, days), band, gaveLocality ? g.localityId : null, days);
    }
  }
  const demo = tx
    .select({ id: passes.id })
    .from(passes)
    .where(eq(passes.nicknameKey, nicknameKey(DEMO_PASS.nickname)))
    .get();
  const cypBoard = byName("Sounding Board for Children and Young People");
  const parentsBoard = byName("Sounding Board for Parents and Carers");
  const ashcombeYoung = byName("Ashcombe Children and Young People's Forum");
  if (demo) {
    join(cypBoard.id, demo.id, "12_15", ashcombeYoung.localityId, -40);
    join(ashcombeYoung.id, demo.id, "12_15", ashcombeYoung.localityId, -40);
  }

  // The Board asked the Sounding Board a question at its last meeting; the answers show on that item.
  const referredItem = tx
    .insert(agendaItems)
    .values({
      meetingId: ctx.boardPast,
      summaryId: null,
      title: "Youth clubs on Friday evenings: what should the later opening offer? (referred to the Sounding Board)",
      kind: "information",
      position: 3,
      exceptionFlags: [],
    })
    .returning({ id: agendaItems.id })
    .get().id;

  type Q = { text: string; outcome?: OutcomeKey; item?: number };
  const session = (input: {
    title: string;
    groupIds: number[];
    days: number;
    hour: number;
    place: string;
    accessInfo: string;
    status: "published" | "cancelled" | "closed";
    cancelReason?: string;
    questions: Q[];
  }) => {
    const s = tx
      .insert(groupSessions)
      .values({
        title: input.title,
        startsAt: iso(input.days, input.hour),
        endsAt: iso(input.days, input.hour + 2),
        place: input.place,
        accessInfo: input.accessInfo,
        status: input.status,
        cancelReason: input.cancelReason ?? null,
        createdBy: ctx.officerId,
        createdAt: iso(input.days - 30),
        publishedAt: iso(input.days - 28),
      })
      .returning({ id: groupSessions.id })
      .get().id;
    for (const g of input.groupIds) tx.insert(sessionGroups).values({ sessionId: s, groupId: g }).run();
    const qs = input.questions.map(
      (q, i) =>
        tx
          .insert(agendaQuestions)
          .values({
            sessionId: s,
            position: i + 1,
            text: q.text,
            outcomeId: q.outcome ? outcome(q.outcome) : null,
            agendaItemId: q.item ?? null,
          })
          .returning({ id: agendaQuestions.id })
          .get().id,
    );
    return { id: s, qs };
  };

  const members = (groupIds: number[]) =>
    tx
      .selectDistinct({ passId: groupMembers.passId })
      .from(groupMembers)
      .where(inArray(groupMembers.groupId, groupIds))
      .all()
      .map((m) => m.passId);

  /** Notes typed in the meeting, then closed: each note a contribution, the summary edited and sent to members. */
  const runPast = (
    s: { id: number; qs: number[] },
    groupId: number,
    audience: string,
    days: number,
    notes: { q: number; body: string; marker: string | null; tags: OutcomeKey[] }[],
    attendance: Record<string, number>,
    summaries: string[],
    title: string,
  ) => {
    const closedAt = iso(days, 21);
    notes.forEach((n, i) => {
      const at = iso(days, 18 + Math.floor(i / 4));
      const check = checkText(n.body);
      const c = tx
        .insert(contributions)
        .values({
          source: "session",
          kind: "text",
          groupId,
          audience,
          body: n.body,
          maskedBody: check.masked,
          moderationState: "approved",
          flags: n.marker ? [`marker:${n.marker}`] : [],
          createdAt: closedAt,
          moderatedAt: closedAt,
          moderatedBy: ctx.officerId,
        })
        .returning({ id: contributions.id })
        .get().id;
      for (const key of n.tags)
        tx.insert(contributionTags)
          .values({
            contributionId: c,
            outcomeId: outcome(key),
            source: "officer",
            taggedBy: ctx.officerId,
            createdAt: closedAt,
          })
          .onConflictDoNothing()
          .run();
      tx.insert(sessionNotes)
        .values({
          sessionId: s.id,
          agendaQuestionId: s.qs[n.q],
          clientId: `seed-${s.id}-${i}`,
          rev: 1,
          body: n.body,
          outcomeIds: n.tags.map(outcome),
          marker: n.marker,
          createdBy: ctx.officerId,
          createdAt: at,
          updatedAt: at,
          contributionId: c,
        })
        .run();
    });
    for (const [band, count] of Object.entries(attendance))
      tx.insert(sessionAttendance).values({ sessionId: s.id, band, count }).run();
    s.qs.forEach((q, i) => {
      tx.update(agendaQuestions).set({ summary: summaries[i] }).where(eq(agendaQuestions.id, q)).run();
    });
    const sentAt = iso(days + 3, 10);
    tx.update(groupSessions)
      .set({ status: "closed", closedAt, summarySentAt: sentAt })
      .where(eq(groupSessions.id, s.id))
      .run();
    const questions = tx
      .select({ position: agendaQuestions.position, text: agendaQuestions.text, summary: agendaQuestions.summary })
      .from(agendaQuestions)
      .where(eq(agendaQuestions.sessionId, s.id))
      .all();
    const came = Object.values(attendance).reduce((a, b) => a + b, 0);
    const body = [
      ...(came >= 5 ? [`${came} people came.`] : []),
      ...questions.map((q) => `${q.position}. ${q.text}\n${q.summary ?? ""}`),
    ].join("\n\n");
    for (const passId of members([groupId]))
      tx.insert(passMessages)
        .values({ passId, title: `What we heard: ${title}`, body, link: `/sessions/${s.id}`, createdAt: sentAt })
        .run();
  };

  // 1. The Sounding Board for Children and Young People, five weeks ago: the Board's question on Friday youth clubs.
  const cypTitle = "Sounding Board for Children and Young People: autumn meeting";
  const cyp = session({
    title: cypTitle,
    groupIds: [cypBoard.id],
    days: -35,
    hour: 17,
    place: "Committee Room 1, County Hall, Wealdham",
    accessInfo: "Step-free entrance on Mill Lane, lift, hearing loop. Pizza from 5pm. Travel costs paid back.",
    status: "published",
    questions: [
      {
        text: "If youth clubs open until 9pm on Fridays, what should happen there?",
        outcome: "enjoy-and-achieve",
        item: referredItem,
      },
      { text: "What would make getting to a youth club easier where you live?", outcome: "enjoy-and-achieve" },
    ],
  });
  runPast(
    cyp,
    cypBoard.id,
    "young_people",
    -35,
    [
      {
        q: 0,
        body: "Sport in the hall: football, basketball and dodgeball",
        marker: "most_agreed",
        tags: ["be-healthy"],
      },
      {
        q: 0,
        body: "A quiet room to chill or do homework, with wifi",
        marker: "most_agreed",
        tags: ["enjoy-and-achieve"],
      },
      { q: 0, body: "Cooking together and eating, cheap or free food", marker: "mixed", tags: ["be-healthy"] },
      { q: 0, body: "Music and recording, someone to teach DJ skills", marker: "one_person", tags: [] },
      {
        q: 0,
        body: "Youth workers to talk to about worries, not just activities",
        marker: "mixed",
        tags: ["stay-safe"],
      },
      {
        q: 1,
        body: "Buses stop before 7pm in the villages so we cannot get home",
        marker: "most_agreed",
        tags: ["stay-safe"],
      },
      { q: 1, body: "A free bus pass for under 19s would change everything", marker: "most_agreed", tags: [] },
      {
        q: 1,
        body: "Walking back through the underpass in the dark feels unsafe",
        marker: "mixed",
        tags: ["stay-safe"],
      },
    ],
    { "8_11": 3, "12_15": 9, "16_19": 6, "20_25": 1 },
    [
      "Most of you want sport in the hall and a quiet room with wifi. Some want cooking and food together, and youth workers to talk to about worries. One person asked for music and DJ lessons.",
      "Most of you said the buses stop too early in the villages, and a free bus pass for under 19s would help most. Some said walking through the underpass in the dark feels unsafe.",
    ],
    cypTitle,
  );

  // 2. The parents and carers' forums in North area, three weeks ago.
  const northParents = allGroups.filter(
    (g) =>
      g.kind === "forum" &&
      g.audience === "parents_carers" &&
      ["Ashcombe", "Kingsbury Marsh", "Thornley"].some((n) => g.name.startsWith(n)),
  );
  const northTitle = "Parents and carers' forums, North area: school transport";
  const north = session({
    title: northTitle,
    groupIds: northParents.map((g) => g.id),
    days: -21,
    hour: 18,
    place: "Ashcombe Library, community room",
    accessInfo: "Step-free access and an accessible toilet. Creche on request.",
    status: "published",
    questions: [
      { text: "How do your children get to school, and what would make it safer?", outcome: "stay-safe" },
      { text: "What would you change about school transport letters and bookings?", outcome: "positive-contribution" },
    ],
  });
  runPast(
    north,
    northParents[0].id,
    "parents_carers",
    -21,
    [
      { q: 0, body: "No pavement on the lane to the bus stop in Thornley", marker: "most_agreed", tags: ["stay-safe"] },
      { q: 0, body: "The school bus is often full by the last stop", marker: "mixed", tags: [] },
      { q: 1, body: "Letters come too late to plan; we want a date by July", marker: "most_agreed", tags: [] },
      { q: 1, body: "Booking online is hard on a phone", marker: "mixed", tags: [] },
    ],
    { parents_carers: 11 },
    [
      "Most of you worry about the lane to the Thornley bus stop, which has no pavement. Some said the school bus is full by the last stop.",
      "Most of you want transport letters by July. Some find booking online hard on a phone.",
    ],
    northTitle,
  );

  // 3. The next Sounding Board meeting, with views already sent (one waiting for moderation).
  const next = session({
    title: "Sounding Board for Children and Young People: winter meeting",
    groupIds: [cypBoard.id],
    days: 12,
    hour: 17,
    place: "Committee Room 1, County Hall, Wealdham",
    accessInfo: "Step-free entrance on Mill Lane, lift, hearing loop. Pizza from 5pm. Travel costs paid back.",
    status: "published",
    questions: [
      { text: "Where would you go first if you felt worried or low?", outcome: "be-healthy" },
      { text: "What should the new mental health drop-in in Wealdham be like?", outcome: "be-healthy" },
    ],
  });
  const view = (sessionId: number, questionId: number, passId: number, text: string, state: "approved" | "pending") => {
    const at = iso(-2, 16);
    const check = checkText(text);
    const c = tx
      .insert(contributions)
      .values({
        source: "session",
        kind: "text",
        groupId: cypBoard.id,
        audience: "young_people",
        ageBand: "12_15",
        body: text,
        maskedBody: check.masked,
        moderationState: state,
        flags: check.flags,
        createdAt: at,
        moderatedAt: state === "approved" ? at : null,
        moderatedBy: state === "approved" ? ctx.officerId : null,
      })
      .returning({ id: contributions.id })
      .get().id;
    tx.insert(contributionTags)
      .values({ contributionId: c, outcomeId: outcome("be-healthy"), source: "question", createdAt: at })
      .run();
    tx.insert(sessionViews)
      .values({ sessionId, agendaQuestionId: questionId, contributionId: c, passId, createdAt: at })
      .run();
  };
  const cypMembers = members([cypBoard.id]);
  view(next.id, next.qs[0], cypMembers[0], "Probably a friend first, then maybe the school nurse", "approved");
  view(next.id, next.qs[1], cypMembers[1], "Open after school and at weekends, no appointment needed", "approved");
  view(next.id, next.qs[1], cypMembers[2], "Somewhere that does not look like a hospital", "pending");

  // 4. A parents' session to come, and 5. one that had to be cancelled.
  session({
    title: "Sounding Board for Parents and Carers: help before crisis",
    groupIds: [parentsBoard.id],
    days: 19,
    hour: 18,
    place: "Brackenford Family Centre, Brackenford",
    accessInfo: "Step-free access, accessible toilet, free parking. Creche on request.",
    status: "published",
    questions: [
      { text: "When you needed help for your family, who helped first, and what was missing?", outcome: "stay-safe" },
    ],
  });
  session({
    title: "Hatherton Academy School Council: lunchtimes",
    groupIds: [byName("Hatherton Academy School Council").id],
    days: 5,
    hour: 12,
    place: "Hatherton Academy, library",
    accessInfo: "Step-free access.",
    status: "cancelled",
    cancelReason: "The school has an inspection that week. We will find a new date after the holidays.",
    questions: [{ text: "What would make lunchtimes better at school?", outcome: "be-healthy" }],
  });
}
