import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem, RetiredNotice, TargetFields, targetFields } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getTarget, updateTarget } from "~/models/plan.server";
import { targetFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/target";
import { idParam, planRefusal, readForm } from "./form.server";

function targetOr404(id: string | undefined) {
  const target = getTarget(idParam(id));
  if (!target) throw new Response("Not Found", { status: 404 });
  return target;
}

type Errors = Record<string, string> | null;

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const target = targetOr404(params.id);
  const values: Record<string, string> = Object.fromEntries(
    targetFields.map((k) => [k, target[k] ?? ""] as [string, string]),
  );
  const page = { target, values, errors: null as Errors, problem: null as string | null };
  return target.active ? page : data(page, { status: 409 });
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const target = targetOr404(params.id);
  const t = getT(request);
  const read = readForm(await request.formData(), targetFields, targetFormSchema, t, "plan.error.target");
  if (!read.input) return data({ target, values: read.values, errors: read.errors, problem: null }, { status: 400 });
  try {
    updateTarget(target.id, { ...read.input, staffId: staff.id });
  } catch (error) {
    const r = planRefusal(error, t);
    return data({ target, values: read.values, errors: r.errors, problem: r.problem }, { status: r.status });
  }
  return redirect("/staff/plan?done=targetSaved");
}

export default function TargetPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("plan.target.editTitle");
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <p>
        <a href="/staff/plan">{t("plan.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="meta">
        {t("plan.underOutcome", { outcome: p.target.outcomeTitle })}:{" "}
        <strong>
          <bdi>{p.target.priorityTitle}</bdi>
        </strong>
      </p>
      {!p.target.active ? (
        <RetiredNotice planId={p.target.planId} />
      ) : (
        <Form method="post" noValidate className="stack">
          <ErrorSummary errors={p.errors} />
          <FormProblem message={p.problem} />
          <TargetFields values={p.values} errors={p.errors} />
          <Button type="submit">{t("plan.save")}</Button>
        </Form>
      )}
    </>
  );
}
