import { FieldError } from "~/components/ErrorSummary";

export type Choice = { value: string; label: React.ReactNode; lang?: string };

type Props = {
  type: "radio" | "checkbox";
  name: string;
  /** id of the first input: the error summary links here, and the hint and error ids are built from it */
  id: string;
  legend: React.ReactNode;
  /** class of the <legend> (the question pages put their h1 inside it) */
  legendClassName?: string;
  hint?: React.ReactNode;
  error?: string;
  choices: Choice[];
  checked: string[];
  /** rendered after the choices, inside the fieldset (the "Other" box) */
  children?: React.ReactNode;
  /** extra hidden text ids the group is described by */
  describedBy?: string;
  /** "faces": five faces in a row, each label already holding its face and text */
  look?: "list" | "faces";
};

/**
 * Native radios or checkboxes in a fieldset, for participant pages: they work with JavaScript off and with
 * every screen reader. The fieldset points aria-describedby at its hint and error so both are read with the group.
 */
export function ChoiceGroup({
  type,
  name,
  id,
  legend,
  legendClassName,
  hint,
  error,
  choices,
  checked,
  children,
  describedBy,
  look = "list",
}: Props) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, describedBy ?? null].filter(Boolean);
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <fieldset aria-describedby={ids.length ? ids.join(" ") : undefined}>
        <legend className={legendClassName}>{legend}</legend>
        {hint ? (
          <div className="hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        <FieldError id={id} message={error} />
        <ul className={look === "faces" ? "faces" : "choices"}>
          {choices.map((c, i) => (
            <li key={c.value}>
              <label className={look === "faces" ? "face" : "choice"}>
                <input
                  type={type}
                  name={name}
                  value={c.value}
                  id={i === 0 ? id : `${id}-${c.value}`}
                  defaultChecked={checked.includes(c.value)}
                />
                {look === "faces" ? (
                  c.label
                ) : (
                  <span dir="auto" lang={c.lang}>
                    {c.label}
                  </span>
                )}
              </label>
            </li>
          ))}
        </ul>
        {children}
      </fieldset>
    </div>
  );
}
