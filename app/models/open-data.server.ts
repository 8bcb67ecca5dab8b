import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { csvCell } from "~/utils/csv";
import { protectCount, protectCounts, type Shown } from "~/utils/suppression";
import { getDb } from "~db/client";
import { consultations, questionOptions, questions } from "~db/schema";
import { consultationResults } from "./results.server";
import { listEntriesForOpenData } from "./you-said-we-did.server";

/** A count as published: null with `suppressed: true` when the one suppression rule holds it back. */
export type OpenCount = { count: number | null; suppressed: boolean };

function open(cell: Shown): OpenCount {
  return typeof cell === "number" ? { count: cell, suppressed: false } : { count: null, suppressed: true };
}

/** Published consultations (anything past draft) and their questions, as participants already see them. */
export function openConsultations() {
  const db = getDb();
  const rows = db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      summary: consultations.summary,
      audience: consultations.audience,
      status: consultations.status,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      resultsBy: consultations.resultsBy,
    })
    .from(consultations)
    .where(ne(consultations.status, "draft"))
    .orderBy(asc(consultations.opensAt), asc(consultations.id))
    .all();
  const ids = rows.map((r) => r.id);
  const qs = ids.length
    ? db
        .select({
          id: questions.id,
          consultationId: questions.consultationId,
          position: questions.position,
          kind: questions.kind,
          prompt: questions.prompt,
        })
        .from(questions)
        .where(inArray(questions.consultationId, ids))
        .orderBy(asc(questions.consultationId), asc(questions.position))
        .all()
    : [];
  const opts = qs.length
    ? db
        .select({ questionId: questionOptions.questionId, label: questionOptions.label })
        .from(questionOptions)
        .where(
          inArray(
            questionOptions.questionId,
            qs.map((q) => q.id),
          ),
        )
        .orderBy(asc(questionOptions.questionId), asc(questionOptions.position))
        .all()
    : [];
  return rows.map(({ id, ...c }) => ({
    ...c,
    questions: qs
      .filter((q) => q.consultationId === id)
      .map((q, i) => ({
        number: i + 1,
        kind: q.kind,
        prompt: q.prompt,
        options: opts.filter((o) => o.questionId === q.id).map((o) => o.label),
      })),
  }));
}

/** The published consultation with this slug, or null (unknown or still a draft). */
function publishedBySlug(slug: string) {
  return (
    getDb()
      .select({ id: consultations.id, slug: consultations.slug, title: consultations.title })
      .from(consultations)
      .where(and(eq(consultations.slug, slug), ne(consultations.status, "draft")))
      .get() ?? null
  );
}

/**
 * Aggregate results of a published consultation, every count through the same rule as the public pages: counts
 * from 1 to 4 become null (suppressed), and the faces or options of one question are protected together so a hidden
 * count cannot be worked out from the others and the number who answered; the number who answered a question is
 * protected with the number who skipped it. Free text is never included.
 */
export function openResults(slug: string) {
  const c = publishedBySlug(slug);
  if (!c) return null;
  const r = consultationResults(c.id, "none", (n) => String(n));
  return {
    slug: c.slug,
    title: c.title,
    responses: open(protectCount(r.people)),
    questions: r.questions
      .filter((q) => q.rows.length > 0)
      .map((q) => {
        const cells = protectCounts(q.rows.map((row) => row.total));
        return {
          number: q.number,
          kind: q.kind,
          prompt: q.prompt,
          // Protected with the number who skipped the question (responses − answered), so neither can be a count
          // from 1 to 4 worked out by subtraction.
          answered: open(protectCounts([q.answered, r.people - q.answered])[0]),
          // For ranking questions the count is how many put the option first.
          rows: q.rows.map((row, i) => ({ label: row.label, ...open(cells[i]) })),
        };
      }),
  };
}

/**
 * Every published "You said, we did" entry: both versions, its translations, and the Board's actions with who leads
 * them and how far they have got. No owner (a person) and no contributor's words: only what the entry page shows.
 */
export function openYouSaidWeDid() {
  return listEntriesForOpenData().map((e) => ({
    id: e.row.id,
    outcome: e.row.outcomeTitle,
    outcomeKey: e.row.outcomeKey,
    publishedAt: e.row.publishedAt,
    correctedAt: e.row.correctedAt,
    checkedByYoungPeople: e.row.checkedByYoungPeople,
    localities: e.localities,
    youSaid: e.row.youSaid,
    weDid: e.row.weDid,
    youSaidParents: e.row.youSaidParents,
    weDidParents: e.row.weDidParents,
    translations: e.translations,
    actions: e.children.actions.map((a) => ({
      description: a.description,
      leadAgency: a.leadAgency,
      dueOn: a.dueOn,
      status: a.status,
      droppedReason: a.droppedReason,
      statusSince: a.updatedAt,
    })),
  }));
}

/** One CSV field per RFC 4180: quoted when it holds a quote, comma, CR or LF, inner quotes doubled. */
/** One CSV field: the product's one CSV writer (formula cells escaped). */
export const csvField = csvCell;

/** Rows to RFC 4180 CSV text with CRLF line ends. */
export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
}

export function consultationsCsv() {
  const rows: unknown[][] = [
    [
      "slug",
      "title",
      "status",
      "audience",
      "opens_at",
      "closes_at",
      "question_number",
      "question_kind",
      "question",
      "options",
    ],
  ];
  for (const c of openConsultations()) {
    for (const q of c.questions) {
      rows.push([
        c.slug,
        c.title,
        c.status,
        c.audience,
        c.opensAt,
        c.closesAt,
        q.number,
        q.kind,
        q.prompt,
        q.options.join(" | "),
      ]);
    }
    if (c.questions.length === 0)
      rows.push([c.slug, c.title, c.status, c.audience, c.opensAt, c.closesAt, "", "", "", ""]);
  }
  return toCsv(rows);
}

export function resultsCsv(results: NonNullable<ReturnType<typeof openResults>>) {
  const rows: unknown[][] = [
    ["question_number", "question", "option", "count", "suppressed", "answered", "answered_suppressed"],
  ];
  for (const q of results.questions) {
    for (const row of q.rows) {
      rows.push([q.number, q.prompt, row.label, row.count, row.suppressed, q.answered.count, q.answered.suppressed]);
    }
  }
  return toCsv(rows);
}

/** One row per action (an entry without actions has one row with the action columns empty). */
export function youSaidWeDidCsv() {
  const rows: unknown[][] = [
    [
      "id",
      "outcome",
      "published_at",
      "corrected_at",
      "checked_by_young_people",
      "localities",
      "you_said",
      "we_did",
      "you_said_parents",
      "we_did_parents",
      "action",
      "lead_agency",
      "due_on",
      "status",
      "dropped_reason",
      "status_since",
    ],
  ];
  for (const e of openYouSaidWeDid()) {
    const entry = [
      e.id,
      e.outcome,
      e.publishedAt,
      e.correctedAt,
      e.checkedByYoungPeople,
      e.localities.join(" | "),
      e.youSaid,
      e.weDid,
      e.youSaidParents,
      e.weDidParents,
    ];
    if (!e.actions.length) rows.push([...entry, "", "", "", "", "", ""]);
    for (const a of e.actions)
      rows.push([...entry, a.description, a.leadAgency, a.dueOn, a.status, a.droppedReason, a.statusSince]);
  }
  return toCsv(rows);
}
