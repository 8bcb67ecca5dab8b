import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { categories, defaultLists, languages, mergeLists, type SafeguardingLists } from "~/safeguarding";
import { readParts, settingsParts } from "~/safeguarding/corpus.server";
import { type CorpusEntry, type Evaluation, evaluate, type Score } from "~/safeguarding/evaluate";
import { type BuiltIns, canonicalEdits, countEdits, type ListsEdits, overrideFrom } from "~/schemas/safeguarding-lists";
import { type DB, getDb } from "~db/client";
import { safeguardingListVersions, staffUsers } from "~db/schema";
import { recordAudit } from "./staff.server";

/**
 * The safeguarding lists in force: the built-in lists with the newest version an administrator saved laid over them.
 * Every arriving answer is checked against them, so they are read from the database once and kept in memory until the
 * next save (per database connection, so tests that open a fresh database never see another's lists).
 */

export type ListsVersion = { id: number; savedBy: string; savedAt: string; note: string | null };
type InForce = { version: ListsVersion | null; edits: ListsEdits; lists: SafeguardingLists };

const EMPTY: ListsEdits = { phrases: {}, ordinary: {} };
const inForceByDb = new WeakMap<DB, InForce>();

function load(db: DB): InForce {
  const row = db
    .select({
      id: safeguardingListVersions.id,
      edits: safeguardingListVersions.edits,
      note: safeguardingListVersions.note,
      savedAt: safeguardingListVersions.createdAt,
      savedBy: staffUsers.name,
    })
    .from(safeguardingListVersions)
    .innerJoin(staffUsers, eq(staffUsers.id, safeguardingListVersions.staffId))
    .orderBy(desc(safeguardingListVersions.id))
    .limit(1)
    .get();
  if (!row) return { version: null, edits: EMPTY, lists: defaultLists };
  const edits = row.edits as ListsEdits;
  return {
    version: { id: row.id, savedBy: row.savedBy, savedAt: row.savedAt, note: row.note },
    edits,
    lists: mergeLists(overrideFrom(edits, defaultLists)),
  };
}

export function listsInForceWithVersion(): InForce {
  const db = getDb();
  let hit = inForceByDb.get(db);
  if (!hit) {
    hit = load(db);
    inForceByDb.set(db, hit);
  }
  return hit;
}

/**
 * Forgets the lists kept in memory, so the next use reads the newest version. For a worker thread, whose connection
 * does not see the main thread's saves as its own: its check of proposed lists compares them with what is in force now.
 */
export function reloadListsInForce() {
  inForceByDb.delete(getDb());
}

/** What `checkText` is given on every call that checks a participant's words. */
export function listsInForce(): SafeguardingLists {
  return listsInForceWithVersion().lists;
}

/** Someone else saved the lists after this person checked theirs: they must check again against the new ones. */
export class StaleListsError extends Error {
  constructor() {
    super("the lists were saved by someone else since they were checked");
  }
}

/** Stores a new version (never overwriting an old one) and puts it in force at once. */
export function saveListsVersion(input: {
  staffId: number;
  edits: ListsEdits;
  note: string | null;
  baseVersionId: number | null;
}) {
  const db = getDb();
  const id = db.transaction((tx) => {
    const newest = tx
      .select({ id: safeguardingListVersions.id })
      .from(safeguardingListVersions)
      .orderBy(desc(safeguardingListVersions.id))
      .limit(1)
      .get();
    if ((newest?.id ?? null) !== input.baseVersionId) throw new StaleListsError();
    const row = tx
      .insert(safeguardingListVersions)
      .values({
        edits: input.edits,
        note: input.note,
        staffId: input.staffId,
        createdAt: new Date().toISOString(),
      })
      .returning({ id: safeguardingListVersions.id })
      .get();
    recordAudit(
      input.staffId,
      "safeguarding_lists_saved",
      "safeguarding_list_version",
      row.id,
      countEdits(input.edits),
    );
    return row.id;
  });
  inForceByDb.delete(db);
  return id;
}

/** Every saved version, newest first, with who saved it and what it changed against the built-in lists. */
export function listVersionHistory(limit = 50) {
  return getDb()
    .select({
      id: safeguardingListVersions.id,
      edits: safeguardingListVersions.edits,
      note: safeguardingListVersions.note,
      savedAt: safeguardingListVersions.createdAt,
      savedBy: staffUsers.name,
    })
    .from(safeguardingListVersions)
    .innerJoin(staffUsers, eq(staffUsers.id, safeguardingListVersions.staffId))
    .orderBy(desc(safeguardingListVersions.id))
    .limit(limit)
    .all()
    .map(({ edits, ...row }) => ({ ...row, ...countEdits(edits as ListsEdits) }));
}

let builtIns: BuiltIns | undefined;

/** The built-in lists as the settings form shows them: each phrase once (a list may repeat one). */
export function builtInLists(): BuiltIns {
  const unique = (list: string[] | undefined) => [...new Set(list ?? [])];
  builtIns ??= {
    langs: [...languages],
    // "other_concern" is what the worrying-word cues and the trained layer give; its few built-in Polish and Arabic
    // phrases (a worry the child cannot name) stay in force under every saved version but are not edited here.
    categories: categories.filter((c) => c !== "other_concern"),
    phrases: Object.fromEntries(
      languages.map((l) => [
        l,
        Object.fromEntries(Object.entries(defaultLists.phrases[l]).map(([c, list]) => [c, unique(list)])),
      ]),
    ) as BuiltIns["phrases"],
    ordinary: Object.fromEntries(languages.map((l) => [l, unique(defaultLists.ordinary[l])])) as BuiltIns["ordinary"],
    schools: unique(defaultLists.schools),
    groups: Object.fromEntries(languages.map((l) => [l, Object.keys(defaultLists.groups[l] ?? {})])) as Record<
      (typeof languages)[number],
      string[]
    >,
  };
  return builtIns;
}

export function proposedLists(edits: ListsEdits): SafeguardingLists {
  return mergeLists(overrideFrom(edits, defaultLists));
}

/** A short fingerprint of the edits and the version they were checked against: "save" must carry the same one. */
export function checkDigest(edits: ListsEdits, baseVersionId: number | null) {
  return crypto
    .createHash("sha256")
    .update(`${baseVersionId ?? "built-in"}\n${canonicalEdits(edits)}`)
    .digest("hex")
    .slice(0, 32);
}

// ---- The effect of a change on the evaluation corpus ----

type Part = "dev" | "heldout";
export type FigureRow = {
  key: string;
  recallCurrent: Score;
  recallProposed: Score;
  fpCurrent: Score;
  fpProposed: Score;
};
export type ChangedMessage = {
  lang: string;
  label: CorpusEntry["label"];
  detail: string;
  text: string;
  current: boolean;
  proposed: boolean;
};
export type PartEffect = {
  rows: FigureRow[];
  masking: { key: string; current: Score; proposed: Score }[];
  nowEscalated: number;
  noLongerEscalated: number;
  /** The messages themselves: for the development part only (the held-out part stays unread). */
  changed: ChangedMessage[] | null;
};
export type Effect = { dev: PartEffect; heldout: PartEffect } | null;

let corpus: Record<Part, CorpusEntry[]> | null | undefined;
const evaluations = new WeakMap<SafeguardingLists, Record<Part, Evaluation>>();

function readBothParts() {
  if (corpus === undefined) {
    try {
      corpus = { dev: readParts(settingsParts.dev), heldout: readParts(settingsParts.heldout) };
    } catch {
      // A deployment without the corpus still lets lists be saved; the page says the effect cannot be shown.
      corpus = null;
    }
  }
  return corpus;
}

function evaluateBoth(lists: SafeguardingLists, parts: Record<Part, CorpusEntry[]>) {
  let hit = evaluations.get(lists);
  if (!hit) {
    hit = { dev: evaluate(parts.dev, lists), heldout: evaluate(parts.heldout, lists) };
    evaluations.set(lists, hit);
  }
  return hit;
}

const escalatedIn = (e: Evaluation) => {
  const missed = new Set(e.missed);
  const flagged = new Set(e.flagged);
  return (entry: CorpusEntry) => (entry.label === "escalate" ? !missed.has(entry) : flagged.has(entry));
};

const ZERO: Score = { total: 0, hit: 0 };
const FIGURE_KEYS = [...languages, "all"];

function partEffect(entries: CorpusEntry[], now: Evaluation, then: Evaluation, showText: boolean): PartEffect {
  const before = escalatedIn(now);
  const after = escalatedIn(then);
  const changed: ChangedMessage[] = [];
  for (const entry of entries) {
    const a = before(entry);
    const b = after(entry);
    if (a !== b)
      changed.push({
        lang: entry.lang,
        label: entry.label,
        detail: entry.detail,
        text: entry.text,
        current: a,
        proposed: b,
      });
  }
  return {
    rows: FIGURE_KEYS.map((key) => ({
      key,
      recallCurrent: now.recall[key] ?? ZERO,
      recallProposed: then.recall[key] ?? ZERO,
      fpCurrent: now.falsePositives[key] ?? ZERO,
      fpProposed: then.falsePositives[key] ?? ZERO,
    })),
    masking: FIGURE_KEYS.map((key) => ({
      key,
      current: now.masking[key] ?? ZERO,
      proposed: then.masking[key] ?? ZERO,
    })),
    nowEscalated: changed.filter((c) => c.proposed).length,
    noLongerEscalated: changed.filter((c) => c.current).length,
    changed: showText ? changed : null,
  };
}

/** Recall and false positives on both parts of the corpus, for the lists in force and for the proposed ones. */
export function effectOf(proposed: SafeguardingLists): Effect {
  const parts = readBothParts();
  if (!parts) return null;
  const now = evaluateBoth(listsInForce(), parts);
  const then = evaluateBoth(proposed, parts);
  return {
    dev: partEffect(parts.dev, now.dev, then.dev, true),
    heldout: partEffect(parts.heldout, now.heldout, then.heldout, false),
  };
}
