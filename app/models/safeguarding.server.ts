import { and, desc, eq, sql } from "drizzle-orm";
import type { CaseAction, CaseStatus } from "~/schemas/safeguarding";
import { env } from "~/utils/env.server";
import { mailConfigured, publicUrl, sendMail } from "~/utils/mail.server";
import { checkText } from "~/utils/text-safety";
import { getDb } from "~db/client";
import {
  consultations,
  contributions,
  importJobs,
  localities,
  moderationEvents,
  questions,
  safeguardingActions,
  safeguardingCases,
  staffUsers,
  summaryQuotes,
  summarySources,
} from "~db/schema";
import { listsInForce } from "./safeguarding-lists.server";
import { recordAudit } from "./staff.server";
import { afterModeration } from "./threads.server";

/**
 * True for a contribution that may be published or quoted: never one that is, or ever was, escalated.
 * Every query that publishes, quotes, summarises or exports text adds this beside its moderation_state check.
 */
// Names spelt out: inside a subquery an interpolated column written without its table would compare the case's own id.
export const neverEscalated = sql`("contributions"."moderation_state" <> 'escalated' and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id"))`;

const isEscalated = sql`("contributions"."moderation_state" = 'escalated' or exists (select 1 from safeguarding_cases sc where sc.contribution_id = "contributions"."id"))`;

/** Escalated items whose case is not closed: the count in every staff page's header. */
export function openEscalationCount() {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(contributions)
      .where(
        and(
          eq(contributions.moderationState, "escalated"),
          sql`not exists (select 1 from ${safeguardingCases} where ${safeguardingCases.contributionId} = ${contributions.id} and ${safeguardingCases.status} = 'closed')`,
        ),
      )
      .get()?.n ?? 0
  );
}

/** Every escalated contribution from every source, newest first, with its context and its case (if one is open yet). */
export function listSafeguardingQueue(input: { page: number; perPage: number }) {
  const db = getDb();
  const total = db.select({ n: sql<number>`count(*)` }).from(contributions).where(isEscalated).get()?.n ?? 0;
  const rows = selectCases()
    .where(isEscalated)
    .orderBy(desc(contributions.createdAt), desc(contributions.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .all();
  return { total, rows };
}

/** One escalated contribution with its case and every action taken, oldest first. Null if it was never escalated. */
export function getCase(contributionId: number) {
  const db = getDb();
  const item =
    selectCases()
      .where(and(eq(contributions.id, contributionId), isEscalated))
      .get() ?? null;
  if (!item) return null;
  const actions = item.caseId
    ? db
        .select({
          action: safeguardingActions.action,
          note: safeguardingActions.note,
          statusAfter: safeguardingActions.statusAfter,
          staff: staffUsers.name,
          at: safeguardingActions.createdAt,
        })
        .from(safeguardingActions)
        .innerJoin(staffUsers, eq(staffUsers.id, safeguardingActions.staffId))
        .where(eq(safeguardingActions.caseId, item.caseId))
        .orderBy(safeguardingActions.createdAt, safeguardingActions.id)
        .all()
    : [];
  return { ...item, actions };
}

/** Escalated contributions with their context and case; the case columns are null until a first action. */
function selectCases() {
  return getDb()
    .select({
      contributionId: contributions.id,
      body: contributions.body,
      flags: contributions.flags,
      source: contributions.source,
      channel: sql<string | null>`(select r.channel from responses r where r.id = ${contributions.responseId})`,
      ageBand: contributions.ageBand,
      audience: contributions.audience,
      arrivedAt: contributions.createdAt,
      consultation: consultations.title,
      question: questions.prompt,
      locality: localities.name,
      caseId: safeguardingCases.id,
      status: sql<CaseStatus>`coalesce(${safeguardingCases.status}, 'new')`,
      categories: safeguardingCases.categories,
      reason: safeguardingCases.reason,
      escalatedBy: staffUsers.name,
      firstActionAt: safeguardingCases.firstActionAt,
    })
    .from(contributions)
    .leftJoin(consultations, eq(consultations.id, contributions.consultationId))
    .leftJoin(questions, eq(questions.id, contributions.questionId))
    .leftJoin(localities, eq(localities.id, contributions.localityId))
    .leftJoin(safeguardingCases, eq(safeguardingCases.contributionId, contributions.id))
    .leftJoin(staffUsers, eq(staffUsers.id, safeguardingCases.escalatedBy))
    .$dynamic();
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/**
 * The categories the detector gives (an older detector gives none), kept on the case as the lead first saw them. Text a
 * moderator escalates where the model overruled the phrases ("harm_words") carries those phrases' categories: what the
 * words were about is what the moderator saw.
 */
function categoriesOf(body: string | null): string[] {
  if (!body) return [];
  const check = checkText(body, { lists: listsInForce() }) as {
    categories?: string[];
    overruled?: { category: string }[];
  };
  if (Array.isArray(check.categories) && check.categories.length) return check.categories;
  return [...new Set((check.overruled ?? []).map((m) => m.category))];
}

function ensureCase(tx: Tx, contributionId: number, body: string | null, arrivedAt: string) {
  const existing = tx
    .select({
      id: safeguardingCases.id,
      status: safeguardingCases.status,
      firstActionAt: safeguardingCases.firstActionAt,
    })
    .from(safeguardingCases)
    .where(eq(safeguardingCases.contributionId, contributionId))
    .get();
  if (existing) return existing;
  return tx
    .insert(safeguardingCases)
    .values({ contributionId, categories: categoriesOf(body), escalatedAt: arrivedAt })
    .returning({
      id: safeguardingCases.id,
      status: safeguardingCases.status,
      firstActionAt: safeguardingCases.firstActionAt,
    })
    .get();
}

export class SafeguardingError extends Error {
  constructor(public readonly code: "not_found" | "closed") {
    super(code);
  }
}

/** Records what the lead did, with a note, and the case's status after it, in one transaction. */
export function recordCaseAction(input: {
  staffId: number;
  contributionId: number;
  action: CaseAction;
  note: string;
  status: CaseStatus;
  now?: Date;
}) {
  const now = (input.now ?? new Date()).toISOString();
  getDb().transaction((tx) => {
    const c = tx
      .select({ body: contributions.body, createdAt: contributions.createdAt })
      .from(contributions)
      .where(and(eq(contributions.id, input.contributionId), isEscalated))
      .get();
    if (!c) throw new SafeguardingError("not_found");
    const found = ensureCase(tx, input.contributionId, c.body, c.createdAt);
    if (found.status === "closed") throw new SafeguardingError("closed");
    tx.insert(safeguardingActions)
      .values({
        caseId: found.id,
        action: input.action,
        note: input.note,
        statusAfter: input.status,
        staffId: input.staffId,
        createdAt: now,
      })
      .run();
    tx.update(safeguardingCases)
      .set({
        status: input.status,
        firstActionAt: found.firstActionAt ?? now,
        closedAt: input.status === "closed" ? now : null,
      })
      .where(eq(safeguardingCases.id, found.id))
      .run();
    // What was done and to which case; the note stays in the case record.
    recordAudit(input.staffId, "safeguarding_action", "safeguarding_case", found.id, {
      action: input.action,
      status: input.status,
    });
  });
}

/**
 * Any moderator escalates any contribution, with a reason. It leaves every published place at once: its quotes and
 * its place among a summary's sources are removed in the same transaction. Returns false if it was escalated already.
 */
export function escalateContribution(input: { staffId: number; contributionId: number; reason: string; now?: Date }) {
  const now = (input.now ?? new Date()).toISOString();
  return getDb().transaction((tx) => {
    const c = tx
      .select({ state: contributions.moderationState, body: contributions.body })
      .from(contributions)
      .where(eq(contributions.id, input.contributionId))
      .get();
    if (!c || c.body === null) throw new SafeguardingError("not_found");
    const existing = tx
      .select({ id: safeguardingCases.id })
      .from(safeguardingCases)
      .where(eq(safeguardingCases.contributionId, input.contributionId))
      .get();
    if (c.state === "escalated" && existing) return false;
    if (c.state !== "escalated") {
      tx.update(contributions)
        .set({ moderationState: "escalated", moderatedAt: now, moderatedBy: input.staffId })
        .where(eq(contributions.id, input.contributionId))
        .run();
    }
    if (!existing) {
      tx.insert(safeguardingCases)
        .values({
          contributionId: input.contributionId,
          categories: categoriesOf(c.body),
          escalatedBy: input.staffId,
          reason: input.reason,
          escalatedAt: now,
        })
        .run();
    }
    tx.insert(moderationEvents)
      .values({
        contributionId: input.contributionId,
        staffId: input.staffId,
        action: "escalate",
        fromState: c.state,
        toState: "escalated",
        reason: input.reason,
        createdAt: now,
      })
      .run();
    tx.delete(summaryQuotes).where(eq(summaryQuotes.contributionId, input.contributionId)).run();
    tx.delete(summarySources).where(eq(summarySources.contributionId, input.contributionId)).run();
    afterModeration(tx, [input.contributionId], "escalated", now);
    recordAudit(input.staffId, "safeguarding_escalate", "contribution", input.contributionId);
    return c.state !== "escalated";
  });
}

function leadAddresses() {
  if (env.SAFEGUARDING_EMAIL) return env.SAFEGUARDING_EMAIL.split(",").map((a) => a.trim());
  return getDb()
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "safeguarding"), eq(staffUsers.active, true)))
    .all()
    .map((r) => r.email);
}

/**
 * Tells the lead at once that something is waiting. The email carries no child's words and nothing that
 * identifies them: only that there is something to look at, and the link. Never throws: the child's submission
 * must not fail because a mail server is down; the header count still shows it.
 */
export function notifyEscalation(count = 1) {
  if (!mailConfigured()) return Promise.resolve(false);
  let to: string[];
  try {
    to = leadAddresses();
  } catch (error) {
    console.error("Safeguarding email not sent:", error);
    return Promise.resolve(false);
  }
  return sendMail({
    to,
    subject: "Sounding Board: something needs the safeguarding lead",
    text: [
      count === 1
        ? "Something a young person sent may be a disclosure and has been escalated to you."
        : `${count} things young people sent may be disclosures and have been escalated to you.`,
      "",
      "Sign in to read it and record what you do:",
      publicUrl("/staff/safeguarding"),
      "",
      "This email does not contain what was written, on purpose.",
    ].join("\n"),
  });
}

/**
 * Lines of a checked CSV file whose free text may signal harm: on import they go straight to the lead, and the
 * officer sees which on the row report before importing.
 */
export function flaggedImportLines(consultationId: number, jobId: number) {
  const job = getDb()
    .select({ rows: importJobs.validRows })
    .from(importJobs)
    .where(and(eq(importJobs.id, jobId), eq(importJobs.consultationId, consultationId)))
    .get();
  if (!job) return [];
  const lists = listsInForce();
  return job.rows
    .filter((row) => Object.values(row.answers).some((a) => a?.text && checkText(a.text, { lists }).escalate))
    .map((row) => row.line);
}
