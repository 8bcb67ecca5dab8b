/**
 * Adds a consultation with 100,000 answers from 10,000 respondents to DATABASE_PATH, through the app's own
 * model functions (the same writer as online answers), for the results-page figure. Prints the consultation id.
 */
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import type { DraftAnswer, QuestionKind } from "~/models/consultations/types";
import { listActiveOutcomes, listLocalities } from "~/models/reference.server";
import { buildResponse, writeResponse } from "~/models/responses.server";
import { getDb } from "~db/client";

const RESPONDENTS = 10_000;
const day = 86400_000;
let state = 42;
const random = () => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

const db = getDb();
const officer = db.$client.prepare("select id from staff_users where role = 'officer' limit 1").get() as { id: number };
const outcomes = listActiveOutcomes();
const created = createConsultation({
  staffId: officer.id,
  title: "Bench: a big consultation",
  summary: "Ten thousand people answered ten questions.",
  easySummary: null,
  audience: "both",
  opensAt: new Date(Date.now() - 30 * day).toISOString(),
  closesAt: new Date(Date.now() + 30 * day).toISOString(),
  minutes: 5,
});
const kinds: QuestionKind[] = [
  "scale",
  "scale",
  "scale",
  "scale",
  "single",
  "single",
  "single",
  "multiple",
  "multiple",
  "ranking",
];
const options = ["First choice", "Second choice", "Third choice", "Fourth choice"];
for (const [i, kind] of kinds.entries()) {
  addQuestion({
    consultationId: created.id,
    kind,
    prompt: `Question ${i + 1} (${kind})`,
    easyPrompt: null,
    why: null,
    required: true,
    maxLength: 1000,
    options: kind === "scale" ? [] : options.map((label) => ({ label })),
    outcomeIds: [outcomes[i % outcomes.length].id],
  });
}
publishConsultation(created.id);
const consultation = getConsultationBySlug(created.slug);
if (!consultation) throw new Error("the bench consultation was not stored");

const localities = listLocalities().map((l) => l.id);
const bands = ["8_11", "12_15", "16_19", "20_25"];
const started = performance.now();
db.transaction(() => {
  for (let r = 0; r < RESPONDENTS; r++) {
    const answers: Record<string, DraftAnswer> = {};
    for (const q of consultation.questions) {
      const ids = q.options.map((o) => o.id);
      if (q.kind === "scale") answers[q.id] = { value: 1 + Math.floor(random() * 5) };
      else if (q.kind === "single") answers[q.id] = { optionIds: [pick(ids)] };
      else if (q.kind === "multiple") answers[q.id] = { optionIds: ids.filter(() => random() < 0.4).slice(0, 3) };
      else
        answers[q.id] = { ranks: Object.fromEntries([...ids].sort(() => random() - 0.5).map((id, i) => [id, i + 1])) };
      if (q.kind === "multiple" && !answers[q.id].optionIds?.length) answers[q.id] = { optionIds: [ids[0]] };
    }
    const parent = random() < 0.2;
    const prepared = buildResponse(consultation, answers, {
      audience: parent ? "parents_carers" : "young_people",
      ageBand: parent ? undefined : pick(bands),
      localityId: random() < 0.9 ? pick(localities) : null,
    });
    const at = new Date(Date.now() - random() * 20 * day).toISOString();
    writeResponse(db, prepared, {
      consultationId: consultation.id,
      receiptHash: null,
      channel: "online",
      language: "en",
      readingLevel: "standard",
      at,
    });
  }
});
const answers = db.$client
  .prepare("select count(*) as n from contributions where consultation_id = ?")
  .get(consultation.id) as { n: number };
console.error(
  `seeded ${RESPONDENTS.toLocaleString("en-GB")} respondents, ${answers.n.toLocaleString("en-GB")} answers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(consultation.id);
