/**
 * The demo county (DESIGN.md §6): Wealdshire, with its areas, localities, groups, CYPP, Board and Partnership,
 * staff accounts, consultations with a few hundred answers, and one Board meeting carried all the way through
 * summary, response and "you said, we did".
 *
 * `tsx db/seed/index.ts` seeds the database at DATABASE_PATH when it is empty. Everything is relative to `now`
 * and drawn from a seeded PRNG, so two fresh checkouts on the same day get the same county.
 */
import { pathToFileURL } from "node:url";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type {
  Audience,
  DraftAnswer,
  ParticipantConsultation,
  ParticipantQuestion,
} from "../../app/models/consultations/types";
import type { ModerationState } from "../../app/models/feedback/types";
import { buildResponse, writeResponse } from "../../app/models/responses.server";
import { hashPassword } from "../../app/models/staff.server";
import type { SummaryFigures } from "../../app/models/summaries/types";
import { computeFigures, type SummaryScope as Scope, scopeWhere } from "../../app/models/summaries.server";
import { checkText, type TextCheck } from "../../app/utils/text-safety";
import { type DB, openDatabase } from "../client";
import {
  agendaItems,
  areas,
  boardResponses,
  bodies,
  consultations,
  contributionChoices,
  contributions,
  contributionTags,
  groups,
  localities,
  meetings,
  moderationEvents,
  outcomes,
  plans,
  priorities,
  questionOptions,
  questions,
  questionTags,
  responses,
  staffUsers,
  summaries,
  summaryQuotes,
  summarySources,
  targets,
  youSaidWeDid,
} from "../schema";
import { createRng, type Rng } from "./random";
import * as T from "./texts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

export const DEMO_PASSWORD = "sounding-board-demo";

export const demoStaff = [
  { email: "officer@demo.test", name: "Priya Shah", role: "officer" },
  { email: "safeguarding@demo.test", name: "Tom Okafor", role: "safeguarding" },
  { email: "board@demo.test", name: "Cllr Helen Marsh", role: "board" },
  { email: "admin@demo.test", name: "Sam Reid", role: "admin" },
] as const;

const BATCH = 500;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Dates ---------------------------------------------------------------------------------------------------

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
const addHours = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const minDate = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);

/** The first given weekday (0 = Sunday) on or after `d`, at midnight UTC. */
function onWeekday(d: Date, weekday: number) {
  let out = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  while (out.getUTCDay() !== weekday) out = addDays(out, 1);
  return out;
}

/** Meetings are not held between Christmas and New Year: such a date moves on a week at a time. */
function outsideHolidays(d: Date) {
  let out = d;
  while ((out.getUTCMonth() === 11 && out.getUTCDate() >= 20) || (out.getUTCMonth() === 0 && out.getUTCDate() <= 3))
    out = addDays(out, 7);
  return out;
}

function monthYear(d: Date) {
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}

/** A moment between `from` and `to`, in waking hours, earlier days more likely (answers come in fastest at launch). */
function answerTime(rng: Rng, from: Date, to: Date) {
  for (;;) {
    const span = to.getTime() - from.getTime();
    const t = new Date(from.getTime() + span * rng.next() ** 1.4);
    t.setUTCHours(
      rng.pick([
        8, 8, 12, 12, 13, 13, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20,
        21, 21,
      ]),
      rng.int(0, 59),
      rng.int(0, 59),
      rng.int(0, 999),
    );
    if (t.getTime() >= from.getTime() && t.getTime() < to.getTime()) return t;
  }
}

// Reference data ------------------------------------------------------------------------------------------

const areaSpecs = [
  { name: "North", slug: "north" },
  { name: "City", slug: "city" },
  { name: "South", slug: "south" },
];

const localitySpecs = [
  { area: "north", name: "Ashcombe", slug: "ashcombe", weight: 12 },
  { area: "north", name: "Kingsbury Marsh", slug: "kingsbury-marsh", weight: 7 },
  { area: "north", name: "Thornley", slug: "thornley", weight: 8 },
  { area: "city", name: "Wealdham Central", slug: "wealdham-central", weight: 16 },
  { area: "city", name: "Wealdham East", slug: "wealdham-east", weight: 14 },
  { area: "city", name: "Hatherton", slug: "hatherton", weight: 11 },
  { area: "south", name: "Brackenford", slug: "brackenford", weight: 12 },
  { area: "south", name: "Lower Sedgewick", slug: "lower-sedgewick", weight: 6 },
  { area: "south", name: "Oakhurst Vale", slug: "oakhurst-vale", weight: 8 },
];

/** How safe the journey to school feels, relative to the county: the underpass in Wealdham East, rural roads. */
const journeyMood: Record<string, number> = {
  ashcombe: 0.3,
  "kingsbury-marsh": -0.4,
  thornley: 0,
  "wealdham-central": 0.1,
  "wealdham-east": -0.7,
  hatherton: -0.1,
  brackenford: 0.2,
  "lower-sedgewick": -0.3,
  "oakhurst-vale": 0.2,
};
const rural = new Set(["kingsbury-marsh", "thornley", "lower-sedgewick", "oakhurst-vale"]);

type OutcomeKey = "be-healthy" | "stay-safe" | "enjoy-and-achieve" | "positive-contribution" | "economic-wellbeing";

type TargetSpec = { indicator: string; baseline: string; target: string; current: string | null };

const outcomeSpecs: {
  key: OutcomeKey;
  title: string;
  childTitle: string;
  priorities: { title: string; targets?: TargetSpec[] }[];
}[] = [
  {
    key: "be-healthy",
    title: "Be healthy",
    childTitle: "Being healthy",
    priorities: [
      {
        title: "Emotional wellbeing and mental health",
        targets: [
          {
            indicator: "Young people waiting more than 18 weeks for a first CAMHS appointment",
            baseline: "31%",
            target: "10%",
            current: "24%",
          },
        ],
      },
      {
        title: "Healthy weight: tackling overweight and obesity",
        targets: [
          {
            indicator: "Children in Year 6 above a healthy weight",
            baseline: "35.2%",
            target: "32.0%",
            current: "34.1%",
          },
        ],
      },
      {
        title: "Teenage pregnancy and young people's sexual health",
        targets: [
          {
            indicator: "Under-18 conceptions per 1,000 young women aged 15–17",
            baseline: "14.8",
            target: "11.0",
            current: "12.9",
          },
        ],
      },
    ],
  },
  {
    key: "stay-safe",
    title: "Stay safe",
    childTitle: "Feeling safe",
    priorities: [
      {
        title: "Emotional wellbeing and anti-bullying",
        targets: [
          {
            indicator: "Pupils who say they were bullied at school in the last year (Wealdshire school survey)",
            baseline: "27%",
            target: "20%",
            current: "25%",
          },
        ],
      },
      {
        title: "Safe journeys and safer streets",
        targets: [
          {
            indicator: "Children killed or seriously injured on Wealdshire roads (per year)",
            baseline: "41",
            target: "30",
            current: "36",
          },
        ],
      },
    ],
  },
  {
    key: "enjoy-and-achieve",
    title: "Enjoy and achieve",
    childTitle: "Learning and having fun",
    priorities: [
      {
        title: "Places to go and things to do",
        targets: [
          {
            indicator: "Young people aged 13–19 in contact with the youth service",
            baseline: "18%",
            target: "25%",
            current: "21%",
          },
        ],
      },
      {
        title: "Educational achievement of vulnerable groups",
        targets: [
          {
            indicator: "Children in care achieving grade 4 or above in English and maths",
            baseline: "19%",
            target: "30%",
            current: "23%",
          },
        ],
      },
      { title: "Short breaks and inclusive activities for disabled children" },
    ],
  },
  {
    key: "positive-contribution",
    title: "Make a positive contribution",
    childTitle: "Having your say",
    priorities: [
      {
        title: "Children and young people have their say and see what happened next",
        targets: [
          {
            indicator: "Consultations with a published 'you said, we did' within three months of closing",
            baseline: "40%",
            target: "100%",
            current: null,
          },
        ],
      },
      {
        title: "Young carers",
        targets: [
          {
            indicator: "Young carers known to and supported by a young carers service",
            baseline: "310",
            target: "500",
            current: "402",
          },
        ],
      },
      { title: "Fewer first-time entrants to the youth justice system" },
    ],
  },
  {
    key: "economic-wellbeing",
    title: "Achieve economic well-being",
    childTitle: "Getting ready for the future",
    priorities: [
      {
        title: "Education, employment or training for 16–19-year-olds",
        targets: [
          {
            indicator: "16–17-year-olds not in education, employment or training (NEET)",
            baseline: "5.1%",
            target: "3.5%",
            current: "4.6%",
          },
        ],
      },
      {
        title: "Transition to adult services",
        targets: [
          {
            indicator: "Young people with an EHC plan who have a transition plan by Year 10",
            baseline: "62%",
            target: "95%",
            current: "78%",
          },
        ],
      },
    ],
  },
];

const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L

function joinCodes(rng: Rng) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      let code = "";
      for (let i = 0; i < 6; i++) code += rng.pick([...JOIN_ALPHABET]);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
}

// Consultations -------------------------------------------------------------------------------------------

type OptionSpec = string | { label: string; easyLabel?: string; isOther?: boolean };
type QuestionSpec = {
  kind: "single" | "multiple" | "scale" | "ranking" | "short_text" | "long_text";
  prompt: string;
  easyPrompt?: string;
  why?: string;
  required?: boolean;
  maxLength?: number;
  options?: OptionSpec[];
  tags?: { outcome: OutcomeKey; priority?: string }[];
};

type SeedQuestion = {
  id: number;
  kind: string;
  required: boolean;
  maxLength: number;
  options: { id: number; label: string; isOther: boolean }[];
  outcomeIds: number[];
};

type SeedConsultation = {
  id: number;
  audience: string;
  questions: SeedQuestion[];
  asAnswered: ParticipantConsultation;
};

type Framework = {
  outcomeId: Record<OutcomeKey, number>;
  priorityId: (title: string) => number;
};

function createConsultation(
  tx: Tx,
  fw: Framework,
  spec: Omit<typeof consultations.$inferInsert, "id"> & { questions: QuestionSpec[] },
): SeedConsultation {
  const { questions: questionSpecs, ...row } = spec;
  const id = tx.insert(consultations).values(row).returning({ id: consultations.id }).get().id;
  const out: SeedQuestion[] = [];
  const asAnswered: ParticipantQuestion[] = [];
  questionSpecs.forEach((q, i) => {
    const required = q.required ?? true;
    const maxLength = q.maxLength ?? (q.kind === "short_text" ? 200 : 1000);
    const questionId = tx
      .insert(questions)
      .values({
        consultationId: id,
        position: i + 1,
        kind: q.kind,
        prompt: q.prompt,
        easyPrompt: q.easyPrompt ?? null,
        why: q.why ?? null,
        required,
        maxLength,
      })
      .returning({ id: questions.id })
      .get().id;
    const options = (q.options ?? []).map((o) => (typeof o === "string" ? { label: o } : o));
    const optionRows = options.length
      ? tx
          .insert(questionOptions)
          .values(
            options.map((o, position) => ({
              questionId,
              position: position + 1,
              label: o.label,
              easyLabel: o.easyLabel ?? null,
              isOther: o.isOther ?? false,
            })),
          )
          .returning({ id: questionOptions.id, label: questionOptions.label, isOther: questionOptions.isOther })
          .all()
      : [];
    const tags = q.tags ?? [];
    if (tags.length) {
      tx.insert(questionTags)
        .values(
          tags.map((t) => ({
            questionId,
            outcomeId: fw.outcomeId[t.outcome],
            priorityId: t.priority ? fw.priorityId(t.priority) : null,
          })),
        )
        .run();
    }
    const byLabel = new Map(optionRows.map((o) => [o.label, o]));
    asAnswered.push({
      id: questionId,
      position: i + 1,
      kind: q.kind,
      prompt: q.prompt,
      easyPrompt: q.easyPrompt ?? null,
      why: q.why ?? null,
      required,
      maxLength,
      translations: {},
      options: optionRows.map((o) => ({ ...o, easyLabel: null, translations: {} })),
      outcomeIds: tags.map((t) => fw.outcomeId[t.outcome]),
    });
    out.push({
      id: questionId,
      kind: q.kind,
      required,
      maxLength,
      options: options.map((o) => {
        const row = byLabel.get(o.label);
        if (!row) throw new Error(`option ${o.label} not stored`);
        return row;
      }),
      outcomeIds: tags.map((t) => fw.outcomeId[t.outcome]),
    });
  });
  return {
    id,
    audience: row.audience,
    questions: out,
    asAnswered: {
      id,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      easySummary: row.easySummary ?? null,
      audience: row.audience,
      ageBands: row.ageBands ?? [],
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      resultsBy: row.resultsBy ?? null,
      status: row.status ?? "draft",
      minutes: row.minutes ?? 5,
      translations: row.translations ?? {},
      questions: asAnswered,
    },
  };
}

function optionId(q: SeedQuestion, label: string) {
  const o = q.options.find((x) => x.label === label);
  if (!o) throw new Error(`no option "${label}"`);
  return o.id;
}

const answer = {
  scale: (value: number): DraftAnswer => ({ value }),
  single: (q: SeedQuestion, label: string): DraftAnswer => ({ optionIds: [optionId(q, label)] }),
  multiple: (q: SeedQuestion, labels: string[], other?: string): DraftAnswer => {
    const a: DraftAnswer = { optionIds: labels.map((l) => optionId(q, l)) };
    if (other !== undefined) a.text = other;
    return a;
  },
  ranking: (q: SeedQuestion, order: string[]): DraftAnswer => ({
    ranks: Object.fromEntries(order.map((label, i) => [String(optionId(q, label)), i + 1])),
  }),
  text: (text: string): DraftAnswer => ({ text }),
};

/** Picks 1..max labels, each with its own chance, at least one. */
function pickSome(rng: Rng, chances: Record<string, number>, max: number) {
  let chosen = Object.keys(chances).filter((label) => rng.chance(chances[label]));
  if (!chosen.length) chosen = [rng.weighted(chances)];
  return rng.shuffle(chosen).slice(0, max);
}

/** Orders labels by weighted draws without replacement. */
function weightedOrder(rng: Rng, weights: Record<string, number>) {
  const left = { ...weights };
  const out: string[] = [];
  while (Object.keys(left).length) {
    const label = rng.weighted(left);
    out.push(label);
    delete left[label];
  }
  return out;
}

function scaleValue(rng: Rng, mean: number, spread = 0.95) {
  return Math.min(5, Math.max(1, Math.round(mean + rng.normal() * spread)));
}

// Answers go through the one answer writer (buildResponse + writeResponse in app/models/responses.server.ts),
// then the officer's past moderation is replayed on the free text, as the moderation queue would have done it.

type TextDecision = { state: ModerationState; moderatedAt?: Date; reason?: string; officerTags?: number[] };
type TextPolicy = (input: { at: Date; body: string; check: TextCheck; question: SeedQuestion }) => TextDecision;

type SeedResponse = {
  at: Date;
  about: { audience: Audience; ageBand: string | null; localityId: number | null };
  answers: Record<string, DraftAnswer>;
  channel: "online" | "paper";
  language: string;
  readingLevel: "standard" | "easy";
};

function insertBatched<R>(rows: R[], insert: (chunk: R[]) => void) {
  for (let i = 0; i < rows.length; i += BATCH) insert(rows.slice(i, i + BATCH));
}

function writeResponses(
  db: DB,
  tx: Tx,
  c: SeedConsultation,
  list: SeedResponse[],
  policy: TextPolicy,
  officerId: number,
) {
  const tagRows: (typeof contributionTags.$inferInsert)[] = [];
  const eventRows: (typeof moderationEvents.$inferInsert)[] = [];

  for (const r of [...list].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const iso = r.at.toISOString();
    const prepared = buildResponse(c.asAnswered, r.answers, {
      audience: r.about.audience,
      ageBand: r.about.ageBand ?? undefined,
      localityId: r.about.localityId,
    });
    // Same connection as tx, so this write is part of the seed's one transaction.
    const responseId = writeResponse(db, prepared, {
      consultationId: c.id,
      receiptHash: null,
      channel: r.channel,
      language: r.language,
      readingLevel: r.readingLevel,
      at: iso,
    });
    const stored = tx
      .select({ id: contributions.id, questionId: contributions.questionId })
      .from(contributions)
      .where(eq(contributions.responseId, responseId))
      .all();

    for (const q of c.questions) {
      const a = r.answers[String(q.id)];
      if (!a) continue;
      const text = a.text?.trim() || null;
      if (!text) continue;
      const check = checkText(text);
      if (check.escalate) {
        if (!T.escalationTexts.has(text)) throw new Error(`unexpected escalation: ${text}`);
        policy({ at: r.at, body: text, check, question: q }); // keeps the random draws as they were
        continue;
      }
      const decision = policy({ at: r.at, body: text, check, question: q });
      if (!decision.moderatedAt || (decision.state !== "approved" && decision.state !== "hidden")) continue;
      const contributionId = stored.find((s) => s.questionId === q.id)?.id;
      if (!contributionId) throw new Error(`answer to question ${q.id} was not stored`);
      const at = decision.moderatedAt.toISOString();
      tx.update(contributions)
        .set({ moderationState: decision.state, moderatedAt: at, moderatedBy: officerId })
        .where(eq(contributions.id, contributionId))
        .run();
      eventRows.push({
        contributionId,
        staffId: officerId,
        action: decision.state === "approved" ? "approve" : "hide",
        fromState: "pending",
        toState: decision.state,
        reason: decision.reason ?? null,
        createdAt: at,
      });
      for (const outcomeId of decision.officerTags ?? []) {
        if (q.outcomeIds.includes(outcomeId)) continue;
        tagRows.push({ contributionId, outcomeId, source: "officer", taggedBy: officerId, createdAt: at });
      }
    }
  }

  insertBatched(tagRows, (chunk) => tx.insert(contributionTags).values(chunk).run());
  insertBatched(eventRows, (chunk) => tx.insert(moderationEvents).values(chunk).run());
  return list.length;
}

/** Free text in an open consultation: the last two days still wait for the officer, a few others too. */
function openPolicy(rng: Rng, now: Date): TextPolicy {
  return ({ at, body }) => {
    if (T.offTopic.includes(body))
      return {
        state: "hidden",
        moderatedAt: minDate(addHours(at, rng.int(3, 30)), addHours(now, -1)),
        reason: "Not about the question",
      };
    if (now.getTime() - at.getTime() < 2 * DAY || rng.chance(0.07)) return { state: "pending" };
    return { state: "approved", moderatedAt: minDate(addHours(at, rng.int(3, 40)), addHours(now, -1)) };
  };
}

// The seed ------------------------------------------------------------------------------------------------

/** True when the database holds no county yet: no staff, areas, plans or consultations. */
export function isEmpty(db: DB) {
  const count = (table: typeof staffUsers | typeof areas | typeof plans | typeof consultations) =>
    db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
  return count(staffUsers) + count(areas) + count(plans) + count(consultations) === 0;
}

/** Fills an empty database with the Wealdshire demo county, all or nothing. */
export async function seedDemo(db: DB, opts: { now?: Date } = {}): Promise<void> {
  if (!isEmpty(db)) throw new Error("seedDemo needs an empty database");
  const now = opts.now ?? new Date();
  // Password hashing is asynchronous; do it before the (synchronous) transaction.
  const hashes = await Promise.all(demoStaff.map(() => hashPassword(DEMO_PASSWORD)));

  db.transaction((tx) => {
    const rng = createRng(0x5eed2025);
    const codeRng = createRng(0x0c0de5);
    const nextCode = joinCodes(codeRng);

    // Staff
    const staff = tx
      .insert(staffUsers)
      .values(demoStaff.map((s, i) => ({ ...s, passwordHash: hashes[i], createdAt: addDays(now, -400).toISOString() })))
      .returning({ id: staffUsers.id, role: staffUsers.role })
      .all();
    const staffId = (role: string) => {
      const s = staff.find((x) => x.role === role);
      if (!s) throw new Error(role);
      return s.id;
    };
    const officerId = staffId("officer");
    const boardMemberId = staffId("board");

    // Areas and localities
    const areaRows = tx.insert(areas).values(areaSpecs).returning().all();
    const areaId = (slug: string) => areaRows.find((a) => a.slug === slug)?.id ?? 0;
    const localityRows = tx
      .insert(localities)
      .values(localitySpecs.map((l) => ({ areaId: areaId(l.area), name: l.name, slug: l.slug })))
      .returning()
      .all();
    const localityBySlug = new Map(localityRows.map((l) => [l.slug, l]));
    const locality = (slug: string) => {
      const l = localityBySlug.get(slug);
      if (!l) throw new Error(slug);
      return l;
    };
    const localityWeights = Object.fromEntries(localitySpecs.map((l) => [l.slug, l.weight]));
    const pickLocality = () => (rng.chance(0.06) ? null : rng.weighted(localityWeights));

    // Groups
    const groupRows: (typeof groups.$inferInsert)[] = [
      {
        name: "Sounding Board for Children and Young People",
        kind: "sounding_board",
        audience: "young_people",
        localityId: null,
        joinCode: nextCode(),
      },
      {
        name: "Sounding Board for Parents and Carers",
        kind: "sounding_board",
        audience: "parents_carers",
        localityId: null,
        joinCode: nextCode(),
      },
    ];
    for (const l of localityRows) {
      groupRows.push(
        {
          name: `${l.name} Children and Young People's Forum`,
          kind: "forum",
          audience: "young_people",
          localityId: l.id,
          joinCode: nextCode(),
        },
        {
          name: `${l.name} Parents and Carers' Forum`,
          kind: "forum",
          audience: "parents_carers",
          localityId: l.id,
          joinCode: nextCode(),
        },
      );
    }
    groupRows.push(
      {
        name: "Hatherton Academy School Council",
        kind: "school_council",
        audience: "young_people",
        localityId: locality("hatherton").id,
        joinCode: nextCode(),
      },
      {
        name: "Wealdshire Young Carers' Youth Forum",
        kind: "youth_forum",
        audience: "young_people",
        localityId: null,
        joinCode: nextCode(),
      },
    );
    tx.insert(groups).values(groupRows).run();

    // The CYPP framework: the previous plan kept, the current one active.
    tx.insert(plans)
      .values({
        title: "Children and Young People's Plan 2022–25",
        startsOn: "2022-04-01",
        endsOn: "2025-03-31",
        active: false,
      })
      .run();
    const planId = tx
      .insert(plans)
      .values({
        title: "Children and Young People's Plan 2025–28",
        startsOn: "2025-04-01",
        endsOn: "2028-03-31",
        active: true,
      })
      .returning({ id: plans.id })
      .get().id;
    const outcomeId = {} as Record<OutcomeKey, number>;
    const priorityIds = new Map<string, number>();
    outcomeSpecs.forEach((o, i) => {
      const id = tx
        .insert(outcomes)
        .values({ planId, key: o.key, title: o.title, childTitle: o.childTitle, position: i + 1 })
        .returning({ id: outcomes.id })
        .get().id;
      outcomeId[o.key] = id;
      o.priorities.forEach((p, j) => {
        const pid = tx
          .insert(priorities)
          .values({ outcomeId: id, title: p.title, position: j + 1 })
          .returning({ id: priorities.id })
          .get().id;
        priorityIds.set(p.title, pid);
        if (p.targets?.length) {
          tx.insert(targets)
            .values(
              p.targets.map((t) => ({
                priorityId: pid,
                indicator: t.indicator,
                baseline: t.baseline,
                target: t.target,
                currentValue: t.current,
              })),
            )
            .run();
        }
      });
    });
    const fw: Framework = {
      outcomeId,
      priorityId: (title) => {
        const id = priorityIds.get(title);
        if (!id) throw new Error(`no priority ${title}`);
        return id;
      },
    };

    // Bodies and meetings
    const [partnership, board] = tx
      .insert(bodies)
      .values([
        { name: "Children and Young People's Strategic Partnership", kind: "partnership" },
        { name: "Children and Young People's Board", kind: "board" },
      ])
      .returning({ id: bodies.id })
      .all();
    const meeting = (bodyId: number, name: string, on: Date, place: string) =>
      tx
        .insert(meetings)
        .values({
          bodyId,
          title: `${name} – ${monthYear(on)}`,
          meetsOn: ymd(on),
          place,
          createdAt: addDays(on, -42).toISOString(),
        })
        .returning({ id: meetings.id })
        .get().id;
    const partnershipPastOn = outsideHolidays(onWeekday(addDays(now, -84), 2));
    const boardPastOn = outsideHolidays(onWeekday(addDays(now, -63), 4));
    const boardNextOn = outsideHolidays(onWeekday(addDays(now, 18), 4));
    const partnershipNextOn = outsideHolidays(onWeekday(addDays(now, 36), 2));
    const partnershipPast = meeting(
      partnership.id,
      "Children and Young People's Strategic Partnership",
      partnershipPastOn,
      "Committee Room 2, County Hall, Wealdham",
    );
    const boardPast = meeting(
      board.id,
      "Children and Young People's Board",
      boardPastOn,
      "Council Chamber, County Hall, Wealdham",
    );
    meeting(board.id, "Children and Young People's Board", boardNextOn, "Council Chamber, County Hall, Wealdham");
    meeting(
      partnership.id,
      "Children and Young People's Strategic Partnership",
      partnershipNextOn,
      "Brackenford Family Centre, Brackenford",
    );

    // 1. Feeling safe on the way to school (open) ---------------------------------------------------------
    const travelOpens = addDays(now, -21);
    const travel = createConsultation(tx, fw, {
      slug: "feeling-safe-travel",
      title: "Feeling safe on the way to school",
      summary:
        "We want to know how safe you feel on your way to and from school, and what would make your journey feel safer. The Children and Young People's Board will look at what you tell us.",
      easySummary: "Tell us if you feel safe going to school and what would help.",
      audience: "young_people",
      ageBands: ["8_11", "12_15", "16_19"],
      localityIds: [],
      opensAt: travelOpens.toISOString(),
      closesAt: addDays(now, 28).toISOString(),
      resultsBy: addDays(now, 56).toISOString(),
      status: "open",
      minutes: 4,
      translations: {
        pl: {
          title: "Bezpieczna droga do szkoły",
          summary:
            "Chcemy wiedzieć, jak bezpiecznie czujesz się w drodze do szkoły i z powrotem oraz co mogłoby sprawić, że będzie bezpieczniej.",
        },
        ar: {
          title: "الشعور بالأمان في الطريق إلى المدرسة",
          summary: "نريد أن نعرف مدى شعورك بالأمان في طريقك من وإلى المدرسة، وما الذي قد يجعل رحلتك أكثر أمانًا.",
        },
      },
      createdBy: officerId,
      createdAt: addDays(now, -30).toISOString(),
      publishedAt: travelOpens.toISOString(),
      questions: [
        {
          kind: "scale",
          prompt: "How safe do you feel on your way to school?",
          easyPrompt: "Do you feel safe going to school?",
          why: "This tells us which journeys feel safe and which don't.",
          tags: [{ outcome: "stay-safe", priority: "Safe journeys and safer streets" }],
        },
        {
          kind: "single",
          prompt: "How do you usually get to school?",
          options: ["Walk", "Bus", "Car", "Bike or scooter", "Train"],
        },
        {
          kind: "multiple",
          prompt: "What would make your journey feel safer?",
          easyPrompt: "What would help you feel safer?",
          options: [
            "More lights on the way",
            "Safer places to cross the road",
            "Staff at the bus stop after school",
            "Travelling with friends",
            "Less crowded buses",
            { label: "Other", easyLabel: "Something else", isOther: true },
          ],
        },
        {
          kind: "ranking",
          prompt: "Put these in order: what matters most to you about your journey?",
          easyPrompt: "What matters most? Put them in order.",
          options: ["Feeling safe", "Getting there quickly", "Being with friends", "Not costing much"],
        },
        {
          kind: "short_text",
          prompt: "If you could change one thing about your journey, what would it be?",
          easyPrompt: "What one thing would you change?",
          required: false,
        },
        {
          kind: "long_text",
          prompt: "Tell us more about your journey",
          easyPrompt: "Tell us about your journey",
          why: "Your own words help us understand what it is really like. We read everything before it is shared and take out names and personal details.",
          required: false,
          tags: [{ outcome: "stay-safe", priority: "Safe journeys and safer streets" }],
        },
      ],
    });
    {
      const [qScale, qMode, qSafer, qRank, qShort, qLong] = travel.questions;
      const modeWeights: Record<string, Record<string, number>> = {
        "8_11": { Walk: 45, Car: 33, Bus: 10, "Bike or scooter": 10, Train: 2 },
        "12_15": { Walk: 34, Bus: 40, Car: 12, "Bike or scooter": 11, Train: 3 },
        "16_19": { Bus: 42, Walk: 20, Train: 16, Car: 11, "Bike or scooter": 11 },
      };
      const ageMood: Record<string, number> = { "8_11": 3.7, "12_15": 3.2, "16_19": 3.5 };
      const personal = [...T.journeyPersonal];
      const offTopic = [T.offTopic[0]];
      const list: SeedResponse[] = [];
      for (let i = 0; i < 150; i++) {
        const ageBand = rng.weighted({ "8_11": 30, "12_15": 45, "16_19": 25 });
        const slug = pickLocality();
        const weights = { ...modeWeights[ageBand] };
        if (slug && rural.has(slug)) weights.Bus *= 1.8;
        const mode = rng.weighted(weights);
        const modeMood = mode === "Car" ? 0.4 : mode === "Bus" ? -0.3 : 0;
        const answers: Record<string, DraftAnswer> = {
          [qScale.id]: answer.scale(scaleValue(rng, ageMood[ageBand] + (slug ? journeyMood[slug] : 0) + modeMood)),
          [qMode.id]: answer.single(qMode, mode),
        };
        const safer = pickSome(
          rng,
          {
            "More lights on the way": 0.4,
            "Safer places to cross the road": mode === "Walk" || mode === "Bike or scooter" ? 0.55 : 0.2,
            "Staff at the bus stop after school": mode === "Bus" ? 0.5 : 0.1,
            "Travelling with friends": 0.35,
            "Less crowded buses": mode === "Bus" ? 0.55 : 0.05,
          },
          3,
        );
        answers[qSafer.id] = rng.chance(0.07)
          ? answer.multiple(qSafer, [...safer.slice(0, 1), "Other"], rng.pick(T.journeyOther))
          : answer.multiple(qSafer, safer);
        answers[qRank.id] = answer.ranking(
          qRank,
          weightedOrder(rng, {
            "Feeling safe": 4,
            "Getting there quickly": 2.5,
            "Being with friends": 3,
            "Not costing much": ageBand === "16_19" ? 3 : 1.2,
          }),
        );
        if (rng.chance(0.4)) answers[qShort.id] = answer.text(rng.pick(T.journeyShort));
        if (rng.chance(0.66)) {
          let body: string;
          if (personal.length && rng.chance(0.05)) body = personal.shift() as string;
          else if (offTopic.length && rng.chance(0.02)) body = offTopic.shift() as string;
          else {
            const fits = T.journeySituations.filter((s) => !s.modes || s.modes.includes(mode));
            const situation = rng.pick(fits);
            body = rng.chance(0.6) ? `${situation.text} ${rng.pick(T.journeyWishes[situation.topic])}` : situation.text;
          }
          answers[qLong.id] = answer.text(body);
        }
        const easy = ageBand === "8_11" && rng.chance(0.45);
        list.push({
          at: answerTime(rng, travelOpens, addHours(now, -3)),
          about: { audience: "young_people", ageBand, localityId: slug ? locality(slug).id : null },
          answers,
          channel: "online",
          language: rng.weighted({ en: 95, pl: 3, ar: 2 }),
          readingLevel: easy ? "easy" : "standard",
        });
      }
      // Any personal-detail answers not yet used go to some of the people who wrote at length.
      for (const r of list) {
        if (!personal.length) break;
        if (r.answers[qLong.id] && rng.chance(0.2)) r.answers[qLong.id] = answer.text(personal.shift() as string);
      }
      // The one disclosure: yesterday evening, from a 12–15-year-old who travels by bus.
      const disclosure = list.find(
        (r) => r.about.ageBand === "12_15" && r.answers[qMode.id]?.optionIds?.[0] === optionId(qMode, "Bus"),
      );
      if (disclosure) {
        disclosure.at = addHours(now, -20);
        disclosure.answers[qScale.id] = answer.scale(1);
        disclosure.answers[qLong.id] = answer.text(T.journeyEscalation);
      }
      writeResponses(db, tx, travel, list, openPolicy(rng, now), officerId);
    }

    // 2. Healthy lunches at school (open, both audiences) ---------------------------------------------------
    const lunchOpens = addDays(now, -10);
    const lunches = createConsultation(tx, fw, {
      slug: "healthy-lunches",
      title: "Healthy lunches at school",
      summary:
        "School lunches are changing next year. Tell us what you think of them now and what would make them better. Children, young people, parents and carers can all answer.",
      easySummary: "What do you think of school lunches? Help us make them better.",
      audience: "both",
      ageBands: ["8_11", "12_15", "16_19"],
      localityIds: [],
      opensAt: lunchOpens.toISOString(),
      closesAt: addDays(now, 35).toISOString(),
      resultsBy: addDays(now, 70).toISOString(),
      status: "open",
      minutes: 3,
      translations: {},
      createdBy: officerId,
      createdAt: addDays(now, -14).toISOString(),
      publishedAt: lunchOpens.toISOString(),
      questions: [
        {
          kind: "scale",
          prompt: "How good are the lunches at school?",
          easyPrompt: "Are school lunches good?",
          tags: [{ outcome: "be-healthy", priority: "Healthy weight: tackling overweight and obesity" }],
        },
        {
          kind: "multiple",
          prompt: "What would make school lunches better?",
          options: [
            "More choice",
            "Healthier food",
            "Bigger portions",
            "Cheaper prices",
            "Less time queueing",
            { label: "Other", easyLabel: "Something else", isOther: true },
          ],
        },
        {
          kind: "long_text",
          prompt: "Is there anything else you want to tell us about school lunches?",
          easyPrompt: "Anything else about lunches?",
          required: false,
          tags: [{ outcome: "be-healthy", priority: "Healthy weight: tackling overweight and obesity" }],
        },
      ],
    });
    {
      const [qScale, qBetter, qLong] = lunches.questions;
      const list: SeedResponse[] = [];
      for (let i = 0; i < 40; i++) {
        const parent = rng.chance(0.35);
        const ageBand = parent ? null : rng.weighted({ "8_11": 35, "12_15": 45, "16_19": 20 });
        const slug = pickLocality();
        const better = pickSome(
          rng,
          {
            "More choice": 0.5,
            "Healthier food": parent ? 0.55 : 0.25,
            "Bigger portions": ageBand === "12_15" || ageBand === "16_19" ? 0.45 : 0.1,
            "Cheaper prices": parent ? 0.5 : 0.35,
            "Less time queueing": parent ? 0.1 : 0.45,
          },
          3,
        );
        const answers: Record<string, DraftAnswer> = {
          [qScale.id]: answer.scale(scaleValue(rng, parent ? 3.1 : 2.8)),
          [qBetter.id]: rng.chance(0.08)
            ? answer.multiple(qBetter, [...better.slice(0, 1), "Other"], rng.pick(T.lunchOther))
            : answer.multiple(qBetter, better),
        };
        if (rng.chance(parent ? 0.75 : 0.55))
          answers[qLong.id] = answer.text(rng.pick(parent ? T.lunchParents : T.lunchYoung));
        list.push({
          at: answerTime(rng, lunchOpens, addHours(now, -2)),
          about: {
            audience: parent ? "parents_carers" : "young_people",
            ageBand,
            localityId: slug ? locality(slug).id : null,
          },
          answers,
          channel: "online",
          language: parent ? rng.weighted({ en: 85, pl: 10, ar: 5 }) : "en",
          readingLevel: ageBand === "8_11" && rng.chance(0.4) ? "easy" : "standard",
        });
      }
      writeResponses(db, tx, lunches, list, openPolicy(rng, now), officerId);
    }

    // 3. Your say on youth clubs (closed and reported to the Board) --------------------------------------------
    const clubOpens = addDays(now, -150);
    let clubResponses = 0;
    const clubCloses = addDays(now, -90);
    const clubs = createConsultation(tx, fw, {
      slug: "your-say-youth-clubs",
      title: "Your say on youth clubs",
      summary:
        "Youth clubs across Wealdshire are being planned for the next three years. Tell us what you like about them, what stops you going, and what would make them better.",
      easySummary: "Tell us what you think about youth clubs.",
      audience: "young_people",
      ageBands: ["8_11", "12_15", "16_19"],
      localityIds: [],
      opensAt: clubOpens.toISOString(),
      closesAt: clubCloses.toISOString(),
      resultsBy: addDays(now, -28).toISOString(),
      status: "reported",
      minutes: 3,
      translations: {},
      createdBy: officerId,
      createdAt: addDays(now, -160).toISOString(),
      publishedAt: clubOpens.toISOString(),
      questions: [
        {
          kind: "scale",
          prompt: "How good are the things to do for young people where you live?",
          easyPrompt: "Are there good things to do near you?",
          tags: [{ outcome: "enjoy-and-achieve", priority: "Places to go and things to do" }],
        },
        {
          kind: "single",
          prompt: "How often do you go to a youth club?",
          options: ["Every week", "Once or twice a month", "Hardly ever", "Never"],
        },
        {
          kind: "multiple",
          prompt: "What stops you going to youth club more often?",
          easyPrompt: "What stops you going?",
          options: [
            "It closes too early",
            "It costs too much to get there",
            "There's nothing I like doing",
            "I don't know anyone there",
            "It isn't open at weekends",
            { label: "Other", easyLabel: "Something else", isOther: true },
          ],
        },
        {
          kind: "long_text",
          prompt: "What would make youth clubs better for you?",
          easyPrompt: "How could youth clubs be better?",
          why: "The Children and Young People's Board will read what you say before it decides what happens to youth clubs.",
          required: false,
        },
      ],
    });
    {
      const [qScale, qOften, qStops, qLong] = clubs.questions;
      const personal = [...T.clubPersonal];
      const offTopic = [T.offTopic[1]];
      const positiveRe = /\b(say|run|running|volunteer|young carer|decide)\b/i;
      const list: SeedResponse[] = [];
      for (let i = 0; i < 120; i++) {
        const ageBand = rng.weighted({ "8_11": 25, "12_15": 48, "16_19": 27 });
        const slug = pickLocality();
        const often = rng.weighted({ "Every week": 30, "Once or twice a month": 25, "Hardly ever": 25, Never: 20 });
        const stops = pickSome(
          rng,
          {
            "It closes too early": 0.55,
            "It costs too much to get there": slug && rural.has(slug) ? 0.7 : 0.38,
            "There's nothing I like doing": ageBand === "16_19" ? 0.45 : 0.2,
            "I don't know anyone there": often === "Never" ? 0.5 : 0.12,
            "It isn't open at weekends": 0.3,
          },
          3,
        );
        const answers: Record<string, DraftAnswer> = {
          [qScale.id]: answer.scale(
            scaleValue(rng, (slug && rural.has(slug) ? 2.2 : 2.8) + (often === "Every week" ? 0.4 : 0)),
          ),
          [qOften.id]: answer.single(qOften, often),
          [qStops.id]: rng.chance(0.05)
            ? answer.multiple(
                qStops,
                [...stops.slice(0, 1), "Other"],
                rng.pick(["My mum says it's too late", "I have to look after my brother", "My friends don't go"]),
              )
            : answer.multiple(qStops, stops),
        };
        if (rng.chance(0.75)) {
          let body: string;
          if (personal.length && rng.chance(0.04)) body = personal.shift() as string;
          else if (offTopic.length && rng.chance(0.02)) body = offTopic.shift() as string;
          else {
            const situation = rng.pick(T.clubSituations);
            const [text, wishes] =
              typeof situation === "string" ? [situation, T.clubWishes] : [situation.text, situation.wishes];
            body = rng.chance(0.65) ? `${text} ${rng.pick(wishes)}` : text;
          }
          answers[qLong.id] = answer.text(body);
        }
        list.push({
          at: answerTime(rng, clubOpens, clubCloses),
          about: { audience: "young_people", ageBand, localityId: slug ? locality(slug).id : null },
          answers,
          channel: rng.chance(0.15) ? "paper" : "online",
          language: "en",
          readingLevel: ageBand === "8_11" && rng.chance(0.4) ? "easy" : "standard",
        });
      }
      const clubPolicy: TextPolicy = ({ at, body, question }) => {
        const moderatedAt = addHours(at, rng.int(4, 60));
        if (T.offTopic.includes(body)) return { state: "hidden", moderatedAt, reason: "Not about the question" };
        if (question.kind !== "long_text" || rng.chance(0.1)) return { state: "approved", moderatedAt };
        const tags = [outcomeId["enjoy-and-achieve"]];
        if (positiveRe.test(body)) tags.push(outcomeId["positive-contribution"]);
        return { state: "approved", moderatedAt, officerTags: tags };
      };
      clubResponses = writeResponses(db, tx, clubs, list, clubPolicy, officerId);
    }

    // 4. Mental health support in schools (draft) ---------------------------------------------------------------
    createConsultation(tx, fw, {
      slug: "mental-health-support-schools",
      title: "Mental health support in schools",
      summary:
        "We want to hear how easy it is to get help at school when you are worried, sad or stressed, and what would help more.",
      easySummary: "Is it easy to get help at school when you feel worried or sad?",
      audience: "young_people",
      ageBands: ["12_15", "16_19"],
      localityIds: [],
      opensAt: addDays(now, 14).toISOString(),
      closesAt: addDays(now, 56).toISOString(),
      resultsBy: addDays(now, 100).toISOString(),
      status: "draft",
      minutes: 3,
      translations: {},
      createdBy: officerId,
      createdAt: addDays(now, -3).toISOString(),
      publishedAt: null,
      questions: [
        {
          kind: "scale",
          prompt: "If you were worried or sad at school, how easy would it be to find someone to talk to?",
          easyPrompt: "Is there someone to talk to at school if you feel worried or sad?",
          tags: [{ outcome: "be-healthy", priority: "Emotional wellbeing and mental health" }],
        },
        {
          kind: "long_text",
          prompt: "What would help you feel better supported at school?",
          easyPrompt: "What would help you at school?",
          required: false,
          tags: [{ outcome: "be-healthy", priority: "Emotional wellbeing and mental health" }],
        },
      ],
    });

    // The Board meeting that heard about youth clubs: summary, response, "you said, we did" ---------------------
    const scope: Scope = {
      from: clubOpens.toISOString(),
      to: clubCloses.toISOString(),
      outcomeIds: [outcomeId["enjoy-and-achieve"], outcomeId["positive-contribution"]],
    };
    const figures = computeFigures(scope, tx);
    const share = (label: string) => {
      const row = tx
        .select({ n: sql<number>`count(distinct ${contributions.responseId})` })
        .from(contributionChoices)
        .innerJoin(contributions, eq(contributions.id, contributionChoices.contributionId))
        .where(eq(contributionChoices.optionId, optionId(clubs.questions[2], label)))
        .get();
      return Math.round(((row?.n ?? 0) * 100) / clubResponses);
    };
    const enjoyment = figures.outcomes.find((o) => o.outcomeId === outcomeId["enjoy-and-achieve"]);
    const ratedGood = enjoyment?.scaleAnswers ? Math.round((enjoyment.positive * 100) / enjoyment.scaleAnswers) : 0;
    const summaryTitle = "What young people told us about youth clubs";
    const summaryId = tx
      .insert(summaries)
      .values({
        meetingId: boardPast,
        title: summaryTitle,
        periodFrom: scope.from,
        periodTo: scope.to,
        outcomeIds: scope.outcomeIds,
        figures,
        keyMessage: `Young people value their youth clubs and the youth workers who run them, but ${share("It closes too early")}% said clubs close too early and ${share("It costs too much to get there")}% that they cost too much to get to, most of all from villages. Only ${ratedGood}% rated the things to do where they live as good, and older teenagers find little for them.`,
        recommendation:
          "That the Board asks the Youth Service to open three youth clubs until 9pm on Fridays, and supports a one-year trial of free bus travel to youth clubs for 11–19-year-olds.",
        createdBy: officerId,
        createdAt: addDays(boardPastOn, -12).toISOString(),
      })
      .returning({ id: summaries.id })
      .get().id;
    tx.run(sql`insert into summary_sources (summary_id, contribution_id)
      select ${summaryId}, id from contributions where ${scopeWhere(scope, tx)}`);
    const candidates = tx
      .select({ id: contributions.id, text: contributions.maskedBody })
      .from(contributions)
      .innerJoin(
        summarySources,
        and(eq(summarySources.contributionId, contributions.id), eq(summarySources.summaryId, summaryId)),
      )
      .where(and(eq(contributions.kind, "text"), sql`${contributions.maskedBody} not like '%[removed]%'`))
      .orderBy(contributions.id)
      .all();
    const quotes: { id: number; text: string }[] = [];
    for (const re of [/shuts at 7/, /bus there and back|last bus/, /help run it|young carer/]) {
      const q = candidates.find((c) => c.text && re.test(c.text) && !quotes.some((x) => x.id === c.id));
      if (q?.text) quotes.push({ id: q.id, text: q.text });
    }
    if (quotes.length)
      tx.insert(summaryQuotes)
        .values(quotes.map((q) => ({ summaryId, contributionId: q.id, text: q.text })))
        .run();

    const decisionItem = tx
      .insert(agendaItems)
      .values({
        meetingId: boardPast,
        summaryId,
        title: summaryTitle,
        kind: "decision",
        position: 1,
        exceptionFlags: [],
      })
      .returning({ id: agendaItems.id })
      .get().id;
    tx.insert(agendaItems)
      .values({
        meetingId: boardPast,
        summaryId: null,
        title: "Sounding Board for Children and Young People: annual report",
        kind: "information",
        position: 2,
        exceptionFlags: [],
      })
      .run();
    tx.insert(agendaItems)
      .values({
        meetingId: partnershipPast,
        summaryId: null,
        title: "Healthy weight: exception report on Year 6 measurements",
        kind: "information",
        position: 1,
        exceptionFlags: [],
      })
      .run();
    const responseId = tx
      .insert(boardResponses)
      .values({
        agendaItemId: decisionItem,
        decision:
          "The Board agreed the recommendation. Ashcombe, Wealdham East and Brackenford youth clubs will open until 9pm on Fridays from next term, and 11–19-year-olds will get free bus travel to and from youth clubs for a one-year trial.",
        actions:
          "1. Head of Youth Service to extend Friday opening at the three clubs from the start of next term.\n2. Passenger Transport Manager to set up the free bus pass trial with the bus companies and report costs to the Partnership.\n3. Participation Officer to tell young people what happened through the Sounding Board and forums, and report back on the trial in six months.",
        recordedBy: boardMemberId,
        recordedAt: addHours(boardPastOn, 16.5).toISOString(),
      })
      .returning({ id: boardResponses.id })
      .get().id;
    tx.insert(youSaidWeDid)
      .values({
        boardResponseId: responseId,
        outcomeId: outcomeId["enjoy-and-achieve"],
        youSaid: "You said youth clubs close too early and cost too much to get to.",
        weDid:
          "We are keeping three youth clubs open until 9pm on Fridays: Ashcombe, Wealdham East and Brackenford. And we are giving free bus passes for getting to youth clubs, for one year to start with. We will tell you how it is going in six months.",
        youSaidParents:
          "Young people told us that youth clubs close too early, that bus fares stop them going, and that there is too little for older teenagers.",
        weDidParents:
          "The Children and Young People's Board agreed that Ashcombe, Wealdham East and Brackenford youth clubs will open until 9pm on Fridays, and that 11–19-year-olds will travel free by bus to and from youth clubs during a one-year trial. Progress will be reported back in six months.",
        publishedAt: addDays(now, -30).toISOString(),
      })
      .run();
  });
}

async function main() {
  const db = openDatabase();
  try {
    if (!isEmpty(db)) {
      console.log("Database already has data; not seeding");
      return;
    }
    await seedDemo(db);
    console.log("Seeded demo county");
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
