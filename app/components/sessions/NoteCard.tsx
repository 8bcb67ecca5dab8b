import { useEffect, useRef, useState } from "react";
import { Form } from "react-router";
import { useTranslation } from "~/i18n/react";
import type { Note } from "./note-sync";

export const MARKER_KEYS = { a: "most_agreed", m: "mixed", o: "one_person" } as const;
const markerValues = ["most_agreed", "mixed", "one_person"] as const;

export type OutcomeKey = { id: number; key: string; title: string };

/**
 * One note on the run screen. Without JavaScript it is a form with a Save button (the page comes back with everything
 * kept). With JavaScript the same form saves itself a moment after each change, and keys work on it: Escape leaves
 * the text box, then 1–9 tag an outcome, A / M / O set the marker, E goes back to the text, N starts a new note.
 */
export function NoteCard(props: {
  note: Note;
  /** The rev the server has; without JavaScript the form posts rev + 1. */
  savedRev: number;
  isNew: boolean;
  outcomes: OutcomeKey[];
  questionNumber: number;
  index: number;
  hydrated: boolean;
  status: "saved" | "queued" | "rejected" | null;
  error?: string | null;
  onChange: (note: Note) => void;
  onNewNote: () => void;
  autoFocus?: boolean;
  /** told once the card has taken focus, so a later card does not take it again */
  onAutoFocused?: () => void;
}) {
  const { t } = useTranslation();
  const { note } = props;
  const [draft, setDraft] = useState(note);
  const timer = useRef<number | undefined>(undefined);
  const text = useRef<HTMLTextAreaElement>(null);
  const base = `n-${note.clientId}`;

  // Someone else's edit arriving (the poll, or the server keeping theirs over ours) replaces what is shown, unless this
  // screen has a newer one or the person is typing in it.
  useEffect(() => {
    setDraft((d) =>
      note.rev > d.rev || (note.rev === d.rev && note.body !== d.body && document.activeElement !== text.current)
        ? note
        : d,
    );
  }, [note]);

  const { autoFocus, onAutoFocused } = props;
  useEffect(() => {
    if (!autoFocus) return;
    text.current?.focus();
    onAutoFocused?.();
  }, [autoFocus, onAutoFocused]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = (next: Note, soon = false) => {
    setDraft(next);
    window.clearTimeout(timer.current);
    // A new, still-empty note is not sent: it is a box waiting for words.
    if (props.isNew && next.body.trim() === "") return;
    const send = () => props.onChange({ ...next, rev: Math.max(next.rev, props.savedRev) + 1 });
    if (soon) send();
    else timer.current = window.setTimeout(send, 700);
  };

  const change = (patch: Partial<Note>, soon = false) => commit({ ...draft, ...patch }, soon);

  const toggleOutcome = (id: number) =>
    change(
      {
        outcomeIds: draft.outcomeIds.includes(id)
          ? draft.outcomeIds.filter((o) => o !== id)
          : [...draft.outcomeIds, id],
      },
      true,
    );

  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    if (!props.hydrated || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.tagName === "TEXTAREA") {
      if (event.key === "Escape") {
        event.preventDefault();
        event.currentTarget.focus();
      }
      return;
    }
    if (target.tagName === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
    const key = event.key.toLowerCase();
    if (/^[1-9]$/.test(key)) {
      const outcome = props.outcomes[Number(key) - 1];
      if (outcome) {
        event.preventDefault();
        toggleOutcome(outcome.id);
      }
    } else if (key in MARKER_KEYS) {
      event.preventDefault();
      const marker = MARKER_KEYS[key as keyof typeof MARKER_KEYS];
      change({ marker: draft.marker === marker ? null : marker }, true);
    } else if (key === "e" || (key === "enter" && target === event.currentTarget)) {
      event.preventDefault();
      text.current?.focus();
    } else if (key === "n") {
      event.preventDefault();
      props.onNewNote();
    }
  };

  const label = props.isNew
    ? t("staffSessions.runMode.newNote", { n: props.questionNumber })
    : t("staffSessions.runMode.noteN", { n: props.index + 1, q: props.questionNumber });

  return (
    <Form
      method="post"
      className={`note-card${props.isNew ? " new" : ""}${props.error ? " has-error" : ""}`}
      aria-label={label}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        if (!props.hydrated) return;
        event.preventDefault();
        window.clearTimeout(timer.current);
        if (!(props.isNew && draft.body.trim() === "")) commit(draft, true);
        if (props.isNew && draft.body.trim() !== "") props.onNewNote();
      }}
    >
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="clientId" value={note.clientId} />
      <input type="hidden" name="rev" value={props.savedRev + 1} />
      <input type="hidden" name="agendaQuestionId" value={note.agendaQuestionId} />
      <div className="field">
        <label className="label" htmlFor={`${base}-body`}>
          {label}
        </label>
        {props.error && (
          <p className="field-error" id={`${base}-error`}>
            {props.error}
          </p>
        )}
        <textarea
          ref={text}
          id={`${base}-body`}
          name="body"
          rows={props.isNew ? 3 : 2}
          value={draft.body}
          onChange={(e) => change({ body: e.target.value })}
          onBlur={() => {
            if (draft.body !== note.body) commit(draft, true);
          }}
          aria-describedby={props.error ? `${base}-error` : undefined}
          aria-invalid={props.error ? true : undefined}
        />
      </div>
      <fieldset className="note-tags">
        <legend>{t("staffSessions.runMode.tags")}</legend>
        {props.outcomes.map((o) => (
          <label key={o.id} className="key-choice">
            <input
              type="checkbox"
              name="outcome"
              value={o.id}
              checked={draft.outcomeIds.includes(o.id)}
              onChange={() => toggleOutcome(o.id)}
            />
            <kbd>{o.key}</kbd> {o.title}
          </label>
        ))}
      </fieldset>
      <fieldset className="note-tags">
        <legend>{t("staffSessions.runMode.marker")}</legend>
        {markerValues.map((m) => (
          <label key={m} className="key-choice">
            <input
              type="radio"
              name="marker"
              value={m}
              checked={draft.marker === m}
              onChange={() => change({ marker: m }, true)}
            />
            <kbd>
              {Object.entries(MARKER_KEYS)
                .find(([, v]) => v === m)?.[0]
                .toUpperCase()}
            </kbd>{" "}
            {t(`staffSessions.marker.${m}`)}
          </label>
        ))}
        <label className="key-choice">
          <input
            type="radio"
            name="marker"
            value=""
            checked={draft.marker === null}
            onChange={() => change({ marker: null }, true)}
          />
          {t("staffSessions.marker.none")}
        </label>
      </fieldset>
      {props.isNew && (
        <label className="key-choice">
          <input
            type="checkbox"
            name="fromFlipchart"
            value="1"
            checked={draft.fromFlipchart}
            onChange={(e) => change({ fromFlipchart: e.target.checked })}
          />
          {t("staffSessions.runMode.fromFlipchart")}
        </label>
      )}
      <div className="note-foot">
        <button type="submit" className="button secondary small">
          {props.isNew ? t("staffSessions.runMode.add") : t("staffSessions.runMode.save")}
        </button>
        {props.hydrated && props.status && (
          <span className={`note-status ${props.status}`}>{t(`staffSessions.runMode.noteStatus.${props.status}`)}</span>
        )}
        {draft.fromFlipchart && !props.isNew && <span className="tag">{t("staffSessions.runMode.flipchart")}</span>}
      </div>
    </Form>
  );
}
