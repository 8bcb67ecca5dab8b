import { wealdshireSchools } from "../../app/safeguarding/lists";
import { ageBandSettings, localities, populations, schools } from "../schema";
import type { Tx } from "./context";
import { createRng } from "./random";
import { rural } from "./reference";

/** Where each of the county's schools is and its phase; the names are the safeguarding lists' own, so all are masked. */
const schoolPlaces: Record<
  string,
  { locality: string | null; phase: "primary" | "secondary" | "special" | "college" }
> = {
  "Ashcombe Primary School": { locality: "ashcombe", phase: "primary" },
  "Ashcombe Academy": { locality: "ashcombe", phase: "secondary" },
  "Kingsbury Marsh Primary School": { locality: "kingsbury-marsh", phase: "primary" },
  "Thornley CE Primary School": { locality: "thornley", phase: "primary" },
  "Thornley Community College": { locality: "thornley", phase: "secondary" },
  "Wealdham High School": { locality: "wealdham-central", phase: "secondary" },
  "Wealdham Grammar School": { locality: "wealdham-central", phase: "secondary" },
  "Wealdbridge Academy": { locality: "wealdham-central", phase: "secondary" },
  "Wealdham East Academy": { locality: "wealdham-east", phase: "secondary" },
  "St Mary's Catholic Primary School": { locality: "wealdham-east", phase: "primary" },
  "Hatherton Park School": { locality: "hatherton", phase: "special" },
  "Hatherton Sixth Form College": { locality: "hatherton", phase: "college" },
  "Brackenford Secondary School": { locality: "brackenford", phase: "secondary" },
  "Brackenford Infant School": { locality: "brackenford", phase: "primary" },
  "Lower Sedgewick Primary School": { locality: "lower-sedgewick", phase: "primary" },
  "Oakhurst Vale Academy": { locality: "oakhurst-vale", phase: "secondary" },
  "Oak Hill School": { locality: "oakhurst-vale", phase: "special" },
  // Countywide: the further education college and the pupil referral unit take pupils from every locality.
  "Weald College": { locality: null, phase: "college" },
  "Riverside Pupil Referral Unit": { locality: null, phase: "special" },
};

/** Children per year of age in a locality, by its size in the demo (reference.ts weights); years in each band. */
const localitySize: Record<string, number> = {
  ashcombe: 12,
  "kingsbury-marsh": 7,
  thornley: 8,
  "wealdham-central": 16,
  "wealdham-east": 14,
  hatherton: 11,
  brackenford: 12,
  "lower-sedgewick": 6,
  "oakhurst-vale": 8,
};
const bandYears = { under_8: 8, "8_11": 4, "12_15": 4, "16_19": 4, "20_25": 6 } as const;

/** Schools, the age bands participants are offered (not under 8: they answer with a grown-up), population figures. */
export function seedReferenceData(tx: Tx, now: Date) {
  const rows = tx.select({ id: localities.id, slug: localities.slug }).from(localities).all();
  const idOf = (slug: string) => {
    const row = rows.find((l) => l.slug === slug);
    if (!row) throw new Error(`no locality ${slug}`);
    return row.id;
  };
  tx.insert(schools)
    .values(
      wealdshireSchools.map((name) => {
        const place = schoolPlaces[name];
        if (!place) throw new Error(`no place for ${name}`);
        return { name, phase: place.phase, localityId: place.locality ? idOf(place.locality) : null };
      }),
    )
    .run();

  tx.insert(ageBandSettings)
    .values(Object.keys(bandYears).map((band, i) => ({ ageBand: band, shown: band !== "under_8", position: i + 1 })))
    .run();

  // Its own stream, so the rest of the county's draws stay as they were.
  const rng = createRng(0xa9e5);
  const year = now.getUTCFullYear();
  const figures: (typeof populations.$inferInsert)[] = [];
  for (const [slug, size] of Object.entries(localitySize)) {
    for (const [band, years] of Object.entries(bandYears)) {
      // Young adults leave the villages for the town: fewer 20 to 25s in rural localities, more in the city.
      const drift = band === "20_25" ? (rural.has(slug) ? 0.75 : slug.startsWith("wealdham") ? 1.2 : 1) : 1;
      const latest = Math.round((size * 45 * years * drift * (0.92 + rng.next() * 0.16)) / 5) * 5;
      const before = Math.round((latest * (0.97 + rng.next() * 0.04)) / 5) * 5;
      figures.push({ year, localityId: idOf(slug), ageBand: band, people: latest });
      figures.push({ year: year - 1, localityId: idOf(slug), ageBand: band, people: before });
    }
  }
  tx.insert(populations).values(figures).run();
}
