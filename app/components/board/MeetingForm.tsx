import { Form } from "react-router";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { useTranslation } from "~/i18n/react";

/**
 * A meeting's body, title, date and place in a folding panel: the same form adds a meeting on the list and edits one
 * on its own page. `values` are what to show (typed in a refused form, or the meeting as stored).
 */
export function MeetingForm({
  summary,
  open,
  bodies,
  values,
  errors,
  chooseBody,
}: {
  summary: string;
  open: boolean;
  bodies: { id: number; name: string }[];
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  /** offer "Choose a body" first (a new meeting has none yet) */
  chooseBody?: boolean;
}) {
  const { t } = useTranslation();
  const bodyError = errors["meeting-bodyId"];
  return (
    <details className="panel" open={open || undefined}>
      <summary>{summary}</summary>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="meeting" />
        <div className={`field${bodyError ? " has-error" : ""}`}>
          <label className="label" htmlFor="meeting-bodyId">
            {t("meetings.body")}
          </label>
          {bodyError && (
            <p className="field-error" id="meeting-bodyId-error">
              {bodyError}
            </p>
          )}
          <select
            id="meeting-bodyId"
            name="bodyId"
            defaultValue={values.bodyId ?? ""}
            aria-describedby={bodyError ? "meeting-bodyId-error" : undefined}
            aria-invalid={bodyError ? true : undefined}
          >
            {chooseBody && <option value="">{t("meetings.chooseBody")}</option>}
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="meeting-title"
          name="title"
          label={t("meetings.meetingTitle")}
          defaultValue={values.title}
          error={errors["meeting-title"]}
        />
        <TextField
          id="meeting-meetsOn"
          name="meetsOn"
          type="date"
          label={t("meetings.meetsOn")}
          defaultValue={values.meetsOn}
          error={errors["meeting-meetsOn"]}
        />
        <TextField
          id="meeting-place"
          name="place"
          label={t("meetings.place")}
          defaultValue={values.place}
          error={errors["meeting-place"]}
        />
        <Button>{t("meetings.saveMeeting")}</Button>
      </Form>
    </details>
  );
}
