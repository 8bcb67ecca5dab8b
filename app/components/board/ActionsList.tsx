import { Form } from "react-router";
import { Button } from "~/components/ui/Button";
import { useTranslation } from "~/i18n/react";
import { actionStatuses } from "~/schemas/board";

export type ActionView = {
  id: number;
  description: string;
  descriptionPl: string | null;
  descriptionAr: string | null;
  leadAgency: string;
  owner: string;
  dueOn: string;
  due: string;
  overdue: boolean;
  status: string;
  droppedReason: string | null;
  events: {
    kind: string;
    status: string;
    reason: string | null;
    detail: Record<string, { before: string | null; after: string | null }> | null;
    when: string;
  }[];
};

const wordingFields = ["description", "descriptionPl", "descriptionAr", "leadAgency", "owner"] as const;

/**
 * The Board's actions as cards (a table of forms does not fit 320 px), each with its lead agency, owner, date and
 * status; those who follow actions through change the status here, by a plain form.
 */
export function ActionsList({
  actions,
  mayUpdate,
  errors,
  values,
}: {
  actions: ActionView[];
  mayUpdate: boolean;
  errors: Record<string, string>;
  /** what was typed in a refused wording form, to show again */
  values: Record<string, string> | null;
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
                  {a.events.map((e, i) =>
                    e.kind === "wording" ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: events in the order they happened
                      <li key={i}>
                        {e.when}: {t("actions.wordingChanged")}
                        <ul>
                          {Object.entries(e.detail ?? {}).map(([field, c]) => (
                            <li key={field}>
                              {t(`actions.field.${field}`)}: <del dir="auto">{c.before ?? t("actions.empty")}</del>{" "}
                              <span aria-hidden="true">→</span>
                              <span className="visually-hidden">{t("actions.changedTo")}</span>{" "}
                              <ins dir="auto">{c.after ?? t("actions.empty")}</ins>
                            </li>
                          ))}
                        </ul>
                      </li>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: events in the order they happened
                      <li key={i}>
                        {e.when}: {t(`actions.statuses.${e.status}`)}
                        {e.reason && <> ({e.reason})</>}
                      </li>
                    ),
                  )}
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
            {mayUpdate && (
              <WordingForm action={a} errors={errors} values={values?.actionId === String(a.id) ? values : null} />
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The action's words, changed after it was added; open again with the refused words when something is missing. */
function WordingForm({
  action: a,
  errors,
  values,
}: {
  action: ActionView;
  errors: Record<string, string>;
  values: Record<string, string> | null;
}) {
  const { t } = useTranslation();
  const id = (f: string) => `wording-${a.id}-${f}`;
  return (
    <details className="panel" open={values ? true : undefined} style={{ marginTop: "0.75rem" }}>
      <summary>
        {t("actions.editWording")}
        <span className="visually-hidden">: {a.description}</span>
      </summary>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="wording" />
        <input type="hidden" name="actionId" value={a.id} />
        {wordingFields.map((f) => {
          const error = errors[id(f)];
          const hint = f === "descriptionPl" || f === "descriptionAr" ? t("actions.translationHint") : null;
          const describedBy = [hint ? `${id(f)}-hint` : "", error ? `${id(f)}-error` : ""].filter(Boolean).join(" ");
          const Input = f.startsWith("description") ? "textarea" : "input";
          return (
            <div key={f} className={`field${error ? " has-error" : ""}`}>
              <label className="label" htmlFor={id(f)}>
                {t(`actions.field.${f}`)}
                <span className="visually-hidden">: {a.description}</span>
              </label>
              {hint && (
                <p className="hint" id={`${id(f)}-hint`}>
                  {hint}
                </p>
              )}
              {error && (
                <p className="field-error" id={`${id(f)}-error`}>
                  {error}
                </p>
              )}
              <Input
                id={id(f)}
                name={f}
                dir="auto"
                lang={f === "descriptionPl" ? "pl" : f === "descriptionAr" ? "ar" : undefined}
                defaultValue={values?.[f] ?? a[f] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy || undefined}
                {...(Input === "textarea" ? { rows: 2 } : { type: "text" })}
              />
            </div>
          );
        })}
        <Button variant="secondary" size="small">
          {t("actions.saveWording")}
          <span className="visually-hidden">: {a.description}</span>
        </Button>
      </Form>
    </details>
  );
}
