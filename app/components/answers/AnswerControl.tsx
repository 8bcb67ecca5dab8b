import { FieldError } from "~/components/ErrorSummary";
import { useTranslation } from "~/i18n/react";
import { Face } from "./Face";

export type ControlOption = { id: number; label: string; isOther: boolean };

type Props = {
  kind: string;
  /** id of the first control: the error summary links here */
  fieldId: string;
  legend: React.ReactNode;
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
        <Heading dir="auto">
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
          <>
            <textarea
              id={fieldId}
              name="answer"
              rows={6}
              defaultValue={one}
              aria-describedby={[describedBy, `${fieldId}-count`].filter(Boolean).join(" ")}
              aria-invalid={error ? true : undefined}
              autoComplete="off"
            />
            <p className="hint" id={`${fieldId}-count`}>
              {t("answer.maxChars", { max: maxLength })}
            </p>
          </>
        )}
      </div>
    );
  }

  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="question-legend">
          <Heading dir="auto">{legend}</Heading>
        </legend>
        {hintEl}
        <FieldError id={fieldId} message={error} />
        {kind === "scale" && (
          <ul className="faces">
            {[1, 2, 3, 4, 5].map((n) => (
              <li key={n}>
                <label className="face">
                  <input
                    type="radio"
                    name="answer"
                    value={n}
                    id={n === 1 ? fieldId : undefined}
                    defaultChecked={one === String(n)}
                  />
                  <Face value={n} />
                  <span className="face-label">{faceLabels?.[n - 1] ?? t(`scale.${n}`)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {(kind === "single" || kind === "multiple") && (
          <ul className="choices">
            {options.map((o, i) => (
              <li key={o.id}>
                <label className="choice">
                  <input
                    type={kind === "single" ? "radio" : "checkbox"}
                    name="answer"
                    value={o.id}
                    id={i === 0 ? fieldId : undefined}
                    defaultChecked={many.includes(String(o.id))}
                  />
                  <span dir="auto">{o.label}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {kind === "multiple" && options.some((o) => o.isOther) && (
          <div className="field" style={{ marginTop: "1rem" }}>
            <label htmlFor={`${fieldId}-other`}>{t("answer.otherLabel")}</label>
            <input
              type="text"
              id={`${fieldId}-other`}
              name="other"
              defaultValue={typeof values.other === "string" ? values.other : ""}
              maxLength={200}
              autoComplete="off"
            />
          </div>
        )}
        {kind === "ranking" && (
          <ol className="choices">
            {options.map((o, i) => (
              <li key={o.id} className="choice" style={{ justifyContent: "space-between" }}>
                <label htmlFor={i === 0 ? fieldId : `${fieldId}-${o.id}`} style={{ margin: 0, fontWeight: 400 }}>
                  {o.label}
                </label>
                <select
                  id={i === 0 ? fieldId : `${fieldId}-${o.id}`}
                  name={`rank-${o.id}`}
                  defaultValue={typeof values[`rank-${o.id}`] === "string" ? (values[`rank-${o.id}`] as string) : ""}
                  style={{ width: "auto", minWidth: "6rem" }}
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
