/**
 * Participants who have answered every question and are about to press "Send my answers": a random receipt
 * each, and its draft written straight into response_drafts (keyed by the receipt's SHA-256, as the app does).
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { DraftAbout, DraftAnswer } from "../../app/models/consultations/types";
import { answerIsValid } from "../../app/schemas/answers";

type Option = { id: number; isOther: boolean };
type Question = { id: number; kind: string; required: boolean; maxLength: number; options: Option[] };
export type BenchConsultation = { id: number; slug: string; questions: Question[]; localityIds: number[] };
export type Receipt = { receipt: string; hash: string; answered: number };

export function openDatabase(file: string) {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  return db;
}

export function loadConsultation(db: Database.Database, slug: string): BenchConsultation {
  const c = db.prepare("select id, status from consultations where slug = ?").get(slug) as
    | { id: number; status: string }
    | undefined;
  if (!c) throw new Error(`no consultation "${slug}" in the seeded database`);
  if (c.status !== "open") throw new Error(`consultation "${slug}" is ${c.status}, not open`);
  const qs = db
    .prepare(
      "select id, kind, required, max_length as maxLength from questions where consultation_id = ? order by position, id",
    )
    .all(c.id) as { id: number; kind: string; required: number; maxLength: number }[];
  const optionsOf = db.prepare(
    "select id, is_other as isOther from question_options where question_id = ? order by position, id",
  );
  const questions = qs.map((q) => ({
    ...q,
    required: Boolean(q.required),
    options: (optionsOf.all(q.id) as { id: number; isOther: number }[]).map((o) => ({
      id: o.id,
      isOther: Boolean(o.isOther),
    })),
  }));
  const localityIds = (db.prepare("select id from localities").all() as { id: number }[]).map((l) => l.id);
  return { id: c.id, slug, questions, localityIds };
}

/** A small seeded PRNG (mulberry32), so two runs build the same answers and the same burst schedule. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORT = [
  "More street lights by the park",
  "A crossing outside school",
  "Buses that are not so full",
  "Someone at the bus stop after school",
  "Walking with my friends",
];
const LONG = [
  "I walk to school with my sister. The road by the shops is busy and there is nowhere safe to cross, so we wait a long time.",
  "The bus after school is very crowded and older kids push to get on. It would be better with another bus or someone there.",
  "In winter it is dark when I come home and the path by the field has no lights. I feel fine in the morning but not after school.",
  "My mum drives me because she thinks the walk is not safe. I would like to cycle if there was a proper path.",
];

function answerFor(q: Question, random: () => number): DraftAnswer {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const plain = q.options.filter((o) => !o.isOther);
  switch (q.kind) {
    case "scale":
      return { value: 1 + Math.floor(random() * 5) };
    case "single":
      return { optionIds: [pick(plain).id] };
    case "multiple": {
      const shuffled = [...plain].sort(() => random() - 0.5);
      const n = 1 + Math.floor(random() * Math.min(3, shuffled.length));
      return { optionIds: shuffled.slice(0, n).map((o) => o.id) };
    }
    case "ranking": {
      const order = [...q.options].sort(() => random() - 0.5);
      return { ranks: Object.fromEntries(order.map((o, i) => [String(o.id), i + 1])) };
    }
    case "short_text":
      return { text: pick(SHORT).slice(0, Math.min(q.maxLength, 200)) };
    case "long_text":
      return { text: pick(LONG).slice(0, q.maxLength) };
    default:
      throw new Error(`the bench does not know how to answer a "${q.kind}" question`);
  }
}

/** Writes `count` complete drafts (every question answered, "about you" filled in) and returns their receipts. */
export function prepareDrafts(
  db: Database.Database,
  consultation: BenchConsultation,
  count: number,
  seed: number,
): Receipt[] {
  const random = rng(seed);
  const insert = db.prepare(
    "insert into response_drafts (receipt_hash, consultation_id, answers, about, updated_at) values (?, ?, ?, ?, ?)",
  );
  const bands = ["8_11", "12_15", "16_19"];
  const receipts: Receipt[] = [];
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const receipt = crypto.randomBytes(24).toString("base64url");
      const hash = crypto.createHash("sha256").update(receipt).digest("hex");
      const answers: Record<string, DraftAnswer> = {};
      for (const q of consultation.questions) {
        const answer = answerFor(q, random);
        if (i === 0 && !answerIsValid(q, answer))
          throw new Error(`the bench built an invalid answer for question ${q.id}: ${JSON.stringify(answer)}`);
        answers[String(q.id)] = answer;
      }
      const about: DraftAbout = {
        audience: "young_people",
        ageBand: bands[Math.floor(random() * bands.length)],
        localityId: consultation.localityIds.length
          ? consultation.localityIds[Math.floor(random() * consultation.localityIds.length)]
          : null,
      };
      insert.run(hash, consultation.id, JSON.stringify(answers), JSON.stringify(about), now);
      receipts.push({ receipt, hash, answered: consultation.questions.length });
    }
  })();
  return receipts;
}

/**
 * Of the given receipts, how many have no stored response, or a response with fewer contributions than the
 * answers that were sent: an acknowledged submission that is not all there was lost.
 */
export function countLost(db: Database.Database, receipts: Receipt[]) {
  const stored = db.prepare(
    "select (select count(*) from contributions c where c.response_id = r.id) as n from responses r where r.receipt_hash = ?",
  );
  let lost = 0;
  for (const r of receipts) {
    const row = stored.get(r.hash) as { n: number } | undefined;
    if (!row || row.n < r.answered) lost++;
  }
  return lost;
}
