import { can } from "~/auth/roles";
import { getLang } from "~/i18n/i18n.server";
import { listPlans, type PlanTree } from "~/models/plan.server";
import type { StaffUser } from "~/models/staff.server";
import { formatDate } from "~/utils/time";

const doneKeys = ["priorityAdded", "prioritySaved", "targetAdded", "targetSaved", "outcomeSaved", "planStarted"];

/** What the plan pages send: the plan with its dates written out, every plan for the list, and what this person may do. */
export function planPage(request: Request, staff: StaffUser, plan: PlanTree) {
  const lang = getLang(request);
  const period = (p: { startsOn: string; endsOn: string }) =>
    `${formatDate(p.startsOn, lang)} – ${formatDate(p.endsOn, lang)}`;
  const done = new URL(request.url).searchParams.get("done");
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      period: period(plan),
      active: plan.active,
      outcomes: plan.outcomes.map((o) => ({
        id: o.id,
        title: o.title,
        childTitle: o.childTitle,
        priorities: o.priorities.map((p) => ({
          id: p.id,
          title: p.title,
          targets: p.targets.map(({ latestOn, ...t }) => ({ ...t, latestOnText: formatDate(latestOn, lang) })),
        })),
      })),
    },
    plans: listPlans().map((p) => ({ id: p.id, title: p.title, period: period(p), active: p.active })),
    canEdit: plan.active && can(staff.role, "administer"),
    canTheme: can(staff.role, "tag"),
    done: done && doneKeys.includes(done) ? done : null,
  };
}
