import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DB, openDatabase } from "~db/client";
import { seedDemo } from "~db/seed";

// The demo county is written through the models' own builders (consultations, summaries, Board responses), in one
// transaction on a connection of its own: so it is made as the app makes things, and two seeds are the same county.
const opened: { db: DB; file: string }[] = [];
function fresh() {
  const file = path.join(os.tmpdir(), `sounding-board-seed-${process.pid}-${opened.length}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(file);
  opened.push({ db, file });
  return db;
}
afterAll(() => {
  for (const { db, file } of opened) {
    db.$client.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
});

const now = new Date("2026-11-20T10:00:00Z");
const read = (db: DB) => {
  const q = (sql: string) => db.$client.prepare(sql).all();
  return {
    consultations: q("select slug, status, published_at is not null as published from consultations order by id"),
    counts:
      q(`select (select count(*) from responses) as responses, (select count(*) from contributions) as contributions,
      (select count(*) from contributions where kind = 'text') as texts, (select count(*) from summary_quotes) as quotes,
      (select count(*) from question_tags where priority_id is not null) as priorityTags,
      (select count(*) from question_options where easy_label is not null) as easyLabels`),
    quotes: q("select contribution_id, text from summary_quotes order by contribution_id"),
    threads: q(
      `select t.status, s.role as answerer, t.due_on < '2026-11-20' as overdue, t.published_at is not null as published,
      (select count(*) from thread_helped h where h.thread_id = t.id) as helped,
      (select count(*) from thread_messages m where m.thread_id = t.id) as messages
      from threads t left join staff_users s on s.id = t.assignee_id order by t.id`,
    ),
    groups: q(
      `select kind, count(*) as n, sum(facilitator_id is not null) as facilitated, sum(length(join_code) = 10) as longCodes
      from groups group by kind order by kind`,
    ),
    sessions: q(
      `select s.status, s.summary_sent_at is not null as sent,
      (select count(*) from session_notes n where n.session_id = s.id and n.contribution_id is not null) as notes,
      (select count(*) from agenda_questions a where a.session_id = s.id and a.agenda_item_id is not null) as referred,
      (select count(*) from session_views v where v.session_id = s.id) as views
      from group_sessions s order by s.id`,
    ),
    bigConversation: q(
      `select count(*) as approved,
      sum(exists (select 1 from contribution_tags t where t.contribution_id = c.id and t.source = 'officer')) as officerTagged,
      sum(not exists (select 1 from contribution_tags t where t.contribution_id = c.id)) as untagged
      from contributions c join consultations k on k.id = c.consultation_id
      where k.slug = 'big-conversation' and c.moderation_state = 'approved'`,
    ),
    plans: q(
      `select p.active, (select count(*) from outcomes o where o.plan_id = p.id) as outcomes,
      (select count(*) from priorities r join outcomes o on o.id = r.outcome_id where o.plan_id = p.id) as priorities,
      (select count(*) from targets t join priorities r on r.id = t.priority_id join outcomes o on o.id = r.outcome_id
        where o.plan_id = p.id and t.code is not null and t.lead_group is not null) as targets
      from plans p order by p.id`,
    ),
    themes: q(
      `select t.name, (select count(*) from contribution_themes c where c.theme_id = t.id) as tagged,
      (select count(*) from tag_events e where e.theme_id = t.id and e.action = 'add') as events from themes t order by t.id`,
    ),
    response: q(
      "select b.recorded_at, y.published_at from board_responses b join you_said_we_did y on y.board_response_id = b.id",
    ),
    schools: q(
      "select phase, count(*) as n, sum(locality_id is null) as countywide from schools group by phase order by phase",
    ),
    bands: q("select age_band, shown from age_band_settings order by position"),
    population: q(
      "select year, count(*) as cells, count(distinct locality_id) as localities, sum(people) as people from populations group by year order by year",
    ),
  };
};

describe("the demo seed", () => {
  it("writes the same county every time, through the builders", async () => {
    const a = fresh();
    const b = fresh();
    await seedDemo(a, { now });
    await seedDemo(b, { now });
    const first = read(a);
    expect(read(b)).toEqual(first);
    expect(first.consultations).toEqual([
      { slug: "feeling-safe-travel", status: "open", published: 1 },
      { slug: "healthy-lunches", status: "open", published: 1 },
      { slug: "your-say-youth-clubs", status: "reported", published: 1 },
      { slug: "mental-health-support-schools", status: "draft", published: 0 },
      { slug: "big-conversation", status: "closed", published: 1 },
      { slug: "parents-coffee-mornings", status: "closed", published: 1 },
      // Last term's Stay safe story for composing a summary, and the check-in of the period before (db/seed/compose.ts).
      { slug: "safe-in-parks-and-streets", status: "reported", published: 1 },
      { slug: "safe-journeys-check-in", status: "reported", published: 1 },
    ]);
    // The figures the README and the e2e specs rely on; priority tags and easy-read labels go through addQuestion.
    expect(first.counts).toEqual([
      { responses: 1246, contributions: 2385, texts: 1115, quotes: 3, priorityTags: 7, easyLabels: 3 },
    ]);
    // The Big Conversation is the suggested tags' corpus: TRAIN approved and tagged by the officer, HELD_OUT approved
    // and untagged (db/seed/tag-corpus.ts).
    expect(first.bigConversation).toEqual([{ approved: 780, officerTagged: 650, untagged: 130 }]);
    // Young people's questions in every state, answered by each kind of answerer; one overdue.
    expect(first.threads).toEqual([
      { status: "answered", answerer: "board", overdue: 0, published: 0, helped: 0, messages: 2 },
      { status: "with_answerer", answerer: "partnership", overdue: 0, published: 0, helped: 0, messages: 1 },
      { status: "with_answerer", answerer: "officer", overdue: 1, published: 0, helped: 0, messages: 1 },
      { status: "closed", answerer: "officer", overdue: 1, published: 1, helped: 2, messages: 2 },
      { status: "waiting_assignment", answerer: null, overdue: null, published: 0, helped: 0, messages: 1 },
      { status: "waiting_check", answerer: null, overdue: null, published: 0, helped: 0, messages: 1 },
    ]);
    // Both Sounding Boards, a forum of each kind in all nine localities, a school council, a youth forum and a
    // children's centre parents' group, each with a facilitator and a ten-letter code.
    expect(first.groups).toEqual([
      { kind: "forum", n: 18, facilitated: 18, longCodes: 18 },
      { kind: "parents_group", n: 1, facilitated: 1, longCodes: 1 },
      { kind: "school_council", n: 1, facilitated: 1, longCodes: 1 },
      { kind: "sounding_board", n: 2, facilitated: 2, longCodes: 2 },
      { kind: "youth_forum", n: 1, facilitated: 1, longCodes: 1 },
    ]);
    // Two past sessions with notes as contributions and the summary sent (one referred by the Board), two to come
    // (one with views sent before it), one cancelled.
    expect(first.sessions).toEqual([
      { status: "closed", sent: 1, notes: 8, referred: 1, views: 0 },
      { status: "closed", sent: 1, notes: 4, referred: 0, views: 0 },
      { status: "published", sent: 0, notes: 0, referred: 0, views: 3 },
      { status: "published", sent: 0, notes: 0, referred: 0, views: 0 },
      { status: "cancelled", sent: 0, notes: 0, referred: 0, views: 0 },
    ]);
    // The previous plan kept read-only beside the active one, whose every target has a code and a lead group.
    expect(first.plans).toEqual([
      { active: 0, outcomes: 5, priorities: 6, targets: 1 },
      { active: 1, outcomes: 5, priorities: 17, targets: 18 },
    ]);
    // Free themes, each given to a few answers, with the tag history that says so.
    expect(first.themes).toEqual([
      { name: "Transport", tagged: 8, events: 8 },
      { name: "Cost of activities", tagged: 5, events: 5 },
      { name: "Places to go", tagged: 4, events: 4 },
    ]);
    // Every school the safeguarding lists mask, in its locality (two serve the whole county); under-8s are not offered
    // a band of their own; population figures for this year and last, for every locality and band.
    expect(first.schools).toEqual([
      { phase: "college", n: 2, countywide: 1 },
      { phase: "primary", n: 6, countywide: 0 },
      { phase: "secondary", n: 8, countywide: 0 },
      { phase: "special", n: 3, countywide: 1 },
    ]);
    expect(first.bands).toEqual([
      { age_band: "under_8", shown: 0 },
      { age_band: "8_11", shown: 1 },
      { age_band: "12_15", shown: 1 },
      { age_band: "16_19", shown: 1 },
      { age_band: "20_25", shown: 1 },
    ]);
    expect(first.population).toEqual([
      { year: 2025, cells: 45, localities: 9, people: 109925 },
      { year: 2026, cells: 45, localities: 9, people: 110745 },
    ]);
    // The Board's response and its "you said, we did" are recorded together, by recordBoardResponse.
    expect(first.response).toEqual([{ recorded_at: expect.any(String), published_at: expect.any(String) }]);
    const [{ recorded_at, published_at }] = first.response as { recorded_at: string; published_at: string }[];
    expect(published_at).toBe(recorded_at);
    // Every quote is approved, masked text with no detail removed: what the officer's own candidate list offers.
    for (const q of first.quotes as { text: string }[]) expect(q.text).not.toContain("[removed]");
  });

  it("refuses a database that already holds a county", async () => {
    const db = fresh();
    await seedDemo(db, { now });
    await expect(seedDemo(db, { now })).rejects.toThrow("seedDemo needs an empty database");
  });
});
