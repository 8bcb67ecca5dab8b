import { useTranslation } from "~/i18n/react";
import { schoolPhases } from "~/models/admin/types";
import { Field, Select } from "./parts";

/** The fields of a school, the same when adding one and changing it. */
export function SchoolFields(props: {
  values: Record<string, string>;
  errors: Record<string, string>;
  localities: { id: number; name: string; area: string }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field id="name" label={t("admin.field.schoolName")} value={props.values.name} error={props.errors.name} />
      <Select
        id="phase"
        label={t("admin.field.phase")}
        value={props.values.phase}
        error={props.errors.phase}
        placeholder={t("admin.field.choose")}
        options={schoolPhases.map((ph) => ({ value: ph, label: t(`admin.phase.${ph}`) }))}
      />
      <Select
        id="localityId"
        label={t("admin.field.locality")}
        hint={t("admin.field.schoolLocalityHint")}
        value={props.values.localityId}
        error={props.errors.localityId}
        placeholder={t("admin.field.countywide")}
        options={props.localities.map((l) => ({ value: String(l.id), label: `${l.name} (${l.area})` }))}
      />
    </>
  );
}
