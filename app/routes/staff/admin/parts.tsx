import { FieldError } from "~/components/ErrorSummary";
import { useTranslation } from "~/i18n/react";

export const adminSections = ["places", "schools", "ageBands", "population", "staff"] as const;
export type AdminSection = (typeof adminSections)[number];
const paths: Record<AdminSection, string> = {
  places: "/staff/admin/places",
  schools: "/staff/admin/schools",
  ageBands: "/staff/admin/age-bands",
  population: "/staff/admin/population",
  staff: "/staff/admin/staff",
};

/** The parts of the admin pages, as links (so they work without JavaScript); the current one is marked. */
export function AdminSections({ current }: { current?: AdminSection }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("admin.sectionsLabel")}>
      <ul className="action-links">
        <li>
          <a href="/staff/admin">{t("admin.title")}</a>
        </li>
        {adminSections.map((s) => (
          <li key={s}>
            <a href={paths[s]} aria-current={s === current ? "page" : undefined}>
              {t(`admin.section.${s}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A labelled native select with hint and error wired to it. */
export function Select(props: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  value: string | undefined;
  error?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div className={`field${props.error ? " has-error" : ""}`}>
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <FieldError id={props.id} message={props.error} />
      <select
        id={props.id}
        name={props.name ?? props.id}
        defaultValue={props.value ?? ""}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={props.error ? true : undefined}
        style={{ maxWidth: "100%" }}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain text input with its label, hint and error; keeps what was typed when the page comes back with errors. */
export function Field(props: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  value: string | undefined;
  error?: string;
  type?: "text" | "number" | "email";
  inputMode?: "numeric";
  width?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div className={`field${props.error ? " has-error" : ""}`}>
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <FieldError id={props.id} message={props.error} />
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        defaultValue={props.value ?? ""}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={props.error ? true : undefined}
        style={props.width ? { maxWidth: props.width } : undefined}
      />
    </div>
  );
}

/** A "done" message after a successful save (POST, redirect, GET). */
export function Done({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice" role="status">
      <p style={{ margin: 0 }}>{message}</p>
    </div>
  );
}
