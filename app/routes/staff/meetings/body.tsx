import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { BodyFields } from "~/components/board/BodyFields";
import { DeletePanel } from "~/components/board/DeletePanel";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  BoardInputError,
  bodyDeleteBlocker,
  deleteBody,
  listBodies,
  ResponseError,
  updateBody,
} from "~/models/board.server";
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
  // ?delete=1 is the confirmation step: it says at once if the body still has meetings.
  const deleting = new URL(request.url).searchParams.has("delete");
  const blocker = deleting ? bodyDeleteBlocker(body.id) : null;
  return {
    body,
    values: { name: body.name, kind: body.kind } as Record<string, string>,
    errors: null as Record<string, string> | null,
    deleting,
    deleteBlocker: blocker && getT(request)(`meetings.delete.${blocker}`),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const body = find(params.id);
  const values = formValues(await request.formData());
  if (values.intent === "delete") {
    try {
      deleteBody(body.id);
    } catch (error) {
      if (!(error instanceof ResponseError) || error.code === "not_found") throw error;
      const message = getT(request)(`meetings.delete.${error.code}`);
      return data(
        {
          body,
          values: { name: body.name, kind: body.kind } as Record<string, string>,
          errors: { "delete-heading": message } as Record<string, string>,
          deleting: true,
          deleteBlocker: message,
        },
        { status: 409 },
      );
    }
    recordAudit(staff.id, "body_deleted", "body", body.id, { name: body.name });
    return redirect("/staff/meetings?saved=body_deleted#bodies");
  }
  try {
    updateBody(body.id, { name: values.name ?? "", kind: values.kind ?? "" });
  } catch (error) {
    if (error instanceof BoardInputError) {
      const t = getT(request);
      const errors = Object.fromEntries(
        Object.entries(translateErrors(error.errors, t)).map(([k, v]) => [`body-${k}`, v]),
      );
      return data({ body, values, errors, deleting: false, deleteBlocker: null }, { status: 400 });
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
      {p.deleting ? (
        <DeletePanel
          heading={t("meetings.delete.bodyHeading", { name: p.body.name })}
          blocker={p.deleteBlocker}
          confirm={t("meetings.delete.bodyConfirm")}
          cancelHref={`/staff/bodies/${p.body.id}`}
        />
      ) : (
        <p>
          <a href={`/staff/bodies/${p.body.id}?delete=1#delete`} className="button secondary">
            {t("meetings.delete.bodyLink")}
          </a>
        </p>
      )}
    </>
  );
}
