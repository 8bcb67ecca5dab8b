import { data, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { ComposeForm } from "~/components/summaries/ComposeForm";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { recordAudit } from "~/models/staff.server";
import {
  blankValues,
  ComposeError,
  checkValues,
  composeChoices,
  composeErrorField,
  readValues,
} from "~/models/summaries/compose-form.server";
import { saveSummary } from "~/models/summaries.server";
import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/new";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  return { values: blankValues(), errors: {} as Record<string, string>, choices: composeChoices(getLang(request)) };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const t = getT(request);
  const form = await request.formData();
  const values = readValues(form);
  const intent = form.get("intent") === "send" ? "send" : "save";
  const { errors, draft } = checkValues(values, intent, t);
  const choices = composeChoices(getLang(request));
  if (!draft) return data({ values, errors, choices }, { status: 400 });
  let id: number;
  try {
    id = saveSummary(null, draft, staff.id);
  } catch (error) {
    if (error instanceof ComposeError)
      return data({ values, errors: composeErrorField(error, t), choices }, { status: 400 });
    throw error;
  }
  recordAudit(staff.id, "summary_created", "summary", id);
  if (intent === "send") {
    try {
      const sent = await offLoop("sendSummary", id, staff.id);
      recordAudit(staff.id, "summary_sent", "summary", id);
      return redirect(`/staff/summaries/${id}/versions/${sent.version}`);
    } catch (error) {
      if (error instanceof ComposeError) return redirect(`/staff/summaries/${id}?refused=${error.code}`);
      throw error;
    }
  }
  return redirect(`/staff/summaries/${id}?saved=1`);
}

export default function NewSummary({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const hasErrors = Object.keys(p.errors).length > 0;
  return (
    <>
      <PageTitle title={t("summary.new")} error={hasErrors} />
      <a href="/staff/summaries" className="back-link">
        {t("summary.backToList")}
      </a>
      <ErrorSummary errors={hasErrors ? p.errors : null} />
      <h1>{t("summary.new")}</h1>
      <ComposeForm values={p.values} errors={p.errors} choices={p.choices} content={null} quotes={[]} />
    </>
  );
}
