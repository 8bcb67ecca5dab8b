import { FieldError } from "~/components/ErrorSummary";
import { useTranslation } from "~/i18n/react";

export type PaperQuestion = {
  id: number;
  kind: string;
  prompt: string;
  required: boolean;
  maxLength: number;
  options: { id: number; label: string; isOther: boolean }[];
};

type Props = {
  number: number;
  question: PaperQuestion;
  /** submitted values by field name, kept when the form comes back with errors */
  values: Record<string, string | string[]>;
  error?: string;
  autoFocus?: boolean;
};

/** The names a question's fields have on the paper entry page; the first one is also the id the error summary links to. */
const headingStyle = { fontSize: "1.25rem", margin: "0 0 0.25rem" };

export const paperFieldName = (questionId: number) => `q${questionId}`;

/**
 * One question of a paper response, for an officer typing it in: every question on one page, so the question is an
 * h2 (not the page's h1), choices are compact, and the controls are plain HTML in reading order. Radios move with
 * the arrow keys and Tab goes to the next question; a ranking choice takes its number typed into its select.
 */
export function PaperAnswerControl({ number, question: q, values, error, autoFocus }: Props) {
  const { t } = useTranslation();
  const name = paperFieldName(q.id);
  const hintId = `${name}-hint`;
  const describedBy = [hintId, error ? `${name}-error` : null].filter(Boolean).join(" ");
  const raw = values[name];
  const one = typeof raw === "string" ? raw : "";
  const many = Array.isArray(raw) ? raw : one ? [one] : [];
  const heading = t("paper.questionHeading", { number, prompt: q.prompt });
  const hint = (
    <p className="hint" id={hintId}>
      {q.required ? t("paper.required") : t("paper.optional")}
      {q.kind === "multiple" && ` ${t("paper.chooseAnyHint")}`}
      {q.kind === "ranking" && ` ${t("paper.rankHint")}`}
    </p>
  );

  if (q.kind === "short_text" || q.kind === "long_text") {
    const max = q.kind === "short_text" ? Math.min(q.maxLength, 200) : q.maxLength;
    return (
      <div className={`field${error ? " has-error" : ""}`}>
        <h2 style={headingStyle}>
          <label htmlFor={name}>{heading}</label>
        </h2>
        {hint}
        <FieldError id={name} message={error} />
        {q.kind === "short_text" ? (
          <input
            type="text"
            id={name}
            name={name}
            defaultValue={one}
            maxLength={max}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            // biome-ignore lint/a11y/noAutofocus: a staff data-entry form: the first field is where typing starts
            autoFocus={autoFocus}
          />
        ) : (
          <textarea
            id={name}
            name={name}
            rows={3}
            defaultValue={one}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            // biome-ignore lint/a11y/noAutofocus: a staff data-entry form: the first field is where typing starts
            autoFocus={autoFocus}
          />
        )}
      </div>
    );
  }

  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend>
          <h2 style={headingStyle}>{heading}</h2>
        </legend>
        {hint}
        <FieldError id={name} message={error} />
        {(q.kind === "scale" || q.kind === "single" || q.kind === "multiple") && (
          <ul className="checkbox-grid">
            {(q.kind === "scale"
              ? [1, 2, 3, 4, 5].map((n) => ({
                  value: String(n),
                  label: t("paper.scaleOption", { n, label: t(`scale.${n}`) }),
                }))
              : q.options.map((o, i) => ({
                  value: String(o.id),
                  label: t("paper.choiceOption", { n: i + 1, label: o.label }),
                }))
            ).map((o, i) => (
              <li key={o.value}>
                <label className="choice">
                  <input
                    type={q.kind === "multiple" ? "checkbox" : "radio"}
                    name={name}
                    value={o.value}
                    id={i === 0 ? name : undefined}
                    defaultChecked={many.includes(o.value)}
                    // biome-ignore lint/a11y/noAutofocus: a staff data-entry form: the first field is where typing starts
                    autoFocus={autoFocus && i === 0}
                  />
                  <span>{o.label}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {q.kind === "multiple" && q.options.some((o) => o.isOther) && (
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor={`${name}-other`}>{t("paper.otherLabel")}</label>
            <input
              type="text"
              id={`${name}-other`}
              name={`${name}-other`}
              defaultValue={typeof values[`${name}-other`] === "string" ? (values[`${name}-other`] as string) : ""}
              maxLength={200}
              autoComplete="off"
            />
          </div>
        )}
        {q.kind === "ranking" && (
          <ul className="checkbox-grid">
            {q.options.map((o, i) => {
              const field = `${name}-rank-${o.id}`;
              const id = i === 0 ? name : field;
              const value = values[field];
              return (
                <li key={o.id} className="choice" style={{ justifyContent: "space-between" }}>
                  <label htmlFor={id} style={{ margin: 0, fontWeight: 400 }}>
                    {o.label}
                  </label>
                  <select
                    id={id}
                    name={field}
                    defaultValue={typeof value === "string" ? value : ""}
                    style={{ width: "auto", minWidth: "6.5rem", flex: "none" }}
                    // biome-ignore lint/a11y/noAutofocus: a staff data-entry form: the first field is where typing starts
                    autoFocus={autoFocus && i === 0}
                  >
                    <option value="">{t("answer.rankPlaceholder")}</option>
                    {q.options.map((_x, rank) => (
                      <option key={_x.id} value={rank + 1}>
                        {rank + 1}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
    </div>
  );
}
