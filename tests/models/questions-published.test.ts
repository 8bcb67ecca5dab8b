import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { moderateContribution } from "~/models/feedback.server";
import { deletePass, exportPassData } from "~/models/passes/holder.server";
import { createPass } from "~/models/passes/passes.server";
import { escalateContribution } from "~/models/safeguarding.server";
import {
  getPublished,
  listPublished,
  listReported,
  markHelped,
  PublishError,
  publicationDraft,
  publishThread,
  reportPublished,
  reviewReports,
  unpublishThread,
} from "~/models/threads/published.server";
import { answerThread, askQuestion, assignThread } from "~/models/threads.server";
import { countyToday } from "~/utils/time";
import { getDb } from "~db/client";
import { threadMessages, threads } from "~db/schema";
import { makeCounty } from "../support/factories";

let county: ReturnType<typeof makeCounty>;
beforeAll(() => {
  county = makeCounty();
});

const inAWeek = () => {
  const d = new Date(`${countyToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
};

function firstContribution(threadId: number) {
  return getDb()
    .select({ id: threadMessages.contributionId })
    .from(threadMessages)
    .where(eq(threadMessages.threadId, threadId))
    .orderBy(threadMessages.id)
    .get()?.id as number;
}

/** A question asked, approved, given to the Board member and answered. */
async function answered(text: string, answer: string, outcomeId: number | null = null) {
  const passId = (await createPass({ ageBand: "12_15", isParent: false })).id;
  const { threadId } = askQuestion({ passId, text, outcomeId });
  moderateContribution({
    staffId: county.officer.id,
    contributionId: firstContribution(threadId),
    decision: "approve",
  });
  assignThread({ threadId, assigneeId: county.boardMember.id, dueOn: inAWeek() });
  answerThread({ threadId, staffId: county.boardMember.id, body: answer });
  return { threadId, passId };
}

const passes = async (n: number) =>
  Promise.all(Array.from({ length: n }, async () => (await createPass({ ageBand: "16_19", isParent: false })).id));

describe("publishing an answered question to /questions", () => {
  it("publishes masked words, never the nickname, and only what the officer may add (masking, not words)", async () => {
    const { threadId } = await answered(
      "My name is Tom and I go to Oak Hill School. Why are the swimming lessons at Brackenford pool stopping?",
      "The pool needs a new roof. Lessons move to Ashcombe from March; email tom@example.org if you need a lift.",
      county.outcomes.healthy.id,
    );
    const draft = publicationDraft(threadId);
    expect(draft.published).toBe(false);
    expect(draft.question).not.toContain("Tom");
    expect(draft.answer).not.toContain("tom@example.org");
    // An edit may only take words away.
    expect(() => publishThread({ threadId, staffId: county.officer.id, question: "Why is the pool free?" })).toThrow(
      new PublishError("edit_adds"),
    );
    const published = publishThread({
      threadId,
      staffId: county.officer.id,
      question: "Why are the swimming lessons at Brackenford pool stopping?",
    });
    expect(published.question).toBe("Why are the swimming lessons at Brackenford pool stopping?");
    const list = listPublished({ q: "swimming" });
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id: threadId, answererRole: "board", helped: 0, outcome: "Being healthy" });
    expect(list.rows[0].answer).not.toContain("tom@example.org");
    expect(listPublished({ q: "swimming", outcomeId: county.outcomes.staySafe.id }).total).toBe(0);
    expect(listPublished({ q: "swimming", outcomeId: county.outcomes.healthy.id }).total).toBe(1);
    // LIKE's own characters are searched as themselves.
    expect(listPublished({ q: "100%_" }).total).toBe(0);
    unpublishThread(threadId);
    expect(listPublished({ q: "swimming" }).total).toBe(0);
    expect(getPublished(threadId, null)).toBeNull();
  });

  it("refuses a thread whose words went to the safeguarding lead, one not yet answered, and one never checked", async () => {
    const { threadId } = await answered("Why is the park gate locked at six?", "It is locked for the night.");
    escalateContribution({
      contributionId: firstContribution(threadId),
      staffId: county.officer.id,
      reason: "worried",
    });
    expect(() => publishThread({ threadId, staffId: county.officer.id })).toThrow(new PublishError("escalated"));

    const passId = (await createPass({ ageBand: "12_15", isParent: false })).id;
    const waiting = askQuestion({ passId, text: "Why is the library shut on Mondays?" }).threadId;
    expect(() => publishThread({ threadId: waiting, staffId: county.officer.id })).toThrow(
      new PublishError("not_checked"),
    );
    moderateContribution({
      staffId: county.officer.id,
      contributionId: firstContribution(waiting),
      decision: "approve",
    });
    expect(() => publishThread({ threadId: waiting, staffId: county.officer.id })).toThrow(
      new PublishError("not_answered"),
    );
    expect(() => publishThread({ threadId: 9_999_999, staffId: county.officer.id })).toThrow(
      new PublishError("not_found"),
    );
  });
});

describe("helped and reports", () => {
  it("counts one helped per pass, keeps the count when a pass is deleted", async () => {
    const { threadId } = await answered("When does the youth bus run in the holidays?", "Every weekday at 10am.");
    publishThread({ threadId, staffId: county.officer.id });
    const [a, b] = await passes(2);
    expect(markHelped(threadId, a)).toBe(true);
    expect(markHelped(threadId, a)).toBe(false);
    expect(markHelped(threadId, b)).toBe(true);
    expect(getPublished(threadId, a)).toMatchObject({ helped: 2, helpedByPass: true, reportedByPass: false });
    expect(exportPassData(a)?.helped).toEqual([
      { question: "When does the youth bus run in the holidays?", at: expect.any(String) },
    ]);
    deletePass(a);
    expect(getPublished(threadId, b)?.helped).toBe(2);
  });

  it("hides an item at exactly three reports from different passes, until an officer reviews it", async () => {
    const { threadId } = await answered("Can we have a skate park in Wealdham?", "We are looking at two sites.");
    publishThread({ threadId, staffId: county.officer.id });
    const [a, b, c, d] = await passes(4);
    expect(reportPublished(threadId, a, "unkind")).toEqual({ added: true, hidden: false });
    expect(exportPassData(a)?.reported).toEqual([
      { question: "Can we have a skate park in Wealdham?", reason: "unkind", at: expect.any(String) },
    ]);
    expect(reportPublished(threadId, a, "wrong")).toEqual({ added: false, hidden: false });
    expect(reportPublished(threadId, b, "personal")).toEqual({ added: true, hidden: false });
    expect(listReported().find((r) => r.id === threadId)).toMatchObject({ reports: 2, hiddenAt: null });
    expect(reportPublished(threadId, c, "unkind")).toEqual({ added: true, hidden: true });
    expect(getPublished(threadId, null)).toBeNull();
    expect(listPublished({ q: "skate park in Wealdham" }).total).toBe(0);
    const reported = listReported().find((r) => r.id === threadId);
    expect(reported?.reports).toBe(3);
    expect(reported?.reasons.sort()).toEqual(["personal", "unkind", "unkind"]);
    // Reported items cannot be reported or marked while hidden.
    expect(() => reportPublished(threadId, d, "other")).toThrow(new PublishError("not_published"));
    // Kept after review: visible again, earlier reports no longer count.
    reviewReports({ threadId, keep: true });
    expect(getPublished(threadId, null)?.id).toBe(threadId);
    expect(listReported().find((r) => r.id === threadId)).toBeUndefined();
    expect(reportPublished(threadId, d, "other")).toEqual({ added: true, hidden: false });
    // Taken down after review.
    reviewReports({ threadId, keep: false });
    expect(getDb().select({ p: threads.publishedAt }).from(threads).where(eq(threads.id, threadId)).get()?.p).toBe(
      null,
    );
  });
});
