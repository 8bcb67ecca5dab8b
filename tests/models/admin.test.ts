import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AdminError,
  addArea,
  addLocality,
  addSchool,
  deleteArea,
  deleteLocality,
  getAgeBandSettings,
  getPopulationGrid,
  listPlaces,
  listSchools,
  populationYears,
  renameArea,
  saveAgeBandSettings,
  savePopulationGrid,
  slugify,
  startPopulationYear,
  updateLocality,
  updateSchool,
} from "~/models/admin.server";
import { shownAgeBands } from "~/models/reference.server";
import { getDb } from "~db/client";
import { areas, auditLog, groups, localities } from "~db/schema";
import { makeCounty } from "../support/factories";

let staffId = 0;
beforeAll(() => {
  staffId = makeCounty().officer.id;
});

function refused(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AdminError) return { code: error.code, uses: error.uses };
    throw error;
  }
  throw new Error("not refused");
}

describe("areas and localities", () => {
  it("adds and renames areas with slugs made from the name, and refuses a clash", () => {
    const id = addArea("Wealdham Outer", staffId);
    expect(getDb().select().from(areas).where(eq(areas.id, id)).get()).toMatchObject({
      name: "Wealdham Outer",
      slug: "wealdham-outer",
    });
    renameArea(id, "Wealdham Fringe", staffId);
    expect(getDb().select().from(areas).where(eq(areas.id, id)).get()?.slug).toBe("wealdham-fringe");
    const other = addArea("Coast", staffId);
    expect(refused(() => renameArea(other, "wealdham  FRINGE!", staffId)).code).toBe("slug_taken");
    expect(refused(() => addArea("Wealdham Fringe", staffId)).code).toBe("slug_taken");
    expect(refused(() => addArea("!!!", staffId)).code).toBe("no_letters");
    expect(refused(() => renameArea(999_999, "Nowhere", staffId)).code).toBe("not_found");
    // Renaming to its own name again is no clash.
    renameArea(id, "Wealdham Fringe", staffId);
    expect(slugify("St. Mary’s Café")).toBe("st-marys-cafe");
  });

  it("adds a locality, renames it and moves it to another area", () => {
    const north = addArea("Moorland", staffId);
    const south = addArea("Estuary", staffId);
    const id = addLocality({ areaId: north, name: "Fenwick Green" }, staffId);
    updateLocality(id, { areaId: south, name: "Fenwick Marsh" }, staffId);
    const place = listPlaces().find((a) => a.id === south);
    expect(place?.localities).toEqual([{ id, areaId: south, name: "Fenwick Marsh", slug: "fenwick-marsh" }]);
    expect(listPlaces().find((a) => a.id === north)?.localities).toEqual([]);
    expect(refused(() => addLocality({ areaId: south, name: "Fenwick marsh" }, staffId)).code).toBe("slug_taken");
    expect(refused(() => addLocality({ areaId: 999_999, name: "Elsewhere" }, staffId)).code).toBe("bad_area");
    expect(refused(() => updateLocality(999_999, { areaId: south, name: "Elsewhere" }, staffId)).code).toBe(
      "not_found",
    );
    const logged = getDb().select().from(auditLog).where(eq(auditLog.subjectType, "locality")).all();
    expect(logged.map((l) => l.action)).toEqual(["locality_added", "locality_updated"]);
  });

  it("deletes nothing that is used, and says what uses it", () => {
    const area = addArea("Downs", staffId);
    const used = addLocality({ areaId: area, name: "Chalkpit" }, staffId);
    const unused = addLocality({ areaId: area, name: "Flintwood" }, staffId);
    getDb()
      .insert(groups)
      .values({
        name: "Chalkpit Forum",
        kind: "forum",
        audience: "young_people",
        localityId: used,
        joinCode: "ABCDEFGHJK",
      })
      .run();
    addSchool({ name: "Chalkpit Primary School", localityId: used, phase: "primary" }, staffId);
    expect(refused(() => deleteLocality(used, staffId))).toEqual({ code: "in_use", uses: ["groups", "schools"] });
    expect(refused(() => deleteArea(area, staffId))).toEqual({ code: "in_use", uses: ["localities"] });
    deleteLocality(unused, staffId);
    expect(getDb().select().from(localities).where(eq(localities.id, unused)).get()).toBeUndefined();
    const empty = addArea("Heath", staffId);
    deleteArea(empty, staffId);
    expect(refused(() => deleteArea(empty, staffId)).code).toBe("not_found");
  });
});

describe("schools", () => {
  it("adds and edits a school's name, locality and phase", () => {
    const area = addArea("Vale", staffId);
    const a = addLocality({ areaId: area, name: "Ridgeway" }, staffId);
    const b = addLocality({ areaId: area, name: "Millbrook" }, staffId);
    const id = addSchool({ name: "Ridgeway Academy", localityId: a, phase: "secondary" }, staffId);
    updateSchool(id, { name: "Ridgeway Community College", localityId: b, phase: "college" }, staffId);
    expect(listSchools().find((s) => s.id === id)).toEqual({
      id,
      name: "Ridgeway Community College",
      phase: "college",
      localityId: b,
      locality: "Millbrook",
      area: "Vale",
    });
    expect(
      refused(() => addSchool({ name: "Nowhere High", localityId: 999_999, phase: "secondary" }, staffId)).code,
    ).toBe("bad_locality");
    expect(
      refused(() => updateSchool(999_999, { name: "X School", localityId: null, phase: "primary" }, staffId)).code,
    ).toBe("not_found");
  });
});

describe("age bands", () => {
  it("shows every band in the code's order until an administrator saves", () => {
    expect(shownAgeBands()).toEqual(["under_8", "8_11", "12_15", "16_19", "20_25"]);
  });

  it("hides and reorders bands, and participants' list follows at once", () => {
    saveAgeBandSettings(
      [
        { band: "under_8", shown: false, order: 1 },
        { band: "8_11", shown: true, order: 3 },
        { band: "12_15", shown: true, order: 2 },
        { band: "16_19", shown: true, order: 4 },
        { band: "20_25", shown: true, order: 5 },
      ],
      staffId,
    );
    expect(shownAgeBands()).toEqual(["12_15", "8_11", "16_19", "20_25"]);
    expect(getAgeBandSettings()).toEqual([
      { band: "under_8", shown: false, position: 1 },
      { band: "12_15", shown: true, position: 2 },
      { band: "8_11", shown: true, position: 3 },
      { band: "16_19", shown: true, position: 4 },
      { band: "20_25", shown: true, position: 5 },
    ]);
  });

  it("refuses to hide every band for under-20s, and unknown or missing bands", () => {
    const onlyCareLeavers = ["under_8", "8_11", "12_15", "16_19", "20_25"].map((band, i) => ({
      band,
      shown: band === "20_25",
      order: i,
    }));
    expect(refused(() => saveAgeBandSettings(onlyCareLeavers, staffId)).code).toBe("no_young_band");
    expect(
      refused(() =>
        saveAgeBandSettings([...onlyCareLeavers.slice(1), { band: "26_30", shown: true, order: 9 }], staffId),
      ).code,
    ).toBe("bad_band");
    expect(refused(() => saveAgeBandSettings(onlyCareLeavers.slice(1), staffId)).code).toBe("bad_band");
    // Nothing changed.
    expect(shownAgeBands()).toEqual(["12_15", "8_11", "16_19", "20_25"]);
  });
});

describe("population figures", () => {
  it("saves a whole year's grid and totals each row, each column and the whole exactly", () => {
    const area = addArea("Population Test", staffId);
    const x = addLocality({ areaId: area, name: "Aldergate" }, staffId);
    const y = addLocality({ areaId: area, name: "Birchcombe" }, staffId);
    savePopulationGrid(
      2031,
      [
        { localityId: x, band: "under_8", people: 1200 },
        { localityId: x, band: "8_11", people: 640 },
        { localityId: x, band: "12_15", people: 615 },
        { localityId: y, band: "under_8", people: 980 },
        { localityId: y, band: "20_25", people: 1 },
      ],
      staffId,
    );
    const grid = getPopulationGrid(2031);
    const row = (id: number) => grid.rows.find((r) => r.id === id);
    expect(row(x)?.total).toBe(2455);
    expect(row(y)?.total).toBe(981);
    expect(row(x)?.cells.map((c) => c.people)).toEqual([1200, 640, 615, null, null]);
    expect(grid.bandTotals).toEqual([
      { band: "under_8", total: 2180 },
      { band: "8_11", total: 640 },
      { band: "12_15", total: 615 },
      { band: "16_19", total: 0 },
      { band: "20_25", total: 1 },
    ]);
    expect(grid.total).toBe(3436);
    expect(grid.filled).toBe(5);

    // Changing one cell and clearing another, in the same save.
    savePopulationGrid(
      2031,
      [
        { localityId: x, band: "8_11", people: 700 },
        { localityId: y, band: "20_25", people: null },
      ],
      staffId,
    );
    const again = getPopulationGrid(2031);
    expect(again.total).toBe(3436 + 60 - 1);
    expect(again.bandTotals.map((b) => b.total)).toEqual([2180, 700, 615, 0, 0]);
  });

  it("refuses a negative, fractional or huge figure, an unknown locality or band, and writes none of the grid", () => {
    const area = addArea("Refusals", staffId);
    const z = addLocality({ areaId: area, name: "Cobley" }, staffId);
    const good = { localityId: z, band: "8_11", people: 10 };
    expect(
      refused(() => savePopulationGrid(2032, [good, { localityId: z, band: "12_15", people: -1 }], staffId)).code,
    ).toBe("bad_people");
    expect(
      refused(() => savePopulationGrid(2032, [good, { localityId: z, band: "12_15", people: 1.5 }], staffId)).code,
    ).toBe("bad_people");
    expect(
      refused(() => savePopulationGrid(2032, [good, { localityId: z, band: "12_15", people: 1_000_001 }], staffId))
        .code,
    ).toBe("bad_people");
    expect(
      refused(() => savePopulationGrid(2032, [good, { localityId: 999_999, band: "12_15", people: 3 }], staffId)).code,
    ).toBe("bad_locality");
    expect(
      refused(() => savePopulationGrid(2032, [good, { localityId: z, band: "adults", people: 3 }], staffId)).code,
    ).toBe("bad_band");
    expect(refused(() => savePopulationGrid(1850, [good], staffId)).code).toBe("bad_year");
    expect(getPopulationGrid(2032).filled).toBe(0);
  });

  it("starts a new year as a copy of the latest", () => {
    expect(populationYears()).toEqual([2031]);
    expect(startPopulationYear(2033, staffId)).toBe(2031);
    expect(populationYears()).toEqual([2033, 2031]);
    const copy = getPopulationGrid(2033);
    expect(copy.total).toBe(getPopulationGrid(2031).total);
    expect(copy.total).toBe(3495);
    expect(refused(() => startPopulationYear(2033, staffId)).code).toBe("year_exists");
  });
});
