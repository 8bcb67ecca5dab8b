import type { DraftAnswer } from "../../app/models/consultations/types";
import { countyDayStart, countyToday } from "../../app/utils/time";
import type { DB } from "../client";
import { createConsultation } from "./consultations";
import type { Tx } from "./context";
import { addDays, addHours, answerTime } from "./dates";
import type { Framework } from "./plan";
import type { Rng } from "./random";
import { journeyMood, rural } from "./reference";
import {
  answer,
  openPolicy,
  optionId,
  pickSome,
  type SeedResponse,
  scaleValue,
  type TextPolicy,
  weightedOrder,
  writeResponses,
} from "./responses";
import * as T from "./texts";

/** What every demo consultation needs: the transaction, the connection under it, the clock and the county. */
export type ConsultationSeedContext = {
  db: DB;
  tx: Tx;
  now: Date;
  rng: Rng;
  fw: Framework;
  officerId: number;
  locality: (slug: string) => { id: number };
  pickLocality: () => string | null;
};

/**
 * When the 42 bus stopped running after 5pm, in the travel consultation's story: the start of the day, in the county,
 * nine days before today, so the interim summary covers ten whole days including today.
 */
export function busCutStart(now: Date) {
  return new Date(countyDayStart(countyToday(now), -9));
}

/** 1. Feeling safe on the way to school (open). */
export function seedTravel({ db, tx, now, rng, fw, officerId, locality, pickLocality }: ConsultationSeedContext) {
  const travelOpens = addDays(now, -21);
  const travel = createConsultation(tx, fw, now, {
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
    // The story the next Board meets: ten days ago the 42 bus stopped running after 5pm, and young people who
    // answered since feel less safe on the way, bus riders most (the interim summary's exception flag, db/seed/summaries.ts).
    const cut = busCutStart(now);
    for (const r of list) {
      const value = r.answers[qScale.id]?.value;
      const mode = r.answers[qMode.id]?.optionIds?.[0];
      // Bus riders lose their bus home; those who walk or cycle now share unlit roads with the after-school crowd.
      const drop =
        mode === optionId(qMode, "Bus")
          ? 2
          : mode === optionId(qMode, "Walk") || mode === optionId(qMode, "Bike or scooter")
            ? 1
            : 0;
      if (r.at >= cut && drop && typeof value === "number")
        r.answers[qScale.id] = answer.scale(Math.max(1, value - drop));
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
  return travel;
}

/** 2. Healthy lunches at school (open, both audiences). */
export function seedLunches({ db, tx, now, rng, fw, officerId, locality, pickLocality }: ConsultationSeedContext) {
  const lunchOpens = addDays(now, -10);
  const lunches = createConsultation(tx, fw, now, {
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
}

/** 3. Your say on youth clubs (closed and reported to the Board). */
export function seedYouthClubs({ db, tx, now, rng, fw, officerId, locality, pickLocality }: ConsultationSeedContext) {
  const outcomeId = fw.outcomeId;
  const clubOpens = addDays(now, -150);
  let clubResponses = 0;
  const clubCloses = addDays(now, -90);
  const clubs = createConsultation(tx, fw, now, {
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
          ? answer.multiple(qStops, [...stops.slice(0, 1), "Other"], rng.pick(T.clubStopsOther))
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
  return { clubs, clubOpens, clubCloses, clubResponses };
}

/** 4. Mental health support in schools (draft). */
export function seedMentalHealth({ tx, now, fw, officerId }: ConsultationSeedContext) {
  createConsultation(tx, fw, now, {
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
}
