/**
 * Prints SQLite's query plan for the feedback inbox's filter combinations (issue 10: "show the plans"), against the
 * database in DATABASE_PATH: `DATABASE_PATH=… npx tsx scripts/inbox-plans.ts`. On the bench's 1,000,000-row
 * database every plan should start from an index (SEARCH … USING INDEX, or the full-text index), never a bare SCAN of
 * contributions.
 */
import { type InboxFilters, inboxQueryPlan } from "~/models/inbox.server";

const combos: [string, InboxFilters][] = [
  ["everything, newest first", {}],
  ["untagged", { tagged: "untagged" }],
  [
    "parents, North, this term, untagged",
    { audience: "parents_carers", areaId: 1, period: "this_term", tagged: "untagged" },
  ],
  ["one outcome", { outcomeId: 1 }],
  ["one priority", { priorityId: 1 }],
  ["one theme, 16 to 19", { themeId: 1, audience: "young_people", ageBand: "16_19" }],
  ["paper answers", { source: "paper" }],
  ["hidden", { state: "hidden" }],
  ["search", { q: "bus" }],
  ["search with filters", { q: "swimming", audience: "parents_carers", tagged: "untagged" }],
];
let bare = 0;
for (const [name, f] of combos) {
  const plan = inboxQueryPlan(f);
  console.log(`\n${name}: ${JSON.stringify(f)}`);
  for (const line of plan) console.log(`  ${line}`);
  if (plan.some((l) => /^SCAN (contributions|c)\b/.test(l) && !/USING/.test(l))) bare++;
}
console.log(`\n${bare === 0 ? "every plan starts from an index" : `${bare} plans scan the whole table`}`);
process.exit(bare === 0 ? 0 : 1);
