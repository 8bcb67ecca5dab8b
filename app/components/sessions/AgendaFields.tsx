import { useTranslation } from "~/i18n/react";

export type OutcomeOption = { id: number; title: string; priorities: { id: number; title: string }[] };
export type ItemOption = { id: number; title: string; meeting: string; body: string };

/** One agenda question: its words, the plan outcome or priority it is about, and the agenda item that referred it. */
export function AgendaFields(props: {
  prefix: string;
  number?: number;
  outcomes: OutcomeOption[];
  items: ItemOption[];
  values: Record<string, string>;
  error?: string;
  maxLength: number;
}) {
  const { t } = useTranslation();
  const { prefix: n, values: v } = props;
  return (
    <fieldset className="agenda-row">
      <legend>
        {props.number ? t("staffSessions.agenda.questionN", { n: props.number }) : t("staffSessions.agenda.question")}
      </legend>
      <div className={`field${props.error ? " has-error" : ""}`}>
        <label className="label" htmlFor={n}>
          {t("staffSessions.agenda.text")}
        </label>
        <p className="hint" id={`${n}-hint`}>
          {t("staffSessions.agenda.textHint")}
        </p>
        {props.error && (
          <p className="field-error" id={`${n}-error`}>
            {props.error}
          </p>
        )}
        <textarea
          id={n}
          name={n}
          rows={2}
          maxLength={props.maxLength * 2}
          defaultValue={v[n] ?? ""}
          aria-describedby={`${n}-hint${props.error ? ` ${n}-error` : ""}`}
          aria-invalid={props.error ? true : undefined}
        />
      </div>
      <div className="field">
        <label className="label" htmlFor={`${n}tag`}>
          {t("staffSessions.agenda.outcome")}
        </label>
        <select id={`${n}tag`} name={`${n}tag`} defaultValue={v[`${n}tag`] ?? ""} style={{ maxWidth: "100%" }}>
          <option value="">{t("staffSessions.agenda.noOutcome")}</option>
          {props.outcomes.map((o) => (
            <optgroup key={o.id} label={o.title}>
              <option value={`o:${o.id}`}>{t("staffSessions.agenda.wholeOutcome", { title: o.title })}</option>
              {o.priorities.map((p) => (
                <option key={p.id} value={`p:${p.id}`}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="label" htmlFor={`${n}item`}>
          {t("staffSessions.agenda.referred")}
        </label>
        <p className="hint" id={`${n}item-hint`}>
          {t("staffSessions.agenda.referredHint")}
        </p>
        <select
          id={`${n}item`}
          name={`${n}item`}
          defaultValue={v[`${n}item`] ?? ""}
          aria-describedby={`${n}item-hint`}
          style={{ maxWidth: "100%" }}
        >
          <option value="">{t("staffSessions.agenda.notReferred")}</option>
          {props.items.map((i) => (
            <option key={i.id} value={i.id}>
              {`${i.body}: ${i.meeting} – ${i.title}`}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
