import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The environment is read once when the app's modules load: give it a local mail server to talk to first.
const smtpPort = vi.hoisted(() => {
  const port = 4600 + Math.floor(Math.random() * 2000);
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(port);
  process.env.SMTP_FROM = "sounding-board@county.test";
  process.env.PUBLIC_URL = "https://sounding-board.county.test";
  return port;
});

import { moderateContribution } from "~/models/feedback.server";
import { createPass, setPassEmail } from "~/models/passes/passes.server";
import {
  answerThread,
  askQuestion,
  assignThread,
  countThreadsForAnswerer,
  getThreadForAsker,
  listThreadsForPass,
  remindAnswerer,
  shownStatus,
  ThreadError,
} from "~/models/threads.server";
import { countyToday } from "~/utils/time";
import { getDb } from "~db/client";
import { auditLog, staffUsers, threadMessages } from "~db/schema";
import { makeCounty } from "../support/factories";

const received: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  onData(stream, session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/=\r?\n/g, "") });
      callback();
    });
  },
});
beforeAll(() => new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve)));
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

/** The body as written: soft breaks joined (when received), =XX bytes put back together as UTF-8. */
function quotedPrintable(body: string) {
  return Buffer.from(
    body.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

let county: ReturnType<typeof makeCounty>;
let partner: { id: number };
beforeAll(() => {
  county = makeCounty();
  partner = getDb()
    .insert(staffUsers)
    .values({ email: `partner-${Math.random()}@test`, name: "Pat Partner", passwordHash: "x", role: "partnership" })
    .returning({ id: staffUsers.id })
    .get();
});

function inDays(days: number) {
  const d = new Date(`${countyToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A question asked, approved by the officer and given to `assigneeId`. */
function askedAndAssigned(passId: number, text: string, assigneeId: number, language = "en") {
  const { threadId } = askQuestion({ passId, text, language });
  const contributionId = getDb().select({ id: threadMessages.contributionId }).from(threadMessages).all().at(-1)
    ?.id as number;
  moderateContribution({ staffId: county.officer.id, contributionId, decision: "approve" });
  assignThread({ threadId, assigneeId, dueOn: inDays(7) });
  return threadId;
}

describe("the asker reads who has their question", () => {
  it("names the answerer's role, never the person", async () => {
    const passId = (await createPass({ ageBand: "12_15", isParent: false })).id;
    const toBoard = askedAndAssigned(passId, "Why is the park closed at night?", county.boardMember.id);
    const toPartner = askedAndAssigned(passId, "Can the nurse come to school more often?", partner.id);
    const toOfficer = askedAndAssigned(passId, "When is the next forum?", county.officer.id);
    expect(getThreadForAsker(passId, toBoard)?.shownStatus).toBe("with_board");
    expect(getThreadForAsker(passId, toPartner)?.shownStatus).toBe("with_partnership");
    expect(getThreadForAsker(passId, toOfficer)?.shownStatus).toBe("with_officer");
    expect(
      listThreadsForPass(passId)
        .map((t) => [t.id, t.shownStatus])
        .sort(),
    ).toEqual(
      [
        [toBoard, "with_board"],
        [toPartner, "with_partnership"],
        [toOfficer, "with_officer"],
      ].sort(),
    );
    // Other states read as they are; an administrator answering reads as an officer.
    expect(shownStatus("answered", "board")).toBe("answered");
    expect(shownStatus("with_answerer", "admin")).toBe("with_officer");
  });
});

describe("an answerer's own count on their overview", () => {
  it("counts the questions waiting for their answer and those past their date, exactly", async () => {
    const answerer = getDb()
      .insert(staffUsers)
      .values({ email: `count-${Math.random()}@test`, name: "Cal Count", passwordHash: "x", role: "partnership" })
      .returning({ id: staffUsers.id })
      .get();
    expect(countThreadsForAnswerer(answerer.id)).toEqual({ waiting: 0, overdue: 0 });
    const passId = (await createPass({ ageBand: "16_19", isParent: false })).id;
    const a = askedAndAssigned(passId, "When does the leisure centre open on Sundays?", answerer.id);
    askedAndAssigned(passId, "Is there a youth bus to Brackenford?", answerer.id);
    askedAndAssigned(passId, "Who runs the holiday club?", answerer.id);
    // Two days on, the first two (due in 7 days) are still on time; ten days on, all three are late.
    const later = (days: number) => new Date(Date.now() + days * 86400_000);
    expect(countThreadsForAnswerer(answerer.id, later(2))).toEqual({ waiting: 3, overdue: 0 });
    expect(countThreadsForAnswerer(answerer.id, later(10))).toEqual({ waiting: 3, overdue: 3 });
    // An answered one no longer waits.
    answerThread({ threadId: a, staffId: answerer.id, body: "At 10am." });
    expect(countThreadsForAnswerer(answerer.id, later(10))).toEqual({ waiting: 2, overdue: 2 });
  });
});

describe("an answer tells a parent by email, only where they added an address", () => {
  it("emails the parent in the language they asked in, with no one's words and no nickname", async () => {
    const parent = await createPass({ ageBand: null, isParent: true });
    setPassEmail(parent.id, "parent@home.test");
    const threadId = askedAndAssigned(parent.id, "Pytanie o autobus do szkoły w Ashcombe", county.boardMember.id, "pl");
    const before = received.length;
    const answer = answerThread({
      threadId,
      staffId: county.boardMember.id,
      body: "Autobus wraca od stycznia, ANSWER-WORDS",
    });
    await expect(answer.emailed).resolves.toBe(true);
    expect(received.length).toBe(before + 1);
    const mail = received[received.length - 1];
    expect(mail.to).toEqual(["parent@home.test"]);
    expect(mail.raw).toMatch(/Content-Transfer-Encoding: quoted-printable/i);
    const text = quotedPrintable(
      mail.raw
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join("\n"),
    );
    expect(text.split("\n")[0]).toBe("Dzień dobry,");
    expect(text).toContain("Zaloguj się przepustką");
    expect(text).toContain("https://sounding-board.county.test/pass/sign-in");
    expect(text).toContain("https://sounding-board.county.test/pass/email");
    expect(mail.raw).not.toContain("ANSWER-WORDS");
    expect(text).not.toContain("ANSWER-WORDS");
    expect(text).not.toContain("autobus do szkoły");
    expect(text).not.toContain(parent.nickname);
  });

  it("sends nothing to a pass with no address, and the answer is still given", async () => {
    const child = (await createPass({ ageBand: "8_11", isParent: false })).id;
    const threadId = askedAndAssigned(child, "Why are there no swings?", county.boardMember.id);
    const before = received.length;
    const answer = answerThread({ threadId, staffId: county.boardMember.id, body: "They are being mended." });
    await expect(answer.emailed).resolves.toBe(false);
    expect(received.length).toBe(before);
    expect(getThreadForAsker(child, threadId)?.status).toBe("answered");
  });
});

describe("an officer reminds an answerer", () => {
  it("emails the answerer a link and no words, records who and when, and refuses a question not with them", async () => {
    const passId = (await createPass({ ageBand: "12_15", isParent: false })).id;
    const threadId = askedAndAssigned(passId, "Why is the REMINDER-WORDS pool shut?", partner.id);
    const before = received.length;
    const reminded = remindAnswerer({ threadId, officerId: county.officer.id });
    await expect(reminded.emailed).resolves.toBe(true);
    expect(received.length).toBe(before + 1);
    const mail = received[received.length - 1];
    const partnerEmail = getDb()
      .select({ email: staffUsers.email })
      .from(staffUsers)
      .all()
      .find((s) => s.email.startsWith("partner-"))?.email;
    expect(mail.to).toEqual([partnerEmail]);
    const text = quotedPrintable(
      mail.raw
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join("\n"),
    );
    expect(text).toContain("Hello Pat Partner,");
    expect(text).toContain("A question from a young person is waiting for your answer. Please answer it by");
    expect(text).toContain(`https://sounding-board.county.test/staff/questions/${threadId}`);
    expect(mail.raw).not.toContain("REMINDER-WORDS");
    const logged = getDb()
      .select({ staffId: auditLog.staffId, action: auditLog.action, subjectId: auditLog.subjectId })
      .from(auditLog)
      .all()
      .filter((r) => r.action === "question_reminder" && r.subjectId === threadId);
    expect(logged).toEqual([{ staffId: county.officer.id, action: "question_reminder", subjectId: threadId }]);

    answerThread({ threadId, staffId: partner.id, body: "It reopens in May." });
    expect(() => remindAnswerer({ threadId, officerId: county.officer.id })).toThrow(ThreadError);
    expect(() => remindAnswerer({ threadId: 999_999, officerId: county.officer.id })).toThrow(ThreadError);
  });
});
