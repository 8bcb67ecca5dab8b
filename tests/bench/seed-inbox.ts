/**
 * Adds national-scale feedback to a seeded database (issue 10): 1,000,000 free-text contributions from every source,
 * over five years, with 3,000,000 tags (outcome tags, most with a priority, and themes), for the inbox bench.
 * Run as a child process: `DATABASE_PATH=… npx tsx tests/bench/seed-inbox.ts [contributions]`.
 * Prints "seeded …" lines on stderr and one JSON line on stdout: { consultationId, groupId, sessionId, areaId, … }.
 */
import { openDatabase } from "./drafts";

const N = Number(process.argv[2] ?? 1_000_000);
const TAGS_PER_CONTRIBUTION = 3; // 2 outcomes (each usually with a priority) and 1 theme on average: 3,000,000

// Words children, young people and parents use, so full-text search meets realistic word frequencies.
const OPENINGS = [
  "I think",
  "We need",
  "Please can we have",
  "It would help if",
  "My son says",
  "My daughter told me",
  "At school",
  "In our town",
  "After school",
  "At the weekend",
];
const SUBJECTS = [
  "the bus",
  "the youth club",
  "swimming",
  "the park",
  "CAMHS",
  "school dinners",
  "the library",
  "football",
  "homework club",
  "the skate park",
  "apprenticeships",
  "the leisure centre",
  "young carers group",
  "the doctor",
  "mental health support",
  "online safety",
  "bullying",
  "street lights",
  "the train",
  "college",
];
const ENDINGS = [
  "is too expensive for families",
  "stops too early in the evening",
  "should be open on Fridays",
  "makes me feel safe",
  "takes months to get an appointment",
  "needs more staff who listen",
  "is a long way from the village",
  "was really good this year",
  "needs better lighting in winter",
  "should ask young people first",
  "helps me with my exams",
  "costs too much on the bus",
  "is scary when older kids are there",
  "could teach cooking and budgeting",
  "is where I meet my friends",
];
const EXTRAS = ["", "", " thank you", " because my mum works late", " and my brother agrees", " every week"];

function pick<T>(list: T[], i: number) {
  return list[i % list.length];
}

function main() {
  const file = process.env.DATABASE_PATH;
  if (!file) throw new Error("DATABASE_PATH is not set");
  const db = openDatabase(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // a throwaway bench database: speed of seeding, not durability, matters here
  const started = Date.now();
  const consultation = db.prepare("select id from consultations order by id limit 1").get() as { id: number };
  const question = db
    .prepare("select id from questions where consultation_id = ? order by position limit 1")
    .get(consultation.id) as { id: number };
  const group = db.prepare("select id from groups order by id limit 1").get() as { id: number };
  const session = db
    .prepare("select session_id as id, id as agendaId from agenda_questions order by id limit 1")
    .get() as { id: number; agendaId: number };
  const localities = db.prepare("select id, area_id as areaId from localities order by id").all() as {
    id: number;
    areaId: number;
  }[];
  const outcomes = db
    .prepare("select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 order by o.position")
    .all() as { id: number }[];
  const priorities = new Map<number, number[]>();
  for (const o of outcomes)
    priorities.set(
      o.id,
      (
        db.prepare("select id from priorities where outcome_id = ? order by position").all(o.id) as { id: number }[]
      ).map((p) => p.id),
    );
  const staff = db.prepare("select id from staff_users where role = 'officer' order by id limit 1").get() as {
    id: number;
  };
  const themeNames = ["Transport", "Cost of activities", "Places to go", "Waiting times", "Being listened to"];
  const themeIds = themeNames.map((name) => {
    const row = db.prepare("select id from themes where name = ?").get(name) as { id: number } | undefined;
    return (
      row?.id ??
      Number(
        db
          .prepare("insert into themes (name, created_by, created_at) values (?, ?, ?)")
          .run(name, staff.id, new Date().toISOString()).lastInsertRowid,
      )
    );
  });

  const addResponse = db.prepare(
    `insert into responses (consultation_id, audience, age_band, locality_id, channel, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const addContribution = db.prepare(
    `insert into contributions (source, kind, consultation_id, question_id, response_id, group_id, audience, age_band,
       locality_id, body, masked_body, moderation_state, flags, created_at, moderated_at, moderated_by)
     values (?, 'text', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
  );
  const addNote = db.prepare(
    `insert into session_notes (session_id, agenda_question_id, client_id, body, rev, created_at, updated_at, contribution_id)
     values (?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const addTag = db.prepare(
    `insert or ignore into contribution_tags (contribution_id, outcome_id, priority_id, source, tagged_by, created_at)
     values (?, ?, ?, 'officer', ?, ?)`,
  );
  const addTheme = db.prepare(
    `insert or ignore into contribution_themes (contribution_id, theme_id, tagged_by, created_at) values (?, ?, ?, ?)`,
  );
  const bands = ["8_11", "12_15", "16_19", "20_25"];
  const channels = ["online", "online", "online", "paper", "import"];
  const states = [
    "approved",
    "approved",
    "approved",
    "approved",
    "approved",
    "approved",
    "approved",
    "pending",
    "hidden",
  ];
  const span = 5 * 365 * 86400_000;
  const end = Date.now();
  let tags = 0;
  const batch = 50_000;
  for (let from = 0; from < N; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(N, from + batch); i++) {
        // A spread-out but repeatable mix: every source, both audiences, all places, five years.
        const at = new Date(end - span + Math.floor((i / N) * span)).toISOString();
        const parent = i % 4 === 0;
        const audience = parent ? "parents_carers" : "young_people";
        const band = parent ? null : bands[(i >> 2) % bands.length];
        const locality = localities[(i * 7) % localities.length].id;
        const kind = i % 10; // 0–6 consultation, 7 and 9 thread messages, 8 session note
        const text = `${pick(OPENINGS, i)} ${pick(SUBJECTS, i * 3 + (i >> 5))} ${pick(ENDINGS, i * 7 + (i >> 3))}${pick(EXTRAS, i >> 1)}`;
        const state = pick(states, i * 5 + (i >> 4));
        let responseId: number | null = null;
        let source = "consultation";
        if (kind <= 6) {
          responseId = Number(
            addResponse.run(consultation.id, audience, band, locality, pick(channels, i >> 3), at, at).lastInsertRowid,
          );
        } else source = kind === 8 ? "session" : "question";
        const id = Number(
          addContribution.run(
            source,
            kind <= 6 ? consultation.id : null,
            kind <= 6 ? question.id : null,
            responseId,
            kind === 8 ? group.id : null,
            audience,
            band,
            locality,
            text,
            text,
            kind === 8 ? "approved" : state,
            at,
            state === "pending" ? null : at,
            state === "pending" ? null : staff.id,
          ).lastInsertRowid,
        );
        if (kind === 8) addNote.run(session.id, session.agendaId, `bench-${i}`, text, at, at, id);
        // Two outcome tags (most with a priority) and one theme each on most rows; some left untagged.
        if (i % 11 === 0 || state !== "approved") continue;
        const o1 = outcomes[i % outcomes.length].id;
        const o2 = outcomes[(i + 2) % outcomes.length].id;
        const p1 = priorities.get(o1) ?? [];
        const p2 = priorities.get(o2) ?? [];
        tags += addTag.run(id, o1, p1.length && i % 3 ? p1[i % p1.length] : null, staff.id, at).changes;
        tags += addTag.run(id, o2, p2.length && i % 4 ? p2[(i >> 2) % p2.length] : null, staff.id, at).changes;
        tags += addTheme.run(id, themeIds[i % themeIds.length], staff.id, at).changes;
      }
    })();
  }
  // The rows left untagged above are made up with more themes on tagged rows, until the total is exactly
  // TAGS_PER_CONTRIBUTION × N (counted from the tables, not from the inserts).
  const wanted = TAGS_PER_CONTRIBUTION * N;
  const countTags = () =>
    (
      db
        .prepare("select (select count(*) from contribution_tags) + (select count(*) from contribution_themes) as n")
        .get() as {
        n: number;
      }
    ).n;
  const rows = db.prepare(
    `select id from contributions c where kind = 'text' and moderation_state = 'approved'
       and exists (select 1 from contribution_tags ct where ct.contribution_id = c.id) and id > ? order by id limit 50000`,
  );
  tags = countTags();
  let after = 0;
  for (let shift = 1; tags < wanted && shift < themeIds.length; ) {
    const batchRows = rows.all(after) as { id: number }[];
    if (!batchRows.length) {
      shift++;
      after = 0;
      continue;
    }
    db.transaction(() => {
      for (const { id } of batchRows) {
        if (tags >= wanted) break;
        tags += addTheme.run(
          id,
          themeIds[(id + shift) % themeIds.length],
          staff.id,
          new Date(end).toISOString(),
        ).changes;
      }
    })();
    after = batchRows[batchRows.length - 1].id;
  }
  tags = countTags();
  db.pragma("optimize");
  db.exec("analyze");
  const count = (db.prepare("select count(*) as n from contributions where kind = 'text'").get() as { n: number }).n;
  console.error(
    `seeded ${N.toLocaleString("en-GB")} contributions and ${tags.toLocaleString("en-GB")} tags in ${((Date.now() - started) / 1000).toFixed(1)} s (${count.toLocaleString("en-GB")} free-text rows in all)`,
  );
  console.log(
    JSON.stringify({
      consultationId: consultation.id,
      groupId: group.id,
      sessionId: session.id,
      areaId: localities[0].areaId,
      localityId: localities[0].id,
      outcomeId: outcomes[0].id,
      priorityId: (priorities.get(outcomes[0].id) ?? [])[0] ?? null,
      themeId: themeIds[0],
      contributions: count,
      tags,
    }),
  );
  db.close();
}

main();
