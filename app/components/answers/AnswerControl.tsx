import { useEffect, useRef, useState } from "react";
import { ChoiceGroup } from "~/components/ChoiceGroup";
import { FieldError } from "~/components/ErrorSummary";
import { useTranslation } from "~/i18n/react";
import { Face } from "./Face";

export type ControlOption = { id: number; label: string; isOther: boolean; lang?: string };

type Props = {
  kind: string;
  /** id of the first control: the error summary links here */
  fieldId: string;
  legend: React.ReactNode;
  /** "en" when the question fell back to English on a page in another language */
  legendLang?: string;
  hint?: React.ReactNode;
  options: ControlOption[];
  values: Record<string, string | string[]>;
  error?: string;
  maxLength: number;
  /** The faces' labels in another language than the page's (staff preview). */
  faceLabels?: string[];
  /** 1 on a participant's question page (the question is the page's heading); 2 inside another page. */
  headingLevel?: 1 | 2;
};

/**
 * One question's answer as plain HTML form controls, so it works with JavaScript off and on a cheap phone.
 * The legend (or label) is the page's h1: one question per page.
 */
export function AnswerControl({
  kind,
  fieldId,
  legend,
  hint,
  options,
  values,
  error,
  maxLength,
  faceLabels,
  headingLevel = 1,
  legendLang,
}: Props) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const { t } = useTranslation();
  const describedBy =
    [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  const hintEl = hint ? (
    <div className="hint" id={`${fieldId}-hint`}>
      {hint}
    </div>
  ) : null;
  const one = typeof values.answer === "string" ? values.answer : "";
  const many = Array.isArray(values.answer) ? values.answer : one ? [one] : [];

  if (kind === "short_text" || kind === "long_text") {
    return (
      <div className={`field${error ? " has-error" : ""}`}>
        <Heading dir="auto" lang={legendLang}>
          <label htmlFor={fieldId}>{legend}</label>
        </Heading>
        {hintEl}
        <FieldError id={fieldId} message={error} />
        {kind === "short_text" ? (
          <input
            type="text"
            id={fieldId}
            name="answer"
            defaultValue={one}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            maxLength={maxLength}
            autoComplete="off"
          />
        ) : (
          <CountedTextArea
            id={fieldId}
            defaultValue={one}
            describedBy={[describedBy, `${fieldId}-count`].filter(Boolean).join(" ")}
            invalid={Boolean(error)}
            maxLength={maxLength}
          />
        )}
      </div>
    );
  }

  if (kind === "scale") {
    return (
      <ChoiceGroup
        type="radio"
        look="faces"
        name="answer"
        id={fieldId}
        legendClassName="question-legend"
        legend={
          <Heading dir="auto" lang={legendLang}>
            {legend}
          </Heading>
        }
        hint={hint}
        error={error}
        choices={[1, 2, 3, 4, 5].map((n) => ({
          value: String(n),
          label: (
            <>
              <Face value={n} />
              <span className="face-label" dir="auto">
                {faceLabels?.[n - 1] ?? t(`scale.${n}`)}
              </span>
            </>
          ),
        }))}
        checked={[one]}
      />
    );
  }

  if (kind === "single" || kind === "multiple") {
    const other = kind === "multiple" ? options.find((o) => o.isOther) : undefined;
    return (
      <ChoiceGroup
        type={kind === "single" ? "radio" : "checkbox"}
        name="answer"
        id={fieldId}
        legendClassName="question-legend"
        legend={
          <Heading dir="auto" lang={legendLang}>
            {legend}
          </Heading>
        }
        hint={hint}
        error={error}
        choices={options.map((o) => ({ value: String(o.id), label: o.label, lang: o.lang }))}
        checked={many}
      >
        {other && (
          <OtherBox
            id={`${fieldId}-other`}
            otherValue={String(other.id)}
            initiallyChecked={many.includes(String(other.id))}
            defaultValue={typeof values.other === "string" ? values.other : ""}
          />
        )}
      </ChoiceGroup>
    );
  }

  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="question-legend">
          <Heading dir="auto" lang={legendLang}>
            {legend}
          </Heading>
        </legend>
        {hintEl}
        <FieldError id={fieldId} message={error} />
        {kind === "ranking" && (
          <ol className="choices">
            {options.map((o, i) => (
              <li key={o.id} className="choice rank-row">
                <label htmlFor={i === 0 ? fieldId : `${fieldId}-${o.id}`} lang={o.lang} dir="auto">
                  {o.label}
                </label>
                <select
                  id={i === 0 ? fieldId : `${fieldId}-${o.id}`}
                  name={`rank-${o.id}`}
                  defaultValue={typeof values[`rank-${o.id}`] === "string" ? (values[`rank-${o.id}`] as string) : ""}
                >
                  <option value="">{t("answer.rankPlaceholder")}</option>
                  {options
                    .map((x) => options.indexOf(x) + 1)
                    .map((rank) => (
                      <option key={rank} value={rank}>
                        {rank}
                      </option>
                    ))}
                </select>
              </li>
            ))}
          </ol>
        )}
      </fieldset>
    </div>
  );
}

/**
 * The "Other" text box. Without JavaScript it is always there, with a hint saying it is only for "Other"; with
 * JavaScript it appears only while "Other" is ticked, so nobody wonders whether they must fill it in.
 */
function OtherBox(props: { id: string; otherValue: string; initiallyChecked: boolean; defaultValue: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [checked, setChecked] = useState(props.initiallyChecked || props.defaultValue !== "");
  useEffect(() => {
    const fieldset = ref.current?.closest("fieldset");
    const box = fieldset?.querySelector<HTMLInputElement>(`input[value="${props.otherValue}"]`);
    if (!fieldset || !box) return;
    const sync = () => setChecked(box.checked);
    sync();
    setEnhanced(true);
    fieldset.addEventListener("change", sync);
    return () => fieldset.removeEventListener("change", sync);
  }, [props.otherValue]);
  return (
    <div className="field other-box" ref={ref} hidden={enhanced && !checked}>
      <label htmlFor={props.id}>{t("answer.otherLabel")}</label>
      {!enhanced && (
        <p className="hint" id={`${props.id}-hint`}>
          {t("answer.otherHint")}
        </p>
      )}
      <input
        type="text"
        id={props.id}
        name="other"
        dir="auto"
        defaultValue={props.defaultValue}
        aria-describedby={enhanced ? undefined : `${props.id}-hint`}
        maxLength={200}
        autoComplete="off"
      />
    </div>
  );
}

/**
 * A long answer with its character count. Without JavaScript the hint states the limit; with it, the count
 * updates as the person types, and is announced politely only when they go over.
 */
function CountedTextArea(props: {
  id: string;
  defaultValue: string;
  describedBy: string;
  invalid: boolean;
  maxLength: number;
}) {
  const { t } = useTranslation();
  const [length, setLength] = useState<number | null>(null);
  const over = length !== null && length > props.maxLength;
  return (
    <>
      <textarea
        id={props.id}
        name="answer"
        rows={6}
        defaultValue={props.defaultValue}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || over ? true : undefined}
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
    </>
  );
}
