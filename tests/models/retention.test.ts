import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import {
  lastRetentionRun,
  nextRetentionAt,
  previewRetention,
  RETENTION_TEXT,
  runRetention,
} from "~/models/retention.server";
import { escalateContribution, recordCaseAction } from "~/models/safeguarding.server";
import { setSetting } from "~/models/settings.server";
import { getDb } from "~db/client";
import {
  auditLog,
  contributions,
  importJobs,
  responseDrafts,
  safeguardingActions,
  safeguardingCases,
  summaries,
  summaryQuotes,
  summaryVersions,
} from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const db = getDb();
const day = 86400_000;
const now = new Date("2026-11-23T12:00:00Z");

const c = createConsultation({
  staffId: county.officer.id,
  title: "Buses",
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

/** One answer (a face and some words), sent `monthsAgo` months before `now`; returns its text contribution's id. */
function answerSent(receipt: string, value: number, words: string, monthsAgo: number) {
  const { responseId } = submitResponse({
    consultation: consultation as NonNullable<typeof consultation>,
    receiptHash: hashReceipt(receipt),
    answers: { [scale]: { value }, [text]: { text: words } },
    about: { ageBand: "12_15", localityId: county.localities[0].id },
    language: "en",
    readingLevel: "standard",
  });
  const at = new Date(now);
  at.setUTCMonth(at.getUTCMonth() - monthsAgo);
  db.update(contributions).set({ createdAt: at.toISOString() }).where(eq(contributions.responseId, responseId)).run();
  return db
    .select({ id: contributions.id })
    .from(contributions)
    .where(and(eq(contributions.responseId, responseId), eq(contributions.kind, "text")))
    .get()?.id as number;
}

const bodyOf = (id: number) =>
  db
    .select({ body: contributions.body, masked: contributions.maskedBody })
    .from(contributions)
    .where(eq(contributions.id, id))
    .get();

/** Everything a result, chart or summary counts. */
function aggregates() {
  return {
    byValue: db.all(
      sql`select value_int as v, age_band as band, count(*) as n from contributions where consultation_id = ${c.id} and kind = 'scale' group by 1, 2 order by 1, 2`,
    ),
    texts: db.all(
      sql`select moderation_state as state, count(*) as n from contributions where consultation_id = ${c.id} and kind = 'text' and body is not null group by 1 order by 1`,
    ),
    responses: db.all(sql`select count(*) as n from responses where consultation_id = ${c.id}`),
  };
}

describe("retention", () => {
  it("anonymises exactly the words older than the limit, keeps counts, frozen quotes and open safeguarding cases", async () => {
    setSetting("retention", { freeTextMonths: 24, safeguardingMonths: 72 }, null);
    const old1 = answerSent("ret-old-one-aaaaaaaaaaaaaaa", 4, "More buses at night", 30);
    const old2 = answerSent("ret-old-two-aaaaaaaaaaaaaaa", 2, "Cheaper tickets", 25);
    const quoted = answerSent("ret-old-quoted-aaaaaaaaaaaa", 3, "Buses to the youth club", 26);
    const recent = answerSent("ret-recent-aaaaaaaaaaaaaaaa", 5, "Bus stop shelters", 23);
    const openCase = answerSent("ret-open-case-aaaaaaaaaaaaa", 1, "The driver shouts at me", 100);
    const closedLongAgo = answerSent("ret-closed-old-aaaaaaaaaaaa", 1, "Someone follows me home", 100);
    const closedRecently = answerSent("ret-closed-new-aaaaaaaaaaaa", 1, "My brother hits me", 100);

    // A masked quote in a draft summary, and the same words frozen in a version sent to the Board.
    db.update(contributions).set({ maskedBody: "Buses to the youth club" }).where(eq(contributions.id, quoted)).run();
    const summary = db
      .insert(summaries)
      .values({
        meetingId: county.meeting.id,
        title: "Buses",
        periodFrom: "2024-01-01",
        periodTo: "2024-12-31",
        outcomeIds: [],
        figures: { people: 0, contributions: 0, ageBands: [], localities: [], outcomes: [] } as never,
        keyMessage: "Buses",
      })
      .returning({ id: summaries.id })
      .get();
    db.insert(summaryQuotes)
      .values({ summaryId: summary.id, contributionId: quoted, text: "Buses to the youth club" })
      .run();
    const frozen = { quotes: [{ text: "Buses to the youth club" }], keyMessage: "Buses" } as never;
    db.insert(summaryVersions)
      .values({ summaryId: summary.id, version: 1, content: frozen, sentAt: "2024-12-01T10:00:00Z" })
      .run();
    const frozenBefore = db.select().from(summaryVersions).where(eq(summaryVersions.summaryId, summary.id)).all();

    for (const id of [openCase, closedLongAgo, closedRecently])
      escalateContribution({ staffId: county.officer.id, contributionId: id, reason: "Worried" });
    for (const id of [closedLongAgo, closedRecently])
      recordCaseAction({
        staffId: county.officer.id,
        contributionId: id,
        action: "referred_social_care",
        note: "Phoned the family's social worker",
        status: "closed",
      });
    const closeAt = (id: number, iso: string) =>
      db.update(safeguardingCases).set({ closedAt: iso }).where(eq(safeguardingCases.contributionId, id)).run();
    closeAt(closedLongAgo, "2019-06-01T10:00:00Z"); // over 72 months before `now`
    closeAt(closedRecently, "2022-06-01T10:00:00Z"); // under 72 months

    // An answer in progress left 5 hours ago and one saved a minute ago; a checked import file from 3 years ago.
    db.insert(responseDrafts)
      .values([
        {
          receiptHash: "draft-old",
          consultationId: c.id,
          answers: {},
          updatedAt: new Date(now.getTime() - 5 * 3600_000).toISOString(),
        },
        {
          receiptHash: "draft-new",
          consultationId: c.id,
          answers: {},
          updatedAt: new Date(now.getTime() - 60_000).toISOString(),
        },
      ])
      .run();
    db.insert(importJobs)
      .values({
        consultationId: c.id,
        filename: "paper.csv",
        fileHash: "x",
        totalRows: 1,
        validCount: 0,
        rejectedRows: [{ line: 2, errors: ["x"], raw: "I hate the bus" }] as never,
        createdAt: "2023-01-01T10:00:00Z",
      })
      .run();

    const before = aggregates();
    const expected = {
      contributions: 3,
      sessionNotes: 0,
      safeguardingWords: 1,
      drafts: 1,
      importFiles: 1,
    };
    expect(previewRetention(now)).toEqual(expected);

    const run = await runRetention({ trigger: "admin", staffId: county.officer.id }, now);
    expect(run.counts).toEqual(expected);
    expect(aggregates()).toEqual(before);

    expect(bodyOf(old1)).toEqual({ body: RETENTION_TEXT, masked: null });
    expect(bodyOf(old2)).toEqual({ body: RETENTION_TEXT, masked: null });
    // The original goes; the masked words a paper already quotes stay.
    expect(bodyOf(quoted)).toEqual({ body: RETENTION_TEXT, masked: "Buses to the youth club" });
    expect(bodyOf(recent)?.body).toBe("Bus stop shelters");
    // Safeguarding: the lead's rule, not the general one.
    expect(bodyOf(openCase)?.body).toBe("The driver shouts at me");
    expect(bodyOf(closedRecently)?.body).toBe("My brother hits me");
    expect(bodyOf(closedLongAgo)?.body).toBe(RETENTION_TEXT);
    const notes = db
      .select({ note: safeguardingActions.note, contributionId: safeguardingCases.contributionId })
      .from(safeguardingActions)
      .innerJoin(safeguardingCases, eq(safeguardingCases.id, safeguardingActions.caseId))
      .all();
    // The lead's own notes are their record, kept by their policy (nothing may change them).
    expect(notes.map((n) => n.note)).toEqual([
      "Phoned the family's social worker",
      "Phoned the family's social worker",
    ]);
    // The case records themselves stay.
    expect(db.select().from(safeguardingCases).all()).toHaveLength(3);

    expect(db.select().from(summaryVersions).where(eq(summaryVersions.summaryId, summary.id)).all()).toEqual(
      frozenBefore,
    );
    expect(db.select({ t: summaryQuotes.text }).from(summaryQuotes).all()).toEqual([{ t: "Buses to the youth club" }]);
    expect(db.select({ h: responseDrafts.receiptHash }).from(responseDrafts).all()).toEqual([{ h: "draft-new" }]);
    expect(db.select({ r: importJobs.rejectedRows }).from(importJobs).all()).toEqual([{ r: [] }]);

    const audit = db.select().from(auditLog).where(eq(auditLog.action, "retention_run")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0].staffId).toBe(county.officer.id);
    expect(JSON.parse(audit[0].detail ?? "")).toEqual({
      trigger: "admin",
      freeTextMonths: 24,
      safeguardingMonths: 72,
      ...expected,
    });
    expect(lastRetentionRun()).toMatchObject({ staff: "Olive Officer", trigger: "admin", contributions: 3 });

    // A second run finds nothing more and says so.
    const again = await runRetention({ trigger: "script" }, now);
    expect(Object.values(again.counts)).toEqual([0, 0, 0, 0, 0]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "retention_run")).all()).toHaveLength(2);
  });

  it("keeps everything when no limit is set, and safeguarding words when the lead's limit is off", async () => {
    const old = answerSent("ret-nolimit-aaaaaaaaaaaaaaa", 4, "Longer bus hours", 200);
    setSetting("retention", { freeTextMonths: null, safeguardingMonths: null }, null);
    const run = await runRetention({ trigger: "script" }, now);
    expect(run.counts.contributions).toBe(0);
    expect(run.counts.safeguardingWords).toBe(0);
    expect(bodyOf(old)?.body).toBe("Longer bus hours");
  });

  it("works in batches of 500 that each leave the event loop free quickly", async () => {
    setSetting("retention", { freeTextMonths: 12, safeguardingMonths: 72 }, null);
    const base = db
      .select({ responseId: contributions.responseId })
      .from(contributions)
      .where(eq(contributions.consultationId, c.id))
      .get()?.responseId as number;
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      source: "consultation",
      kind: "text",
      consultationId: c.id,
      questionId: text,
      responseId: base,
      audience: "young_people",
      body: `Old words number ${i}`,
      moderationState: "approved" as const,
      createdAt: "2020-01-01T00:00:00Z",
    }));
    for (let i = 0; i < rows.length; i += 500)
      db.insert(contributions)
        .values(rows.slice(i, i + 500))
        .run();
    const preview = previewRetention(now).contributions;
    // The 5000, the 23-month answer now past a 12-month limit, and the one kept while no limit was set.
    expect(preview).toBe(5002);
    const run = await runRetention({ trigger: "script" }, now);
    expect(run.counts.contributions).toBe(5002);
    expect(run.batches).toBe(11);
    console.log(`retention: 5002 rows in ${run.batches} batches, longest batch ${run.longestBatchMs.toFixed(1)} ms`);
    expect(run.longestBatchMs).toBeLessThan(100);
  });

  it("runs daily at 03:00 London time", () => {
    expect(nextRetentionAt(new Date("2026-07-01T01:00:00Z")).toISOString()).toBe("2026-07-01T02:00:00.000Z");
    expect(nextRetentionAt(new Date("2026-12-01T03:30:00Z")).toISOString()).toBe("2026-12-02T03:00:00.000Z");
  });
});
