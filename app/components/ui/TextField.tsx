import { TextField as AriaTextField, Input, Label, Text, TextArea } from "react-aria-components";

type Props = {
  label: string;
  name: string;
  description?: string;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "date" | "time" | "number" | "datetime-local" | "url";
  multiline?: boolean;
  rows?: number;
  isRequired?: boolean;
  maxLength?: number;
  /** id of the input, so an error summary can link to it */
  id?: string;
  /** language and direction of what is typed, when it differs from the page's (translations) */
  inputLang?: string;
  inputDir?: "ltr" | "rtl";
  /** called as the person types (with JavaScript); the form still posts the field without it */
  onChange?: (value: string) => void;
};

/**
 * react-aria TextField with label, description and error wired to the input (aria-describedby).
 * It renders a real named input, so the form works without JavaScript.
 */
export function TextField({
  label,
  name,
  description,
  error,
  defaultValue,
  type = "text",
  multiline,
  rows = 4,
  isRequired,
  maxLength,
  id,
  inputLang,
  inputDir,
  onChange,
}: Props) {
  return (
    <AriaTextField
      name={name}
      defaultValue={defaultValue}
      type={multiline ? undefined : type}
      isInvalid={Boolean(error)}
      isRequired={isRequired}
      maxLength={maxLength}
      validationBehavior="aria"
      onChange={onChange}
      className={`field${error ? " has-error" : ""}`}
    >
      <Label>{label}</Label>
      {description && (
        <Text slot="description" className="hint">
          {description}
        </Text>
      )}
      {error && (
        <Text slot="errorMessage" className="field-error">
          {error}
        </Text>
      )}
      {multiline ? (
        <TextArea id={id ?? name} rows={rows} lang={inputLang} dir={inputDir} />
      ) : (
        <Input id={id ?? name} lang={inputLang} dir={inputDir} />
      )}
    </AriaTextField>
  );
}
