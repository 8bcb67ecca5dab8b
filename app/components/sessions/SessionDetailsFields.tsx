import { TextField } from "~/components/ui/TextField";
import { useTranslation } from "~/i18n/react";

/** A session's title, day, times and place: the same fields when scheduling and when changing them later. */
export function SessionDetailsFields({
  values: v,
  errors: e,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("staffSessions.field.title")}
        name="title"
        id="title"
        defaultValue={v.title}
        error={e.title}
      />
      <div className="field-row">
        <TextField
          label={t("staffSessions.field.day")}
          name="day"
          id="day"
          type="date"
          defaultValue={v.day}
          error={e.day}
        />
        <TextField
          label={t("staffSessions.field.start")}
          name="start"
          id="start"
          type="time"
          defaultValue={v.start}
          error={e.start}
        />
        <TextField
          label={t("staffSessions.field.end")}
          name="end"
          id="end"
          type="time"
          defaultValue={v.end}
          error={e.end}
        />
      </div>
      <p className="hint">{t("staffSessions.field.timeHint")}</p>
      <TextField
        label={t("staffSessions.field.place")}
        name="place"
        id="place"
        description={t("staffSessions.field.placeHint")}
        defaultValue={v.place}
        error={e.place}
        maxLength={300}
      />
      <TextField
        label={t("groups.field.accessInfo")}
        name="accessInfo"
        id="accessInfo"
        description={t("groups.field.accessInfoHint")}
        defaultValue={v.accessInfo}
        error={e.accessInfo}
        multiline
        rows={3}
        maxLength={600}
      />
      <TextField
        label={t("staffSessions.field.onlineUrl")}
        name="onlineUrl"
        id="onlineUrl"
        type="url"
        description={t("staffSessions.field.onlineUrlHint")}
        defaultValue={v.onlineUrl}
        error={e.onlineUrl}
      />
    </>
  );
}
