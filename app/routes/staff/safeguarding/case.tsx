import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { CaseContext, formatWhen, minutesToFirstAction } from "~/components/CaseContext";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getCase, recordCaseAction, SafeguardingError } from "~/models/safeguarding.server";
import { caseActions } from "~/schemas/safeguarding";
import type { Route } from "./+types/case";

const schema = z.object({
  action: z.enum(caseActions),
  note: z.string().trim().min(1).max(2000),
  status: z.enum(["in_progress", "closed"]),
});

function load(request: Request, id: string) {
  const contributionId = Number(id);
  const found = Number.isSafeInteger(contributionId) && contributionId > 0 ? getCase(contributionId) : null;
  if (!found) throw new Response("Not found", { status: 404 });
  const lang = getLang(request);
  return {
    item: {
      ...found,
      arrivedOn: formatWhen(found.arrivedAt, lang),
      minutes: minutesToFirstAction(found.arrivedAt, found.firstActionAt),
      actions: found.actions.map((a) => ({ ...a, on: formatWhen(a.at, lang) })),
    },
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "safeguard");
  return {
    ...load(request, params.id),
    errors: null as Record<string, string> | null,
    values: null as Record<string, string> | null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "safeguard");
  const t = getT(request);
  const view = load(request, params.id);
  const raw = await request.formData();
  const form = Object.fromEntries(raw);
  // What was typed or chosen comes back on an error, so nothing has to be done twice.
  const values = {
    action: String(raw.get("action") ?? ""),
    note: String(raw.get("note") ?? "").slice(0, 2000),
    status: String(raw.get("status") ?? ""),
  };
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      const id = field === "action" ? "action-spoke_to_dsl" : field === "status" ? "status-in_progress" : "note";
      errors[id] ??= t(`safeguarding.error.${field}`);
    }
    return data({ ...view, errors, values }, { status: 400 });
  }
  try {
    recordCaseAction({ staffId: staff.id, contributionId: view.item.contributionId, ...parsed.data });
  } catch (error) {
    if (error instanceof SafeguardingError) {
      return data({ ...view, errors: { main: t(`safeguarding.error.${error.code}`) }, values }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/staff/safeguarding/${view.item.contributionId}`);
}

export default function SafeguardingCase({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const item = p.item;
  return (
    <>
      <PageTitle title={t("safeguarding.caseTitle")} error={Boolean(p.errors)} />
      <Link to="/staff/safeguarding" className="back-link">
        {t("safeguarding.back")}
      </Link>
      <ErrorSummary errors={p.errors} />
      <h1 id="main">
        {t("safeguarding.caseTitle")}{" "}
        <span className={`tag ${item.status === "closed" ? "" : "escalated"}`}>
          {t(`safeguarding.status.${item.status}`)}
        </span>
      </h1>
      <blockquote>{item.body}</blockquote>
      <CaseContext row={item} />

      <h2>{t("safeguarding.history")}</h2>
      {item.actions.length === 0 ? (
        <p>{t("safeguarding.noActionYet")}</p>
      ) : (
        <ol>
          {item.actions.map((a) => (
            <li key={`${a.at}-${a.action}`}>
              <strong>{t(`safeguarding.action.${a.action}`)}</strong> – {a.note}
              <br />
              <span className="meta">
                {t("safeguarding.byOn", { name: a.staff, date: a.on })} · {t(`safeguarding.status.${a.statusAfter}`)}
              </span>
            </li>
          ))}
        </ol>
      )}

      {item.status !== "closed" && (
        <Form method="post" noValidate>
          <h2>{t("safeguarding.record")}</h2>
          <RadioGroup
            label={t("safeguarding.whatDone")}
            name="action"
            id={`action-${caseActions[0]}`}
            error={e[`action-${caseActions[0]}`]}
            defaultValue={p.values?.action}
            options={caseActions.map((a) => ({ value: a, label: t(`safeguarding.action.${a}`) }))}
          />
          <div className={`field${e.note ? " has-error" : ""}`}>
            <label className="label" htmlFor="note">
              {t("safeguarding.note")}
            </label>
            <p className="hint" id="note-hint">
              {t("safeguarding.noteHint")}
            </p>
            <FieldError id="note" message={e.note} />
            <textarea
              id="note"
              name="note"
              rows={4}
              maxLength={2000}
              defaultValue={p.values?.note}
              aria-describedby={`note-hint${e.note ? " note-error" : ""}`}
              aria-invalid={e.note ? true : undefined}
            />
          </div>
          <RadioGroup
            label={t("safeguarding.statusAfter")}
            name="status"
            id="status-in_progress"
            error={e["status-in_progress"]}
            defaultValue={p.values?.status === "closed" ? "closed" : "in_progress"}
            inline
            options={(["in_progress", "closed"] as const).map((s) => ({
              value: s,
              label: t(`safeguarding.status.${s}`),
            }))}
          />
          <Button>{t("safeguarding.save")}</Button>
        </Form>
      )}
    </>
  );
}
