import { CheckboxGroup as AriaCheckboxGroup, Label, Text } from "react-aria-components";
import { useTranslation } from "~/i18n/react";
import { Checkbox } from "./Checkbox";
import type { ChoiceOption } from "./RadioGroup";

type Props = {
  label: React.ReactNode;
  name: string;
  options: readonly ChoiceOption[];
  defaultValue?: readonly string[];
  description?: React.ReactNode;
  error?: string;
  /** id given to the first checkbox, so an error summary can link to the group; defaults to name */
  id?: string;
  /** many short options (age bands, localities) laid out in columns */
  grid?: boolean;
};

/**
 * A staff checkbox group: react-aria's CheckboxGroup, one wrapper for every staff form.
 * Each option is a real named checkbox (name repeated, one value each), so the form posts with JavaScript off;
 * the group is labelled by its label and described by its hint and its error.
 */
export function CheckboxGroup({ label, name, options, defaultValue, description, error, id = name, grid }: Props) {
  const { t } = useTranslation();
  return (
    <AriaCheckboxGroup
      name={name}
      defaultValue={defaultValue ? [...defaultValue] : []}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      className={`field choice-group${error ? " has-error" : ""}`}
    >
      <Label className="label">{label}</Label>
      {description && (
        <Text slot="description" elementType="p" className="hint">
          {description}
        </Text>
      )}
      {error && (
        <Text slot="errorMessage" elementType="p" className="field-error">
          <span className="visually-hidden">{t("error.prefix")}</span>
          {error}
        </Text>
      )}
      <div className={grid ? "checkbox-grid" : "choices"}>
        {options.map((o, i) => (
          <Checkbox key={o.value} value={o.value} id={i === 0 ? id : undefined}>
            {o.label}
            {o.hint && <span className="hint">{o.hint}</span>}
          </Checkbox>
        ))}
      </div>
    </AriaCheckboxGroup>
  );
}
