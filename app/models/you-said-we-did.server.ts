import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import {
  agendaItems,
  boardResponses,
  contributions,
  localities,
  meetings,
  outcomes,
  responseActions,
  responses,
  summarySources,
  threadMessages,
  threads,
  youSaidWeDid,
  youSaidWeDidCorrections,
  youSaidWeDidReads,
  youSaidWeDidTranslations,
} from "~db/schema";

// "You said, we did": what the Board did, told to the people who spoke.

export const entryLangs = ["en", "pl", "ar"] as const;
export type EntryLang = (typeof entryLangs)[number];
/** children: the words written for children and young people; parents: for parents and carers. */
export type EntryVersion = "children" | "parents";
export const actionStatuses = ["not_started", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** Only an entry whose response was published is public: a draft can never reach a page, a pass or a file. */
const published = and(
  eq(boardResponses.id, youSaidWeDid.boardResponseId),
  eq(boardResponses.status, "published"),
) as SQL;

/** Published "you said, we did" entries, newest first, with the outcome in children's words. */
export function listYouSaidWeDid(limit = 50) {
  return getDb()
    .select({
      id: youSaidWeDid.id,
      youSaid: youSaidWeDid.youSaid,
      weDid: youSaidWeDid.weDid,
      youSaidParents: youSaidWeDid.youSaidParents,
      weDidParents: youSaidWeDid.weDidParents,
      publishedAt: youSaidWeDid.publishedAt,
      outcome: outcomes.childTitle,
      meetingTitle: meetings.title,
    })
    .from(youSaidWeDid)
    .innerJoin(boardResponses, published)
    .innerJoin(agendaItems, eq(agendaItems.id, boardResponses.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(outcomes, eq(outcomes.id, youSaidWeDid.outcomeId))
    .orderBy(desc(youSaidWeDid.publishedAt), desc(youSaidWeDid.id))
    .limit(limit)
    .all();
}

export type EntryFilter = { outcomeId?: number | null; localityId?: number | null };

type EntryRow = {
  id: number;
  responseId: number;
  outcomeId: number | null;
  outcomeKey: string | null;
  outcomeTitle: string | null;
  youSaid: string;
  weDid: string;
  youSaidParents: string;
  weDidParents: string;
  publishedAt: string;
  correctedAt: string | null;
  checkedByYoungPeople: boolean;
  localityIds: number[];
};

const entryColumns = {
  id: youSaidWeDid.id,
  responseId: youSaidWeDid.boardResponseId,
  outcomeId: youSaidWeDid.outcomeId,
  outcomeKey: outcomes.key,
  outcomeTitle: outcomes.childTitle,
  youSaid: youSaidWeDid.youSaid,
  weDid: youSaidWeDid.weDid,
  youSaidParents: youSaidWeDid.youSaidParents,
  weDidParents: youSaidWeDid.weDidParents,
  publishedAt: youSaidWeDid.publishedAt,
  correctedAt: youSaidWeDid.correctedAt,
  checkedByYoungPeople: youSaidWeDid.checkedByYoungPeople,
  localityIds: youSaidWeDid.localityIds,
};

function selectEntries(where: SQL | undefined, limit: number, db: Conn = getDb()): EntryRow[] {
  return db
    .select(entryColumns)
    .from(youSaidWeDid)
    .innerJoin(boardResponses, published)
    .leftJoin(outcomes, eq(outcomes.id, youSaidWeDid.outcomeId))
    .where(where)
    .orderBy(desc(youSaidWeDid.publishedAt), desc(youSaidWeDid.id))
    .limit(limit)
    .all();
}

export type EntryAction = {
  id: number;
  description: string;
  /** the language of `description`: the reader's where the officer translated the action, else English */
  lang: EntryLang;
  leadAgency: string;
  dueOn: string;
  status: ActionStatus;
  droppedReason: string | null;
  updatedAt: string;
};

export type EntryCorrection = { field: string; before: string; after: string; note: string | null; at: string };

/** One entry as a reader sees it: in one language and one version, with its actions and corrections. */
export type EntryView = {
  id: number;
  outcomeId: number | null;
  outcomeKey: string | null;
  outcomeTitle: string | null;
  /** the language the words are in: the one asked for, or English when there is no translation */
  lang: EntryLang;
  /** asked for Polish or Arabic, shown in English */
  fallback: boolean;
  /** whose words: children's and young people's, or parents' and carers' (headed in their own words) */
  version: EntryVersion;
  youSaid: string;
  weDid: string;
  publishedAt: string;
  correctedAt: string | null;
  checkedByYoungPeople: boolean;
  localityIds: number[];
  actions: EntryAction[];
  /** corrections to the words shown (this language, this version), oldest first */
  corrections: EntryCorrection[];
  /** languages the entry can be read in: English and every translation */
  langs: EntryLang[];
};

const versionFields = {
  children: ["you_said", "we_did"],
  parents: ["you_said_parents", "we_did_parents"],
} as const;

function shape(rows: EntryRow[], opts: { lang: EntryLang; version: EntryVersion }, db: Conn = getDb()): EntryView[] {
  if (!rows.length) return [];
  const responseIds = rows.map((r) => r.responseId);
  const entryIds = rows.map((r) => r.id);
  const translations = db
    .select()
    .from(youSaidWeDidTranslations)
    .where(inArray(youSaidWeDidTranslations.responseId, responseIds))
    .all();
  const actions = db
    .select({
      id: responseActions.id,
      responseId: responseActions.responseId,
      description: responseActions.description,
      descriptionPl: responseActions.descriptionPl,
      descriptionAr: responseActions.descriptionAr,
      leadAgency: responseActions.leadAgency,
      dueOn: responseActions.dueOn,
      status: responseActions.status,
      droppedReason: responseActions.droppedReason,
      updatedAt: responseActions.updatedAt,
    })
    .from(responseActions)
    .where(inArray(responseActions.responseId, responseIds))
    .orderBy(asc(responseActions.position), asc(responseActions.id))
    .all();
  const corrections = db
    .select()
    .from(youSaidWeDidCorrections)
    .where(inArray(youSaidWeDidCorrections.entryId, entryIds))
    .orderBy(asc(youSaidWeDidCorrections.at), asc(youSaidWeDidCorrections.id))
    .all();
  const parents = opts.version === "parents";
  return rows.map((r) => {
    const own = translations.filter((t) => t.responseId === r.responseId);
    const tr = opts.lang === "en" ? undefined : own.find((t) => t.lang === opts.lang);
    const lang: EntryLang = tr ? opts.lang : "en";
    const words = tr ?? r;
    const fields: readonly string[] = versionFields[opts.version];
    return {
      id: r.id,
      outcomeId: r.outcomeId,
      outcomeKey: r.outcomeKey,
      outcomeTitle: r.outcomeTitle,
      lang,
      fallback: opts.lang !== "en" && !tr,
      version: opts.version,
      youSaid: parents ? words.youSaidParents : words.youSaid,
      weDid: parents ? words.weDidParents : words.weDid,
      publishedAt: r.publishedAt,
      correctedAt: r.correctedAt,
      checkedByYoungPeople: r.checkedByYoungPeople,
      localityIds: r.localityIds,
      actions: actions
        .filter((a) => a.responseId === r.responseId)
        .map(({ responseId: _, status, descriptionPl, descriptionAr, ...a }) => {
          const own = opts.lang === "pl" ? descriptionPl : opts.lang === "ar" ? descriptionAr : null;
          return {
            ...a,
            description: own ?? a.description,
            lang: own ? opts.lang : ("en" as EntryLang),
            status: asStatus(status),
          };
        }),
      corrections: corrections
        .filter((c) => c.entryId === r.id && c.lang === lang && fields.includes(c.field))
        .map((c) => ({ field: c.field, before: c.before, after: c.after, note: c.note, at: c.at })),
      langs: entryLangs.filter((l) => l === "en" || own.some((t) => t.lang === l)),
    };
  });
}

function asStatus(s: string): ActionStatus {
  return (actionStatuses as readonly string[]).includes(s) ? (s as ActionStatus) : "not_started";
}

/** The public list: published entries, newest first, narrowed by outcome and by a locality the entry heard from. */
export function listEntries(
  filter: EntryFilter,
  opts: { lang: EntryLang; version: EntryVersion; limit?: number },
  db: Conn = getDb(),
) {
  const where: SQL[] = [];
  if (filter.outcomeId) where.push(eq(youSaidWeDid.outcomeId, filter.outcomeId));
  if (filter.localityId)
    where.push(sql`exists (select 1 from json_each(${youSaidWeDid.localityIds}) where value = ${filter.localityId})`);
  return shape(selectEntries(where.length ? and(...where) : undefined, opts.limit ?? 100, db), opts, db);
}

export function getEntry(id: number, opts: { lang: EntryLang; version: EntryVersion }, db: Conn = getDb()) {
  return shape(selectEntries(eq(youSaidWeDid.id, id), 1, db), opts, db)[0] ?? null;
}

/** Outcomes and localities that published entries can be filtered by, for the filter form. */
export function entryFilterOptions(db: Conn = getDb()) {
  const outcomeRows = db
    .selectDistinct({ id: outcomes.id, key: outcomes.key, title: outcomes.childTitle, position: outcomes.position })
    .from(youSaidWeDid)
    .innerJoin(boardResponses, published)
    .innerJoin(outcomes, eq(outcomes.id, youSaidWeDid.outcomeId))
    .orderBy(asc(outcomes.position), asc(outcomes.id))
    .all();
  const localityRows = db
    .select({ id: localities.id, name: localities.name })
    .from(localities)
    .where(
      sql`exists (select 1 from ${youSaidWeDid} y join ${boardResponses} b on b.id = y.board_response_id and b.status = 'published', json_each(y.locality_ids) j where j.value = ${localities.id})`,
    )
    .orderBy(asc(localities.name))
    .all();
  return {
    outcomes: outcomeRows.map(({ id, key, title }) => ({ id, key, title })),
    localities: localityRows,
  };
}

/**
 * Contributions that belong to a pass, through every source: consultation answers linked to it, its questions'
 * messages, and views sent before a session.
 */
function passContributions(passId: number) {
  return sql`(
    select ${contributions.id} from ${contributions}
      join pass_responses pr on pr.response_id = ${contributions.responseId} where pr.pass_id = ${passId}
    union select ${threadMessages.contributionId} from ${threadMessages}
      join ${threads} on ${threads.id} = ${threadMessages.threadId}
      where ${threads.passId} = ${passId} and ${threadMessages.contributionId} is not null
    union select sv.contribution_id from session_views sv where sv.pass_id = ${passId}
  )`;
}

/** Published entries whose summary counted at least one of this pass's contributions. */
function entriesReaching(passId: number) {
  return sql`${youSaidWeDid.id} in (
    select y.id from you_said_we_did y
      join board_responses b on b.id = y.board_response_id
      join agenda_items ai on ai.id = b.agenda_item_id
      join summary_sources ss on ss.summary_id = ai.summary_id
    where ss.contribution_id in ${passContributions(passId)}
  )`;
}

/** The entries on a pass page, newest first, each marked new until the holder has read it. */
export function listEntriesForPass(
  passId: number,
  opts: { lang: EntryLang; version: EntryVersion },
  db: Conn = getDb(),
) {
  const entries = shape(selectEntries(entriesReaching(passId), 200, db), opts, db);
  if (!entries.length) return [];
  const read = new Set(
    db
      .select({ id: youSaidWeDidReads.entryId })
      .from(youSaidWeDidReads)
      .where(
        and(
          eq(youSaidWeDidReads.passId, passId),
          inArray(
            youSaidWeDidReads.entryId,
            entries.map((e) => e.id),
          ),
        ),
      )
      .all()
      .map((r) => r.id),
  );
  return entries.map((e) => ({ ...e, isNew: !read.has(e.id) }));
}

export function entryReachesPass(passId: number, entryId: number, db: Conn = getDb()) {
  return Boolean(
    db
      .select({ id: youSaidWeDid.id })
      .from(youSaidWeDid)
      .innerJoin(boardResponses, published)
      .where(and(eq(youSaidWeDid.id, entryId), entriesReaching(passId)))
      .get(),
  );
}

/**
 * Marks an entry read for a pass. Only an entry that reached the pass can be marked, so a pass cannot learn about
 * (or leave traces on) entries that are not its own. Returns whether the entry is the holder's.
 */
export function markEntryRead(passId: number, entryId: number, now = new Date(), db: Conn = getDb()) {
  if (!entryReachesPass(passId, entryId, db)) return false;
  db.insert(youSaidWeDidReads).values({ passId, entryId, readAt: now.toISOString() }).onConflictDoNothing().run();
  return true;
}

/** How many entries on this pass are unread: for the pass page's heading. */
export function countNewForPass(passId: number, db: Conn = getDb()) {
  return listEntriesForPass(passId, { lang: "en", version: "children" }, db).filter((e) => e.isNew).length;
}

/**
 * The languages an entry's contributors used (their answers' and questions' language), in the languages the entry is
 * published in: the cards printed for the places they came from. English is always among them.
 */
export function entryContributorLangs(entryId: number, db: Conn = getDb()): EntryLang[] {
  const row = db
    .select({ responseId: youSaidWeDid.boardResponseId, summaryId: agendaItems.summaryId })
    .from(youSaidWeDid)
    .innerJoin(boardResponses, published)
    .innerJoin(agendaItems, eq(agendaItems.id, boardResponses.agendaItemId))
    .where(eq(youSaidWeDid.id, entryId))
    .get();
  if (!row) return [];
  const used = new Set<string>(["en"]);
  if (row.summaryId !== null) {
    const langs = db.all<{ lang: string }>(sql`
      select distinct r.language as lang from ${summarySources} ss
        join ${contributions} c on c.id = ss.contribution_id
        join ${responses} r on r.id = c.response_id
      where ss.summary_id = ${row.summaryId}
      union
      select distinct t.language from ${summarySources} ss
        join ${threadMessages} tm on tm.contribution_id = ss.contribution_id
        join ${threads} t on t.id = tm.thread_id
      where ss.summary_id = ${row.summaryId}`);
    for (const l of langs) used.add(l.lang);
  }
  const translated = new Set(
    db
      .select({ lang: youSaidWeDidTranslations.lang })
      .from(youSaidWeDidTranslations)
      .where(eq(youSaidWeDidTranslations.responseId, row.responseId))
      .all()
      .map((t) => t.lang),
  );
  return entryLangs.filter((l) => l === "en" || (used.has(l) && translated.has(l)));
}

/** Every published entry for the open-data files: both versions, every translation, actions and their statuses. */
export function listEntriesForOpenData(db: Conn = getDb()) {
  const rows = selectEntries(undefined, 100_000, db);
  const [children, parents] = (["children", "parents"] as const).map((version) =>
    shape(rows, { lang: "en", version }, db),
  );
  const translations = rows.length
    ? db
        .select()
        .from(youSaidWeDidTranslations)
        .where(
          inArray(
            youSaidWeDidTranslations.responseId,
            rows.map((r) => r.responseId),
          ),
        )
        .orderBy(asc(youSaidWeDidTranslations.lang))
        .all()
    : [];
  const names = new Map(
    db
      .select({ id: localities.id, name: localities.name })
      .from(localities)
      .all()
      .map((l) => [l.id, l.name]),
  );
  return rows.map((r, i) => ({
    row: r,
    children: children[i],
    parents: parents[i],
    localities: r.localityIds.flatMap((id) => names.get(id) ?? []),
    translations: translations
      .filter((t) => t.responseId === r.responseId)
      .map((t) => ({
        lang: t.lang,
        youSaid: t.youSaid,
        weDid: t.weDid,
        youSaidParents: t.youSaidParents,
        weDidParents: t.weDidParents,
      })),
  }));
}
