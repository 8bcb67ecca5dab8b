// Free themes beside the plan ("Transport", "Cost of activities"), made by officers as they read. A merged theme keeps its
// row, with merged_into set, so the tag history that names it still reads; it is no longer listed or offered.
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import { auditLog, contributionThemes, staffUsers, tagEvents, themes } from "~db/schema";

export type ThemeErrorCode =
  /** No theme with that id. */
  | "not_found"
  /** The theme was merged into another and can no longer be changed or merged. */
  | "merged"
  /** Another theme has that name (any capitals), possibly one merged earlier. */
  | "duplicate"
  /** A theme cannot be merged into itself. */
  | "same";

export class ThemeError extends Error {
  constructor(
    public readonly code: ThemeErrorCode,
    /** For "duplicate": the name of the theme that has it. */
    public readonly clash?: string,
  ) {
    super(code);
  }
}

/** How a typed name is kept: trimmed, runs of spaces made one. */
export function tidyThemeName(name: string) {
  return name.normalize("NFC").trim().replace(/\s+/g, " ");
}

const taggedCount = sql<number>`(select count(*) from contribution_themes ct where ct.theme_id = "themes"."id")`;

/** Themes still in use (not merged), by name, with how many contributions carry each. */
export function listThemes(db: Conn = getDb()) {
  return db
    .select({
      id: themes.id,
      name: themes.name,
      createdAt: themes.createdAt,
      createdBy: staffUsers.name,
      contributions: taggedCount,
    })
    .from(themes)
    .leftJoin(staffUsers, eq(staffUsers.id, themes.createdBy))
    .where(isNull(themes.mergedInto))
    .orderBy(asc(sql`lower(${themes.name})`), asc(themes.id))
    .all();
}

/** The themes a contribution can be given: id and name, by name. */
export function listThemeChoices(db: Conn = getDb()) {
  return db
    .select({ id: themes.id, name: themes.name })
    .from(themes)
    .where(isNull(themes.mergedInto))
    .orderBy(asc(sql`lower(${themes.name})`), asc(themes.id))
    .all();
}

/** One theme (merged or not) with its contribution count and, when merged, the theme it went into; null when unknown. */
export function getTheme(id: number, db: Conn = getDb()) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const row = db
    .select({ id: themes.id, name: themes.name, mergedInto: themes.mergedInto, contributions: taggedCount })
    .from(themes)
    .where(eq(themes.id, id))
    .get();
  if (!row) return null;
  const into = row.mergedInto
    ? (db.select({ name: themes.name }).from(themes).where(eq(themes.id, row.mergedInto)).get()?.name ?? null)
    : null;
  return { ...row, mergedIntoName: into };
}

function assertNameFree(db: Conn, name: string, exceptId?: number) {
  const twin = db
    .select({ name: themes.name })
    .from(themes)
    .where(
      and(sql`lower(${themes.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(themes.id, exceptId)),
    )
    .get();
  if (twin) throw new ThemeError("duplicate", twin.name);
}

function audit(db: Conn, staffId: number, action: string, subjectId: number, detail: unknown, at: string) {
  db.insert(auditLog)
    .values({ staffId, action, subjectType: "theme", subjectId, detail: JSON.stringify(detail), createdAt: at })
    .run();
}

/** Makes a theme; names are unique whatever their capitals. Returns its id. */
export function createTheme(input: { name: string; staffId: number; now?: Date }) {
  const name = tidyThemeName(input.name);
  const at = (input.now ?? new Date()).toISOString();
  return getDb().transaction((tx) => {
    assertNameFree(tx, name);
    const id = tx
      .insert(themes)
      .values({ name, createdBy: input.staffId, createdAt: at })
      .returning({ id: themes.id })
      .get().id;
    audit(tx, input.staffId, "theme_created", id, { name }, at);
    return id;
  });
}

/** Renames a theme. Tags follow the theme, so every contribution carrying it reads with the new name. */
export function renameTheme(id: number, input: { name: string; staffId: number; now?: Date }) {
  const name = tidyThemeName(input.name);
  const at = (input.now ?? new Date()).toISOString();
  return getDb().transaction((tx) => {
    const theme = getTheme(id, tx);
    if (!theme) throw new ThemeError("not_found");
    if (theme.mergedInto) throw new ThemeError("merged");
    assertNameFree(tx, name, id);
    tx.update(themes).set({ name }).where(eq(themes.id, id)).run();
    audit(tx, input.staffId, "theme_renamed", id, { from: theme.name, to: name }, at);
  });
}

/**
 * Merges theme `fromId` into `intoId`: every contribution tagged with the first is tagged with the second instead
 * (once, even when it already had both), each such contribution gets one tag event (theme, change, from → to, via
 * merge), and the first theme is marked merged. All or nothing. Returns how many contributions were moved.
 */
export function mergeThemes(fromId: number, intoId: number, input: { staffId: number; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  return getDb().transaction((tx) => {
    if (fromId === intoId) throw new ThemeError("same");
    const from = getTheme(fromId, tx);
    const into = getTheme(intoId, tx);
    if (!from || !into) throw new ThemeError("not_found");
    if (from.mergedInto || into.mergedInto) throw new ThemeError("merged");
    const tagged = tx
      .select({ contributionId: contributionThemes.contributionId })
      .from(contributionThemes)
      .where(eq(contributionThemes.themeId, fromId))
      .all()
      .map((r) => r.contributionId);
    if (tagged.length) {
      // A contribution that already carries the theme it is merged into keeps that one tag; the other rows move.
      tx.delete(contributionThemes)
        .where(
          and(
            eq(contributionThemes.themeId, fromId),
            sql`${contributionThemes.contributionId} in (select ct.contribution_id from contribution_themes ct where ct.theme_id = ${intoId})`,
          ),
        )
        .run();
      tx.update(contributionThemes).set({ themeId: intoId }).where(eq(contributionThemes.themeId, fromId)).run();
      // In slices, so a theme on many thousands of contributions stays under SQLite's limit of bound values.
      for (let i = 0; i < tagged.length; i += 500) {
        tx.insert(tagEvents)
          .values(
            tagged.slice(i, i + 500).map((contributionId) => ({
              contributionId,
              staffId: input.staffId,
              kind: "theme",
              themeId: intoId,
              action: "change",
              fromLabel: from.name,
              toLabel: into.name,
              via: "merge",
              createdAt: at,
            })),
          )
          .run();
      }
    }
    tx.update(themes).set({ mergedInto: intoId }).where(eq(themes.id, fromId)).run();
    audit(
      tx,
      input.staffId,
      "theme_merged",
      fromId,
      { from: from.name, into: into.name, contributions: tagged.length },
      at,
    );
    return { moved: tagged.length };
  });
}
