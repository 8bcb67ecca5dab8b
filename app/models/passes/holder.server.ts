// What belongs to a pass holder: answers linked from this browser's receipts, their inbox, the "you said, we did"
// their words fed, and the two rights over all of it: a copy (export) and erasure (deletePass).
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import {
  agendaQuestions,
  consultations,
  contributionChoices,
  contributions,
  groupMembers,
  groupSessions,
  groups,
  localities,
  passes,
  passMessages,
  passResponses,
  questionOptions,
  questions,
  responseDrafts,
  responses,
  safeguardingCases,
  sessionViews,
  summaryQuotes,
  threadHelped,
  threadMessages,
  threadReports,
  threads,
} from "~db/schema";
import { shownStatus } from "../threads/types";
import { listEntriesForPass } from "../you-said-we-did.server";

/**
 * Links the answers this browser sent (its receipts' hashes) to the pass. An answer already linked to any pass stays
 * where it is. With `sentSince`, only answers sent since then are linked: a signed-in holder's own answers, not an
 * earlier visitor's on a shared computer.
 */
export function linkReceipts(passId: number, receiptHashes: string[], opts: { sentSince?: string; now?: Date } = {}) {
  if (!receiptHashes.length) return 0;
  const db = getDb();
  const found = db
    .select({ id: responses.id, createdAt: responses.createdAt })
    .from(responses)
    .leftJoin(passResponses, eq(passResponses.responseId, responses.id))
    .where(and(inArray(responses.receiptHash, receiptHashes), isNull(passResponses.passId)))
    .all()
    .filter((r) => !opts.sentSince || r.createdAt >= opts.sentSince);
  if (!found.length) return 0;
  const linkedAt = (opts.now ?? new Date()).toISOString();
  db.insert(passResponses)
    .values(found.map((r) => ({ passId, responseId: r.id, linkedAt })))
    .onConflictDoNothing()
    .run();
  return found.length;
}

/** The consultations the holder answered, newest first. */
export function listAnsweredConsultations(passId: number) {
  return getDb()
    .select({
      responseId: responses.id,
      slug: consultations.slug,
      title: consultations.title,
      translations: consultations.translations,
      status: consultations.status,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      answeredAt: responses.updatedAt,
    })
    .from(passResponses)
    .innerJoin(responses, eq(responses.id, passResponses.responseId))
    .innerJoin(consultations, eq(consultations.id, responses.consultationId))
    .where(eq(passResponses.passId, passId))
    .orderBy(desc(responses.updatedAt), desc(responses.id))
    .all();
}

export function listPassMessages(passId: number) {
  return getDb()
    .select({
      id: passMessages.id,
      title: passMessages.title,
      body: passMessages.body,
      link: passMessages.link,
      createdAt: passMessages.createdAt,
      readAt: passMessages.readAt,
    })
    .from(passMessages)
    .where(eq(passMessages.passId, passId))
    .orderBy(desc(passMessages.createdAt), desc(passMessages.id))
    .all();
}

/** Puts a message in a holder's inbox (a reply to their question, a "you said, we did" their words fed). */
export function sendPassMessage(
  passId: number,
  message: { title: string; body: string; link?: string | null },
  now = new Date(),
  db: Conn = getDb(),
) {
  return db
    .insert(passMessages)
    .values({
      passId,
      title: message.title,
      body: message.body,
      link: message.link ?? null,
      createdAt: now.toISOString(),
    })
    .returning({ id: passMessages.id })
    .get().id;
}

/**
 * Published "you said, we did" entries whose summary counted any of the holder's contributions (answers, questions,
 * session views): the same list as the pass page's, in English, children's words.
 */
export function listYouSaidWeDidForPass(passId: number) {
  return listEntriesForPass(passId, { lang: "en", version: "children" }).map((e) => ({
    id: e.id,
    youSaid: e.youSaid,
    weDid: e.weDid,
    publishedAt: e.publishedAt,
  }));
}

/** Everything the holder gave, as they gave it: for "Download my data". */
export function exportPassData(passId: number) {
  const db = getDb();
  const pass = db
    .select({
      nickname: passes.nickname,
      ageBand: passes.ageBand,
      isParent: passes.isParent,
      email: passes.email,
      createdAt: passes.createdAt,
      lastSignInAt: passes.lastSignInAt,
    })
    .from(passes)
    .where(eq(passes.id, passId))
    .get();
  if (!pass) return null;
  const answered = listAnsweredConsultations(passId);
  const rows = answered.length
    ? db
        .select({
          id: contributions.id,
          responseId: contributions.responseId,
          position: questions.position,
          prompt: questions.prompt,
          kind: contributions.kind,
          valueInt: contributions.valueInt,
          body: contributions.body,
          createdAt: contributions.createdAt,
        })
        .from(contributions)
        .innerJoin(questions, eq(questions.id, contributions.questionId))
        .where(
          inArray(
            contributions.responseId,
            answered.map((a) => a.responseId),
          ),
        )
        .orderBy(asc(contributions.responseId), asc(questions.position))
        .all()
    : [];
  const choiceRows = rows.length
    ? db
        .select({
          contributionId: contributionChoices.contributionId,
          label: questionOptions.label,
          rank: contributionChoices.rank,
        })
        .from(contributionChoices)
        .innerJoin(questionOptions, eq(questionOptions.id, contributionChoices.optionId))
        .where(
          inArray(
            contributionChoices.contributionId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(contributionChoices.rank), asc(questionOptions.position))
        .all()
    : [];
  const about = answered.length
    ? db
        .select({
          id: responses.id,
          audience: responses.audience,
          ageBand: responses.ageBand,
          language: responses.language,
        })
        .from(responses)
        .where(
          inArray(
            responses.id,
            answered.map((a) => a.responseId),
          ),
        )
        .all()
    : [];
  return {
    exportedAt: new Date().toISOString(),
    pass: {
      nickname: pass.nickname,
      ageGroup: pass.isParent ? "parent_or_carer" : pass.ageBand,
      email: pass.email,
      createdAt: pass.createdAt,
      lastSignInAt: pass.lastSignInAt,
    },
    consultations: answered.map((a) => ({
      title: a.title,
      answeredAt: a.answeredAt,
      about: (({ audience, ageBand, language }) => ({ audience, ageBand, language }))(
        about.find((r) => r.id === a.responseId) ?? { audience: null, ageBand: null, language: null },
      ),
      answers: rows
        .filter((r) => r.responseId === a.responseId)
        .map((r) => ({
          question: r.prompt,
          kind: r.kind,
          ...(r.valueInt !== null ? { value: r.valueInt } : {}),
          ...(r.body !== null ? { text: r.body } : {}),
          ...(r.kind === "choice" || r.kind === "ranking"
            ? {
                chosen: choiceRows
                  .filter((c) => c.contributionId === r.id)
                  .map((c) => (c.rank === null ? c.label : `${c.rank}. ${c.label}`)),
              }
            : {}),
        })),
    })),
    questions: exportThreads(passId),
    messages: listPassMessages(passId).map(({ title, body, createdAt, readAt }) => ({
      title,
      body,
      createdAt,
      readAt,
    })),
    youSaidWeDid: listYouSaidWeDidForPass(passId).map(({ youSaid, weDid, publishedAt }) => ({
      youSaid,
      weDid,
      publishedAt,
    })),
    // Published questions this holder said helped them, or reported (the published words, as anyone sees them).
    helped: db
      .select({ question: threads.publicQuestion, at: threadHelped.createdAt })
      .from(threadHelped)
      .innerJoin(threads, eq(threads.id, threadHelped.threadId))
      .where(eq(threadHelped.passId, passId))
      .orderBy(asc(threadHelped.id))
      .all(),
    reported: db
      .select({ question: threads.publicQuestion, reason: threadReports.reason, at: threadReports.createdAt })
      .from(threadReports)
      .innerJoin(threads, eq(threads.id, threadReports.threadId))
      .where(eq(threadReports.passId, passId))
      .orderBy(asc(threadReports.id))
      .all(),
    // Groups joined, with only what the holder chose to give when joining.
    groups: db
      .select({
        name: groups.name,
        ageBand: groupMembers.ageBand,
        locality: localities.name,
        joinedAt: groupMembers.joinedAt,
      })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .leftJoin(localities, eq(localities.id, groupMembers.localityId))
      .where(eq(groupMembers.passId, passId))
      .orderBy(asc(groups.name))
      .all(),
    // Views sent before a session, in the holder's own words.
    sessionViews: db
      .select({
        session: groupSessions.title,
        question: agendaQuestions.text,
        text: contributions.body,
        at: sessionViews.createdAt,
      })
      .from(sessionViews)
      .innerJoin(groupSessions, eq(groupSessions.id, sessionViews.sessionId))
      .innerJoin(agendaQuestions, eq(agendaQuestions.id, sessionViews.agendaQuestionId))
      .innerJoin(contributions, eq(contributions.id, sessionViews.contributionId))
      .where(eq(sessionViews.passId, passId))
      .orderBy(asc(sessionViews.id))
      .all(),
  };
}

/** The pass holder's questions, each with its words and the answers written to them, oldest message first. */
function exportThreads(passId: number) {
  const db = getDb();
  const own = db
    .select({
      id: threads.id,
      status: threads.status,
      createdAt: threads.createdAt,
      answererRole: sql<string | null>`(select s.role from staff_users s where s.id = "threads"."assignee_id")`,
    })
    .from(threads)
    .where(eq(threads.passId, passId))
    .orderBy(asc(threads.id))
    .all()
    // The status as the holder reads it on their page ("with a Board member"), never who.
    .map(({ answererRole, ...t }) => ({ ...t, status: shownStatus(t.status, answererRole) }));
  if (!own.length) return [];
  const messages = db
    .select({
      threadId: threadMessages.threadId,
      from: threadMessages.from,
      staffAnswer: threadMessages.body,
      ownWords: contributions.body,
      createdAt: threadMessages.createdAt,
    })
    .from(threadMessages)
    .leftJoin(contributions, eq(contributions.id, threadMessages.contributionId))
    .where(
      inArray(
        threadMessages.threadId,
        own.map((t) => t.id),
      ),
    )
    .orderBy(asc(threadMessages.id))
    .all();
  return own.map((t) => ({
    status: t.status,
    askedAt: t.createdAt,
    messages: messages
      .filter((m) => m.threadId === t.id)
      .map((m) => ({ from: m.from, text: (m.from === "asker" ? m.ownWords : m.staffAnswer) ?? "", at: m.createdAt })),
  }));
}

export type PassExport = NonNullable<ReturnType<typeof exportPassData>>;

/** What a deleted text answer reads as from then on; kept not null so text counts stay exact. */
export const REMOVED_TEXT = "[removed by the person who wrote it]";

/**
 * Deletes a pass and anonymises what it gave, in one transaction:
 * - every answer stays counted (the response row and its contributions stay, with their age group and place), so
 *   results, summaries and Board papers keep exactly the same numbers;
 * - the link between the pass and the answers, and between the answers and the browser's receipt, goes, and so do
 *   any draft answers under those receipts, so nothing can lead back to the person;
 * - written words are replaced by REMOVED_TEXT, except where a Board paper already quotes them: the quote there was
 *   masked when it was frozen and stays, now tied to nobody;
 * - an answer with a safeguarding case, or escalated, keeps its words and its place in the response: nothing a
 *   participant does can erase a moderation or safeguarding record. Only its link to the pass goes;
 * - the inbox, sessions and the pass itself are deleted.
 * Anything else a pass comes to own (questions and replies, group memberships) is anonymised here, in this same
 * transaction, by the same rules, and added to exportPassData.
 * Returns the consultation ids whose receipts this browser should forget.
 */
export function deletePass(passId: number, db: Conn = getDb()) {
  return db.transaction((tx) => {
    const linked = tx
      .select({
        responseId: passResponses.responseId,
        consultationId: responses.consultationId,
        receiptHash: responses.receiptHash,
      })
      .from(passResponses)
      .innerJoin(responses, eq(responses.id, passResponses.responseId))
      .where(eq(passResponses.passId, passId))
      .all();
    const responseIds = linked.map((l) => l.responseId);
    if (responseIds.length) {
      const kept = sql`(${contributions.moderationState} = 'escalated' or exists (select 1 from ${safeguardingCases} where ${safeguardingCases.contributionId} = ${contributions.id}))`;
      const quoted = sql`exists (select 1 from ${summaryQuotes} where ${summaryQuotes.contributionId} = ${contributions.id})`;
      tx.update(contributions)
        .set({ body: REMOVED_TEXT, maskedBody: null })
        .where(
          and(
            inArray(contributions.responseId, responseIds),
            isNotNull(contributions.body),
            sql`not ${kept}`,
            sql`not ${quoted}`,
          ),
        )
        .run();
      // A quoted answer keeps only the masked words already in the paper; the original goes.
      tx.update(contributions)
        .set({ body: REMOVED_TEXT })
        .where(
          and(inArray(contributions.responseId, responseIds), isNotNull(contributions.body), sql`not ${kept}`, quoted),
        )
        .run();
      const hashes = linked.map((l) => l.receiptHash).filter((h): h is string => Boolean(h));
      if (hashes.length) tx.delete(responseDrafts).where(inArray(responseDrafts.receiptHash, hashes)).run();
      tx.update(responses).set({ receiptHash: null }).where(inArray(responses.id, responseIds)).run();
    }
    // Questions and replies: their words go the same way (escalated ones stay with the lead, a moderation record
    // stays on the row); the threads themselves stay, tied to nobody (threads.pass_id ON DELETE SET NULL), so the
    // answers staff wrote and the counts of questions asked are kept.
    const askerWords = tx
      .select({ id: threadMessages.contributionId })
      .from(threadMessages)
      .innerJoin(threads, eq(threads.id, threadMessages.threadId))
      .where(and(eq(threads.passId, passId), isNotNull(threadMessages.contributionId)))
      .all()
      .flatMap((m) => (m.id === null ? [] : [m.id]));
    if (askerWords.length) {
      const kept = sql`(${contributions.moderationState} = 'escalated' or exists (select 1 from ${safeguardingCases} where ${safeguardingCases.contributionId} = ${contributions.id}))`;
      tx.update(contributions)
        .set({ body: REMOVED_TEXT, maskedBody: null })
        .where(and(inArray(contributions.id, askerWords), isNotNull(contributions.body), sql`not ${kept}`))
        .run();
    }
    // Views sent before a session go the same way; the view rows stay, tied to nobody (pass_id ON DELETE SET NULL).
    const viewWords = tx
      .select({ id: sessionViews.contributionId })
      .from(sessionViews)
      .where(eq(sessionViews.passId, passId))
      .all()
      .map((v) => v.id);
    if (viewWords.length) {
      const kept = sql`(${contributions.moderationState} = 'escalated' or exists (select 1 from ${safeguardingCases} where ${safeguardingCases.contributionId} = ${contributions.id}))`;
      tx.update(contributions)
        .set({ body: REMOVED_TEXT, maskedBody: null })
        .where(and(inArray(contributions.id, viewWords), isNotNull(contributions.body), sql`not ${kept}`))
        .run();
    }
    // Sessions, inbox, group memberships and links go with the pass (ON DELETE CASCADE), in this same transaction.
    tx.delete(passes).where(eq(passes.id, passId)).run();
    return { consultationIds: [...new Set(linked.map((l) => l.consultationId))] };
  });
}

/** Whether an answer is already on a pass (any pass): the done page offers to add it only when it is not. */
export function isResponseLinked(responseId: number) {
  return Boolean(
    getDb()
      .select({ id: passResponses.responseId })
      .from(passResponses)
      .where(eq(passResponses.responseId, responseId))
      .get(),
  );
}
