import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getActivePlan, startNewPlan } from "~/models/plan.server";
import { newPlanFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/new";
import { planRefusal, readForm } from "./form.server";

type Errors = Record<string, string> | null;

function current() {
  const plan = getActivePlan();
  return plan ? { title: plan.title } : null;
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return {
    current: current(),
    values: {} as Record<string, string>,
    errors: null as Errors,
    problem: null as string | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const t = getT(request);
  const read = readForm(
    await request.formData(),
    ["title", "startsOn", "endsOn"],
    newPlanFormSchema,
    t,
    "plan.error.plan",
  );
  if (!read.input)
    return data({ current: current(), values: read.values, errors: read.errors, problem: null }, { status: 400 });
  try {
    startNewPlan({ ...read.input, staffId: staff.id });
  } catch (error) {
    const r = planRefusal(error, t);
    return data(
      { current: current(), values: read.values, errors: r.errors, problem: r.problem },
      { status: r.status },
    );
  }
  return redirect("/staff/plan?done=planStarted");
}

export default function NewPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("plan.newPlan.title");
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <p>
        <a href="/staff/plan">{t("plan.back")}</a>
      </p>
      <h1>{title}</h1>
      {p.current ? (
        <>
          <p>{t("plan.newPlan.intro", { title: p.current.title })}</p>
          <div className="notice">
            <p style={{ margin: 0 }}>{t("plan.newPlan.warning", { title: p.current.title })}</p>
          </div>
          <Form method="post" noValidate className="stack">
            <ErrorSummary errors={p.errors} />
            <FormProblem message={p.problem} />
            <TextField
              label={t("plan.field.planTitle")}
              name="title"
              id="title"
              description={t("plan.field.planTitleHint")}
              defaultValue={p.values.title}
              error={p.errors?.title}
              maxLength={120}
              isRequired
            />
            <div className="field-row">
              <TextField
                label={t("plan.field.startsOn")}
                name="startsOn"
                id="startsOn"
                type="date"
                defaultValue={p.values.startsOn}
                error={p.errors?.startsOn}
                isRequired
              />
              <TextField
                label={t("plan.field.endsOn")}
                name="endsOn"
                id="endsOn"
                type="date"
                defaultValue={p.values.endsOn}
                error={p.errors?.endsOn}
                isRequired
              />
            </div>
            <Button type="submit">{t("plan.newPlan.submit")}</Button>
          </Form>
        </>
      ) : (
        <FormProblem message={t("plan.noActive")} />
      )}
    </>
  );
}
