import { TextField } from "~/components/ui/TextField";
import { useTranslation } from "~/i18n/react";
import { bodyKinds } from "~/schemas/board";

/** A body's name and kind: the same fields to add one here and to edit one on its own page. */
export function BodyFields({
  values,
  errors,
  prefix,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { t } = useTranslation();
  const kindError = errors[`${prefix}kind`];
  return (
    <>
      <TextField
        id={`${prefix}name`}
        name="name"
        label={t("meetings.bodyName")}
        defaultValue={values.name}
        error={errors[`${prefix}name`]}
      />
      <div className={`field${kindError ? " has-error" : ""}`}>
        <label className="label" htmlFor={`${prefix}kind`}>
          {t("meetings.bodyKind")}
        </label>
        {kindError && (
          <p className="field-error" id={`${prefix}kind-error`}>
            {kindError}
          </p>
        )}
        <select
          id={`${prefix}kind`}
          name="kind"
          defaultValue={values.kind ?? ""}
          aria-describedby={kindError ? `${prefix}kind-error` : undefined}
          aria-invalid={kindError ? true : undefined}
        >
          <option value="">{t("meetings.chooseKind")}</option>
          {bodyKinds.map((k) => (
            <option key={k} value={k}>
              {t(`meetings.bodyKinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
