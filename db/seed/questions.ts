import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { hashSecret, nicknameKey } from "../../app/models/passes/passes.server";
import { checkText } from "../../app/safeguarding";
import {
  contributions,
  contributionTags,
  moderationEvents,
  passes,
  passMessages,
  passResponses,
  threadHelped,
  threadMessages,
  threads,
} from "../schema";
import type { Tx } from "./context";
import { addDays } from "./dates";

/**
 * The demo pass a visitor can sign in with (README): its holder asked two questions, one answered by the Board member
 * and one with the Partnership member. The words are public on purpose, like the demo staff password.
 */
export const DEMO_PASS = { nickname: "Green Heron 17", words: "apple river candle tiger" } as const;

type Staff = { officerId: number; boardMemberId: number; partnershipMemberId: number };
type Outcome = (key: "be-healthy" | "stay-safe" | "enjoy-and-achieve" | "positive-contribution") => number;

/** Hashed before the seed's transaction: hashing is asynchronous. Other passes get words nobody knows. */
export async function hashDemoPassSecrets() {
  return Promise.all([
    hashSecret(DEMO_PASS.words),
    ...[1, 2, 3].map(() => hashSecret(crypto.randomBytes(16).toString("hex"))),
  ]);
}

/**
 * Young people's questions in every state a thread can be in, each written the way the app writes it: the asker's
 * words a contribution (checked, masked), approvals in the moderation record, staff answers as thread messages, and
 * the inbox message an answer sends.
 */
export function seedQuestions(tx: Tx, now: Date, hashes: string[], staff: Staff, outcome: Outcome) {
  const iso = (days: number, hours = 0) => new Date(addDays(now, days).getTime() + hours * 3600_000).toISOString();
  const day = (days: number) => iso(days).slice(0, 10);
  const pass = (nickname: string, hash: string, ageBand: string, days: number) =>
    tx
      .insert(passes)
      .values({ nickname, nicknameKey: nicknameKey(nickname), secretHash: hash, ageBand, createdAt: iso(days) })
      .returning({ id: passes.id })
      .get().id;
  const demo = pass(DEMO_PASS.nickname, hashes[0], "12_15", -30);
  const others = [
    pass("Quiet Badger 58", hashes[1], "16_19", -20),
    pass("Sunny Puffin 23", hashes[2], "8_11", -12),
    pass("Brave Lynx 71", hashes[3], "12_15", -2),
  ];

  function ask(input: {
    passId: number;
    text: string;
    outcomeId: number | null;
    at: string;
    approvedAt?: string;
    ageBand: string;
  }) {
    const check = checkText(input.text);
    if (check.escalate) throw new Error(`demo question would escalate: ${input.text}`);
    const threadId = tx
      .insert(threads)
      .values({
        passId: input.passId,
        outcomeId: input.outcomeId,
        status: input.approvedAt ? "waiting_assignment" : "waiting_check",
        language: "en",
        createdAt: input.at,
        updatedAt: input.approvedAt ?? input.at,
      })
      .returning({ id: threads.id })
      .get().id;
    const contributionId = tx
      .insert(contributions)
      .values({
        source: "question",
        kind: "text",
        audience: "young_people",
        ageBand: input.ageBand,
        body: input.text,
        maskedBody: check.masked,
        moderationState: input.approvedAt ? "approved" : "pending",
        moderatedAt: input.approvedAt ?? null,
        moderatedBy: input.approvedAt ? staff.officerId : null,
        flags: check.flags,
        createdAt: input.at,
      })
      .returning({ id: contributions.id })
      .get().id;
    if (input.outcomeId)
      tx.insert(contributionTags)
        .values({ contributionId, outcomeId: input.outcomeId, source: "question", createdAt: input.at })
        .run();
    tx.insert(threadMessages).values({ threadId, from: "asker", contributionId, createdAt: input.at }).run();
    if (input.approvedAt)
      tx.insert(moderationEvents)
        .values({
          contributionId,
          staffId: staff.officerId,
          action: "approve",
          fromState: "pending",
          toState: "approved",
          createdAt: input.approvedAt,
        })
        .run();
    return threadId;
  }
  const update = (threadId: number, set: Partial<typeof threads.$inferInsert>) =>
    tx.update(threads).set(set).where(eq(threads.id, threadId)).run();
  const answer = (threadId: number, staffId: number, body: string, at: string, passId: number) => {
    tx.insert(threadMessages).values({ threadId, from: "staff", staffId, body, createdAt: at }).run();
    update(threadId, { status: "answered", updatedAt: at });
    tx.insert(passMessages)
      .values({
        passId,
        title: "Your question has an answer",
        body: "Someone has answered your question. Open it to read the answer.",
        link: `/pass/questions/${threadId}`,
        createdAt: at,
      })
      .run();
  };

  // The demo pass: the 42 bus, answered by the Board member (the story of the interim travel summary).
  const bus = ask({
    passId: demo,
    ageBand: "12_15",
    text: "Why did the 42 bus stop running after 5pm? I can't get home from youth club now.",
    outcomeId: outcome("stay-safe"),
    at: iso(-9, 2),
    approvedAt: iso(-9, 5),
  });
  update(bus, { assigneeId: staff.boardMemberId, dueOn: day(5), status: "with_answerer", updatedAt: iso(-9, 5) });
  answer(
    bus,
    staff.boardMemberId,
    "The bus company cut the late buses when its funding changed. The Board will talk about it at its next meeting, because many of you told us the same. Until then, youth clubs can help you plan a safe way home.",
    iso(-3, 4),
    demo,
  );
  // The demo pass again: with the Partnership member (health), not due yet.
  const nurse = ask({
    passId: demo,
    ageBand: "12_15",
    text: "Can the school nurse come to our school more than once a month?",
    outcomeId: outcome("be-healthy"),
    at: iso(-4, 3),
    approvedAt: iso(-4, 6),
  });
  update(nurse, {
    assigneeId: staff.partnershipMemberId,
    dueOn: day(10),
    status: "with_answerer",
    updatedAt: iso(-4, 6),
  });

  // Overdue with the officer: counted on the staff overview and the Board's meeting page.
  const skate = ask({
    passId: others[0],
    ageBand: "16_19",
    text: "When will the skate park in Ashcombe be fixed? The ramps have been fenced off since the summer.",
    outcomeId: outcome("enjoy-and-achieve"),
    at: iso(-20, 1),
    approvedAt: iso(-19, 2),
  });
  update(skate, { assigneeId: staff.officerId, dueOn: day(-3), status: "with_answerer", updatedAt: iso(-19, 2) });

  // Answered by the officer and closed by the asker: "this answered my question".
  const council = ask({
    passId: others[1],
    ageBand: "8_11",
    text: "How can I join the Youth Council? I am 11.",
    outcomeId: outcome("positive-contribution"),
    at: iso(-12, 1),
    approvedAt: iso(-12, 3),
  });
  update(council, { assigneeId: staff.officerId, dueOn: day(-2), status: "with_answerer", updatedAt: iso(-12, 3) });
  const councilAnswer =
    "Anyone from 11 to 18 who lives or goes to school in Wealdshire can join. Ask at your youth club or school, or tell us on this site, and we will send you the next meeting date.";
  answer(council, staff.officerId, councilAnswer, iso(-10, 2), others[1]);
  update(council, { status: "closed", closedBy: "asker", updatedAt: iso(-9, 1) });
  // The officer published it on /questions (masked, frozen, no nickname); two pass holders said it helped them.
  const councilQuestion = "How can I join the Youth Council? I am 11.";
  update(council, {
    publishedAt: iso(-8, 3),
    publishedBy: staff.officerId,
    publicQuestion: checkText(councilQuestion).masked,
    publicAnswer: checkText(councilAnswer).masked,
    reviewedAt: iso(-8, 3),
  });
  tx.insert(threadHelped)
    .values([
      { threadId: council, passId: demo, createdAt: iso(-7) },
      { threadId: council, passId: others[0], createdAt: iso(-6) },
    ])
    .run();

  // Checked and waiting for an officer to give it to someone.
  ask({
    passId: others[2],
    ageBand: "12_15",
    text: "Why are there no girls' football teams at the leisure centre?",
    outcomeId: outcome("enjoy-and-achieve"),
    at: iso(-1, 2),
    approvedAt: iso(-1, 4),
  });
  // Just asked: waiting for its check in the moderation queue.
  ask({
    passId: others[2],
    ageBand: "12_15",
    text: "Could the library stay open later in exam season?",
    outcomeId: null,
    at: iso(0, -3),
  });
  // The demo pass answered the youth clubs consultation (a young person's answer the Board's summary counted), so its
  // page shows the "you said, we did" it fed.
  const fed = tx.get<{ id: number }>(sql`
    select c.response_id as id from summary_sources ss
    join contributions c on c.id = ss.contribution_id
    join responses r on r.id = c.response_id
    join agenda_items ai on ai.summary_id = ss.summary_id
    join board_responses br on br.agenda_item_id = ai.id
    join you_said_we_did y on y.board_response_id = br.id
    where c.audience = 'young_people' and c.age_band = '12_15'
    order by c.response_id limit 1`);
  if (!fed) throw new Error("the seed has no answer that fed a published 'you said, we did'");
  tx.insert(passResponses)
    .values({ passId: demo, responseId: fed.id, linkedAt: iso(-25) })
    .run();
  return { demoPassId: demo, answeredThreadId: bus, closedThreadId: council };
}
