import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";

export type FieldErrors = Record<string, string>;

/**
 * With JavaScript on, move focus to the field ourselves: following the #link would be a router navigation,
 * which clears the form's result (and so the very errors being read). Without JavaScript the link just works.
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

/**
 * The error summary as GOV.UK Frontend (v4.4 and later) writes it: the outer box takes focus when it appears, and the
 * alert role sits on an inner element so screen readers announce the title and the list once, not the box twice.
 * Field ids are the keys of `errors`. With JavaScript off, autoFocus still moves focus here on load.
 */
export function ErrorSummary({ errors }: { errors?: FieldErrors | null }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  // Focus moves when a new set of errors arrives, not on every render (that would pull focus away from typing).
  const signature = entries.map(([field, message]) => `${field}:${message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!entries.length) return null;
  return (
    // biome-ignore lint/a11y/noAutofocus: the error summary must take focus so people hear what went wrong
    <div className="error-summary" tabIndex={-1} ref={ref} autoFocus>
      <div role="alert">
        <h2>{t("error.summaryTitle")}</h2>
        <ul>
          {entries.map(([field, message]) => (
            <li key={field}>
              <a href={`#${field}`} onClick={(event) => focusField(event, field)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The message beside a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">{t("error.prefix")}</span>
      {message}
    </p>
  );
}
