import { and, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import {
  deletePass,
  exportPassData,
  linkReceipts,
  listAnsweredConsultations,
  REMOVED_TEXT,
  sendPassMessage,
} from "~/models/passes/holder.server";
import {
  changeNickname,
  createPass,
  createPassSession,
  findPassBySession,
  nicknameKey,
  PassError,
  setPassEmail,
  signInWaitSeconds,
  verifyPassSignIn,
  waitAfterFailures,
} from "~/models/passes/passes.server";
import { SECRET_WORDS } from "~/models/passes/words";
import { escalateContribution } from "~/models/safeguarding.server";
import { getDb } from "~db/client";
import {
  contributions,
  moderationEvents,
  passes,
  passResponses,
  passSessions,
  responses,
  safeguardingCases,
  summaries,
  summaryQuotes,
} from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const day = 86400_000;

function makeConsultation(title: string) {
  const c = createConsultation({
    staffId: county.officer.id,
    title,
    summary: "Tell us",
    easySummary: null,
    audience: "young_people",
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    minutes: 3,
  });
  const scale = addQuestion({
    consultationId: c.id,
    kind: "scale",
    prompt: "How safe do you feel?",
    easyPrompt: null,
    why: null,
    required: true,
    maxLength: 1000,
    options: [],
    outcomeIds: [county.outcomes.staySafe.id],
  });
  const text = addQuestion({
    consultationId: c.id,
    kind: "long_text",
    prompt: "What would help?",
    easyPrompt: null,
    why: null,
    required: false,
    maxLength: 1000,
    options: [],
    outcomeIds: [county.outcomes.staySafe.id],
  });
  publishConsultation(c.id);
  const consultation = getConsultationBySlug(c.slug);
  if (!consultation) throw new Error("not found");
  return { consultation, scale, text };
}

function answer(
  made: ReturnType<typeof makeConsultation>,
  receipt: string,
  value: number,
  words: string,
  ageBand = "12_15",
) {
  return submitResponse({
    consultation: made.consultation,
    receiptHash: hashReceipt(receipt),
    answers: { [made.scale]: { value }, [made.text]: { text: words } },
    about: { ageBand, localityId: county.localities[0].id },
    language: "en",
    readingLevel: "standard",
  }).responseId;
}

describe("a pass", () => {
  it("has a generated nickname, four words from the list, and only an argon2id hash of them", async () => {
    const made = await createPass({ ageBand: "12_15", isParent: false });
    expect(made.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [1-9]\d$/);
    expect(made.words).toHaveLength(4);
    for (const w of made.words) expect(SECRET_WORDS).toContain(w);
    const row = getDb().select().from(passes).where(eq(passes.id, made.id)).get();
    expect(row?.secretHash.startsWith("$argon2id$")).toBe(true);
    expect(row?.secretHash).not.toContain(made.words[0]);
    expect(row?.ageBand).toBe("12_15");
    expect(row?.isParent).toBe(false);
  });

  it("the word list is long enough, has no repeats and only plain lower-case words", () => {
    expect(SECRET_WORDS.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(SECRET_WORDS).size).toBe(SECRET_WORDS.length);
    for (const w of SECRET_WORDS) expect(w).toMatch(/^[a-z]{3,10}$/);
  });

  it("signs in with the nickname and words however they are typed, and a session finds the pass", async () => {
    const made = await createPass({ ageBand: "16_19", isParent: false });
    const typed = `  ${made.nickname.toUpperCase()} `;
    const result = await verifyPassSignIn(typed, ` ${made.words.join(", ").toUpperCase()} `);
    expect(result).toEqual({ ok: true, passId: made.id });
    const session = createPassSession(made.id);
    const pass = findPassBySession(session);
    expect(pass?.nickname).toBe(made.nickname);
    expect(pass?.canAddEmail).toBe(true);
    // The cookie's id is not stored: only its hash.
    const stored = getDb().select().from(passSessions).where(eq(passSessions.passId, made.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].idHash).not.toBe(session);
    expect(findPassBySession("not-a-session")).toBeNull();
  });

  it("slows a nickname down after five wrong secrets, for a few minutes at most, and the right words still work after", async () => {
    const made = await createPass({ ageBand: "8_11", isParent: false });
    const t0 = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < 4; i++) {
      expect(await verifyPassSignIn(made.nickname, "wrong words here now", t0)).toEqual({
        ok: false,
        reason: "wrong",
        waitSeconds: 0,
      });
    }
    expect(await verifyPassSignIn(made.nickname, "wrong words here now", t0)).toEqual({
      ok: false,
      reason: "wrong",
      waitSeconds: 30,
    });
    // While waiting, even the right words are refused without checking them.
    expect(await verifyPassSignIn(made.nickname, made.words.join(" "), new Date(t0.getTime() + 10_000))).toEqual({
      ok: false,
      reason: "wait",
      waitSeconds: 20,
    });
    expect(waitAfterFailures(6)).toBe(60_000);
    expect(waitAfterFailures(7)).toBe(120_000);
    expect(waitAfterFailures(50)).toBe(300_000);
    const later = new Date(t0.getTime() + 31_000);
    expect(signInWaitSeconds(made.nickname, later)).toBe(0);
    expect(await verifyPassSignIn(made.nickname, made.words.join(" "), later)).toEqual({ ok: true, passId: made.id });
    // Success clears the count.
    expect(await verifyPassSignIn(made.nickname, "wrong", later)).toMatchObject({ waitSeconds: 0 });
  });

  it("slows an unknown nickname the same way, so sign-in does not tell which nicknames exist", async () => {
    const t0 = new Date("2030-01-02T10:00:00Z");
    for (let i = 0; i < 5; i++) await verifyPassSignIn("Nobody Here 10", "a b c d", t0);
    expect(signInWaitSeconds("nobody here 10", t0)).toBe(30);
  });

  it("takes an email only from parents, carers and people of 16 or over", async () => {
    const parent = await createPass({ ageBand: null, isParent: true });
    setPassEmail(parent.id, "carer@example.test");
    expect(getDb().select({ e: passes.email }).from(passes).where(eq(passes.id, parent.id)).get()?.e).toBe(
      "carer@example.test",
    );
    const unsaid = await createPass({ ageBand: null, isParent: false });
    expect(() => setPassEmail(unsaid.id, "someone@example.test")).toThrow(PassError);
    const child = await createPass({ ageBand: "12_15", isParent: false });
    expect(() => setPassEmail(child.id, "kid@example.test")).toThrow(PassError);
    expect(getDb().select({ e: passes.email }).from(passes).where(eq(passes.id, child.id)).get()?.e).toBeNull();
  });

  it("changes its nickname only to another generated one", async () => {
    const made = await createPass({ ageBand: "12_15", isParent: false });
    const next = changeNickname(made.id);
    expect(next).not.toBe(made.nickname);
    expect(next).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [1-9]\d$/);
    const row = getDb().select().from(passes).where(eq(passes.id, made.id)).get();
    expect(row?.nicknameKey).toBe(nicknameKey(next));
    expect((await verifyPassSignIn(next, made.words.join(" "))).ok).toBe(true);
  });
});

describe("a pass holder's answers", () => {
  const made = makeConsultation(`Parks ${Math.random()}`);

  it("links the answers this browser sent before the pass was made, and never someone else's", async () => {
    const mine = answer(made, "receipt-mine-aaaaaaaaaaaaaaa", 4, "More benches");
    answer(made, "receipt-other-aaaaaaaaaaaaaa", 2, "Less litter");
    const pass = await createPass({ ageBand: "12_15", isParent: false });
    expect(
      linkReceipts(pass.id, [hashReceipt("receipt-mine-aaaaaaaaaaaaaaa"), hashReceipt("unknown-receipt-xxxxx")]),
    ).toBe(1);
    const answered = listAnsweredConsultations(pass.id);
    expect(answered.map((a) => a.responseId)).toEqual([mine]);
    expect(answered[0].title).toBe(made.consultation.title);
    // Linked once: a second pass in the same browser does not take it.
    const second = await createPass({ ageBand: "12_15", isParent: false });
    expect(linkReceipts(second.id, [hashReceipt("receipt-mine-aaaaaaaaaaaaaaa")])).toBe(0);
    // Only answers sent since a time, when asked.
    const other = makeConsultation(`Libraries ${Math.random()}`);
    answer(other, "receipt-later-aaaaaaaaaaaaaa", 3, "Open later");
    expect(
      linkReceipts(pass.id, [hashReceipt("receipt-later-aaaaaaaaaaaaaa")], {
        sentSince: new Date(Date.now() + day).toISOString(),
      }),
    ).toBe(0);
  });

  it("exports everything the holder gave, with their answers' words", async () => {
    answer(made, "receipt-export-aaaaaaaaaaaaa", 5, "A skate park please");
    const pass = await createPass({ ageBand: null, isParent: true });
    linkReceipts(pass.id, [hashReceipt("receipt-export-aaaaaaaaaaaaa")]);
    sendPassMessage(pass.id, { title: "Hello", body: "Thanks for your answers" });
    const data = exportPassData(pass.id);
    expect(data?.pass).toMatchObject({ nickname: pass.nickname, ageGroup: "parent_or_carer", email: null });
    expect(data?.consultations).toHaveLength(1);
    expect(data?.consultations[0].title).toBe(made.consultation.title);
    expect(data?.consultations[0].answers).toEqual([
      { question: "How safe do you feel?", kind: "scale", value: 5 },
      { question: "What would help?", kind: "text", text: "A skate park please" },
    ]);
    expect(data?.messages).toEqual([
      expect.objectContaining({ title: "Hello", body: "Thanks for your answers", readAt: null }),
    ]);
    expect(JSON.stringify(data)).not.toContain("secret");
  });
});

describe("deleting a pass", () => {
  const made = makeConsultation(`Buses ${Math.random()}`);
  const db = getDb();

  function totals() {
    const cid = made.consultation.id;
    const people = db
      .select({ n: sql<number>`count(*)` })
      .from(responses)
      .where(eq(responses.consultationId, cid))
      .get()?.n;
    const byValue = db
      .select({ v: contributions.valueInt, band: contributions.ageBand, n: sql<number>`count(*)` })
      .from(contributions)
      .where(and(eq(contributions.consultationId, cid), eq(contributions.kind, "scale")))
      .groupBy(contributions.valueInt, contributions.ageBand)
      .orderBy(contributions.valueInt, contributions.ageBand)
      .all();
    const texts = db
      .select({ state: contributions.moderationState, n: sql<number>`count(*)` })
      .from(contributions)
      .where(and(eq(contributions.consultationId, cid), eq(contributions.kind, "text"), isNotNull(contributions.body)))
      .groupBy(contributions.moderationState)
      .orderBy(contributions.moderationState)
      .all();
    return { people, byValue, texts };
  }

  it("keeps every count exact, removes the words and the link, keeps a frozen quote masked, and keeps a safeguarding case", async () => {
    const r1 = answer(made, "receipt-del-one-aaaaaaaaaaaa", 4, "More buses at night", "12_15");
    const r2 = answer(made, "receipt-del-two-aaaaaaaaaaaa", 1, "The driver shouts at me", "8_11");
    answer(made, "receipt-del-keep-aaaaaaaaaaa", 2, "Cheaper tickets", "12_15");
    const pass = await createPass({ ageBand: "12_15", isParent: false });
    linkReceipts(pass.id, [hashReceipt("receipt-del-one-aaaaaaaaaaaa"), hashReceipt("receipt-del-two-aaaaaaaaaaaa")]);
    createPassSession(pass.id);
    sendPassMessage(pass.id, { title: "Hi", body: "A message" });

    const textOf = (responseId: number) =>
      db
        .select({ id: contributions.id })
        .from(contributions)
        .where(and(eq(contributions.responseId, responseId), eq(contributions.kind, "text")))
        .get()?.id as number;
    const quotedId = textOf(r1);
    const caseId = textOf(r2);
    // r1's words are frozen, masked, in a Board paper; r2's are a safeguarding case.
    const summary = db
      .insert(summaries)
      .values({
        meetingId: county.meeting.id,
        title: "Buses",
        periodFrom: "2026-01-01",
        periodTo: "2026-12-31",
        outcomeIds: [],
        figures: { people: 0, contributions: 0, ageBands: [], localities: [], outcomes: [] } as never,
        keyMessage: "Buses",
      })
      .returning({ id: summaries.id })
      .get();
    db.insert(summaryQuotes)
      .values({ summaryId: summary.id, contributionId: quotedId, text: "More buses at night" })
      .run();
    escalateContribution({ staffId: county.officer.id, contributionId: caseId, reason: "Worried" });

    const before = totals();
    expect(before.people).toBe(3);
    expect(before.byValue).toEqual([
      { v: 1, band: "8_11", n: 1 },
      { v: 2, band: "12_15", n: 1 },
      { v: 4, band: "12_15", n: 1 },
    ]);
    expect(before.texts).toEqual([
      { state: "escalated", n: 1 },
      { state: "pending", n: 2 },
    ]);

    const { consultationIds } = deletePass(pass.id);
    expect(consultationIds).toEqual([made.consultation.id]);
    expect(totals()).toEqual(before);

    expect(db.select().from(passes).where(eq(passes.id, pass.id)).get()).toBeUndefined();
    expect(db.select().from(passResponses).where(eq(passResponses.passId, pass.id)).all()).toEqual([]);
    expect(db.select().from(passSessions).where(eq(passSessions.passId, pass.id)).all()).toEqual([]);
    for (const r of [r1, r2]) {
      expect(db.select({ h: responses.receiptHash }).from(responses).where(eq(responses.id, r)).get()?.h).toBeNull();
    }
    const quoted = db.select().from(contributions).where(eq(contributions.id, quotedId)).get();
    expect(quoted?.body).toBe(REMOVED_TEXT);
    expect(db.select().from(summaryQuotes).where(eq(summaryQuotes.contributionId, quotedId)).get()?.text).toBe(
      "More buses at night",
    );
    // The safeguarding record cannot be erased by the participant: the case, its words and its history stay.
    const kept = db.select().from(contributions).where(eq(contributions.id, caseId)).get();
    expect(kept?.body).toBe("The driver shouts at me");
    expect(kept?.moderationState).toBe("escalated");
    expect(db.select().from(safeguardingCases).where(eq(safeguardingCases.contributionId, caseId)).all()).toHaveLength(
      1,
    );
    expect(
      db.select().from(moderationEvents).where(eq(moderationEvents.contributionId, caseId)).all().length,
    ).toBeGreaterThan(0);
    // The answer nobody deleted is untouched.
    const untouched = db
      .select({ body: contributions.body })
      .from(contributions)
      .innerJoin(responses, eq(responses.id, contributions.responseId))
      .where(eq(responses.receiptHash, hashReceipt("receipt-del-keep-aaaaaaaaaaa")))
      .all()
      .map((r) => r.body);
    expect(untouched).toEqual([null, "Cheaper tickets"]);
  });
});
