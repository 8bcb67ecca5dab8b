import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addPriority,
  addTarget,
  assertOutcomeCurrent,
  getActivePlan,
  getPlan,
  isOutcomeApplicable,
  movePriority,
  PlanError,
  startNewPlan,
  updateOutcome,
  updatePriority,
  updateTarget,
} from "~/models/plan.server";
import { createTheme, listThemes, mergeThemes, renameTheme, ThemeError } from "~/models/themes.server";
import { getDb } from "~db/client";
import { auditLog, contributions, contributionThemes, plans, tagEvents, themes } from "~db/schema";
import { makeCounty } from "../support/factories";

let county: ReturnType<typeof makeCounty>;
beforeAll(() => {
  county = makeCounty();
});

function planError(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlanError) return error.code;
    throw error;
  }
  return "no error";
}

function themeError(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ThemeError) return error.code;
    throw error;
  }
  return "no error";
}

const noTarget = { code: null, baseline: null, target: null, currentValue: null, latestOn: null, leadGroup: null };

describe("the plan", () => {
  it("an administrator adds a priority and a target under it, and the plan reads them back in order", () => {
    const staffId = county.officer.id;
    const outcomeId = county.outcomes.healthy.id;
    const first = addPriority({ outcomeId, title: "Healthy weight", staffId });
    const second = addPriority({ outcomeId, title: "Substance misuse", staffId });
    const targetId = addTarget(second, {
      indicator: "Young people in specialist substance misuse treatment who leave in a planned way",
      code: "NI 115",
      baseline: "68%",
      target: "80%",
      currentValue: "74%",
      latestOn: "2026-09-30",
      leadGroup: "Drug and Alcohol Action Team",
      staffId,
    });
    const plan = getActivePlan();
    const healthy = plan?.outcomes.find((o) => o.id === outcomeId);
    expect(healthy?.priorities.map((p) => p.title)).toEqual(["Healthy weight", "Substance misuse"]);
    expect(healthy?.priorities[1].targets).toEqual([
      {
        id: targetId,
        priorityId: second,
        indicator: "Young people in specialist substance misuse treatment who leave in a planned way",
        code: "NI 115",
        baseline: "68%",
        target: "80%",
        currentValue: "74%",
        latestOn: "2026-09-30",
        leadGroup: "Drug and Alcohol Action Team",
      },
    ]);
    // Outcomes in plan order (be healthy is position 1), whatever order they were made in.
    expect(plan?.outcomes.map((o) => o.key)).toEqual(["be-healthy", "stay-safe"]);

    expect(movePriority(second, "up", staffId)).toBe(true);
    expect(movePriority(second, "up", staffId)).toBe(false);
    expect(getActivePlan()?.outcomes[0].priorities.map((p) => p.id)).toEqual([second, first]);

    // Same title, other capitals, same outcome: refused; under another outcome it is fine.
    expect(planError(() => addPriority({ outcomeId, title: "healthy WEIGHT", staffId }))).toBe("duplicate_priority");
    expect(planError(() => updatePriority(second, { title: "Healthy weight", staffId }))).toBe("duplicate_priority");
    expect(planError(() => addPriority({ outcomeId: 999_999, title: "Anything", staffId }))).toBe("not_found");
    expect(planError(() => addTarget(999_999, { indicator: "x", ...noTarget, staffId }))).toBe("not_found");

    const actions = getDb()
      .select({ action: auditLog.action, subjectId: auditLog.subjectId })
      .from(auditLog)
      .all()
      .filter((a) => a.action.startsWith("plan_"));
    expect(actions).toEqual([
      { action: "plan_priority_added", subjectId: first },
      { action: "plan_priority_added", subjectId: second },
      { action: "plan_target_added", subjectId: targetId },
      { action: "plan_priority_moved", subjectId: second },
    ]);
  });

  it("tags may go to outcomes of the active plan only, and to a priority only under its own outcome", () => {
    const healthy = county.outcomes.healthy.id;
    const safe = county.outcomes.staySafe.id;
    const underHealthy = getActivePlan()?.outcomes.find((o) => o.id === healthy)?.priorities[0].id as number;
    expect(assertOutcomeCurrent(healthy, underHealthy).priority?.id).toBe(underHealthy);
    expect(assertOutcomeCurrent(safe).outcome.key).toBe("stay-safe");
    expect(planError(() => assertOutcomeCurrent(safe, underHealthy))).toBe("priority_not_under_outcome");
    expect(planError(() => assertOutcomeCurrent(safe, 999_999))).toBe("not_found");
    expect(planError(() => assertOutcomeCurrent(999_999))).toBe("not_found");
    expect(planError(() => assertOutcomeCurrent(Number.NaN))).toBe("not_found");
    expect(isOutcomeApplicable(healthy)).toBe(true);
    expect(isOutcomeApplicable(-1)).toBe(false);
  });

  it("a new plan copies the active one and becomes active; the earlier plan is read-only and refuses new tags", () => {
    const staffId = county.officer.id;
    const before = getActivePlan();
    if (!before) throw new Error("no active plan");
    const oldOutcome = before.outcomes[0];
    const oldPriority = oldOutcome.priorities[0];
    const oldTarget = before.outcomes.flatMap((o) => o.priorities.flatMap((p) => p.targets))[0];

    const newId = startNewPlan({ title: "CYPP 2028–31", startsOn: "2028-04-01", endsOn: "2031-03-31", staffId });
    const after = getActivePlan();
    expect(after?.id).toBe(newId);
    expect(after?.title).toBe("CYPP 2028–31");
    const shape = (p: typeof before) =>
      p.outcomes.map((o) => ({
        key: o.key,
        title: o.title,
        priorities: o.priorities.map((x) => ({ title: x.title, targets: x.targets.map((t) => [t.code, t.indicator]) })),
      }));
    expect(after && shape(after)).toEqual(shape(before));
    expect(getDb().select({ id: plans.id }).from(plans).where(eq(plans.active, true)).all()).toEqual([{ id: newId }]);
    expect(getPlan(before.id)?.active).toBe(false);

    expect(planError(() => assertOutcomeCurrent(oldOutcome.id))).toBe("retired");
    expect(planError(() => assertOutcomeCurrent(oldOutcome.id, oldPriority.id))).toBe("retired");
    expect(isOutcomeApplicable(oldOutcome.id)).toBe(false);
    expect(planError(() => addPriority({ outcomeId: oldOutcome.id, title: "Late addition", staffId }))).toBe("retired");
    expect(planError(() => updatePriority(oldPriority.id, { title: "Renamed", staffId }))).toBe("retired");
    expect(planError(() => movePriority(oldPriority.id, "down", staffId))).toBe("retired");
    expect(planError(() => updateOutcome(oldOutcome.id, { title: "X", childTitle: "Y", staffId }))).toBe("retired");
    expect(planError(() => addTarget(oldPriority.id, { indicator: "x", ...noTarget, staffId }))).toBe("retired");
    expect(planError(() => updateTarget(oldTarget.id, { ...oldTarget, staffId }))).toBe("retired");
    // The retired plan is unchanged.
    expect(getPlan(before.id)?.outcomes).toEqual(before.outcomes);

    // The new plan's copy is editable and its outcomes take tags.
    const copy = after?.outcomes[0];
    if (!copy) throw new Error("no outcome");
    updateOutcome(copy.id, { title: "Be healthy and well", childTitle: "Being healthy", staffId });
    expect(getActivePlan()?.outcomes[0].title).toBe("Be healthy and well");
    expect(assertOutcomeCurrent(copy.id, copy.priorities[0].id).outcome.id).toBe(copy.id);
  });
});

function makeContribution() {
  return getDb()
    .insert(contributions)
    .values({
      source: "consultation",
      kind: "text",
      audience: "young_people",
      body: "The last bus home leaves too early",
      moderationState: "approved",
      createdAt: "2026-11-01T10:00:00Z",
    })
    .returning({ id: contributions.id })
    .get().id;
}

function tag(contributionId: number, themeId: number) {
  getDb().insert(contributionThemes).values({ contributionId, themeId, createdAt: "2026-11-02T10:00:00Z" }).run();
}

describe("themes", () => {
  it("are unique by name whatever their capitals, and can be renamed", () => {
    const staffId = county.officer.id;
    const id = createTheme({ name: "  Cost   of activities ", staffId });
    expect(listThemes().find((t) => t.id === id)?.name).toBe("Cost of activities");
    expect(themeError(() => createTheme({ name: "COST OF ACTIVITIES", staffId }))).toBe("duplicate");
    const other = createTheme({ name: "Places to go", staffId });
    expect(themeError(() => renameTheme(other, { name: "cost of activities", staffId }))).toBe("duplicate");
    // A theme may change only its own capitals.
    renameTheme(id, { name: "Cost of Activities", staffId });
    expect(listThemes().find((t) => t.id === id)?.name).toBe("Cost of Activities");
    expect(themeError(() => renameTheme(999_999, { name: "Nothing", staffId }))).toBe("not_found");
  });

  it("merging moves every tag to the other theme once, records one event per contribution, and retires the theme", () => {
    const staffId = county.officer.id;
    const now = new Date("2026-11-20T09:30:00Z");
    const transport = createTheme({ name: "Transport", staffId });
    const buses = createTheme({ name: "Buses", staffId });
    const [a, b, c, d] = [makeContribution(), makeContribution(), makeContribution(), makeContribution()];
    tag(a, buses);
    tag(b, buses);
    tag(b, transport); // b already has both: it keeps one Transport tag
    tag(c, transport);
    tag(d, createTheme({ name: "Safety", staffId }));

    expect(themeError(() => mergeThemes(buses, buses, { staffId }))).toBe("same");
    expect(themeError(() => mergeThemes(buses, 999_999, { staffId }))).toBe("not_found");
    expect(mergeThemes(buses, transport, { staffId, now })).toEqual({ moved: 2 });

    const rows = getDb()
      .select({ contributionId: contributionThemes.contributionId, themeId: contributionThemes.themeId })
      .from(contributionThemes)
      .all()
      .filter((r) => [a, b, c, d].includes(r.contributionId))
      .sort((x, y) => x.contributionId - y.contributionId);
    expect(rows.filter((r) => r.contributionId !== d)).toEqual([
      { contributionId: a, themeId: transport },
      { contributionId: b, themeId: transport },
      { contributionId: c, themeId: transport },
    ]);
    const events = getDb()
      .select({
        contributionId: tagEvents.contributionId,
        staffId: tagEvents.staffId,
        kind: tagEvents.kind,
        themeId: tagEvents.themeId,
        action: tagEvents.action,
        fromLabel: tagEvents.fromLabel,
        toLabel: tagEvents.toLabel,
        via: tagEvents.via,
        createdAt: tagEvents.createdAt,
      })
      .from(tagEvents)
      .all()
      .sort((x, y) => x.contributionId - y.contributionId);
    const event = {
      staffId,
      kind: "theme",
      themeId: transport,
      action: "change",
      fromLabel: "Buses",
      toLabel: "Transport",
      via: "merge",
      createdAt: now.toISOString(),
    };
    expect(events).toEqual([
      { contributionId: a, ...event },
      { contributionId: b, ...event },
    ]);
    expect(getDb().select({ m: themes.mergedInto }).from(themes).where(eq(themes.id, buses)).get()?.m).toBe(transport);
    const listed = listThemes();
    expect(listed.some((t) => t.id === buses)).toBe(false);
    expect(listed.find((t) => t.id === transport)?.contributions).toBe(3);
    // A merged theme is history: it cannot be renamed or merged again, and its name stays taken.
    expect(themeError(() => renameTheme(buses, { name: "Coaches", staffId }))).toBe("merged");
    expect(themeError(() => mergeThemes(buses, transport, { staffId }))).toBe("merged");
    expect(themeError(() => createTheme({ name: "buses", staffId }))).toBe("duplicate");
  });
});
