/**
 * The in-memory index of contributions (app/models/summaries/figure-index.server.ts) must count exactly what SQL counts,
 * for any scope, after any write. A county of varied answers is written with plain SQL (people who answered many
 * questions, thread and session messages with no response, contributions with two outcomes and priorities, themes,
 * several choices, hidden, waiting and escalated ones), then many scopes are counted both ways and compared whole:
 * every figure of the summary, suppression and gaps included. Then the data is changed in every way the log must catch
 * and the scopes are compared again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n.server";
import { countScopeFigures, countScopeRaw } from "~/models/summaries/content.server";
import { currentFigureIndex, dropFigureIndex, warmFigureIndex } from "~/models/summaries/figure-index.server";
import type { SummaryScopeStored } from "~/models/summaries/types";
import { getDb } from "~db/client";
import { makeCounty } from "../support/factories";

const en = getT("en");
const county = makeCounty();
const DAY = 86400_000;
const now = Date.parse("2026-11-01T12:00:00.000Z");

// A small deterministic generator, so a failure can be run again exactly.
let seed = 20261124;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const some = <T>(xs: readonly T[]): T[] => xs.filter(() => random() < 0.5);

const client = () => getDb().$client;
const bands = ["8_11", "12_15", "16_19", "20_25", null] as const;
const audiences = ["young_people", "parents_carers"] as const;
let outcomeIds: number[] = [];
const priorityIds: number[] = [];
let localityIds: number[] = [];
const groupIds: number[] = [];
const themeIds: number[] = [];
let questionsByKind: Record<string, { id: number; options: number[] }[]> = {};
let consultationId = 0;
const contributionIds: number[] = [];

const iso = (ms: number) => new Date(ms).toISOString();

function insertContribution(c: {
  source: string;
  kind: string;
  questionId: number | null;
  responseId: number | null;
  audience: string;
  ageBand: string | null;
  localityId: number | null;
  groupId: number | null;
  value: number | null;
  state: string;
  at: number;
  outcomes: { id: number; priorityId: number | null }[];
  themes?: number[];
  options?: number[];
}) {
  const db = client();
  const id = Number(
    db
      .prepare(
        `insert into contributions (source, kind, consultation_id, question_id, response_id, group_id, audience, age_band,
           locality_id, value_int, body, moderation_state, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.source,
        c.kind,
        c.source === "consultation" ? consultationId : null,
        c.questionId,
        c.responseId,
        c.groupId,
        c.audience,
        c.ageBand,
        c.localityId,
        c.value,
        c.kind === "text" ? "Some words" : null,
        c.state,
        iso(c.at),
      ).lastInsertRowid,
  );
  for (const o of c.outcomes)
    db.prepare(
      "insert into contribution_tags (contribution_id, outcome_id, priority_id, source, created_at) values (?, ?, ?, 'officer', ?)",
    ).run(id, o.id, o.priorityId, iso(c.at));
  for (const th of c.themes ?? [])
    db.prepare("insert into contribution_themes (contribution_id, theme_id, created_at) values (?, ?, ?)").run(
      id,
      th,
      iso(c.at),
    );
  for (const o of c.options ?? [])
    db.prepare("insert into contribution_choices (contribution_id, option_id) values (?, ?)").run(id, o);
  contributionIds.push(id);
  return id;
}

const someOutcomes = () => {
  const chosen = some(outcomeIds);
  const list = chosen.length ? chosen : [pick(outcomeIds)];
  return list.map((id) => ({
    id,
    priorityId: random() < 0.4 ? (pick(priorityIds.filter((p) => prioritiesOf.get(p) === id)) ?? null) : null,
  }));
};
const prioritiesOf = new Map<number, number>();

/** One person's answers to several questions of the consultation, as submitResponse would write them. */
function respond() {
  const db = client();
  const audience = pick(audiences);
  const ageBand = audience === "young_people" ? pick(bands) : null;
  const localityId = random() < 0.9 ? pick(localityIds) : null;
  const at = now - Math.floor(random() * 700) * DAY - Math.floor(random() * DAY);
  const responseId = Number(
    db
      .prepare(
        `insert into responses (consultation_id, audience, age_band, locality_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
      )
      .run(consultationId, audience, ageBand, localityId, iso(at), iso(at)).lastInsertRowid,
  );
  const base = { source: "consultation", responseId, audience, ageBand, localityId, groupId: null, at };
  for (const q of questionsByKind.scale)
    if (random() < 0.8)
      insertContribution({
        ...base,
        kind: "scale",
        questionId: q.id,
        value: 1 + Math.floor(random() * 5),
        state: "approved",
        outcomes: someOutcomes(),
      });
  for (const q of [...questionsByKind.single, ...questionsByKind.multiple])
    if (random() < 0.8) {
      const options = q.options.length > 2 ? some(q.options) : [pick(q.options)];
      insertContribution({
        ...base,
        kind: "choice",
        questionId: q.id,
        value: null,
        state: "approved",
        outcomes: someOutcomes(),
        options: options.length ? options : [q.options[0]],
      });
    }
  if (random() < 0.6)
    insertContribution({
      ...base,
      kind: "text",
      questionId: questionsByKind.long_text[0].id,
      value: null,
      state: pick(["approved", "approved", "pending", "hidden"]),
      outcomes: someOutcomes(),
      themes: some(themeIds),
    });
}

/** A thread or session message: no response, so each counts as one person. */
function message() {
  const audience = pick(audiences);
  insertContribution({
    source: pick(["question", "session"]),
    kind: "text",
    questionId: null,
    responseId: null,
    audience,
    ageBand: audience === "young_people" ? pick(bands) : null,
    localityId: random() < 0.8 ? pick(localityIds) : null,
    groupId: random() < 0.5 ? pick(groupIds) : null,
    value: null,
    state: pick(["approved", "approved", "pending"]),
    at: now - Math.floor(random() * 700) * DAY,
    outcomes: someOutcomes(),
    themes: some(themeIds),
  });
}

function randomScope(): SummaryScopeStored {
  const span = pick([30, 120, 365, 730]) * DAY;
  const end = now + DAY - Math.floor(random() * 200) * DAY;
  const outcomes = some(outcomeIds);
  return {
    from: iso(end - span),
    to: iso(end),
    outcomeIds: outcomes.length ? outcomes : [pick(outcomeIds)],
    priorityIds: random() < 0.25 ? some(priorityIds) : [],
    sources: random() < 0.3 ? some(["consultation", "thread", "session"]) : [],
    audiences: random() < 0.3 ? [pick(audiences)] : [],
    ageBands: random() < 0.2 ? (some(bands).filter(Boolean) as string[]) : [],
    localityIds: random() < 0.3 ? some(localityIds) : [],
    groupIds: random() < 0.1 ? some(groupIds) : [],
  };
}

const scopes: SummaryScopeStored[] = [];

function expectSameCounts(label: string, opts: { raw?: boolean } = { raw: true }) {
  for (const [i, scope] of scopes.entries()) {
    const bySql = countScopeFigures(scope, en, "sql");
    const byIndex = countScopeFigures(scope, en, "index");
    expect(byIndex, `${label}, scope ${i}: ${JSON.stringify(scope)}`).toEqual(bySql);
    // and before suppression, where a 2 and a 3 would both read "fewer than 5"
    if (opts.raw)
      expect(countScopeRaw(scope, "index"), `${label}, raw, scope ${i}`).toEqual(countScopeRaw(scope, "sql"));
  }
}

beforeAll(() => {
  const db = client();
  const now8601 = iso(now);
  outcomeIds = [county.outcomes.staySafe.id, county.outcomes.healthy.id];
  for (const o of outcomeIds)
    for (const title of ["First priority", "Second priority"]) {
      const id = Number(
        db.prepare("insert into priorities (outcome_id, title, position) values (?, ?, 1)").run(o, `${title} ${o}`)
          .lastInsertRowid,
      );
      priorityIds.push(id);
      prioritiesOf.set(id, o);
    }
  localityIds = county.localities.map((l) => l.id);
  for (const name of ["Youth forum", "School council"])
    groupIds.push(
      Number(
        db
          .prepare("insert into groups (name, kind, audience, join_code) values (?, 'forum', 'young_people', ?)")
          .run(name, `CODE${name.length}${Math.random()}`).lastInsertRowid,
      ),
    );
  // Zebra before apple in the table, and two with the same count later: the order of themes is checked too.
  for (const name of ["Zebra crossings", "apple", "Buses", "Éclairs", "Cost of activities"])
    themeIds.push(
      Number(db.prepare("insert into themes (name, created_at) values (?, ?)").run(name, now8601).lastInsertRowid),
    );
  consultationId = Number(
    db
      .prepare(
        `insert into consultations (slug, title, summary, audience, opens_at, closes_at, status)
         values ('index-test', 'Getting about', 'x', 'both', ?, ?, 'open')`,
      )
      .run(iso(now - 800 * DAY), iso(now + 30 * DAY)).lastInsertRowid,
  );
  questionsByKind = { scale: [], single: [], multiple: [], long_text: [] };
  let position = 0;
  for (const kind of ["scale", "scale", "single", "multiple", "long_text"]) {
    const id = Number(
      db
        .prepare("insert into questions (consultation_id, position, kind, prompt) values (?, ?, ?, ?)")
        .run(consultationId, ++position, kind, `Question ${position}`).lastInsertRowid,
    );
    const options: number[] = [];
    const labels = kind === "single" ? ["Bus", "Walk"] : kind === "multiple" ? ["Park", "Library", "Pool", "Bus"] : [];
    for (const [i, label] of labels.entries())
      options.push(
        Number(
          db
            .prepare("insert into question_options (question_id, position, label) values (?, ?, ?)")
            .run(id, i + 1, label).lastInsertRowid,
        ),
      );
    questionsByKind[kind].push({ id, options });
  }
  for (const l of localityIds)
    for (const [band, people] of [
      ["8_11", 900],
      ["12_15", 1100],
      ["16_19", 700],
    ] as const)
      db.prepare("insert into populations (year, locality_id, age_band, people) values (2026, ?, ?, ?)").run(
        l,
        band,
        people,
      );
  db.transaction(() => {
    for (let i = 0; i < 260; i++) respond();
    for (let i = 0; i < 120; i++) message();
    // Escalated ones are never counted, whatever their state says.
    for (const id of contributionIds.filter(() => random() < 0.03))
      db.prepare(
        "insert or ignore into safeguarding_cases (contribution_id, status, escalated_at) values (?, 'new', ?)",
      ).run(id, now8601);
  })();
  // The widest scope, each outcome alone, and many drawn at random.
  scopes.push({
    from: iso(now - 800 * DAY),
    to: iso(now + DAY),
    outcomeIds,
    priorityIds: [],
    sources: [],
    audiences: [],
    ageBands: [],
    localityIds: [],
    groupIds: [],
  });
  for (const o of outcomeIds) scopes.push({ ...scopes[0], outcomeIds: [o] });
  for (let i = 0; i < 50; i++) scopes.push(randomScope());
  dropFigureIndex(db);
});

describe("the index of contributions behind a summary's live figures", () => {
  it("counts every figure of every scope exactly as SQL does", () => {
    // the fixture is not trivial: people in many places, and some figures large enough to be shown
    const widest = countScopeFigures(scopes[0], en, "sql");
    expect(widest.reach.people).toBeGreaterThan(300);
    expect(widest.paired.length).toBeGreaterThan(1);
    expect(widest.outcomes.flatMap((o) => o.themes).length).toBeGreaterThan(4);
    expectSameCounts("as written");
    expect(currentFigureIndex(client())).not.toBeNull();
  });

  it("reads again what each kind of write changed, and only those contributions", () => {
    const db = client();
    const index = currentFigureIndex(db);
    if (!index) throw new Error("no index");
    const before = { seq: index.seq, length: index.length };
    const approved = db
      .prepare("select id from contributions where moderation_state = 'approved' order by id")
      .pluck()
      .all() as number[];
    const waiting = db
      .prepare("select id from contributions where moderation_state = 'pending' order by id")
      .pluck()
      .all() as number[];
    const changes: [string, () => void][] = [
      [
        "approved",
        () => db.prepare("update contributions set moderation_state = 'approved' where id = ?").run(waiting[0]),
      ],
      [
        "hidden",
        () => db.prepare("update contributions set moderation_state = 'hidden' where id = ?").run(approved[3]),
      ],
      [
        "moved in time",
        () => db.prepare("update contributions set created_at = ? where id = ?").run(iso(now - 3 * DAY), approved[10]),
      ],
      [
        "moved place",
        () => db.prepare("update contributions set locality_id = ? where id = ?").run(localityIds[1], approved[11]),
      ],
      [
        "face changed",
        () => db.prepare("update contributions set value_int = 1 where kind = 'scale' and id = ?").run(approved[12]),
      ],
      ["untagged", () => db.prepare("delete from contribution_tags where contribution_id = ?").run(approved[20])],
      [
        "tagged with a priority",
        () =>
          db
            .prepare(
              "insert or replace into contribution_tags (contribution_id, outcome_id, priority_id, source, created_at) values (?, ?, ?, 'officer', ?)",
            )
            .run(approved[21], outcomeIds[0], priorityIds[0], iso(now)),
      ],
      [
        "priority changed",
        () =>
          db
            .prepare("update contribution_tags set priority_id = ? where contribution_id = ?")
            .run(priorityIds[1], approved[22]),
      ],
      [
        "themed",
        () =>
          db
            .prepare(
              "insert or ignore into contribution_themes (contribution_id, theme_id, created_at) values (?, ?, ?)",
            )
            .run(approved[23], themeIds[2], iso(now)),
      ],
      [
        "theme removed",
        () =>
          db.prepare("delete from contribution_themes where contribution_id in (?, ?)").run(approved[24], approved[25]),
      ],
      [
        "choice removed",
        () => db.prepare("delete from contribution_choices where contribution_id = ?").run(approved[26]),
      ],
      [
        "escalated",
        () =>
          db
            .prepare(
              "insert or ignore into safeguarding_cases (contribution_id, status, escalated_at) values (?, 'new', ?)",
            )
            .run(approved[30], iso(now)),
      ],
      ["removed", () => db.prepare("delete from contributions where id = ?").run(approved[40])],
      [
        "a response removed with its answers",
        () =>
          db
            .prepare("delete from responses where id = (select response_id from contributions where id = ?)")
            .run(approved[50]),
      ],
      ["new answers", () => respond()],
      ["a new message", () => message()],
    ];
    for (const [label, write] of changes) {
      write();
      expectSameCounts(label);
    }
    expect(index.seq).toBeGreaterThan(before.seq);
    // rows read again, not the whole index built again
    expect(index.length).toBeLessThan(before.length + 60);
    expect(currentFigureIndex(db)).toBe(index);
  });

  it("writes nothing to the log for answers waiting for moderation", () => {
    const db = client();
    const top = () => db.prepare("select coalesce(max(seq), 0) from figure_changes").pluck().get();
    const at = top();
    insertContribution({
      source: "question",
      kind: "text",
      questionId: null,
      responseId: null,
      audience: "young_people",
      ageBand: "12_15",
      localityId: localityIds[0],
      groupId: null,
      value: null,
      state: "pending",
      at: now,
      outcomes: [{ id: outcomeIds[0], priorityId: null }],
      themes: [themeIds[0]],
    });
    expect(top()).toBe(at);
  });

  it("writes nothing to the log when only the words of an approved one change, but still empties the cache", () => {
    const db = client();
    const top = () => db.prepare("select coalesce(max(seq), 0) from figure_changes").pluck().get();
    const version = () => db.prepare("select n from figures_version").pluck().get() as number;
    const at = top();
    const v = version();
    db.prepare(
      "update contributions set body = null, masked_body = null where id = (select max(id) from contributions where moderation_state = 'approved' and kind = 'text')",
    ).run();
    expect(top()).toBe(at);
    expect(version()).toBe(v + 1);
  });

  it("never takes in the changes of a write that is rolled back, if asked to count inside it", () => {
    const db = client();
    expect(() =>
      db.transaction(() => {
        respond();
        // counted in SQL inside someone's write; the index reads nothing of it
        countScopeFigures(scopes[0], en, "index");
        throw new Error("rolled back");
      })(),
    ).toThrow("rolled back");
    respond();
    expectSameCounts("after a rolled-back write");
  });

  it("is built again when the changes it has not read were removed from the log", () => {
    const db = client();
    const index = currentFigureIndex(db);
    respond();
    db.prepare("update figure_changes_pruned set pruned_through = (select max(seq) from figure_changes)").run();
    expect(currentFigureIndex(db)).not.toBe(index);
    expectSameCounts("after a rebuild");
  });

  it("is built a chunk at a time by a worker, and writes between its chunks are read afterwards", async () => {
    const db = client();
    dropFigureIndex(db);
    const ids = db
      .prepare("select id from contributions where moderation_state = 'approved' order by id")
      .pluck()
      .all() as number[];
    const writes = [
      // a row already read, and one not read yet
      () => db.prepare("update contributions set moderation_state = 'hidden' where id = ?").run(ids[3]),
      () =>
        db.prepare("update contributions set locality_id = ? where id = ?").run(localityIds[0], ids[ids.length - 3]),
      () => db.prepare("delete from contribution_tags where contribution_id = ?").run(ids[Math.floor(ids.length / 2)]),
      () => respond(),
      () =>
        db.prepare("update contributions set created_at = ? where id = ?").run(iso(now - 2 * DAY), ids[ids.length - 1]),
    ];
    let turns = 0;
    await warmFigureIndex(
      db,
      async () => {
        writes[turns++]?.();
      },
      { chunk: 50 },
    );
    // many chunks, and every write landed between two of them
    expect(turns).toBeGreaterThan(writes.length + 3);
    expectSameCounts("built while written to");
  });

  it("stands aside for SQL when a date is not written as the app writes it", () => {
    const db = client();
    db.prepare(
      "update contributions set created_at = '2026-06-01 10:00:00' where id = (select min(id) from contributions where moderation_state = 'approved' and id not in (select contribution_id from safeguarding_cases))",
    ).run();
    dropFigureIndex(db);
    expect(currentFigureIndex(db)).toBeNull();
    expectSameCounts("counted in SQL", { raw: false });
  });
});
