import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { approveMany, listModerationQueue, moderateContribution } from "~/models/feedback.server";
import { listPassMessages } from "~/models/passes/holder.server";
import { createPass } from "~/models/passes/passes.server";
import { escalateContribution, listSafeguardingQueue } from "~/models/safeguarding.server";
import {
  answerThread,
  askQuestion,
  assignThread,
  closeThreadByAsker,
  countOverdueThreads,
  DAILY_LIMIT,
  getThreadForAsker,
  getThreadForStaff,
  listThreadsForPass,
  listThreadsForStaff,
  replyToThread,
  ThreadError,
} from "~/models/threads.server";
import { parseAskerText } from "~/schemas/threads";
import { countyToday } from "~/utils/time";
import { getDb } from "~db/client";
import { contributions, contributionTags, threadMessages, threads } from "~db/schema";
import { makeCounty } from "../support/factories";

let county: ReturnType<typeof makeCounty>;
beforeAll(() => {
  county = makeCounty();
});

const pass = async (ageBand: "12_15" | "8_11" = "12_15") => (await createPass({ ageBand, isParent: false })).id;
const officer = () => ({ id: county.officer.id, manages: true });
const answerer = () => ({ id: county.boardMember.id, manages: false });

function threadRow(id: number) {
  const row = getDb().select().from(threads).where(eq(threads.id, id)).get();
  if (!row) throw new Error("no thread");
  return row;
}

function askerContributions(threadId: number) {
  return getDb()
    .select({ id: contributions.id, state: contributions.moderationState, source: contributions.source })
    .from(threadMessages)
    .innerJoin(contributions, eq(contributions.id, threadMessages.contributionId))
    .where(eq(threadMessages.threadId, threadId))
    .orderBy(threadMessages.id)
    .all();
}

function addDays(days: number) {
  const d = new Date(`${countyToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe("a question thread from asking to closing", () => {
  it("goes through moderation, an answerer, the asker's inbox, a reply and back, then closes", async () => {
    const passId = await pass();
    const asked = askQuestion({
      passId,
      text: "Why did the 42 bus stop running after school?",
      outcomeId: county.outcomes.staySafe.id,
      language: "pl",
    });
    expect(asked.escalated).toBe(false);
    const [question] = askerContributions(asked.threadId);
    expect(question).toMatchObject({ state: "pending", source: "question" });
    expect(threadRow(asked.threadId).status).toBe("waiting_check");
    // The asker's chosen outcome tags their words.
    const tags = getDb().select().from(contributionTags).where(eq(contributionTags.contributionId, question.id)).all();
    expect(tags.map((t) => [t.outcomeId, t.source])).toEqual([[county.outcomes.staySafe.id, "question"]]);

    // It waits in the moderation queue, labelled as a question; an answerer cannot open it yet.
    const queue = listModerationQueue({}, 1, 500).rows.find((r) => r.id === question.id);
    expect(queue?.threadKind).toBe("question");
    expect(getThreadForStaff(answerer(), asked.threadId)).toBeNull();
    expect(() =>
      assignThread({ threadId: asked.threadId, assigneeId: county.boardMember.id, dueOn: addDays(7) }),
    ).toThrow(ThreadError);

    moderateContribution({ staffId: county.officer.id, contributionId: question.id, decision: "approve" });
    expect(threadRow(asked.threadId).status).toBe("waiting_assignment");

    // Only someone who may answer questions can be given it, and never by a date already past.
    expect(() =>
      assignThread({ threadId: asked.threadId, assigneeId: county.boardMember.id, dueOn: addDays(-1) }),
    ).toThrow(expect.objectContaining({ code: "bad_date" }));
    assignThread({ threadId: asked.threadId, assigneeId: county.boardMember.id, dueOn: addDays(7) });
    expect(threadRow(asked.threadId)).toMatchObject({ status: "with_answerer", dueOn: addDays(7) });
    expect(listThreadsForStaff(answerer()).map((t) => t.id)).toContain(asked.threadId);
    const seen = getThreadForStaff(answerer(), asked.threadId);
    expect(seen?.messages.map((m) => m.text)).toEqual(["Why did the 42 bus stop running after school?"]);
    expect(seen?.mayAnswer).toBe(true);

    // Only the answerer answers; the answer reaches the asker's inbox, in the language they asked in.
    expect(() => answerThread({ threadId: asked.threadId, staffId: county.officer.id, body: "x" })).toThrow(
      expect.objectContaining({ code: "not_answerer" }),
    );
    answerThread({ threadId: asked.threadId, staffId: county.boardMember.id, body: "The bus company changed routes." });
    expect(threadRow(asked.threadId).status).toBe("answered");
    const inbox = listPassMessages(passId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      title: "Twoje pytanie ma odpowiedź",
      link: `/pass/questions/${asked.threadId}`,
    });
    const forAsker = getThreadForAsker(passId, asked.threadId);
    expect(forAsker?.messages.map((m) => [m.from, m.body])).toEqual([
      ["asker", "Why did the 42 bus stop running after school?"],
      ["staff", "The bus company changed routes."],
    ]);
    expect(forAsker?.messages[1]).toMatchObject({ staffName: "Bea Board" });

    // A reply is moderated again, then goes back to the same answerer.
    replyToThread({ passId, threadId: asked.threadId, text: "Can it come back on Fridays?" });
    expect(threadRow(asked.threadId).status).toBe("waiting_check");
    const reply = askerContributions(asked.threadId)[1];
    expect(reply.state).toBe("pending");
    expect(listModerationQueue({}, 1, 500).rows.find((r) => r.id === reply.id)?.threadKind).toBe("reply");
    expect(getThreadForStaff(answerer(), asked.threadId)?.messages).toHaveLength(2);
    approveMany({ staffId: county.officer.id, contributionIds: [reply.id] });
    expect(threadRow(asked.threadId)).toMatchObject({ status: "with_answerer", assigneeId: county.boardMember.id });
    expect(getThreadForStaff(answerer(), asked.threadId)?.messages).toHaveLength(3);

    answerThread({ threadId: asked.threadId, staffId: county.boardMember.id, body: "We will ask." });
    expect(listPassMessages(passId)).toHaveLength(2);
    closeThreadByAsker({ passId, threadId: asked.threadId });
    expect(threadRow(asked.threadId)).toMatchObject({ status: "closed", closedBy: "asker" });
    // A closed thread takes no reply.
    expect(() => replyToThread({ passId, threadId: asked.threadId, text: "One more thing" })).toThrow(
      expect.objectContaining({ code: "closed" }),
    );
    expect(listThreadsForPass(passId)).toEqual([
      expect.objectContaining({
        id: asked.threadId,
        status: "closed",
        question: "Why did the 42 bus stop running after school?",
      }),
    ]);
  });

  it("a hidden question tells the asker why, in the words the officer wrote for them", async () => {
    const passId = await pass();
    const { threadId } = askQuestion({ passId, text: "What is the mayor's phone number?" });
    const [c] = askerContributions(threadId);
    moderateContribution({
      staffId: county.officer.id,
      contributionId: c.id,
      decision: "hide",
      reason: "We can't share people's phone numbers. You can ask about what the Board does.",
    });
    const seen = getThreadForAsker(passId, threadId);
    expect(seen?.messages[0]).toMatchObject({
      state: "hidden",
      hideReason: "We can't share people's phone numbers. You can ask about what the Board does.",
    });
    expect(seen?.status).toBe("closed");
    // Staff never read hidden words: the officer sees that a message exists, the text stays out.
    expect(getThreadForStaff(officer(), threadId)?.messages).toEqual([
      expect.objectContaining({ text: null, state: "hidden" }),
    ]);
  });

  it("an escalated question is never shown to an answerer and stays with the lead", async () => {
    const passId = await pass();
    const asked = askQuestion({ passId, text: "My dad hits me when he is angry, what can I do?" });
    expect(asked.escalated).toBe(true);
    const [c] = askerContributions(asked.threadId);
    expect(c.state).toBe("escalated");
    expect(listSafeguardingQueue({ page: 1, perPage: 500 }).rows.map((r) => r.contributionId)).toContain(c.id);
    expect(listModerationQueue({}, 1, 500).rows.map((r) => r.id)).not.toContain(c.id);
    expect(threadRow(asked.threadId).status).toBe("waiting_check");
    expect(() =>
      assignThread({ threadId: asked.threadId, assigneeId: county.boardMember.id, dueOn: addDays(3) }),
    ).toThrow(expect.objectContaining({ code: "not_ready" }));
    const staffRow = listThreadsForStaff(officer()).find((t) => t.id === asked.threadId);
    expect(staffRow).toMatchObject({ text: null, firstState: "escalated" });
    // The asker sees their own words and the help panel.
    expect(getThreadForAsker(passId, asked.threadId)).toMatchObject({ needsHelp: true });

    // Escalated after it was approved and given to someone: it leaves them at once.
    const later = askQuestion({ passId, text: "When is the next youth club night?" });
    const [lc] = askerContributions(later.threadId);
    moderateContribution({ staffId: county.officer.id, contributionId: lc.id, decision: "approve" });
    assignThread({ threadId: later.threadId, assigneeId: county.boardMember.id, dueOn: addDays(3) });
    expect(getThreadForStaff(answerer(), later.threadId)).not.toBeNull();
    escalateContribution({ staffId: county.officer.id, contributionId: lc.id, reason: "Known to services" });
    expect(getThreadForStaff(answerer(), later.threadId)).toBeNull();
    expect(listThreadsForStaff(answerer()).map((t) => t.id)).not.toContain(later.threadId);
    expect(threadRow(later.threadId)).toMatchObject({ status: "waiting_check", assigneeId: null });
  });

  it("another pass holder's thread is not found", async () => {
    const mine = await pass();
    const theirs = await pass();
    const { threadId } = askQuestion({ passId: mine, text: "How do I join the youth council?" });
    expect(getThreadForAsker(theirs, threadId)).toBeNull();
    expect(() => closeThreadByAsker({ passId: theirs, threadId })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
    expect(() => replyToThread({ passId: theirs, threadId, text: "hello there" })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
    expect(listThreadsForPass(theirs)).toEqual([]);
  });

  it(`allows ${DAILY_LIMIT} questions and replies a day, then says when to try again`, async () => {
    const passId = await pass("8_11");
    const start = new Date("2030-01-10T09:00:00Z");
    for (let i = 0; i < DAILY_LIMIT; i++)
      askQuestion({ passId, text: `Question number ${i + 1}`, now: new Date(start.getTime() + i * 60_000) });
    let caught: unknown;
    try {
      askQuestion({ passId, text: "One too many", now: new Date("2030-01-10T12:00:00Z") });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ThreadError);
    expect((caught as ThreadError).code).toBe("rate_limited");
    // The first of the five is a day old at 09:00 the next day.
    expect((caught as ThreadError).retryAt).toBe("2030-01-11T09:00:00.000Z");
    expect(
      askQuestion({ passId, text: "A day later", now: new Date("2030-01-11T09:00:01Z") }).threadId,
    ).toBeGreaterThan(0);
  });

  it("counts exactly the questions past their due date that still wait for an answer", async () => {
    const before = countOverdueThreads();
    const passId = await pass();
    const ids: number[] = [];
    for (const text of ["First overdue question", "Second overdue question", "Answered late question", "Not due"]) {
      const { threadId } = askQuestion({ passId, text });
      const [c] = askerContributions(threadId);
      moderateContribution({ staffId: county.officer.id, contributionId: c.id, decision: "approve" });
      assignThread({ threadId, assigneeId: county.boardMember.id, dueOn: addDays(1) });
      ids.push(threadId);
    }
    answerThread({ threadId: ids[2], staffId: county.boardMember.id, body: "Answered." });
    // Time passes: the first three were due two days ago (an answered one is not overdue); the last is due tomorrow.
    for (const id of ids.slice(0, 3))
      getDb()
        .update(threads)
        .set({ dueOn: addDays(-2) })
        .where(eq(threads.id, id))
        .run();
    expect(countOverdueThreads()).toBe(before + 2);
    const listed = listThreadsForStaff(officer()).filter((t) => ids.includes(t.id));
    expect(listed.map((t) => [t.id, t.overdue])).toEqual([
      [ids[0], true],
      [ids[1], true],
      [ids[2], false],
      [ids[3], false],
    ]);
  });
});

describe("what an asker may send", () => {
  it("refuses empty, over-long and symbol-only text, and keeps ordinary words", () => {
    expect(parseAskerText("   ").error).toBe("ask.error.empty");
    expect(parseAskerText("a".repeat(1001)).error).toBe("ask.error.tooLong");
    expect(parseAskerText("?!?! 🙂").error).toBe("answer.needsWords");
    expect(parseAskerText("  Why is the park shut?  ")).toEqual({ text: "Why is the park shut?" });
  });
});

describe("a pass holder's questions in their data and when they delete it", () => {
  it("are in the download, and deleting the pass removes their words but keeps the thread, the answer and the count", async () => {
    const { deletePass, exportPassData, REMOVED_TEXT } = await import("~/models/passes/holder.server");
    const passId = await pass();
    const asked = askQuestion({ passId, text: "Can the library stay open later on Saturdays?", language: "en" });
    const [question] = askerContributions(asked.threadId);
    moderateContribution({ staffId: county.officer.id, contributionId: question.id, decision: "approve" });
    assignThread({ threadId: asked.threadId, assigneeId: county.boardMember.id, dueOn: addDays(7) });
    answerThread({
      staffId: county.boardMember.id,
      threadId: asked.threadId,
      body: "We are asking the library service now.",
    });

    expect(exportPassData(passId)?.questions).toEqual([
      {
        status: "answered",
        askedAt: expect.any(String),
        messages: [
          { from: "asker", text: "Can the library stay open later on Saturdays?", at: expect.any(String) },
          { from: "staff", text: "We are asking the library service now.", at: expect.any(String) },
        ],
      },
    ]);

    const threadsBefore = getDb().select().from(threads).all().length;
    deletePass(passId);
    const words = getDb()
      .select({ body: contributions.body, masked: contributions.maskedBody })
      .from(contributions)
      .where(eq(contributions.id, question.id))
      .get();
    expect(words).toEqual({ body: REMOVED_TEXT, masked: null });
    expect(threadRow(asked.threadId)).toMatchObject({ passId: null, status: "answered" });
    expect(getDb().select().from(threads).all().length).toBe(threadsBefore);
    const answer = getDb().select().from(threadMessages).where(eq(threadMessages.threadId, asked.threadId)).all();
    expect(answer.map((m) => m.body)).toEqual([null, "We are asking the library service now."]);
  });
});
