// Reference data an administrator keeps: areas and localities, schools, which age bands participants are offered, and
// the population figures (by locality and age band) that reach is compared against. Nothing in use is deleted: the
// answers, contributions and groups that name a locality would lose their place.
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import { ageBandSettings, areas, auditLog, localities, populations, schools } from "~db/schema";
import { type SchoolPhase, schoolPhases } from "./admin/types";
import { type AgeBand, ageBands, forgetShownAgeBands } from "./reference.server";

export { type SchoolPhase, schoolPhases };

/** Bands for children and young people under 20; 20 to 25 is only for care leavers and young people with SEND. */
const youngBands: readonly AgeBand[] = ageBands.filter((b) => b !== "20_25");

/** The most people one cell may hold: more than any county's age band in one locality. */
export const MAX_PEOPLE = 1_000_000;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export type AdminErrorCode =
  | "not_found"
  | "bad_area"
  | "bad_locality"
  | "slug_taken"
  | "no_letters"
  | "in_use"
  | "no_young_band"
  | "bad_band"
  | "bad_year"
  | "year_exists"
  | "nothing_to_copy"
  | "bad_people";

export class AdminError extends Error {
  constructor(
    public readonly code: AdminErrorCode,
    /** For in_use: what still uses it (e.g. ["responses", "groups"]). */
    public readonly uses: string[] = [],
  ) {
    super(code);
  }
}

/** "Wealdham St. Mary's" → "wealdham-st-marys": letters and digits, accents dropped. */
export function slugify(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

function slugFor(name: string) {
  const slug = slugify(name);
  if (!slug) throw new AdminError("no_letters");
  return slug;
}

function audit(tx: Conn, staffId: number, action: string, subjectType: string, subjectId: number, detail?: string) {
  tx.insert(auditLog).values({ staffId, action, subjectType, subjectId, detail }).run();
}

// Areas and localities

export function listPlaces(db: Conn = getDb()) {
  const areaRows = db
    .select({ id: areas.id, name: areas.name, slug: areas.slug })
    .from(areas)
    .orderBy(asc(areas.name))
    .all();
  const localityRows = db
    .select({ id: localities.id, areaId: localities.areaId, name: localities.name, slug: localities.slug })
    .from(localities)
    .orderBy(asc(localities.name))
    .all();
  return areaRows.map((a) => ({ ...a, localities: localityRows.filter((l) => l.areaId === a.id) }));
}

export function getArea(id: number, db: Conn = getDb()) {
  return db.select({ id: areas.id, name: areas.name, slug: areas.slug }).from(areas).where(eq(areas.id, id)).get();
}

export function getLocality(id: number, db: Conn = getDb()) {
  return db
    .select({ id: localities.id, areaId: localities.areaId, name: localities.name, slug: localities.slug })
    .from(localities)
    .where(eq(localities.id, id))
    .get();
}

function checkAreaSlug(tx: Conn, slug: string, exceptId?: number) {
  const clash = tx
    .select({ id: areas.id })
    .from(areas)
    .where(exceptId ? and(eq(areas.slug, slug), ne(areas.id, exceptId)) : eq(areas.slug, slug))
    .get();
  if (clash) throw new AdminError("slug_taken");
}

function checkLocalitySlug(tx: Conn, slug: string, exceptId?: number) {
  const clash = tx
    .select({ id: localities.id })
    .from(localities)
    .where(exceptId ? and(eq(localities.slug, slug), ne(localities.id, exceptId)) : eq(localities.slug, slug))
    .get();
  if (clash) throw new AdminError("slug_taken");
}

export function addArea(name: string, staffId: number) {
  return getDb().transaction((tx) => {
    const slug = slugFor(name);
    checkAreaSlug(tx, slug);
    const row = tx.insert(areas).values({ name, slug }).returning({ id: areas.id }).get();
    audit(tx, staffId, "area_added", "area", row.id, name);
    return row.id;
  });
}

/** A new name gives a new slug, so addresses and filters read as the place is now called. */
export function renameArea(id: number, name: string, staffId: number) {
  return getDb().transaction((tx) => {
    if (!getArea(id, tx)) throw new AdminError("not_found");
    const slug = slugFor(name);
    checkAreaSlug(tx, slug, id);
    tx.update(areas).set({ name, slug }).where(eq(areas.id, id)).run();
    audit(tx, staffId, "area_renamed", "area", id, name);
  });
}

export function deleteArea(id: number, staffId: number) {
  return getDb().transaction((tx) => {
    if (!getArea(id, tx)) throw new AdminError("not_found");
    const held = tx.select({ n: sql<number>`count(*)` }).from(localities).where(eq(localities.areaId, id)).get();
    if (held?.n) throw new AdminError("in_use", ["localities"]);
    tx.delete(areas).where(eq(areas.id, id)).run();
    audit(tx, staffId, "area_deleted", "area", id);
  });
}

export type LocalityInput = { areaId: number; name: string };

function checkAreaExists(tx: Conn, areaId: number) {
  if (!getArea(areaId, tx)) throw new AdminError("bad_area");
}

export function addLocality(input: LocalityInput, staffId: number) {
  return getDb().transaction((tx) => {
    checkAreaExists(tx, input.areaId);
    const slug = slugFor(input.name);
    checkLocalitySlug(tx, slug);
    const row = tx
      .insert(localities)
      .values({ areaId: input.areaId, name: input.name, slug })
      .returning({ id: localities.id })
      .get();
    audit(tx, staffId, "locality_added", "locality", row.id, input.name);
    return row.id;
  });
}

/** Rename and/or move to another area; what was said there stays with it. */
export function updateLocality(id: number, input: LocalityInput, staffId: number) {
  return getDb().transaction((tx) => {
    if (!getLocality(id, tx)) throw new AdminError("not_found");
    checkAreaExists(tx, input.areaId);
    const slug = slugFor(input.name);
    checkLocalitySlug(tx, slug, id);
    tx.update(localities).set({ name: input.name, slug, areaId: input.areaId }).where(eq(localities.id, id)).run();
    audit(tx, staffId, "locality_updated", "locality", id, input.name);
  });
}

/** What names this locality, table by table: any of these and it is not deleted. */
export function localityUses(id: number, db: Conn = getDb()) {
  const counts = db.get<Record<string, number>>(sql`select
    (select count(*) from responses where locality_id = ${id}) as responses,
    (select count(*) from contributions where locality_id = ${id}) as contributions,
    (select count(*) from groups where locality_id = ${id}) as groups,
    (select count(*) from group_members where locality_id = ${id}) as members,
    (select count(*) from schools where locality_id = ${id}) as schools,
    (select count(*) from populations where locality_id = ${id}) as populations,
    (select count(*) from consultations c, json_each(c.locality_ids) j where j.value = ${id}) as consultations`);
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([table]) => table);
}

export function deleteLocality(id: number, staffId: number) {
  return getDb().transaction((tx) => {
    if (!getLocality(id, tx)) throw new AdminError("not_found");
    const uses = localityUses(id, tx);
    if (uses.length) throw new AdminError("in_use", uses);
    tx.delete(localities).where(eq(localities.id, id)).run();
    audit(tx, staffId, "locality_deleted", "locality", id);
  });
}

// Schools

export function listSchools(db: Conn = getDb()) {
  return db
    .select({
      id: schools.id,
      name: schools.name,
      phase: schools.phase,
      localityId: schools.localityId,
      locality: localities.name,
      area: areas.name,
    })
    .from(schools)
    .leftJoin(localities, eq(localities.id, schools.localityId))
    .leftJoin(areas, eq(areas.id, localities.areaId))
    .orderBy(asc(schools.name))
    .all();
}

export function getSchool(id: number, db: Conn = getDb()) {
  return db
    .select({ id: schools.id, name: schools.name, phase: schools.phase, localityId: schools.localityId })
    .from(schools)
    .where(eq(schools.id, id))
    .get();
}

export type SchoolInput = { name: string; localityId: number | null; phase: SchoolPhase };

function checkSchoolInput(tx: Conn, input: SchoolInput) {
  if (input.localityId !== null && !getLocality(input.localityId, tx)) throw new AdminError("bad_locality");
}

export function addSchool(input: SchoolInput, staffId: number) {
  return getDb().transaction((tx) => {
    checkSchoolInput(tx, input);
    const row = tx.insert(schools).values(input).returning({ id: schools.id }).get();
    audit(tx, staffId, "school_added", "school", row.id, input.name);
    return row.id;
  });
}

export function updateSchool(id: number, input: SchoolInput, staffId: number) {
  return getDb().transaction((tx) => {
    if (!getSchool(id, tx)) throw new AdminError("not_found");
    checkSchoolInput(tx, input);
    tx.update(schools).set(input).where(eq(schools.id, id)).run();
    audit(tx, staffId, "school_updated", "school", id, input.name);
  });
}

// Age bands

/** Every band, in the order participants see them, with whether it is shown. */
export function getAgeBandSettings(db: Conn = getDb()) {
  const rows = db.select().from(ageBandSettings).all();
  const setting = new Map(rows.map((r) => [r.ageBand, r]));
  return ageBands
    .map((band, i) => ({
      band,
      shown: setting.get(band)?.shown ?? true,
      position: setting.get(band)?.position ?? 1000 + i,
    }))
    .sort((a, b) => a.position - b.position)
    .map((b, i) => ({ band: b.band, shown: b.shown, position: i + 1 }));
}

/**
 * Saves every band's setting at once. `order` is each band's place (any numbers; ties keep the code's order). At least
 * one band for under-20s stays shown, or a young person could not say how old they are.
 */
export function saveAgeBandSettings(settings: { band: string; shown: boolean; order: number }[], staffId: number) {
  const known = new Set<string>(ageBands);
  const given = new Set(settings.map((s) => s.band));
  if (settings.some((s) => !known.has(s.band)) || given.size !== settings.length || given.size !== ageBands.length)
    throw new AdminError("bad_band");
  if (!settings.some((s) => s.shown && youngBands.includes(s.band as AgeBand))) throw new AdminError("no_young_band");
  const ordered = [...settings].sort(
    (a, b) => a.order - b.order || ageBands.indexOf(a.band as AgeBand) - ageBands.indexOf(b.band as AgeBand),
  );
  getDb().transaction((tx) => {
    tx.delete(ageBandSettings).run();
    tx.insert(ageBandSettings)
      .values(ordered.map((s, i) => ({ ageBand: s.band, shown: s.shown, position: i + 1 })))
      .run();
    audit(
      tx,
      staffId,
      "age_bands_saved",
      "age_bands",
      0,
      ordered.map((s) => `${s.band}${s.shown ? "" : " (hidden)"}`).join(", "),
    );
  });
  forgetShownAgeBands();
}

// Population figures

export function populationYears(db: Conn = getDb()) {
  return db
    .selectDistinct({ year: populations.year })
    .from(populations)
    .orderBy(desc(populations.year))
    .all()
    .map((r) => r.year);
}

/**
 * One year's figures as a grid: a row per locality (grouped by area), a column per age band (every band, shown or not,
 * since the figures must stay comparable), with each row's and column's total and the whole. A cell with no figure
 * is null and counts as nothing in the totals.
 */
export function getPopulationGrid(year: number, db: Conn = getDb()) {
  const places = db
    .select({ id: localities.id, name: localities.name, area: areas.name })
    .from(localities)
    .innerJoin(areas, eq(areas.id, localities.areaId))
    .orderBy(asc(areas.name), asc(localities.name))
    .all();
  const figures = db
    .select({ localityId: populations.localityId, ageBand: populations.ageBand, people: populations.people })
    .from(populations)
    .where(eq(populations.year, year))
    .all();
  const cell = new Map(figures.map((f) => [`${f.localityId}:${f.ageBand}`, f.people]));
  const rows = places.map((l) => {
    const cells = ageBands.map((band) => ({ band, people: cell.get(`${l.id}:${band}`) ?? null }));
    return { ...l, cells, total: cells.reduce((sum, c) => sum + (c.people ?? 0), 0) };
  });
  const bandTotals = ageBands.map((band, i) => ({
    band,
    total: rows.reduce((sum, r) => sum + (r.cells[i].people ?? 0), 0),
  }));
  return {
    year,
    bands: [...ageBands],
    rows,
    bandTotals,
    total: rows.reduce((sum, r) => sum + r.total, 0),
    filled: figures.length,
  };
}

export type PopulationCell = { localityId: number; band: string; people: number | null };

/** A whole year's grid in one transaction: a null cell removes that figure. Every cell is checked before any is written. */
export function savePopulationGrid(year: number, cells: PopulationCell[], staffId: number) {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new AdminError("bad_year");
  const known = new Set<string>(ageBands);
  for (const c of cells) {
    if (!known.has(c.band)) throw new AdminError("bad_band");
    if (c.people !== null && (!Number.isInteger(c.people) || c.people < 0 || c.people > MAX_PEOPLE))
      throw new AdminError("bad_people");
  }
  getDb().transaction((tx) => {
    const ids = new Set(
      tx
        .select({ id: localities.id })
        .from(localities)
        .all()
        .map((l) => l.id),
    );
    if (cells.some((c) => !ids.has(c.localityId))) throw new AdminError("bad_locality");
    for (const c of cells) {
      const where = and(
        eq(populations.year, year),
        eq(populations.localityId, c.localityId),
        eq(populations.ageBand, c.band),
      );
      if (c.people === null) tx.delete(populations).where(where).run();
      else
        tx.insert(populations)
          .values({ year, localityId: c.localityId, ageBand: c.band, people: c.people })
          .onConflictDoUpdate({
            target: [populations.year, populations.localityId, populations.ageBand],
            set: { people: c.people },
          })
          .run();
    }
    audit(tx, staffId, "population_saved", "population_year", year);
  });
}

/** A new year starts as a copy of the latest one, to be corrected as the new estimates come in. */
export function startPopulationYear(year: number, staffId: number) {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new AdminError("bad_year");
  return getDb().transaction((tx) => {
    const years = populationYears(tx);
    if (years.includes(year)) throw new AdminError("year_exists");
    const latest = years[0];
    if (latest === undefined) throw new AdminError("nothing_to_copy");
    tx.run(
      sql`insert into populations (year, locality_id, age_band, people)
        select ${year}, locality_id, age_band, people from populations where year = ${latest}`,
    );
    audit(tx, staffId, "population_year_started", "population_year", year, `copied from ${latest}`);
    return latest;
  });
}
