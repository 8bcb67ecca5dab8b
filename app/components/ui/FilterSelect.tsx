import { useTranslation } from "~/i18n/react";

/** One filter of a staff list: a labelled select whose first choice is "any"; it posts by GET, so it works without JavaScript. */
export function FilterSelect(props: {
  name: string;
  label: string;
  value: string | number | undefined;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    // Long consultation titles must not push a 320 px screen sideways.
    <div className="field" style={{ maxWidth: "100%", minWidth: 0 }}>
      <label className="label" htmlFor={`filter-${props.name}`}>
        {props.label}
      </label>
      <select
        id={`filter-${props.name}`}
        name={props.name}
        defaultValue={props.value === undefined ? "" : String(props.value)}
        style={{ maxWidth: "100%" }}
      >
        <option value="">{t("moderation.filter.any")}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
