import { TextField } from "~/components/ui/TextField";
import { useTranslation } from "~/i18n/react";

/** Why a form is not shown: the plan it belongs to has ended (a 409), with the way back to it. */
export function RetiredNotice({ planId }: { planId: number }) {
  const { t } = useTranslation();
  return (
    <div className="notice warn" role="alert">
      <p style={{ margin: 0 }}>
        {t("plan.error.retired")} <a href={`/staff/plan/${planId}`}>{t("plan.readRetired")}</a>
      </p>
    </div>
  );
}

/** A message about the whole form (not one field), e.g. the plan ended while it was open. */
export function FormProblem({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="notice warn" role="alert">
      <p style={{ margin: 0 }}>{message}</p>
    </div>
  );
}

export const targetFields = [
  "indicator",
  "code",
  "baseline",
  "target",
  "currentValue",
  "latestOn",
  "leadGroup",
] as const;

/** The fields of a target, for adding one and changing one. */
export function TargetFields({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: Record<string, string> | null;
}) {
  const { t } = useTranslation();
  const e = errors ?? {};
  return (
    <>
      <TextField
        label={t("plan.field.indicator")}
        name="indicator"
        id="indicator"
        description={t("plan.field.indicatorHint")}
        defaultValue={values.indicator}
        error={e.indicator}
        multiline
        rows={2}
        maxLength={300}
        isRequired
      />
      <TextField
        label={t("plan.field.code")}
        name="code"
        id="code"
        description={t("plan.field.codeHint")}
        defaultValue={values.code}
        error={e.code}
        maxLength={20}
      />
      <div className="field-row">
        <TextField
          label={t("plan.field.baseline")}
          name="baseline"
          id="baseline"
          defaultValue={values.baseline}
          error={e.baseline}
          maxLength={40}
        />
        <TextField
          label={t("plan.field.target")}
          name="target"
          id="target"
          defaultValue={values.target}
          error={e.target}
          maxLength={40}
        />
      </div>
      <div className="field-row">
        <TextField
          label={t("plan.field.currentValue")}
          name="currentValue"
          id="currentValue"
          defaultValue={values.currentValue}
          error={e.currentValue}
          maxLength={40}
        />
        <TextField
          label={t("plan.field.latestOn")}
          name="latestOn"
          id="latestOn"
          type="date"
          description={t("plan.field.latestOnHint")}
          defaultValue={values.latestOn}
          error={e.latestOn}
        />
      </div>
      <TextField
        label={t("plan.field.leadGroup")}
        name="leadGroup"
        id="leadGroup"
        description={t("plan.field.leadGroupHint")}
        defaultValue={values.leadGroup}
        error={e.leadGroup}
        maxLength={120}
      />
    </>
  );
}
