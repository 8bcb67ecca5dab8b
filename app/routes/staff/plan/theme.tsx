import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getTheme, renameTheme } from "~/models/themes.server";
import { themeFormSchema } from "~/schemas/plan";
import type { Route } from "./+types/theme";
import { idParam, readForm, themeRefusal } from "./form.server";

function themeOr404(id: string | undefined) {
  const theme = getTheme(idParam(id));
  if (!theme) throw new Response("Not Found", { status: 404 });
  return theme;
}

type Errors = Record<string, string> | null;

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "tag");
  const theme = themeOr404(params.id);
  const page = {
    theme,
    values: { name: theme.name } as Record<string, string>,
    errors: null as Errors,
    problem: null as string | null,
  };
  return theme.mergedInto ? data(page, { status: 409 }) : page;
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "tag");
  const theme = themeOr404(params.id);
  const t = getT(request);
  const read = readForm(await request.formData(), ["name"], themeFormSchema, t, "themes.error");
  if (!read.input) return data({ theme, values: read.values, errors: read.errors, problem: null }, { status: 400 });
  try {
    renameTheme(theme.id, { name: read.input.name, staffId: staff.id });
  } catch (error) {
    const r = themeRefusal(error, t);
    return r.status === 400
      ? data({ theme, values: read.values, errors: { name: r.message }, problem: null }, { status: 400 })
      : data({ theme, values: read.values, errors: null, problem: r.message }, { status: r.status });
  }
  return redirect("/staff/plan/themes?done=renamed");
}

export default function ThemePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("themes.renameTitle", { name: p.theme.name });
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <p>
        <a href="/staff/plan/themes">{t("themes.back")}</a>
      </p>
      <h1>{title}</h1>
      {p.theme.mergedInto ? (
        <FormProblem message={t("themes.mergedInto", { name: p.theme.mergedIntoName })} />
      ) : (
        <Form method="post" noValidate className="stack">
          <ErrorSummary errors={p.errors} />
          <FormProblem message={p.problem} />
          <p>{t("themes.renameIntro", { count: p.theme.contributions })}</p>
          <TextField
            label={t("themes.field.name")}
            name="name"
            id="name"
            defaultValue={p.values.name}
            error={p.errors?.name}
            maxLength={60}
            isRequired
          />
          <Button type="submit">{t("themes.renameSubmit")}</Button>
        </Form>
      )}
    </>
  );
}
