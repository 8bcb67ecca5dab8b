import { requireStaff } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { PlanView } from "~/components/plan/PlanView";
import { useTranslation } from "~/i18n/react";
import { getActivePlan } from "~/models/plan.server";
import type { Route } from "./+types/index";
import { planPage } from "./view.server";

// Every member of staff reads the plan (the Board and the Partnership hold services to it); administrators change it.
export async function loader({ request }: Route.LoaderArgs) {
  const staff = requireStaff(request);
  const plan = getActivePlan();
  return plan ? planPage(request, staff, plan) : null;
}

export default function ActivePlan({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  if (!p)
    return (
      <>
        <PageTitle title={t("plan.title")} />
        <h1>{t("plan.title")}</h1>
        <p>{t("plan.noActive")}</p>
      </>
    );
  return (
    <>
      <PageTitle title={p.plan.title} />
      <PlanView plan={p.plan} plans={p.plans} canEdit={p.canEdit} canTheme={p.canTheme} done={p.done} />
    </>
  );
}
