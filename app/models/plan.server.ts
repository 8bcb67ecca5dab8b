// The Children and Young People's Plan: plans (one active; earlier ones kept read-only so the tags that point at their
// outcomes and priorities still read), outcomes, priorities under each, targets with indicators under a priority.
import { and, asc, desc, eq, max, ne, sql } from "drizzle-orm";
import { type Conn, getDb } from "~db/client";
import { auditLog, outcomes, plans, priorities, targets } from "~db/schema";

export type PlanErrorCode =
  /** No outcome, priority, target or plan with that id. */
  | "not_found"
  /** The outcome, priority or target belongs to a plan that is no longer active. */
  | "retired"
  /** The priority exists but sits under another outcome. */
  | "priority_not_under_outcome"
  /** A priority with the same title already sits under that outcome. */
  | "duplicate_priority"
  /** There is no active plan to copy. */
  | "no_active_plan";

export class PlanError extends Error {
  constructor(public readonly code: PlanErrorCode) {
    super(code);
  }
}

export type TargetRow = {
  id: number;
  priorityId: number;
  indicator: string;
  code: string | null;
  baseline: string | null;
  target: string | null;
  currentValue: string | null;
  latestOn: string | null;
  leadGroup: string | null;
};
export type PriorityNode = { id: number; outcomeId: number; title: string; position: number; targets: TargetRow[] };
export type OutcomeNode = {
  id: number;
  key: string;
  title: string;
  childTitle: string;
  position: number;
  priorities: PriorityNode[];
};
export type PlanSummary = { id: number; title: string; startsOn: string; endsOn: string; active: boolean };
export type PlanTree = PlanSummary & { outcomes: OutcomeNode[] };

const planColumns = {
  id: plans.id,
  title: plans.title,
  startsOn: plans.startsOn,
  endsOn: plans.endsOn,
  active: plans.active,
};

const targetColumns = {
  id: targets.id,
  priorityId: targets.priorityId,
  indicator: targets.indicator,
  code: targets.code,
  baseline: targets.baseline,
  target: targets.target,
  currentValue: targets.currentValue,
  latestOn: targets.latestOn,
  leadGroup: targets.leadGroup,
};

/** Every plan, the newest first. */
export function listPlans(db: Conn = getDb()): PlanSummary[] {
  return db.select(planColumns).from(plans).orderBy(desc(plans.startsOn), desc(plans.id)).all();
}

/** One plan with its outcomes, their priorities and the priorities' targets, in plan order; null when there is none. */
export function getPlan(planId: number, db: Conn = getDb()): PlanTree | null {
  const plan = db.select(planColumns).from(plans).where(eq(plans.id, planId)).get();
  if (!plan) return null;
  const outs = db
    .select({
      id: outcomes.id,
      key: outcomes.key,
      title: outcomes.title,
      childTitle: outcomes.childTitle,
      position: outcomes.position,
    })
    .from(outcomes)
    .where(eq(outcomes.planId, planId))
    .orderBy(asc(outcomes.position), asc(outcomes.id))
    .all();
  const prios = db
    .select({
      id: priorities.id,
      outcomeId: priorities.outcomeId,
      title: priorities.title,
      position: priorities.position,
    })
    .from(priorities)
    .innerJoin(outcomes, eq(outcomes.id, priorities.outcomeId))
    .where(eq(outcomes.planId, planId))
    .orderBy(asc(priorities.position), asc(priorities.id))
    .all();
  const tgts = db
    .select(targetColumns)
    .from(targets)
    .innerJoin(priorities, eq(priorities.id, targets.priorityId))
    .innerJoin(outcomes, eq(outcomes.id, priorities.outcomeId))
    .where(eq(outcomes.planId, planId))
    .orderBy(asc(targets.id))
    .all();
  return {
    ...plan,
    outcomes: outs.map((o) => ({
      ...o,
      priorities: prios
        .filter((p) => p.outcomeId === o.id)
        .map((p) => ({ ...p, targets: tgts.filter((t) => t.priorityId === p.id) })),
    })),
  };
}

/** The active plan, whole; null when no plan is active. */
export function getActivePlan(db: Conn = getDb()): PlanTree | null {
  const row = db.select({ id: plans.id }).from(plans).where(eq(plans.active, true)).get();
  return row ? getPlan(row.id, db) : null;
}

function outcomeWithPlan(db: Conn, outcomeId: number) {
  return db
    .select({
      id: outcomes.id,
      key: outcomes.key,
      title: outcomes.title,
      childTitle: outcomes.childTitle,
      planId: plans.id,
      planTitle: plans.title,
      active: plans.active,
    })
    .from(outcomes)
    .innerJoin(plans, eq(plans.id, outcomes.planId))
    .where(eq(outcomes.id, outcomeId))
    .get();
}

/** An outcome with its plan's title and whether that plan is active; null when unknown. */
export function getOutcome(outcomeId: number, db: Conn = getDb()) {
  return outcomeWithPlan(db, outcomeId) ?? null;
}

function priorityWithPlan(db: Conn, priorityId: number) {
  return db
    .select({
      id: priorities.id,
      title: priorities.title,
      position: priorities.position,
      outcomeId: outcomes.id,
      outcomeTitle: outcomes.title,
      planId: plans.id,
      active: plans.active,
    })
    .from(priorities)
    .innerJoin(outcomes, eq(outcomes.id, priorities.outcomeId))
    .innerJoin(plans, eq(plans.id, outcomes.planId))
    .where(eq(priorities.id, priorityId))
    .get();
}

/** A priority with its outcome and whether its plan is active; null when unknown. */
export function getPriority(priorityId: number, db: Conn = getDb()) {
  return priorityWithPlan(db, priorityId) ?? null;
}

/** A target with its priority and outcome and whether its plan is active; null when unknown. */
export function getTarget(targetId: number, db: Conn = getDb()) {
  return (
    db
      .select({
        ...targetColumns,
        priorityTitle: priorities.title,
        outcomeTitle: outcomes.title,
        planId: plans.id,
        active: plans.active,
      })
      .from(targets)
      .innerJoin(priorities, eq(priorities.id, targets.priorityId))
      .innerJoin(outcomes, eq(outcomes.id, priorities.outcomeId))
      .innerJoin(plans, eq(plans.id, outcomes.planId))
      .where(eq(targets.id, targetId))
      .get() ?? null
  );
}

/**
 * Whether a tag may newly be given to this outcome (and priority): both exist, the outcome is in the active plan and
 * the priority sits under it. Throws a PlanError saying why not; tags already given to a retired plan are kept as
 * they are, only new ones are refused.
 */
export function assertOutcomeCurrent(outcomeId: number, priorityId?: number | null, db: Conn = getDb()) {
  if (!Number.isSafeInteger(outcomeId) || outcomeId <= 0) throw new PlanError("not_found");
  const outcome = outcomeWithPlan(db, outcomeId);
  if (!outcome) throw new PlanError("not_found");
  if (!outcome.active) throw new PlanError("retired");
  if (priorityId === undefined || priorityId === null) return { outcome, priority: null };
  if (!Number.isSafeInteger(priorityId) || priorityId <= 0) throw new PlanError("not_found");
  const priority = db
    .select({ id: priorities.id, title: priorities.title, outcomeId: priorities.outcomeId })
    .from(priorities)
    .where(eq(priorities.id, priorityId))
    .get();
  if (!priority) throw new PlanError("not_found");
  if (priority.outcomeId !== outcomeId) throw new PlanError("priority_not_under_outcome");
  return { outcome, priority };
}

/** True when an outcome exists and belongs to the active plan. */
export function isOutcomeApplicable(outcomeId: number, db: Conn = getDb()) {
  try {
    assertOutcomeCurrent(outcomeId, null, db);
    return true;
  } catch (error) {
    if (error instanceof PlanError) return false;
    throw error;
  }
}

function audit(db: Conn, staffId: number, action: string, subjectType: string, subjectId: number, detail?: unknown) {
  db.insert(auditLog)
    .values({
      staffId,
      action,
      subjectType,
      subjectId,
      detail: detail === undefined ? null : JSON.stringify(detail),
      createdAt: new Date().toISOString(),
    })
    .run();
}

function editableOutcome(db: Conn, outcomeId: number) {
  const outcome = outcomeWithPlan(db, outcomeId);
  if (!outcome) throw new PlanError("not_found");
  if (!outcome.active) throw new PlanError("retired");
  return outcome;
}

function editablePriority(db: Conn, priorityId: number) {
  const priority = priorityWithPlan(db, priorityId);
  if (!priority) throw new PlanError("not_found");
  if (!priority.active) throw new PlanError("retired");
  return priority;
}

function assertNoTwin(db: Conn, outcomeId: number, title: string, exceptId?: number) {
  const twin = db
    .select({ id: priorities.id })
    .from(priorities)
    .where(
      and(
        eq(priorities.outcomeId, outcomeId),
        sql`lower(${priorities.title}) = lower(${title})`,
        exceptId === undefined ? undefined : ne(priorities.id, exceptId),
      ),
    )
    .get();
  if (twin) throw new PlanError("duplicate_priority");
}

export type OutcomeInput = { title: string; childTitle: string };

/** Renames an outcome of the active plan (its key, which tagging keys and seeds use, stays). */
export function updateOutcome(outcomeId: number, input: OutcomeInput & { staffId: number }) {
  return getDb().transaction((tx) => {
    const before = editableOutcome(tx, outcomeId);
    tx.update(outcomes)
      .set({ title: input.title, childTitle: input.childTitle })
      .where(eq(outcomes.id, outcomeId))
      .run();
    audit(tx, input.staffId, "plan_outcome_changed", "outcome", outcomeId, {
      from: { title: before.title, childTitle: before.childTitle },
      to: { title: input.title, childTitle: input.childTitle },
    });
  });
}

/** Adds a priority at the end of an outcome of the active plan; returns its id. */
export function addPriority(input: { outcomeId: number; title: string; staffId: number }) {
  return getDb().transaction((tx) => {
    editableOutcome(tx, input.outcomeId);
    assertNoTwin(tx, input.outcomeId, input.title);
    const last =
      tx
        .select({ n: max(priorities.position) })
        .from(priorities)
        .where(eq(priorities.outcomeId, input.outcomeId))
        .get()?.n ?? 0;
    const id = tx
      .insert(priorities)
      .values({ outcomeId: input.outcomeId, title: input.title, position: last + 1 })
      .returning({ id: priorities.id })
      .get().id;
    audit(tx, input.staffId, "plan_priority_added", "priority", id, { outcomeId: input.outcomeId, title: input.title });
    return id;
  });
}

/** Changes a priority's title. Earlier tags keep pointing at it, so they read with the new title. */
export function updatePriority(priorityId: number, input: { title: string; staffId: number }) {
  return getDb().transaction((tx) => {
    const before = editablePriority(tx, priorityId);
    assertNoTwin(tx, before.outcomeId, input.title, priorityId);
    tx.update(priorities).set({ title: input.title }).where(eq(priorities.id, priorityId)).run();
    audit(tx, input.staffId, "plan_priority_changed", "priority", priorityId, {
      from: before.title,
      to: input.title,
    });
  });
}

/** Swaps a priority with its neighbour above or below under the same outcome; false when it is already at that end. */
export function movePriority(priorityId: number, direction: "up" | "down", staffId: number) {
  return getDb().transaction((tx) => {
    const p = editablePriority(tx, priorityId);
    const siblings = tx
      .select({ id: priorities.id, position: priorities.position })
      .from(priorities)
      .where(eq(priorities.outcomeId, p.outcomeId))
      .orderBy(asc(priorities.position), asc(priorities.id))
      .all();
    const at = siblings.findIndex((s) => s.id === priorityId);
    const other = siblings[direction === "up" ? at - 1 : at + 1];
    if (!other) return false;
    // Positions are renumbered 1..n so that ties left by hand-made data cannot make a swap a no-op.
    const order = siblings.map((s) => s.id);
    order[at] = other.id;
    order[siblings.indexOf(other)] = priorityId;
    order.forEach((id, i) => {
      tx.update(priorities)
        .set({ position: i + 1 })
        .where(eq(priorities.id, id))
        .run();
    });
    audit(tx, staffId, "plan_priority_moved", "priority", priorityId, { direction });
    return true;
  });
}

export type TargetInput = {
  indicator: string;
  code: string | null;
  baseline: string | null;
  target: string | null;
  currentValue: string | null;
  latestOn: string | null;
  leadGroup: string | null;
};

/** Adds a target under a priority of the active plan; returns its id. */
export function addTarget(priorityId: number, input: TargetInput & { staffId: number }) {
  return getDb().transaction((tx) => {
    editablePriority(tx, priorityId);
    const { staffId, ...values } = input;
    const id = tx
      .insert(targets)
      .values({ priorityId, ...values })
      .returning({ id: targets.id })
      .get().id;
    audit(tx, staffId, "plan_target_added", "target", id, { priorityId, ...values });
    return id;
  });
}

/** Changes a target of the active plan (its indicator, figures, latest value and date, lead group). */
export function updateTarget(targetId: number, input: TargetInput & { staffId: number }) {
  return getDb().transaction((tx) => {
    const before = getTarget(targetId, tx);
    if (!before) throw new PlanError("not_found");
    if (!before.active) throw new PlanError("retired");
    const { staffId, ...values } = input;
    tx.update(targets).set(values).where(eq(targets.id, targetId)).run();
    audit(tx, staffId, "plan_target_changed", "target", targetId, {
      from: {
        indicator: before.indicator,
        code: before.code,
        baseline: before.baseline,
        target: before.target,
        currentValue: before.currentValue,
        latestOn: before.latestOn,
        leadGroup: before.leadGroup,
      },
      to: values,
    });
  });
}

/**
 * Starts a new plan as a copy of the active one (outcomes with their keys, priorities, targets) and makes it the
 * active plan. The earlier plan is kept read-only: its outcomes and priorities keep every tag already given to them,
 * and no new tag can be given to them. Returns the new plan's id.
 */
export function startNewPlan(input: { title: string; startsOn: string; endsOn: string; staffId: number }) {
  return getDb().transaction((tx) => {
    const current = getActivePlan(tx);
    if (!current) throw new PlanError("no_active_plan");
    tx.update(plans).set({ active: false }).where(eq(plans.active, true)).run();
    const planId = tx
      .insert(plans)
      .values({ title: input.title, startsOn: input.startsOn, endsOn: input.endsOn, active: true })
      .returning({ id: plans.id })
      .get().id;
    for (const o of current.outcomes) {
      const outcomeId = tx
        .insert(outcomes)
        .values({ planId, key: o.key, title: o.title, childTitle: o.childTitle, position: o.position })
        .returning({ id: outcomes.id })
        .get().id;
      for (const p of o.priorities) {
        const priorityId = tx
          .insert(priorities)
          .values({ outcomeId, title: p.title, position: p.position })
          .returning({ id: priorities.id })
          .get().id;
        if (p.targets.length)
          tx.insert(targets)
            .values(p.targets.map(({ id: _id, priorityId: _p, ...t }) => ({ ...t, priorityId })))
            .run();
      }
    }
    audit(tx, input.staffId, "plan_started", "plan", planId, { copiedFrom: current.id, title: input.title });
    return planId;
  });
}
