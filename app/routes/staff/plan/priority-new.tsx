import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem, RetiredNotice } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { addPriority, getOutcome } from "~/models/plan.server";
import { priorityFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/priority-new";
import { idParam, planRefusal, readForm } from "./form.server";

function outcomeOr404(id: string | undefined) {
  const outcome = getOutcome(idParam(id));
  if (!outcome) throw new Response("Not Found", { status: 404 });
  return outcome;
}

type Errors = Record<string, string> | null;

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const outcome = outcomeOr404(params.id);
  const page = {
    outcome,
    values: {} as Record<string, string>,
    errors: null as Errors,
    problem: null as string | null,
  };
  return outcome.active ? page : data(page, { status: 409 });
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const outcome = outcomeOr404(params.id);
  const t = getT(request);
  const read = readForm(await request.formData(), ["title"], priorityFormSchema, t, "plan.error.priority");
  if (!read.input) return data({ outcome, values: read.values, errors: read.errors, problem: null }, { status: 400 });
  try {
    addPriority({ outcomeId: outcome.id, title: read.input.title, staffId: staff.id });
  } catch (error) {
    const r = planRefusal(error, t);
    return data({ outcome, values: read.values, errors: r.errors, problem: r.problem }, { status: r.status });
  }
  return redirect(`/staff/plan?done=priorityAdded#outcome-${outcome.id}`);
}

export default function NewPriority({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("plan.priority.newTitle", { outcome: p.outcome.title });
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <p>
        <a href="/staff/plan">{t("plan.back")}</a>
      </p>
      <h1>{title}</h1>
      {!p.outcome.active ? (
        <RetiredNotice planId={p.outcome.planId} />
      ) : (
        <Form method="post" noValidate className="stack">
          <ErrorSummary errors={p.errors} />
          <FormProblem message={p.problem} />
          <p>{t("plan.priority.newIntro")}</p>
          <TextField
            label={t("plan.field.priorityTitle")}
            name="title"
            id="title"
            description={t("plan.field.priorityTitleHint")}
            defaultValue={p.values.title}
            error={p.errors?.title}
            maxLength={200}
            isRequired
          />
          <Button type="submit">{t("plan.priority.add")}</Button>
        </Form>
      )}
    </>
  );
}
