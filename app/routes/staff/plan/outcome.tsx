import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem, RetiredNotice } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getOutcome, updateOutcome } from "~/models/plan.server";
import { outcomeFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/outcome";
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
  const values: Record<string, string> = { title: outcome.title, childTitle: outcome.childTitle };
  const page = { outcome, values, errors: null as Errors, problem: null as string | null };
  return outcome.active ? page : data(page, { status: 409 });
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const outcome = outcomeOr404(params.id);
  const t = getT(request);
  const read = readForm(await request.formData(), ["title", "childTitle"], outcomeFormSchema, t, "plan.error.outcome");
  if (!read.input) return data({ outcome, values: read.values, errors: read.errors, problem: null }, { status: 400 });
  try {
    updateOutcome(outcome.id, { ...read.input, staffId: staff.id });
  } catch (error) {
    const r = planRefusal(error, t);
    return data({ outcome, values: read.values, errors: r.errors, problem: r.problem }, { status: r.status });
  }
  return redirect(`/staff/plan?done=outcomeSaved#outcome-${outcome.id}`);
}

export default function OutcomePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("plan.outcome.editTitle");
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <p>
        <a href="/staff/plan">{t("plan.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="meta">
        {p.outcome.planTitle}:{" "}
        <strong>
          <bdi>{p.outcome.title}</bdi>
        </strong>
      </p>
      {!p.outcome.active ? (
        <RetiredNotice planId={p.outcome.planId} />
      ) : (
        <Form method="post" noValidate className="stack">
          <ErrorSummary errors={p.errors} />
          <FormProblem message={p.problem} />
          <TextField
            label={t("plan.field.outcomeTitle")}
            name="title"
            id="title"
            defaultValue={p.values.title}
            error={p.errors?.title}
            maxLength={120}
            isRequired
          />
          <TextField
            label={t("plan.field.childTitle")}
            name="childTitle"
            id="childTitle"
            description={t("plan.field.childTitleHint")}
            defaultValue={p.values.childTitle}
            error={p.errors?.childTitle}
            maxLength={120}
            isRequired
          />
          <Button type="submit">{t("plan.save")}</Button>
        </Form>
      )}
    </>
  );
}
