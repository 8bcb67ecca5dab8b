import { useState } from "react";
import { useTranslation } from "~/i18n/react";

/**
 * A labelled textarea with its character count (participant pages). Without JavaScript the hint states the limit;
 * with it, the count follows the typing and is announced only when the text goes over.
 */
export function CountedTextArea(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  defaultValue: string;
  error?: string;
  maxLength: number;
  rows?: number;
}) {
  const { t } = useTranslation();
  const [length, setLength] = useState<number | null>(null);
  const over = length !== null && length > props.maxLength;
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`, `${props.id}-count`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field${props.error ? " has-error" : ""}`}>
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          <span className="visually-hidden">{t("error.prefix")}</span>
          {props.error}
        </p>
      )}
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 6}
        defaultValue={props.defaultValue}
        aria-describedby={describedBy}
        aria-invalid={props.error || over ? true : undefined}
        autoComplete="off"
        onChange={(event) => setLength(event.currentTarget.value.length)}
      />
      <p className={over ? "hint field-error" : "hint"} id={`${props.id}-count`} aria-live={over ? "polite" : "off"}>
        {length === null
          ? t("answer.maxChars", { max: props.maxLength })
          : over
            ? t("answer.charsOver", { count: length - props.maxLength })
            : t("answer.charsLeft", { count: props.maxLength - length })}
      </p>
    </div>
  );
}
