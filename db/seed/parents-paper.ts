/**
 * Paper answers from the North area parents' coffee mornings this term (issue 10's inbox story): parents and carers
 * wrote on cards, the officer typed them in and approved them, and nobody has tagged them yet. The question has no
 * outcome of its own, so the answers arrive untagged: the inbox is where they are tagged.
 */
import { eq } from "drizzle-orm";
import { consultations } from "../schema";
import { createConsultation } from "./consultations";
import { addDays, addHours } from "./dates";
import type { ConsultationSeedContext } from "./demo-consultations";
import { answer, type SeedResponse, writeResponses } from "./responses";

export const PARENT_CARDS = [
  "My son has waited nine months for a CAMHS assessment and his anxiety is getting worse every week.",
  "Swimming lessons cost too much when you have three children, we had to stop them.",
  "The school bus from the village is so full my daughter has to stand all the way.",
  "There is nothing for teenagers to do in the evenings here, so they hang around the shop.",
  "My daughter was bullied online all summer and the school said it was not their problem.",
  "We need a parenting course in the evening, I work days and cannot get to the morning ones.",
  "Healthy school dinners would help, my son only eats chips at lunch.",
  "As a young carer my son misses clubs because he looks after his dad after school.",
  "Apprenticeships near here would keep our teenagers from moving away for work.",
  "The park has no lights and I do not let my children walk home through it in winter.",
  "Free holiday activities with food made a real difference to our family this summer.",
  "Our family cannot afford the uniform and the school trips on top of the bills.",
  "My daughter would love a youth club on Friday nights but the nearest one is two buses away.",
  "The health visitor was brilliant, but now my son is five there is nobody to ask about his eating.",
  "Please ask the children what they think before you change the play area, they use it every day.",
  "Older boys ride e-bikes fast on the path by the school gates and nobody stops them.",
];

export function seedParentCards({ db, tx, now, fw, officerId, locality }: ConsultationSeedContext) {
  const opens = addDays(now, -60);
  const closes = addDays(now, -2);
  const c = createConsultation(tx, fw, now, {
    slug: "parents-coffee-mornings",
    title: "Parents' coffee mornings: North area",
    summary: "What parents and carers told us on cards at the North area coffee mornings this term.",
    easySummary: "What would help your family?",
    audience: "parents_carers",
    ageBands: [],
    localityIds: [],
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
    resultsBy: addDays(now, 20).toISOString(),
    status: "open",
    minutes: 2,
    translations: {},
    createdBy: officerId,
    createdAt: addDays(now, -65).toISOString(),
    publishedAt: opens.toISOString(),
    questions: [{ kind: "long_text", prompt: "What would make the biggest difference for your family?" }],
  });
  const [question] = c.questions;
  const places = ["ashcombe", "kingsbury-marsh", "thornley"];
  // This term, a few days apart, the newest a week ago: they stay in "this term" whatever day the seed runs in it.
  const termStart = Date.parse(`${now.getUTCFullYear()}-09-01T12:00:00Z`);
  const inTerm = now.getUTCMonth() >= 8;
  const list: SeedResponse[] = PARENT_CARDS.map((text, i) => {
    const at = addDays(now, -7 - i * 3);
    return {
      at: inTerm && at.getTime() < termStart ? new Date(termStart + i * 3600_000) : at,
      about: { audience: "parents_carers", ageBand: null, localityId: locality(places[i % places.length]).id },
      answers: { [question.id]: answer.text(text) },
      channel: "paper",
      language: "en",
      readingLevel: "standard",
    };
  });
  writeResponses(db, tx, c, list, ({ at }) => ({ state: "approved", moderatedAt: addHours(at, 20) }), officerId);
  tx.update(consultations).set({ status: "closed" }).where(eq(consultations.id, c.id)).run();
}
