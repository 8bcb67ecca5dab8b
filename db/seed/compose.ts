import type { DraftAnswer } from "../../app/models/consultations/types";
import { previousPeriodOf } from "../../app/models/summaries/content.server";
import { periodRange } from "../../app/utils/periods";
import { createConsultation } from "./consultations";
import { addDays, addHours, answerTime } from "./dates";
import type { ConsultationSeedContext } from "./demo-consultations";
import { createRng } from "./random";
import { answer, type SeedResponse, scaleValue, type TextPolicy, writeResponses } from "./responses";

/** What young people and parents wrote about feeling safe in parks and on the street (all approved, none personal). */
const YOUNG_WORDS = [
  "The park by the leisure centre has no lights so we leave before it gets dark",
  "Older kids hang around the skate park and shout at us",
  "I feel fine in the day but not after school in winter",
  "There are no wardens any more so nobody stops the trouble",
  "We walk in a group because the path by the river is scary",
  "The CCTV by the shops never seems to work",
  "I like the park but the toilets are always locked and it feels empty",
];
const PARENT_WORDS = [
  "I won't let my children use the park after four because the lighting is so poor",
  "We need wardens or PCSOs back on the estate in the evenings",
  "My son walks home through the underpass and I worry every day",
  "Better lighting on the river path would make a real difference",
];

/**
 * The story an officer composes a summary from (issue 11): "Staying safe in parks and on the street", asked of young
 * people and of parents and carers last term, against a check-in of young people in the period of the same length
 * before, when they felt much safer. It gives a summary scoped to Stay safe for the last term an exception (worse),
 * paired voices, quotes, and reach gaps (no one under 8; few in the rural villages).
 * A random stream of its own, so the rest of the county stays as it was.
 */
export function seedCompose(ctx: ConsultationSeedContext) {
  const { db, tx, now, fw, officerId, locality } = ctx;
  const rng = createRng(0xc0de11);
  const term = periodRange("last_term", now);
  const termFrom = new Date(term.from);
  const termTo = new Date(term.to);
  const before = previousPeriodOf(term);
  const beforeFrom = new Date(before.from);
  const beforeTo = new Date(before.to);
  const approveAll: TextPolicy = ({ at }) => ({ state: "approved", moderatedAt: addHours(at, 20) });
  const towns = ["ashcombe", "wealdham-central", "wealdham-east", "hatherton", "brackenford"];
  const villages = ["kingsbury-marsh", "thornley"];
  const place = () => locality(rng.chance(0.9) ? rng.pick(towns) : rng.pick(villages)).id;

  const parks = createConsultation(tx, fw, now, {
    slug: "safe-in-parks-and-streets",
    title: "Staying safe in parks and on the street",
    summary:
      "Tell us how safe you feel in parks and on the street near where you live, and what would help. Young people, parents and carers can all answer.",
    easySummary: "Do you feel safe in the park and on the street? Tell us.",
    audience: "both",
    ageBands: ["8_11", "12_15", "16_19"],
    localityIds: [],
    opensAt: addDays(termFrom, 14).toISOString(),
    closesAt: addDays(termTo, -14).toISOString(),
    resultsBy: addDays(termTo, 30).toISOString(),
    status: "reported",
    minutes: 3,
    translations: {},
    createdBy: officerId,
    createdAt: addDays(termFrom, 7).toISOString(),
    publishedAt: addDays(termFrom, 14).toISOString(),
    questions: [
      {
        kind: "scale",
        prompt: "How safe do you feel in your local park after school?",
        easyPrompt: "Do you feel safe in the park after school?",
        tags: [{ outcome: "stay-safe" }],
      },
      {
        kind: "single",
        prompt: "What would help most to feel safer?",
        options: ["Better lighting", "Wardens or police", "Friends to walk with", "CCTV cameras"],
        tags: [{ outcome: "stay-safe" }],
      },
      {
        kind: "long_text",
        prompt: "Tell us about a place where you do not feel safe.",
        required: false,
        tags: [{ outcome: "stay-safe" }],
      },
    ],
  });
  const [qSafe, qHelp, qWords] = parks.questions;
  const list: SeedResponse[] = [];
  for (let i = 0; i < 90; i++) {
    const parent = i % 3 === 2;
    const ageBand = parent ? null : rng.weighted({ "8_11": 25, "12_15": 45, "16_19": 30 });
    const help = parent
      ? rng.weighted({ "Better lighting": 30, "Wardens or police": 55, "Friends to walk with": 5, "CCTV cameras": 10 })
      : rng.weighted({
          "Better lighting": 35,
          "Wardens or police": 15,
          "Friends to walk with": 40,
          "CCTV cameras": 10,
        });
    const answers: Record<string, DraftAnswer> = {
      [qSafe.id]: answer.scale(scaleValue(rng, parent ? 2.7 : 2.5)),
      [qHelp.id]: answer.single(qHelp, help),
    };
    const words = parent ? PARENT_WORDS : YOUNG_WORDS;
    if (i < 33) answers[qWords.id] = answer.text(words[i % words.length]);
    list.push({
      at: answerTime(rng, addDays(termFrom, 14), addDays(termTo, -15)),
      about: { audience: parent ? "parents_carers" : "young_people", ageBand, localityId: place() },
      answers,
      channel: "online",
      language: "en",
      readingLevel: "standard",
    });
  }
  writeResponses(db, tx, parks, list, approveAll, officerId);

  const checkIn = createConsultation(tx, fw, now, {
    slug: "safe-journeys-check-in",
    title: "Safe journeys check-in",
    summary: "A quick check on how safe young people feel in their local park and on the way home.",
    easySummary: "Do you feel safe on the way home?",
    audience: "young_people",
    ageBands: ["8_11", "12_15", "16_19"],
    localityIds: [],
    opensAt: addDays(beforeFrom, 20).toISOString(),
    closesAt: addDays(beforeTo, -20).toISOString(),
    resultsBy: addDays(beforeTo, 10).toISOString(),
    status: "reported",
    minutes: 1,
    translations: {},
    createdBy: officerId,
    createdAt: addDays(beforeFrom, 15).toISOString(),
    publishedAt: addDays(beforeFrom, 20).toISOString(),
    questions: [
      {
        kind: "scale",
        prompt: "How safe do you feel in your local park after school?",
        easyPrompt: "Do you feel safe in the park after school?",
        tags: [{ outcome: "stay-safe" }],
      },
    ],
  });
  const earlier: SeedResponse[] = [];
  for (let i = 0; i < 50; i++) {
    earlier.push({
      at: answerTime(rng, addDays(beforeFrom, 20), addDays(beforeTo, -21)),
      about: {
        audience: "young_people",
        ageBand: rng.weighted({ "8_11": 25, "12_15": 45, "16_19": 30 }),
        localityId: place(),
      },
      answers: { [checkIn.questions[0].id]: answer.scale(scaleValue(rng, 3.9)) },
      channel: "online",
      language: "en",
      readingLevel: "standard",
    });
  }
  writeResponses(db, tx, checkIn, earlier, approveAll, officerId);
}
