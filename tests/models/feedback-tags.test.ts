import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ModerationError, moderateContribution } from "~/models/feedback.server";
import { getDb } from "~db/client";
import { contributions, contributionTags, outcomes, plans, priorities, tagEvents } from "~db/schema";
import { makeCounty } from "../support/factories";

// The outcomes an officer gives while moderating: only the active plan's may be newly applied, and every removal is
// recorded with the priority it had.
const county = makeCounty();
const db = getDb();
const now = "2026-11-20T12:00:00.000Z";

const add = (body: string) =>
  db
    .insert(contributions)
    .values({
      source: "consultation",
      kind: "text",
      audience: "young_people",
      body,
      maskedBody: body,
      moderationState: "pending",
      createdAt: now,
    })
    .returning({ id: contributions.id })
    .get().id;

const tagsOf = (contributionId: number) =>
  db
    .select({ outcomeId: contributionTags.outcomeId, priorityId: contributionTags.priorityId })
    .from(contributionTags)
    .where(eq(contributionTags.contributionId, contributionId))
    .all()
    .sort((a, b) => a.outcomeId - b.outcomeId);

const eventsOf = (contributionId: number) =>
  db
    .select({
      action: tagEvents.action,
      outcomeId: tagEvents.outcomeId,
      fromPriorityId: tagEvents.fromPriorityId,
      fromLabel: tagEvents.fromLabel,
      toLabel: tagEvents.toLabel,
      via: tagEvents.via,
    })
    .from(tagEvents)
    .where(eq(tagEvents.contributionId, contributionId))
    .all();

const refusal = (fn: () => void) => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof ModerationError ? [e.code, e.ids] : String(e);
  }
};

describe("tags given while moderating", () => {
  it("never newly applies an outcome of an earlier (read-only) plan or an unknown one, and changes nothing", () => {
    const oldPlan = db
      .insert(plans)
      .values({ title: "Plan 2022–25", startsOn: "2022-04-01", endsOn: "2025-03-31", active: false })
      .returning()
      .get();
    const retired = db
      .insert(outcomes)
      .values({ planId: oldPlan.id, key: "old", title: "Old outcome", childTitle: "Old", position: 1 })
      .returning()
      .get().id;
    const id = add("More buses after school");
    const healthy = county.outcomes.healthy.id;
    const approve = (outcomeIds: number[]) => () =>
      moderateContribution({ staffId: county.officer.id, contributionId: id, decision: "approve", outcomeIds });
    expect(refusal(approve([healthy, retired]))).toEqual(["outcome_not_current", [retired]]);
    expect(refusal(approve([99_999_999]))).toEqual(["outcome_not_current", [99_999_999]]);
    // Refused whole: still waiting, no tag, no record.
    expect(db.select().from(contributions).where(eq(contributions.id, id)).get()?.moderationState).toBe("pending");
    expect(tagsOf(id)).toEqual([]);
    expect(eventsOf(id)).toEqual([]);

    // A tag the earlier plan already gave is kept as it is: only new ones are refused.
    const kept = add("The park needs lights");
    db.insert(contributionTags)
      .values({
        contributionId: kept,
        outcomeId: retired,
        source: "officer",
        taggedBy: county.officer.id,
        createdAt: now,
      })
      .run();
    moderateContribution({
      staffId: county.officer.id,
      contributionId: kept,
      decision: "approve",
      outcomeIds: [retired, healthy],
    });
    expect(tagsOf(kept)).toEqual(
      [
        { outcomeId: retired, priorityId: null },
        { outcomeId: healthy, priorityId: null },
      ].sort((a, b) => a.outcomeId - b.outcomeId),
    );
    expect(eventsOf(kept)).toEqual([
      {
        action: "add",
        outcomeId: healthy,
        fromPriorityId: null,
        fromLabel: null,
        toLabel: "Be healthy",
        via: "moderation",
      },
    ]);
  });

  it("records the priority a removed tag had", () => {
    const priorityId = db
      .insert(priorities)
      .values({ outcomeId: county.outcomes.healthy.id, title: "Healthy weight", position: 1 })
      .returning()
      .get().id;
    const id = add("Cheaper swimming for families");
    db.insert(contributionTags)
      .values([
        {
          contributionId: id,
          outcomeId: county.outcomes.healthy.id,
          priorityId,
          source: "officer",
          taggedBy: county.officer.id,
          createdAt: now,
        },
        {
          contributionId: id,
          outcomeId: county.outcomes.staySafe.id,
          source: "officer",
          taggedBy: county.officer.id,
          createdAt: now,
        },
      ])
      .run();
    moderateContribution({ staffId: county.officer.id, contributionId: id, decision: "approve", outcomeIds: [] });
    expect(tagsOf(id)).toEqual([]);
    expect(eventsOf(id).sort((a, b) => (a.outcomeId ?? 0) - (b.outcomeId ?? 0))).toEqual(
      [
        {
          action: "remove",
          outcomeId: county.outcomes.healthy.id,
          fromPriorityId: priorityId,
          fromLabel: "Be healthy: Healthy weight",
          toLabel: null,
          via: "moderation",
        },
        {
          action: "remove",
          outcomeId: county.outcomes.staySafe.id,
          fromPriorityId: null,
          fromLabel: "Stay safe",
          toLabel: null,
          via: "moderation",
        },
      ].sort((a, b) => a.outcomeId - b.outcomeId),
    );
  });
});
