import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bulkTag,
  changeTag,
  changeTheme,
  coverage,
  ftsQuery,
  listInbox,
  previewBulk,
  setTags,
  TagError,
  tagHistory,
} from "~/models/inbox.server";
import { escalateContribution } from "~/models/safeguarding.server";
import { getDb } from "~db/client";
import {
  agendaQuestions,
  consultations,
  contributions,
  contributionTags,
  groupSessions,
  groups,
  outcomes,
  plans,
  priorities,
  responses,
  sessionNotes,
  sessionViews,
  themes,
} from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const db = getDb();
const now = new Date("2026-11-20T12:00:00Z");
let consultationId: number;
let priorityA: number;
let priorityB: number;
let otherOutcomePriority: number;
let retiredOutcome: number;
let themeId: number;
let groupId: number;
let sessionId: number;
let otherSessionId: number;

type Spec = {
  text: string;
  source?: "consultation" | "question" | "session";
  channel?: "online" | "paper" | "import";
  audience?: string;
  ageBand?: string | null;
  locality?: 0 | 1 | null;
  state?: string;
  at?: string;
  group?: boolean;
};

function add(s: Spec) {
  const at = s.at ?? "2026-10-01T10:00:00.000Z";
  let responseId: number | null = null;
  if ((s.source ?? "consultation") === "consultation") {
    responseId = db
      .insert(responses)
      .values({
        consultationId,
        audience: (s.audience ?? "young_people") as "young_people",
        channel: s.channel ?? "online",
        createdAt: at,
        updatedAt: at,
      } as typeof responses.$inferInsert)
      .returning({ id: responses.id })
      .get().id;
  }
  return db
    .insert(contributions)
    .values({
      source: s.source ?? "consultation",
      kind: "text",
      consultationId: (s.source ?? "consultation") === "consultation" ? consultationId : null,
      responseId,
      groupId: s.group ? groupId : null,
      audience: s.audience ?? "young_people",
      ageBand: s.ageBand === undefined ? "12_15" : s.ageBand,
      localityId: s.locality === null || s.locality === undefined ? null : county.localities[s.locality].id,
      body: s.text,
      maskedBody: s.text,
      moderationState: (s.state ?? "approved") as "approved",
      createdAt: at,
    })
    .returning({ id: contributions.id })
    .get().id;
}

const ids: Record<string, number> = {};

beforeAll(() => {
  consultationId = db
    .insert(consultations)
    .values({
      slug: `c-${Math.random()}`,
      title: "Things to do",
      summary: "",
      audience: "young_people",
      opensAt: "2026-09-01T00:00:00Z",
      closesAt: "2026-12-01T00:00:00Z",
      status: "open",
    })
    .returning({ id: consultations.id })
    .get().id;
  priorityA = db
    .insert(priorities)
    .values({ outcomeId: county.outcomes.healthy.id, title: "Healthy weight", position: 1 })
    .returning()
    .get().id;
  priorityB = db
    .insert(priorities)
    .values({ outcomeId: county.outcomes.healthy.id, title: "Emotional wellbeing", position: 2 })
    .returning()
    .get().id;
  otherOutcomePriority = db
    .insert(priorities)
    .values({ outcomeId: county.outcomes.staySafe.id, title: "Anti-bullying", position: 1 })
    .returning()
    .get().id;
  const oldPlan = db
    .insert(plans)
    .values({ title: "Old plan", startsOn: "2022-04-01", endsOn: "2025-03-31", active: false })
    .returning()
    .get();
  retiredOutcome = db
    .insert(outcomes)
    .values({ planId: oldPlan.id, key: "old", title: "Old outcome", childTitle: "Old", position: 1 })
    .returning()
    .get().id;
  themeId = db.insert(themes).values({ name: "Transport", createdAt: now.toISOString() }).returning().get().id;
  groupId = db
    .insert(groups)
    .values({ name: "North parents", kind: "parents_group", audience: "parents_carers", joinCode: `J${Math.random()}` })
    .returning()
    .get().id;
  ids.parentNorth1 = add({
    text: "The bus to the leisure centre stops at six",
    audience: "parents_carers",
    ageBand: null,
    locality: 0,
    at: "2026-10-05T09:00:00.000Z",
  });
  ids.parentNorth2 = add({
    text: "Swimming costs too much for three children",
    audience: "parents_carers",
    ageBand: null,
    locality: 1,
    channel: "paper",
    at: "2026-11-02T09:00:00.000Z",
  });
  ids.parentOldTerm = add({
    text: "Parking at school is dangerous",
    audience: "parents_carers",
    ageBand: null,
    locality: 0,
    at: "2026-06-10T09:00:00.000Z",
  });
  ids.youngNoPlace = add({ text: "More youth clubs on Fridays", locality: null, at: "2026-10-20T09:00:00.000Z" });
  ids.pending = add({ text: "Buses are late", state: "pending", locality: 0, at: "2026-11-01T09:00:00.000Z" });
  ids.hidden = add({ text: "rude words", state: "hidden", locality: 0, at: "2026-11-03T09:00:00.000Z" });
  ids.thread = add({ text: "Why do buses stop early?", source: "question", at: "2026-11-04T09:00:00.000Z" });
  ids.escalated = add({ text: "Something bad at home bus", at: "2026-11-05T09:00:00.000Z" });
  escalateContribution({ staffId: county.officer.id, contributionId: ids.escalated, reason: "disclosure" });
  ids.groupNote = add({
    text: "Parents asked for a bus pass scheme",
    source: "session",
    audience: "parents_carers",
    ageBand: null,
    group: true,
    at: "2026-11-06T09:00:00.000Z",
  });
  // The note belongs to one session; another session's note and a view sent before it are the filter's neighbours.
  const session = (title: string) =>
    db
      .insert(groupSessions)
      .values({
        title,
        startsAt: "2026-11-06T18:00:00Z",
        endsAt: "2026-11-06T19:00:00Z",
        createdAt: "2026-10-01T00:00:00Z",
      })
      .returning()
      .get().id;
  sessionId = session("North parents, November");
  otherSessionId = session("North parents, December");
  const agenda = (sid: number) =>
    db.insert(agendaQuestions).values({ sessionId: sid, position: 1, text: "What would help?" }).returning().get().id;
  const note = (sid: number, contributionId: number) =>
    db
      .insert(sessionNotes)
      .values({
        sessionId: sid,
        agendaQuestionId: agenda(sid),
        clientId: `n-${contributionId}`,
        body: "note",
        createdAt: "2026-11-06T18:30:00Z",
        updatedAt: "2026-11-06T18:30:00Z",
        contributionId,
      })
      .run();
  note(sessionId, ids.groupNote);
  ids.otherNote = add({ text: "A note from December", source: "session", at: "2026-11-07T09:00:00.000Z" });
  note(otherSessionId, ids.otherNote);
  ids.view = add({
    text: "My view before the meeting",
    source: "session",
    state: "pending",
    at: "2026-11-05T10:00:00.000Z",
  });
  db.insert(sessionViews)
    .values({
      sessionId,
      agendaQuestionId: agenda(sessionId),
      passId: null,
      contributionId: ids.view,
      createdAt: "2026-11-05T10:00:00.000Z",
    })
    .run();
});

const list = (f: Parameters<typeof listInbox>[0]) =>
  listInbox(f, 1, 50, now)
    .rows.map((r) => r.id)
    .sort((a, b) => a - b);
const sorted = (...xs: number[]) => xs.sort((a, b) => a - b);

describe("the feedback inbox's filters", () => {
  it("lists every source newest first, never escalated words, and not hidden ones unless asked", () => {
    const page = listInbox({}, 1, 50, now);
    expect(page.rows.map((r) => r.id)).toEqual([
      ids.otherNote,
      ids.groupNote,
      ids.view,
      ids.thread,
      ids.hidden,
      ids.parentNorth2,
      ids.pending,
      ids.youngNoPlace,
      ids.parentNorth1,
      ids.parentOldTerm,
    ]);
    expect(page.total).toBe(10);
    expect(page.more).toBe(false);
    expect(page.rows.find((r) => r.id === ids.parentNorth2)?.source).toBe("paper");
    expect(page.rows.find((r) => r.id === ids.thread)?.source).toBe("question");
  });

  it("combines audience, area, period and untagged exactly", () => {
    expect(
      list({
        audience: "parents_carers",
        areaId: county.localities[0].areaId,
        period: "this_term",
        tagged: "untagged",
      }),
    ).toEqual(sorted(ids.parentNorth1, ids.parentNorth2));
    expect(list({ audience: "parents_carers", localityId: county.localities[0].id })).toEqual(
      sorted(ids.parentNorth1, ids.parentOldTerm),
    );
    expect(list({ period: "last_term" })).toEqual([ids.parentOldTerm]);
    expect(list({ source: "paper" })).toEqual([ids.parentNorth2]);
    expect(list({ source: "online", audience: "parents_carers" })).toEqual(sorted(ids.parentNorth1, ids.parentOldTerm));
    expect(list({ state: "pending" })).toEqual(sorted(ids.pending, ids.view));
    expect(list({ groupId })).toEqual([ids.groupNote]);
    expect(list({ ageBand: "12_15", source: "online" })).toEqual(sorted(ids.youngNoPlace, ids.pending, ids.hidden));
  });

  it("finds a session's notes and the views sent before it, and tells notes from views", () => {
    expect(list({ sessionId })).toEqual(sorted(ids.groupNote, ids.view));
    expect(list({ sessionId: otherSessionId })).toEqual([ids.otherNote]);
    expect(list({ sessionId, source: "session_note" })).toEqual([ids.groupNote]);
    expect(list({ source: "session_view" })).toEqual([ids.view]);
    expect(list({ source: "session_note" })).toEqual(sorted(ids.groupNote, ids.otherNote));
    const sources = Object.fromEntries(listInbox({}, 1, 50, now).rows.map((r) => [r.id, r.source]));
    expect([sources[ids.groupNote], sources[ids.view], sources[ids.thread], sources[ids.parentNorth2]]).toEqual([
      "session_note",
      "session_view",
      "question",
      "paper",
    ]);
  });

  it("searches the masked words with prefixes, and no typed text can break the query", () => {
    expect(list({ q: "bus" })).toEqual(sorted(ids.parentNorth1, ids.pending, ids.thread, ids.groupNote));
    expect(list({ q: "bus", audience: "young_people", state: "approved" })).toEqual([ids.thread]);
    expect(list({ q: 'bus" OR NEAR(' })).toEqual([]);
    expect(ftsQuery('a "b" OR *')).toBe('"a"* "b"* "OR"*');
    expect(ftsQuery("  ** ")).toBeNull();
  });
});

describe("tagging", () => {
  it("toggles an outcome, picks a priority within it, records every change, and filters follow", () => {
    const id = ids.parentNorth1;
    expect(
      changeTag({
        staffId: county.officer.id,
        contributionId: id,
        outcomeId: county.outcomes.healthy.id,
        op: "toggle",
        via: "key",
      }).tags,
    ).toEqual([{ outcomeId: county.outcomes.healthy.id, priorityId: null, source: "officer" }]);
    changeTag({
      staffId: county.officer.id,
      contributionId: id,
      outcomeId: county.outcomes.healthy.id,
      op: "priority",
      priorityId: priorityB,
      via: "key",
    });
    expect(list({ priorityId: priorityB })).toEqual([id]);
    expect(list({ outcomeId: county.outcomes.healthy.id })).toEqual([id]);
    expect(list({ tagged: "tagged" })).toEqual([id]);
    changeTag({
      staffId: county.officer.id,
      contributionId: id,
      outcomeId: county.outcomes.healthy.id,
      op: "toggle",
      via: "key",
    });
    expect(list({ tagged: "tagged" })).toEqual([]);
    expect(tagHistory(id).map((e) => [e.action, e.fromLabel, e.toLabel, e.via, e.staff])).toEqual([
      ["add", null, "Be healthy", "key", "Olive Officer"],
      ["change", "Be healthy", "Be healthy: Emotional wellbeing", "key", "Olive Officer"],
      ["remove", "Be healthy: Emotional wellbeing", null, "key", "Olive Officer"],
    ]);
  });

  it("refuses pending, hidden and escalated words, unknown ids, a priority of another outcome and a retired outcome", () => {
    const attempt = (contributionId: number, outcomeId: number, priorityId?: number) => {
      try {
        changeTag({ staffId: county.officer.id, contributionId, outcomeId, op: "add", priorityId, via: "form" });
        return "ok";
      } catch (e) {
        return e instanceof TagError ? e.reason : String(e);
      }
    };
    const healthy = county.outcomes.healthy.id;
    expect(attempt(ids.pending, healthy)).toBe("pending");
    expect(attempt(ids.hidden, healthy)).toBe("hidden");
    expect(attempt(ids.escalated, healthy)).toBe("escalated");
    expect(attempt(99_999_999, healthy)).toBe("not_found");
    expect(attempt(ids.youngNoPlace, 99_999_999)).toBe("unknown_outcome");
    expect(attempt(ids.youngNoPlace, healthy, otherOutcomePriority)).toBe("unknown_priority");
    expect(attempt(ids.youngNoPlace, retiredOutcome)).toBe("retired_outcome");
    expect(
      db.select().from(contributionTags).where(eq(contributionTags.contributionId, ids.youngNoPlace)).all(),
    ).toEqual([]);
  });

  it("sets tags and themes from the checkbox form in one go", () => {
    const r = setTags({
      staffId: county.officer.id,
      contributionId: ids.youngNoPlace,
      wanted: [
        { outcomeId: county.outcomes.healthy.id, priorityId: priorityA },
        { outcomeId: county.outcomes.staySafe.id, priorityId: null },
      ],
      themeIds: [themeId],
    });
    expect(r.tags.map((t) => [t.outcomeId, t.priorityId]).sort()).toEqual(
      [
        [county.outcomes.healthy.id, priorityA],
        [county.outcomes.staySafe.id, null],
      ].sort(),
    );
    expect(r.themeIds).toEqual([themeId]);
    expect(list({ themeId })).toEqual([ids.youngNoPlace]);
    expect(
      changeTheme({ staffId: county.officer.id, contributionId: ids.youngNoPlace, themeId, on: false, via: "key" })
        .themeIds,
    ).toEqual([]);
    expect(tagHistory(ids.youngNoPlace).map((e) => [e.kind, e.action, e.toLabel ?? e.fromLabel, e.via])).toEqual([
      ["priority", "add", "Be healthy: Healthy weight", "form"],
      ["outcome", "add", "Stay safe", "form"],
      ["theme", "add", "Transport", "form"],
      ["theme", "remove", "Transport", "key"],
    ]);
  });

  it("bulk-tags a selection or everything matching, skipping what is not approved, and says how many", () => {
    const target = { ids: [ids.parentNorth1, ids.parentNorth2, ids.pending, ids.hidden, ids.escalated] };
    expect(previewBulk(target, now)).toEqual({ count: 2, skipped: 3, tooMany: false });
    const first = bulkTag(
      { staffId: county.officer.id, target, tag: { outcomeId: county.outcomes.staySafe.id, priorityId: null } },
      now,
    );
    expect(first).toEqual({ tagged: 2, already: 0, skipped: 3, tooMany: false });
    const filters = { audience: "parents_carers", tagged: "tagged" as const };
    expect(previewBulk({ filters }, now)).toEqual({
      count: 2,
      skipped: 0,
      tooMany: false,
      maxId: Math.max(...Object.values(ids)),
    });
    const second = bulkTag(
      {
        staffId: county.officer.id,
        target: { filters: { audience: "parents_carers" } },
        tag: { outcomeId: county.outcomes.staySafe.id, priorityId: otherOutcomePriority },
      },
      now,
    );
    // parentNorth1 and 2 had the outcome without a priority (given one); parentOldTerm and the group note are new.
    expect(second).toEqual({ tagged: 4, already: 0, skipped: 0, tooMany: false });
    expect(list({ priorityId: otherOutcomePriority })).toEqual(
      sorted(ids.parentNorth1, ids.parentNorth2, ids.parentOldTerm, ids.groupNote),
    );
    expect(tagHistory(ids.parentNorth2).map((e) => [e.action, e.toLabel, e.via])).toEqual([
      ["add", "Stay safe", "bulk"],
      ["change", "Stay safe: Anti-bullying", "bulk"],
    ]);
    expect(() =>
      bulkTag({ staffId: county.officer.id, target, tag: { outcomeId: retiredOutcome, priorityId: null } }, now),
    ).toThrow(TagError);
  });

  it("counts coverage per source exactly", () => {
    const rows = Object.fromEntries(coverage(undefined, now).map((r) => [r.source, [r.tagged, r.untagged, r.waiting]]));
    expect(rows).toEqual({
      online: [3, 0, 1],
      paper: [1, 0, 0],
      import: [0, 0, 0],
      question: [0, 1, 0],
      session_note: [1, 1, 0],
      session_view: [0, 0, 1],
    });
    const term = Object.fromEntries(
      coverage("last_term", now).map((r) => [r.source, [r.tagged, r.untagged, r.waiting]]),
    );
    expect(term.online).toEqual([1, 0, 0]);
  });

  // Last: it adds a contribution, which the counts above do not expect.
  it("tags everything matching only up to the newest contribution counted, so words arriving meanwhile are not tagged", () => {
    const filters = { source: "question" as const, tagged: "untagged" as const };
    const preview = previewBulk({ filters }, now);
    expect(preview).toEqual({ count: 1, skipped: 0, tooMany: false, maxId: Math.max(...Object.values(ids)) });
    // Between the count and the confirmation, another question arrives that the filters match.
    const late = add({ text: "Can the library open on Sundays?", source: "question", at: "2026-11-19T09:00:00.000Z" });
    expect(list(filters)).toEqual(sorted(ids.thread, late));
    const result = bulkTag(
      {
        staffId: county.officer.id,
        target: { filters, maxId: preview.maxId },
        tag: { outcomeId: county.outcomes.healthy.id, priorityId: null },
      },
      now,
    );
    expect(result).toEqual({ tagged: preview.count, already: 0, skipped: 0, tooMany: false });
    expect(list({ source: "question", outcomeId: county.outcomes.healthy.id })).toEqual([ids.thread]);
    expect(list(filters)).toEqual([late]);
  });
});
