import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { BodyFields } from "~/components/board/BodyFields";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { BoardInputError, listBodies, updateBody } from "~/models/board.server";
import { recordAudit } from "~/models/staff.server";
import { formValues, translateErrors } from "~/schemas/board";
import type { Route } from "./+types/body";

function find(idParam: string) {
  const body = listBodies().find((b) => b.id === Number(idParam));
  if (!body) throw data(null, { status: 404 });
  return body;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const body = find(params.id);
  return { body, values: { name: body.name, kind: body.kind } as Record<string, string>, errors: null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const body = find(params.id);
  const values = formValues(await request.formData());
  try {
    updateBody(body.id, { name: values.name ?? "", kind: values.kind ?? "" });
  } catch (error) {
    if (error instanceof BoardInputError) {
      const t = getT(request);
      const errors = Object.fromEntries(
        Object.entries(translateErrors(error.errors, t)).map(([k, v]) => [`body-${k}`, v]),
      );
      return data({ body, values, errors }, { status: 400 });
    }
    throw error;
  }
  recordAudit(staff.id, "body_updated", "body", body.id);
  return redirect("/staff/meetings?saved=body#bodies");
}

export default function Body({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("meetings.editBody", { name: p.body.name })} error={Boolean(p.errors)} />
      <a href="/staff/meetings#bodies" className="back-link">
        {t("meetings.title")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("meetings.editBody", { name: p.body.name })}</h1>
      <Form method="post" noValidate style={{ maxWidth: "36rem" }}>
        <BodyFields values={p.values} errors={p.errors ?? {}} prefix="body-" />
        <Button>{t("meetings.saveBody")}</Button>
      </Form>
    </>
  );
}
