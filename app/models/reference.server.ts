import { asc, eq } from "drizzle-orm";
import { getDb } from "~db/client";
import { ageBandSettings, areas, localities, outcomes, plans, priorities } from "~db/schema";

export const ageBands = ["under_8", "8_11", "12_15", "16_19", "20_25"] as const;
export type AgeBand = (typeof ageBands)[number];
export const audiences = ["young_people", "parents_carers"] as const;

let shownCache: AgeBand[] | null = null;

/**
 * The age bands participants are offered, in the administrator's order. Read on every participant page, so kept in
 * memory; saving the settings clears it (one server process holds the only copy).
 */
export function shownAgeBands(): AgeBand[] {
  if (shownCache) return shownCache;
  const rows = getDb()
    .select({ band: ageBandSettings.ageBand, shown: ageBandSettings.shown, position: ageBandSettings.position })
    .from(ageBandSettings)
    .all();
  const setting = new Map(rows.map((r) => [r.band, r]));
  // A band with no row yet (none saved, or a band added to the code later) is shown, after the ordered ones.
  shownCache = ageBands
    .map((band, i) => ({
      band,
      shown: setting.get(band)?.shown ?? true,
      position: setting.get(band)?.position ?? 1000 + i,
    }))
    .filter((b) => b.shown)
    .sort((a, b) => a.position - b.position)
    .map((b) => b.band);
  return shownCache;
}

export function forgetShownAgeBands() {
  shownCache = null;
}

export function listLocalities() {
  return getDb()
    .select({ id: localities.id, name: localities.name, area: areas.name })
    .from(localities)
    .innerJoin(areas, eq(areas.id, localities.areaId))
    .orderBy(asc(areas.id), asc(localities.name))
    .all();
}

/** Outcomes of the active plan, in plan order, with their priorities. */
export function listActiveOutcomes() {
  const db = getDb();
  const rows = db
    .select({ id: outcomes.id, key: outcomes.key, title: outcomes.title, childTitle: outcomes.childTitle })
    .from(outcomes)
    .innerJoin(plans, eq(plans.id, outcomes.planId))
    .where(eq(plans.active, true))
    .orderBy(asc(outcomes.position))
    .all();
  const prios = db
    .select({ id: priorities.id, outcomeId: priorities.outcomeId, title: priorities.title })
    .from(priorities)
    .orderBy(asc(priorities.position))
    .all();
  return rows.map((o) => ({ ...o, priorities: prios.filter((p) => p.outcomeId === o.id) }));
}
