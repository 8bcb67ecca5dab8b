import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem, RetiredNotice, TargetFields, targetFields } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { addTarget, getPriority } from "~/models/plan.server";
import { targetFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/target-new";
import { idParam, planRefusal, readForm } from "./form.server";

function priorityOr404(id: string | undefined) {
  const priority = getPriority(idParam(id));
  if (!priority) throw new Response("Not Found", { status: 404 });
  return priority;
}

type Errors = Record<string, string> | null;

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const priority = priorityOr404(params.id);
  const page = {
    priority,
    values: {} as Record<string, string>,
    errors: null as Errors,
    problem: null as string | null,
  };
  return priority.active ? page : data(page, { status: 409 });
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const priority = priorityOr404(params.id);
  const t = getT(request);
  const read = readForm(await request.formData(), targetFields, targetFormSchema, t, "plan.error.target");
  if (!read.input) return data({ priority, values: read.values, errors: read.errors, problem: null }, { status: 400 });
  try {
    addTarget(priority.id, { ...read.input, staffId: staff.id });
  } catch (error) {
    const r = planRefusal(error, t);
    return data({ priority, values: read.values, errors: r.errors, problem: r.problem }, { status: r.status });
  }
  return redirect(`/staff/plan?done=targetAdded#outcome-${priority.outcomeId}`);
}

export default function NewTarget({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("plan.target.newTitle");
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <p>
        <a href="/staff/plan">{t("plan.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="meta">
        {t("plan.underOutcome", { outcome: p.priority.outcomeTitle })}:{" "}
        <strong>
          <bdi>{p.priority.title}</bdi>
        </strong>
      </p>
      {!p.priority.active ? (
        <RetiredNotice planId={p.priority.planId} />
      ) : (
        <Form method="post" noValidate className="stack">
          <ErrorSummary errors={p.errors} />
          <FormProblem message={p.problem} />
          <TargetFields values={p.values} errors={p.errors} />
          <Button type="submit">{t("plan.target.add")}</Button>
        </Form>
      )}
    </>
  );
}
