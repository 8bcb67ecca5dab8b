import { describe, expect, it } from "vitest";
import { listModerationRecord, moderateContribution } from "~/models/feedback.server";
import { escalateContribution } from "~/models/safeguarding.server";
import { getDb } from "~db/client";
import { contributions } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const add = (body: string) =>
  getDb()
    .insert(contributions)
    .values({
      source: "consultation",
      kind: "text",
      audience: "young_people",
      body,
      maskedBody: body,
      moderationState: "pending",
      createdAt: new Date().toISOString(),
    })
    .returning({ id: contributions.id })
    .get().id;

describe("the moderation record", () => {
  it("hides only the escalated text, not text whose id matches some case's id", () => {
    // The first case is made for the first contribution, so case id = contribution id: a subquery comparing the case
    // with its own id would take every row for escalated.
    const first = add("Someone at home hurts me");
    escalateContribution({ staffId: county.officer.id, contributionId: first, reason: "May be a disclosure" });
    const second = add("More benches in the park please");
    moderateContribution({ staffId: county.officer.id, contributionId: second, decision: "approve" });
    const { total, rows } = listModerationRecord({});
    expect(total).toBe(2);
    expect(rows.map((r) => [r.contributionId, r.action, r.escalated, r.text])).toEqual([
      [second, "approve", false, "More benches in the park please"],
      [first, "escalate", true, null],
    ]);
  });
});
