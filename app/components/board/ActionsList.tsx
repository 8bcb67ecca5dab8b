import { Form } from "react-router";
import { Button } from "~/components/ui/Button";
import { useTranslation } from "~/i18n/react";
import { actionStatuses } from "~/schemas/board";

export type ActionView = {
  id: number;
  description: string;
  leadAgency: string;
  owner: string;
  dueOn: string;
  due: string;
  overdue: boolean;
  status: string;
  droppedReason: string | null;
  events: { status: string; reason: string | null; when: string }[];
};

/**
 * The Board's actions as cards (a table of forms does not fit 320 px), each with its lead agency, owner, date and
 * status; those who follow actions through change the status here, by a plain form.
 */
export function ActionsList({
  actions,
  mayUpdate,
  errors,
}: {
  actions: ActionView[];
  mayUpdate: boolean;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (actions.length === 0) return <p>{t("actions.none")}</p>;
  return (
    <ol className="card-list" aria-label={t("actions.title")}>
      {actions.map((a) => {
        const statusError = errors[`status-${a.id}-status`];
        const reasonError = errors[`status-${a.id}-reason`];
        return (
          <li key={a.id} className="card" data-testid="action">
            <h4 style={{ marginTop: 0 }} dir="auto">
              {a.description}
            </h4>
            <dl className="summary-list">
              <div className="summary-row">
                <dt>{t("actions.leadAgency")}</dt>
                <dd dir="auto">{a.leadAgency}</dd>
              </div>
              <div className="summary-row">
                <dt>{t("actions.owner")}</dt>
                <dd dir="auto">{a.owner}</dd>
              </div>
              <div className="summary-row">
                <dt>{t("actions.dueOn")}</dt>
                <dd>
                  {a.due} {a.overdue && <span className="tag escalated">{t("actions.overdue")}</span>}
                </dd>
              </div>
              <div className="summary-row">
                <dt>{t("actions.status")}</dt>
                <dd data-testid="action-status">
                  {t(`actions.statuses.${a.status}`)}
                  {a.status === "dropped" && a.droppedReason && <>: {a.droppedReason}</>}
                </dd>
              </div>
            </dl>
            {a.events.length > 1 && (
              <details>
                <summary>{t("actions.history")}</summary>
                <ul>
                  {a.events.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: events in the order they happened
                    <li key={i}>
                      {e.when}: {t(`actions.statuses.${e.status}`)}
                      {e.reason && <> ({e.reason})</>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {mayUpdate && (
              <Form method="post" noValidate className="panel" style={{ marginTop: "0.75rem" }}>
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="actionId" value={a.id} />
                <div className={`field${statusError ? " has-error" : ""}`}>
                  <label className="label" htmlFor={`status-${a.id}-status`}>
                    {t("actions.newStatus")}
                    <span className="visually-hidden">: {a.description}</span>
                  </label>
                  {statusError && (
                    <p className="field-error" id={`status-${a.id}-status-error`}>
                      {statusError}
                    </p>
                  )}
                  <select
                    id={`status-${a.id}-status`}
                    name="status"
                    defaultValue={a.status}
                    aria-invalid={statusError ? true : undefined}
                    aria-describedby={statusError ? `status-${a.id}-status-error` : undefined}
                  >
                    {actionStatuses.map((s) => (
                      <option key={s} value={s}>
                        {t(`actions.statuses.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className={`field${reasonError ? " has-error" : ""}`}>
                  <label className="label" htmlFor={`status-${a.id}-reason`}>
                    {t("actions.reason")}
                  </label>
                  <p className="hint" id={`status-${a.id}-reason-hint`}>
                    {t("actions.reasonHint")}
                  </p>
                  {reasonError && (
                    <p className="field-error" id={`status-${a.id}-reason-error`}>
                      {reasonError}
                    </p>
                  )}
                  <input
                    type="text"
                    id={`status-${a.id}-reason`}
                    name="reason"
                    defaultValue={a.droppedReason ?? ""}
                    aria-invalid={reasonError ? true : undefined}
                    aria-describedby={`status-${a.id}-reason-hint${reasonError ? ` status-${a.id}-reason-error` : ""}`}
                  />
                </div>
                <Button variant="secondary" size="small">
                  {t("actions.updateStatus")}
                  <span className="visually-hidden">: {a.description}</span>
                </Button>
              </Form>
            )}
          </li>
        );
      })}
    </ol>
  );
}
