import { and, asc, eq, sql } from "drizzle-orm";
import { contributions, contributionThemes, tagEvents, themes } from "../schema";
import type { Tx } from "./context";
import { addDays } from "./dates";

/** Free themes an officer made while reading, each given to a few of the answers that speak of it. */
const themeSpecs: { name: string; words: string[]; take: number }[] = [
  { name: "Transport", words: ["bus", "train", "lift"], take: 8 },
  { name: "Cost of activities", words: ["cost", "expensive", "afford", "pounds", "money"], take: 5 },
  { name: "Places to go", words: ["nowhere", "nothing to do", "places to go"], take: 4 },
];

export function seedThemes(tx: Tx, now: Date, officerId: number) {
  const madeAt = addDays(now, -6).toISOString();
  const taggedAt = addDays(now, -5).toISOString();
  for (const spec of themeSpecs) {
    const themeId = tx
      .insert(themes)
      .values({ name: spec.name, createdBy: officerId, createdAt: madeAt })
      .returning({ id: themes.id })
      .get().id;
    const like = sql.join(
      spec.words.map((w) => sql`lower(${contributions.body}) like ${`%${w}%`}`),
      sql` or `,
    );
    const picked = tx
      .select({ id: contributions.id })
      .from(contributions)
      .where(and(eq(contributions.kind, "text"), eq(contributions.moderationState, "approved"), sql`(${like})`))
      .orderBy(asc(contributions.id))
      .limit(spec.take)
      .all();
    if (!picked.length) continue;
    tx.insert(contributionThemes)
      .values(picked.map((c) => ({ contributionId: c.id, themeId, taggedBy: officerId, createdAt: taggedAt })))
      .run();
    tx.insert(tagEvents)
      .values(
        picked.map((c) => ({
          contributionId: c.id,
          staffId: officerId,
          kind: "theme",
          themeId,
          action: "add",
          toLabel: spec.name,
          via: "form",
          createdAt: taggedAt,
        })),
      )
      .run();
  }
}
