import { areas, groups, localities } from "../schema";
import type { Tx } from "./context";
import { createRng, type Rng } from "./random";

const areaSpecs = [
  { name: "North", slug: "north" },
  { name: "City", slug: "city" },
  { name: "South", slug: "south" },
];

const localitySpecs = [
  { area: "north", name: "Ashcombe", slug: "ashcombe", weight: 12 },
  { area: "north", name: "Kingsbury Marsh", slug: "kingsbury-marsh", weight: 7 },
  { area: "north", name: "Thornley", slug: "thornley", weight: 8 },
  { area: "city", name: "Wealdham Central", slug: "wealdham-central", weight: 16 },
  { area: "city", name: "Wealdham East", slug: "wealdham-east", weight: 14 },
  { area: "city", name: "Hatherton", slug: "hatherton", weight: 11 },
  { area: "south", name: "Brackenford", slug: "brackenford", weight: 12 },
  { area: "south", name: "Lower Sedgewick", slug: "lower-sedgewick", weight: 6 },
  { area: "south", name: "Oakhurst Vale", slug: "oakhurst-vale", weight: 8 },
];

/** How safe the journey to school feels, relative to the county: the underpass in Wealdham East, rural roads. */
export const journeyMood: Record<string, number> = {
  ashcombe: 0.3,
  "kingsbury-marsh": -0.4,
  thornley: 0,
  "wealdham-central": 0.1,
  "wealdham-east": -0.7,
  hatherton: -0.1,
  brackenford: 0.2,
  "lower-sedgewick": -0.3,
  "oakhurst-vale": 0.2,
};
export const rural = new Set(["kingsbury-marsh", "thornley", "lower-sedgewick", "oakhurst-vale"]);

const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L

function joinCodes(rng: Rng) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      let code = "";
      for (let i = 0; i < 10; i++) code += rng.pick([...JOIN_ALPHABET]);
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
}

/** Areas, localities and the groups that meet in them. */
export function seedPlaces(tx: Tx, rng: Rng, facilitatorId: number) {
  const codeRng = createRng(0x0c0de5);
  const nextCode = joinCodes(codeRng);
  // Areas and localities
  const areaRows = tx.insert(areas).values(areaSpecs).returning().all();
  const areaId = (slug: string) => areaRows.find((a) => a.slug === slug)?.id ?? 0;
  const localityRows = tx
    .insert(localities)
    .values(localitySpecs.map((l) => ({ areaId: areaId(l.area), name: l.name, slug: l.slug })))
    .returning()
    .all();
  const localityBySlug = new Map(localityRows.map((l) => [l.slug, l]));
  const locality = (slug: string) => {
    const l = localityBySlug.get(slug);
    if (!l) throw new Error(slug);
    return l;
  };
  const localityWeights = Object.fromEntries(localitySpecs.map((l) => [l.slug, l.weight]));
  const pickLocality = () => (rng.chance(0.06) ? null : rng.weighted(localityWeights));

  // Groups
  const groupRows: (typeof groups.$inferInsert)[] = [
    {
      name: "Sounding Board for Children and Young People",
      kind: "sounding_board",
      audience: "young_people",
      localityId: null,
      joinCode: nextCode(),
    },
    {
      name: "Sounding Board for Parents and Carers",
      kind: "sounding_board",
      audience: "parents_carers",
      localityId: null,
      joinCode: nextCode(),
    },
  ];
  for (const l of localityRows) {
    groupRows.push(
      {
        name: `${l.name} Children and Young People's Forum`,
        kind: "forum",
        audience: "young_people",
        localityId: l.id,
        joinCode: nextCode(),
      },
      {
        name: `${l.name} Parents and Carers' Forum`,
        kind: "forum",
        audience: "parents_carers",
        localityId: l.id,
        joinCode: nextCode(),
      },
    );
  }
  groupRows.push(
    {
      name: "Hatherton Academy School Council",
      kind: "school_council",
      audience: "young_people",
      localityId: locality("hatherton").id,
      joinCode: nextCode(),
    },
    {
      name: "Wealdshire Young Carers' Youth Forum",
      kind: "youth_forum",
      audience: "young_people",
      localityId: null,
      joinCode: nextCode(),
    },
  );
  groupRows.push({
    name: "Brackenford Children's Centre Parents' Group",
    kind: "parents_group",
    audience: "parents_carers",
    localityId: locality("brackenford").id,
    joinCode: nextCode(),
  });
  const places: Record<string, { place: string; accessInfo: string }> = {
    county: {
      place: "Committee Room 1, County Hall, Wealdham",
      accessInfo:
        "Step-free entrance on Mill Lane, lift to all floors, hearing loop, accessible toilet. Bus stop County Hall (routes 4, 12, 31). Travel costs paid back.",
    },
    forum: {
      place: "the library or family hub in each locality",
      accessInfo: "Step-free access and an accessible toilet. Ask us about a quiet space or an interpreter.",
    },
  };
  tx.insert(groups)
    .values(
      groupRows.map((g) => {
        const where = g.localityId ? localityRows.find((l) => l.id === g.localityId)?.name : null;
        const info = g.kind === "sounding_board" ? places.county : places.forum;
        return {
          ...g,
          facilitatorId,
          place:
            where && g.kind === "forum"
              ? `${where} Library, community room`
              : where
                ? `${g.name}, ${where}`
                : info.place,
          accessInfo: info.accessInfo,
          status: "open",
          createdAt: "2025-09-01T09:00:00.000Z",
        };
      }),
    )
    .run();
  return { locality, pickLocality };
}
