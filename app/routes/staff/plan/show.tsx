import { redirect } from "react-router";
import { requireStaff } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { PlanView } from "~/components/plan/PlanView";
import { useTranslation } from "~/i18n/react";
import { getPlan } from "~/models/plan.server";
import type { Route } from "./+types/show";
import { idParam } from "./form.server";
import { planPage } from "./view.server";

/** Any plan by id: an earlier one read-only; the active one lives at /staff/plan. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requireStaff(request);
  const plan = getPlan(idParam(params.planId));
  if (!plan) throw new Response("Not Found", { status: 404 });
  if (plan.active) throw redirect("/staff/plan");
  return planPage(request, staff, plan);
}

export default function EarlierPlan({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={p.plan.title} />
      <p>
        <a href="/staff/plan">{t("plan.backToActive")}</a>
      </p>
      <PlanView plan={p.plan} plans={p.plans} canEdit={false} canTheme={p.canTheme} done={null} />
    </>
  );
}
