import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The environment is read once when the app's modules load: give it a local mail server to talk to first.
const smtpPort = vi.hoisted(() => {
  const port = 2525 + Math.floor(Math.random() * 2000);
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(port);
  process.env.SMTP_FROM = "sounding-board@county.test";
  process.env.SAFEGUARDING_EMAIL = "lead@county.test";
  process.env.PUBLIC_URL = "https://sounding-board.county.test";
  return port;
});

import { getAgendaItem } from "~/models/board.server";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import {
  approveMany,
  listModerationQueue,
  ModerationError,
  moderateContribution,
  moderationHistory,
} from "~/models/feedback.server";
import { moderationPageData } from "~/models/moderation/page.server";
import { approvedQuotes } from "~/models/results.server";
import {
  escalateContribution,
  getCase,
  listSafeguardingQueue,
  notifyEscalation,
  openEscalationCount,
  recordCaseAction,
  SafeguardingError,
} from "~/models/safeguarding.server";
import { candidateQuotes, computeFigures, createSummary } from "~/models/summaries.server";
import { parseAnswer } from "~/schemas/answers";
import { checkText } from "~/utils/text-safety";
import { getDb } from "~db/client";
import { contributions, staffUsers, summaryQuotes } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const db = getDb();
const day = 86400_000;
const admin = db
  .insert(staffUsers)
  .values({ email: "admin@test", name: "Ada Admin", passwordHash: "x", role: "admin" })
  .returning()
  .get();
const lead = db
  .insert(staffUsers)
  .values({ email: "lead-account@test", name: "Lee Lead", passwordHash: "x", role: "safeguarding" })
  .returning()
  .get();

const c = createConsultation({
  staffId: county.officer.id,
  title: "Getting around",
  summary: "Buses and trains",
  easySummary: null,
  audience: "young_people",
  opensAt: new Date(Date.now() - day).toISOString(),
  closesAt: new Date(Date.now() + 10 * day).toISOString(),
  minutes: 3,
});
const questionId = addQuestion({
  consultationId: c.id,
  kind: "long_text",
  prompt: "What would make the bus better?",
  easyPrompt: null,
  why: null,
  required: true,
  maxLength: 1000,
  options: [],
  outcomeIds: [county.outcomes.staySafe.id],
});
publishConsultation(c.id);
const consultation = getConsultationBySlug(c.slug);
if (!consultation) throw new Error("not found");

let receipts = 0;
function send(text: string, channel?: "paper" | "import", ageBand = "12_15") {
  const { responseId, escalated } = submitResponse({
    consultation: consultation as NonNullable<typeof consultation>,
    receiptHash: channel ? null : hashReceipt(`receipt-${++receipts}-xxxxxxxxxxxxxxxx`),
    answers: { [questionId]: { text } },
    about: { ageBand, localityId: county.localities[0].id },
    language: "en",
    readingLevel: "standard",
    channel,
  });
  const id = db
    .select({ id: contributions.id })
    .from(contributions)
    .where(eq(contributions.responseId, responseId))
    .get()?.id as number;
  return { id, escalated };
}

const scope = () => ({
  from: new Date(Date.now() - day).toISOString(),
  to: new Date(Date.now() + day).toISOString(),
  outcomeIds: [county.outcomes.staySafe.id],
});

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
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
beforeAll(() => new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve)));
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

describe("an escalated contribution is never approved, quoted, summarised or published, by anyone", () => {
  const disclosure = send("I want to hurt myself, the bus is the only place I feel ok");
  const ordinary = send("More buses after school please");

  it("goes to the lead's queue, not the ordinary one", () => {
    expect(disclosure.escalated).toBe(true);
    expect(listModerationQueue().rows.map((r) => r.id)).toEqual([ordinary.id]);
    const lq = listSafeguardingQueue({ page: 1, perPage: 10 });
    expect(lq.total).toBe(1);
    expect(lq.rows[0]).toMatchObject({
      contributionId: disclosure.id,
      body: "I want to hurt myself, the bus is the only place I feel ok",
      channel: "online",
      ageBand: "12_15",
      locality: "Banbury Cross",
      consultation: "Getting around",
      question: "What would make the bus better?",
      status: "new",
      firstActionAt: null,
    });
    expect(openEscalationCount()).toBe(1);
  });

  it("refuses approve and hide from an officer, the safeguarding lead and an admin alike", () => {
    for (const staffId of [county.officer.id, lead.id, admin.id]) {
      for (const decision of ["approve", "hide"] as const) {
        expect(() => moderateContribution({ staffId, contributionId: disclosure.id, decision })).toThrow(
          expect.objectContaining({ code: "escalated" }),
        );
      }
    }
    expect(() => approveMany({ staffId: admin.id, contributionIds: [ordinary.id, disclosure.id] })).toThrow(
      ModerationError,
    );
    // all or nothing: the ordinary one in the same selection was not approved either
    const states = db
      .select({ id: contributions.id, state: contributions.moderationState })
      .from(contributions)
      .where(sql`${contributions.id} in (${disclosure.id}, ${ordinary.id})`)
      .orderBy(contributions.id)
      .all();
    expect(states).toEqual([
      { id: disclosure.id, state: "escalated" },
      { id: ordinary.id, state: "pending" },
    ]);
  });

  it("is refused by the database itself, whatever code tries", () => {
    expect(() =>
      db.update(contributions).set({ moderationState: "approved" }).where(eq(contributions.id, disclosure.id)).run(),
    ).toThrow(/stays with the safeguarding lead/);
  });

  it("once a moderator escalates an approved, quoted contribution, it leaves results, quotes and summaries at once", () => {
    moderateContribution({ staffId: county.officer.id, contributionId: ordinary.id, decision: "approve" });
    expect(approvedQuotes(questionId)).toEqual(["More buses after school please"]);
    const { itemId } = createSummary({
      staffId: county.officer.id,
      meetingId: county.meeting.id,
      title: "Buses",
      scope: scope(),
      keyMessage: "More buses",
      recommendation: null,
      quoteIds: [ordinary.id],
      kind: "information",
    });
    expect(getAgendaItem(itemId)?.quotes).toEqual(["More buses after school please"]);

    expect(
      escalateContribution({
        staffId: county.officer.id,
        contributionId: ordinary.id,
        reason: "I know this child's situation",
      }),
    ).toBe(true);
    expect(approvedQuotes(questionId)).toEqual([]);
    expect(candidateQuotes(scope())).toEqual([]);
    expect(computeFigures(scope()).contributions).toBe(0);
    expect(getAgendaItem(itemId)?.quotes).toEqual([]);
    expect(() =>
      createSummary({
        staffId: county.officer.id,
        meetingId: county.meeting.id,
        title: "Again",
        scope: scope(),
        keyMessage: "x",
        recommendation: null,
        quoteIds: [ordinary.id],
        kind: "information",
      }),
    ).toThrow(/bad_quote/);
    const summaryId = db.select({ id: sql<number>`max(id)` }).from(sql`summaries`).get()?.id as number;
    expect(() => db.insert(summaryQuotes).values({ summaryId, contributionId: ordinary.id, text: "x" }).run()).toThrow(
      /never quoted/,
    );

    expect(moderationHistory(ordinary.id)).toMatchObject([
      { action: "approve", staffId: county.officer.id, reason: null },
      { action: "escalate", staffId: county.officer.id, reason: "I know this child's situation" },
    ]);
    const lq = listSafeguardingQueue({ page: 1, perPage: 10 });
    expect(lq.rows.map((r) => r.contributionId)).toEqual([ordinary.id, disclosure.id]);
    expect(lq.rows[0]).toMatchObject({ escalatedBy: "Olive Officer", reason: "I know this child's situation" });
    expect(openEscalationCount()).toBe(2);
    // escalating twice changes nothing
    expect(escalateContribution({ staffId: lead.id, contributionId: ordinary.id, reason: "again" })).toBe(false);
  });
});

describe("a young person who changes their answers", () => {
  it("cannot take a disclosure back from the lead", () => {
    const receiptHash = hashReceipt("receipt-takes-it-back-xxxxxxxx");
    const submit = (text: string) =>
      submitResponse({
        consultation: consultation as NonNullable<typeof consultation>,
        receiptHash,
        answers: { [questionId]: { text } },
        about: null,
        language: "en",
        readingLevel: "standard",
      });
    const first = submit("my dad beats me when he is drunk");
    expect(first.escalated).toBe(true);
    const again = submit("the bus is fine actually");
    expect(again.responseId).toBe(first.responseId);
    const rows = db
      .select({ body: contributions.body, state: contributions.moderationState })
      .from(contributions)
      .where(eq(contributions.responseId, first.responseId))
      .orderBy(contributions.id)
      .all();
    expect(rows).toEqual([
      { body: "my dad beats me when he is drunk", state: "escalated" },
      { body: "the bus is fine actually", state: "pending" },
    ]);
  });
});

describe("the lead's case record", () => {
  it("records each action with a note, who and when; the first one sets the time to first action", () => {
    const item = send("he hits me when mum is out");
    const arrival = db
      .select({ at: contributions.createdAt })
      .from(contributions)
      .where(eq(contributions.id, item.id))
      .get()?.at as string;
    const before = openEscalationCount();
    const at = new Date(Date.parse(arrival) + 17 * 60_000);
    recordCaseAction({
      staffId: lead.id,
      contributionId: item.id,
      action: "spoke_to_dsl",
      note: "Called the school's DSL",
      status: "in_progress",
      now: at,
    });
    recordCaseAction({
      staffId: lead.id,
      contributionId: item.id,
      action: "referred_social_care",
      note: "Referral made",
      status: "closed",
      now: new Date(at.getTime() + 60_000),
    });
    const found = getCase(item.id);
    expect(found).toMatchObject({ status: "closed", firstActionAt: at.toISOString() });
    expect(found?.actions).toMatchObject([
      { action: "spoke_to_dsl", note: "Called the school's DSL", statusAfter: "in_progress", staff: "Lee Lead" },
      { action: "referred_social_care", note: "Referral made", statusAfter: "closed", staff: "Lee Lead" },
    ]);
    expect(openEscalationCount()).toBe(before - 1);
    expect(() =>
      recordCaseAction({
        staffId: lead.id,
        contributionId: item.id,
        action: "police_informed",
        note: "x",
        status: "closed",
      }),
    ).toThrow(SafeguardingError);
    // closing the case does not make the text publishable
    expect(() => moderateContribution({ staffId: admin.id, contributionId: item.id, decision: "approve" })).toThrow(
      ModerationError,
    );
  });

  it("has no case for text that was never escalated", () => {
    const plain = send("the 42 bus is always late");
    expect(getCase(plain.id)).toBeNull();
    expect(() =>
      recordCaseAction({
        staffId: lead.id,
        contributionId: plain.id,
        action: "spoke_to_dsl",
        note: "x",
        status: "closed",
      }),
    ).toThrow(SafeguardingError);
  });
});

describe("the moderation queue", () => {
  it("filters by source, age band and flag, and pages", () => {
    const paper = send("Paper says: trains are dirty", "paper", "16_19");
    const flagged = send("My name is Tom Smith and buses are slow");
    const all = listModerationQueue({}, 1, 100).rows.map((r) => r.id);
    expect(all).toContain(paper.id);
    expect(listModerationQueue({ source: "paper" }).rows.map((r) => r.id)).toEqual([paper.id]);
    expect(listModerationQueue({ ageBand: "16_19" }).rows.map((r) => r.id)).toEqual([paper.id]);
    expect(listModerationQueue({ flag: "name" }).rows.map((r) => r.id)).toEqual([flagged.id]);
    const total = listModerationQueue().total;
    expect(listModerationQueue({}, 2, total - 1).rows).toHaveLength(1);
  });

  it("approves with edits (checked again), hides with a reason for the author, and records each", () => {
    const a = send("The driver Jess on the 7 is kind. My name is Tom Smith");
    moderateContribution({
      staffId: county.officer.id,
      contributionId: a.id,
      decision: "approve",
      editedText: "The driver [removed] on the 7 is kind. My name is Tom Smith",
    });
    expect(
      db.select({ m: contributions.maskedBody }).from(contributions).where(eq(contributions.id, a.id)).get()?.m,
    ).toBe("The driver [removed] on the 7 is kind. My name is [removed]");
    const b = send("buses are rubbish and so are you");
    // an edit takes words out; it never adds a word the young person did not write
    expect(() =>
      moderateContribution({
        staffId: county.officer.id,
        contributionId: b.id,
        decision: "approve",
        editedText: "buses are great",
      }),
    ).toThrow(expect.objectContaining({ code: "edit_adds" }));
    moderateContribution({
      staffId: county.officer.id,
      contributionId: b.id,
      decision: "hide",
      reason: "We can't share words that are unkind to others.",
    });
    expect(moderationHistory(a.id)).toMatchObject([{ action: "approve_edited", staffId: county.officer.id }]);
    expect(moderationHistory(b.id)).toMatchObject([
      { action: "hide", reason: "We can't share words that are unkind to others." },
    ]);
    expect(() =>
      moderateContribution({ staffId: county.officer.id, contributionId: b.id, decision: "approve" }),
    ).toThrow(expect.objectContaining({ code: "already_done" }));
  });

  it("shows the moderator what the check found in the original, and keeps words the model overruled out of a selection", () => {
    // a bruise from football: the phrase fired, the model judged it ordinary (a notice, not an escalation)
    const bruise = "got a massive bruise on my leg from football today lol it's gone purple";
    const notice = send(bruise);
    const details = send("my name is Tom and my snap is jess_22, the 7 bus is always late");
    const plain = send("the 7 bus is always late");
    expect(notice.escalated).toBe(false);
    const page = moderationPageData("http://localhost/staff/moderation?page=1", "en", "officer");
    const item = (id: number) => page.items.find((i) => i.id === id);
    expect(item(plain.id)?.parts).toBeNull();
    expect(item(plain.id)?.readAlone).toBe(false);
    expect(item(details.id)?.parts?.filter((p) => p.kind)).toEqual([
      { text: "Tom", kind: "name", harm: false },
      { text: "jess_22", kind: "handle", harm: false },
    ]);
    expect(
      item(details.id)
        ?.parts?.map((p) => p.text)
        .join(""),
    ).toBe("my name is Tom and my snap is jess_22, the 7 bus is always late");
    const found = item(notice.id)?.parts?.filter((p) => p.kind) ?? [];
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.harm)).toBe(true);
    // the words the phrases matched, as the check finds them
    expect(found.map((p) => p.text)).toEqual(checkText(bruise).spans.map((x) => bruise.slice(x.start, x.end)));
    expect(item(notice.id)?.readAlone).toBe(true);

    // a selection that holds it is refused whole, with nothing approved; on its own it is approved
    expect(() => approveMany({ staffId: county.officer.id, contributionIds: [plain.id, notice.id] })).toThrow(
      expect.objectContaining({ code: "read_alone", ids: [notice.id] }),
    );
    const state = (id: number) =>
      db.select({ s: contributions.moderationState }).from(contributions).where(eq(contributions.id, id)).get()?.s;
    expect([state(plain.id), state(notice.id)]).toEqual(["pending", "pending"]);
    expect(approveMany({ staffId: county.officer.id, contributionIds: [plain.id, details.id] })).toBe(2);
    moderateContribution({ staffId: county.officer.id, contributionId: notice.id, decision: "approve" });
    expect([state(plain.id), state(details.id), state(notice.id)]).toEqual(["approved", "approved", "approved"]);

    // A moderator who reads such words and escalates them gives the lead the category the phrases were about.
    const worry = send(`${bruise}, second time this week`);
    const overruled = checkText(`${bruise}, second time this week`).overruled.map((m) => m.category);
    expect(overruled.length).toBeGreaterThan(0);
    expect(escalateContribution({ staffId: county.officer.id, contributionId: worry.id, reason: "Again?" })).toBe(true);
    expect(getCase(worry.id)?.categories).toEqual([...new Set(overruled)]);
  });
});

describe("telling the lead", () => {
  it("emails the configured address as soon as a disclosure arrives, with the link and none of the child's words", async () => {
    // let any email from earlier submissions arrive first
    await new Promise((resolve) => setTimeout(resolve, 300));
    received.length = 0;
    send("nobody would miss me, I want to die");
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5000 });
    expect(received[0].to).toEqual(["lead@county.test"]);
    const body = received[0].raw.replace(/=\r?\n/g, "");
    expect(body).toContain("https://sounding-board.county.test/staff/safeguarding");
    expect(body).not.toMatch(/miss me|die|hurt|hits me|bus/i);
    // an ordinary answer sends nothing
    send("the buses are fine");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(1);
    expect(await notifyEscalation()).toBe(true);
    expect(received).toHaveLength(2);
  });
});

describe("bad input: a clear message, and nothing stored that the check could not read", () => {
  const q = { id: 1, kind: "long_text", required: true, maxLength: 50, options: [] };
  const parse = (text: string) => {
    const form = new FormData();
    form.set("answer", text);
    return parseAnswer(q, form);
  };

  it("refuses empty, over-long, emoji-only and look-alike-letter text with what to do", () => {
    expect(parse("   \u200B\u2060  ").error).toEqual({ key: "answer.enterText" });
    expect(parse("x".repeat(51)).error).toEqual({ key: "answer.tooLong", values: { max: 50 } });
    expect(parse("😀😀 👍 !!! ***").error).toEqual({ key: "answer.needsWords" });
    // "kіll" with a Cyrillic і
    expect(parse("I want to k\u0456ll myself").error).toEqual({ key: "answer.mixedScripts" });
  });

  it("keeps whole words in other alphabets and emoji beside words", () => {
    expect(parse("Автобус late again 😀").answer).toEqual({ text: "Автобус late again 😀" });
    expect(parse("الحافلة متأخرة").answer).toEqual({ text: "الحافلة متأخرة" });
    expect(parse("Autobus się spóźnia").answer).toEqual({ text: "Autobus się spóźnia" });
  });

  it("takes out invisible characters, so the safety check reads the words as they look", () => {
    const parsed = parse("I want to h\u200Bu\u00ADr\u2060t myself\u202E");
    expect(parsed.answer).toEqual({ text: "I want to hurt myself" });
    expect(checkText(parsed.answer?.text ?? "").escalate).toBe(true);
  });
});
