import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem, RetiredNotice } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPriority, movePriority, updatePriority } from "~/models/plan.server";
import { priorityFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/priority";
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
    values: { title: priority.title } as Record<string, string>,
    errors: null as Errors,
    problem: null as string | null,
    done: new URL(request.url).searchParams.get("done") === "moved",
  };
  return priority.active ? page : data(page, { status: 409 });
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const priority = priorityOr404(params.id);
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  const page = {
    priority,
    values: { title: priority.title } as Record<string, string>,
    errors: null as Errors,
    problem: null as string | null,
    done: false,
  };
  try {
    if (intent === "up" || intent === "down") {
      movePriority(priority.id, intent, staff.id);
      return redirect(`/staff/plan/priorities/${priority.id}?done=moved`);
    }
    if (intent !== "save") return data({ ...page, problem: t("plan.error.intent") }, { status: 400 });
    const read = readForm(form, ["title"], priorityFormSchema, t, "plan.error.priority");
    if (!read.input) return data({ ...page, values: read.values, errors: read.errors }, { status: 400 });
    page.values = read.values;
    updatePriority(priority.id, { title: read.input.title, staffId: staff.id });
  } catch (error) {
    const r = planRefusal(error, t);
    return data({ ...page, errors: r.errors, problem: r.problem }, { status: r.status });
  }
  return redirect(`/staff/plan?done=prioritySaved#outcome-${priority.outcomeId}`);
}

export default function PriorityPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("plan.priority.editTitle");
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
      {p.done && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t("plan.done.moved")}</p>
        </div>
      )}
      {!p.priority.active ? (
        <RetiredNotice planId={p.priority.planId} />
      ) : (
        <>
          <Form method="post" noValidate className="stack">
            <ErrorSummary errors={p.errors} />
            <FormProblem message={p.problem} />
            <input type="hidden" name="intent" value="save" />
            <TextField
              label={t("plan.field.priorityTitle")}
              name="title"
              id="title"
              description={t("plan.field.renameHint")}
              defaultValue={p.values.title}
              error={p.errors?.title}
              maxLength={200}
              isRequired
            />
            <Button type="submit">{t("plan.save")}</Button>
          </Form>
          <section aria-labelledby="order-title">
            <h2 id="order-title">{t("plan.priority.orderTitle")}</h2>
            <p>{t("plan.priority.orderHint")}</p>
            <div className="button-row">
              <Form method="post">
                <input type="hidden" name="intent" value="up" />
                <button type="submit" className="button secondary small">
                  {t("plan.priority.up")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="down" />
                <button type="submit" className="button secondary small">
                  {t("plan.priority.down")}
                </button>
              </Form>
            </div>
          </section>
        </>
      )}
    </>
  );
}
