import { Radio as AriaRadio, RadioGroup as AriaRadioGroup, Label, Text } from "react-aria-components";
import { useTranslation } from "~/i18n/react";

export type ChoiceOption = {
  value: string;
  label: React.ReactNode;
  /** a line under the option's label */
  hint?: React.ReactNode;
};

type Props = {
  label: React.ReactNode;
  name: string;
  options: readonly ChoiceOption[];
  defaultValue?: string | null;
  description?: React.ReactNode;
  error?: string;
  /** id given to the first radio, so an error summary can link to the group; defaults to name */
  id?: string;
  /** options side by side when there is room (short labels such as Yes / No) */
  inline?: boolean;
};

/**
 * A staff radio group: react-aria's RadioGroup, one wrapper for every staff form.
 * Each option is a real named radio input inside its label, so the form posts with JavaScript off;
 * the group (role="radiogroup") is labelled by its label and described by its hint and its error.
 */
export function RadioGroup({ label, name, options, defaultValue, description, error, id = name, inline }: Props) {
  const { t } = useTranslation();
  return (
    <AriaRadioGroup
      name={name}
      defaultValue={defaultValue ?? null}
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
      <div className={inline ? "choices choices-inline" : "choices"}>
        {options.map((o, i) => (
          <AriaRadio key={o.value} value={o.value} id={i === 0 ? id : undefined} className="choice">
            <span>
              {o.label}
              {o.hint && <span className="hint">{o.hint}</span>}
            </span>
          </AriaRadio>
        ))}
      </div>
    </AriaRadioGroup>
  );
}
