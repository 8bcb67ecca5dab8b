import { Form } from "react-router";
import { ErrorSummary, type FieldErrors } from "~/components/ErrorSummary";
import { Button } from "~/components/ui/Button";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TextField } from "~/components/ui/TextField";
import { useTranslation } from "~/i18n/react";
import { groupKinds } from "~/models/groups/types";

export type GroupFormValues = Partial<
  Record<"name" | "kind" | "audience" | "localityId" | "facilitatorId" | "place" | "accessInfo", string>
>;

function Select(props: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  error?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div className={`field${props.error ? " has-error" : ""}`}>
      <label className="label" htmlFor={props.name}>
        {props.label}
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <select
        id={props.name}
        name={props.name}
        defaultValue={props.value ?? ""}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={props.error ? true : undefined}
        style={{ maxWidth: "100%" }}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Creating and editing a group: one form, so the two never drift apart. Works without JavaScript. */
export function GroupForm(props: {
  values: GroupFormValues;
  errors: FieldErrors | null;
  localities: { id: number; name: string; area: string }[];
  facilitators: { id: number; name: string }[];
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation();
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <Form method="post" noValidate className="stack">
      <ErrorSummary errors={props.errors} />
      {props.intent && <input type="hidden" name="intent" value={props.intent} />}
      <TextField label={t("groups.field.name")} name="name" id="name" defaultValue={v.name} error={e.name} isRequired />
      <Select
        name="kind"
        label={t("groups.kindLabel")}
        value={v.kind}
        error={e.kind}
        options={groupKinds.map((k) => ({ value: k, label: t(`groups.kind.${k}`) }))}
      />
      <RadioGroup
        label={t("groups.audienceLabel")}
        name="audience"
        defaultValue={v.audience ?? null}
        error={e.audience}
        options={[
          { value: "young_people", label: t("audienceShort.young_people") },
          { value: "parents_carers", label: t("audienceShort.parents_carers") },
        ]}
      />
      <Select
        name="localityId"
        label={t("groups.field.locality")}
        hint={t("groups.field.localityHint")}
        value={v.localityId}
        error={e.localityId}
        placeholder={t("groups.countywide")}
        options={props.localities.map((l) => ({ value: String(l.id), label: `${l.name} (${l.area})` }))}
      />
      <Select
        name="facilitatorId"
        label={t("groups.field.facilitator")}
        hint={t("groups.field.facilitatorHint")}
        value={v.facilitatorId}
        error={e.facilitatorId}
        placeholder={t("groups.field.choose")}
        options={props.facilitators.map((f) => ({ value: String(f.id), label: f.name }))}
      />
      <TextField
        label={t("groups.field.place")}
        name="place"
        id="place"
        description={t("groups.field.placeHint")}
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
      <Button type="submit">{props.submitLabel}</Button>
    </Form>
  );
}
