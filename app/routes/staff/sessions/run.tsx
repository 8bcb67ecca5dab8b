import { useCallback, useEffect, useMemo, useState } from "react";
import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { PageTitle } from "~/components/PageTitle";
import { NoteCard } from "~/components/sessions/NoteCard";
import { type Note, newClientId, type ServerNote, useNoteSync } from "~/components/sessions/note-sync";
import { Button } from "~/components/ui/Button";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listActiveOutcomes } from "~/models/reference.server";
import { notifyEscalation } from "~/models/safeguarding.server";
import { attendanceBands, markers, NOTE_MAX } from "~/models/sessions/types";
import {
  closeSession,
  getAttendance,
  listNotes,
  SessionError,
  saveNote,
  setAttendance,
  viewsForSession,
} from "~/models/sessions.server";
import { formatTime } from "~/utils/time";
import type { Route } from "./+types/run";
import { readNote, runnableSession } from "./notes.server";

function page(request: Request, id: string, staff: { id: number; role: string }) {
  const s = runnableSession(id, staff);
  const lang = getLang(request);
  const views = viewsForSession(s.id);
  return {
    session: {
      id: s.id,
      title: s.title,
      status: s.status,
      when: `${formatWhen(s.startsAt, lang)}–${formatTime(s.endsAt, lang)}`,
      groups: s.groups.map((g) => g.name),
    },
    questions: s.questions.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      outcome: q.priority ?? q.outcome,
      referred: q.agendaItem ? { body: q.referredBy, item: q.agendaItem } : null,
      // The facilitator reads the approved views sent before: the officer's own live figures.
      views: views.filter((v) => v.agendaQuestionId === q.id && v.state === "approved").map((v) => v.text ?? ""),
    })),
    outcomes: listActiveOutcomes()
      .slice(0, 9)
      .map((o, i) => ({ id: o.id, key: String(i + 1), title: o.title })),
    notes: listNotes(s.id),
    attendance: getAttendance(s.id).byBand,
    // Drawn by the server for the blank note of each question, so a form posted twice without JavaScript is one note.
    blankIds: Object.fromEntries(s.questions.map((q) => [q.id, newServerId()])) as Record<number, string>,
    done: new URL(request.url).searchParams.get("done"),
  };
}

function newServerId() {
  return crypto.randomUUID();
}

type Rejected = { note: Note; error: string } | null;
type Extra = { rejected: Rejected; errors: Record<string, string> | null };

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "groups");
  return { ...page(request, params.id, staff), rejected: null, errors: null } as ReturnType<typeof page> & Extra;
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "groups");
  const current = page(request, params.id, staff);
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = current.session.id;
  const back = (done: string, anchor = "") => redirect(`/staff/sessions/${id}/run?done=${done}${anchor}`);
  try {
    if (intent === "note") {
      const parsed = readNote(form);
      if (!parsed.success) {
        const body = String(form.get("body") ?? "");
        const note: Note = {
          clientId: String(form.get("clientId") ?? "").slice(0, 64),
          rev: 0,
          agendaQuestionId: Number(form.get("agendaQuestionId")) || 0,
          body,
          outcomeIds: form.getAll("outcome").map(Number).filter(Number.isInteger),
          marker: markers.find((m) => m === form.get("marker")) ?? null,
          fromFlipchart: form.get("fromFlipchart") === "1",
        };
        const error =
          body.length > NOTE_MAX
            ? t("staffSessions.error.noteLong", { count: body.length, max: NOTE_MAX })
            : t("staffSessions.error.invalid");
        return data(
          { ...current, done: null, rejected: { note, error }, errors: null } as ReturnType<typeof page> & Extra,
          {
            status: 400,
          },
        );
      }
      saveNote({ ...parsed.data, sessionId: id, staffId: staff.id });
      const q = current.questions.find((x) => x.id === parsed.data.agendaQuestionId);
      return back("note", q ? `#q${q.position}` : "");
    }
    if (intent === "attendance") {
      const counts: Record<string, number> = {};
      const errors: Record<string, string> = {};
      for (const band of attendanceBands) {
        const raw = String(form.get(`att-${band}`) ?? "").trim();
        if (raw === "") continue;
        if (!/^\d{1,3}$/.test(raw)) errors[`att-${band}`] = t("staffSessions.error.attendance");
        else counts[band] = Number(raw);
      }
      if (Object.keys(errors).length)
        return data({ ...current, done: null, rejected: null, errors } as ReturnType<typeof page> & Extra, {
          status: 400,
        });
      setAttendance(id, counts);
      return back("attendance", "#attendance");
    }
    if (intent === "close") {
      const { escalated } = closeSession(
        id,
        staff.id,
        Object.fromEntries(markers.map((m) => [m, t(`staffSessions.marker.${m}`)])),
      );
      // A note that reads as a disclosure goes to the safeguarding lead at once, as from any other source.
      if (escalated) void notifyEscalation(escalated);
      return redirect(`/staff/sessions/${id}?done=closed`);
    }
  } catch (error) {
    if (!(error instanceof SessionError)) throw error;
    return data(
      {
        ...current,
        done: null,
        rejected: null,
        errors: { main: t(`staffSessions.error.${error.code}`) },
      } as ReturnType<typeof page> & Extra,
      { status: error.code === "not_found" ? 404 : 409 },
    );
  }
  return data(
    { ...current, done: null, rejected: null, errors: { main: t("staffSessions.error.invalid") } },
    { status: 400 },
  );
}

export default function RunSession({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = (actionData ?? loaderData) as ReturnType<typeof page> & Extra;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [rejected_, setRejected] = useState<Record<string, string>>({});
  // Own keys only: a note's id is any 8-64 letters, digits or hyphens, so it may be "constructor".
  const rejectedOf = (clientId: string) => (Object.hasOwn(rejected_, clientId) ? rejected_[clientId] : undefined);
  const sync = useNoteSync({
    sessionId: p.session.id,
    initial: p.notes as ServerNote[],
    endpoint: `/staff/sessions/${p.session.id}/notes`,
    onRejected: (clientId, reason) =>
      setRejected((r) => ({
        ...r,
        [clientId]:
          reason === "too_long"
            ? t("staffSessions.error.noteLongShort", { max: NOTE_MAX })
            : t(`staffSessions.error.${reason}`, { defaultValue: t("staffSessions.error.invalid") }),
      })),
  });
  // The blank note at the end of each question; a new one takes its place once it has words.
  const [blanks, setBlanks] = useState<Record<number, string>>(p.blankIds);
  const [focusNew, setFocusNew] = useState<number | null>(null);
  const clearFocus = useCallback(() => setFocusNew(null), []);
  const serverRevs = useMemo(() => new Map(p.notes.map((n) => [n.clientId, n.rev])), [p.notes]);

  const open = p.session.status !== "closed" && p.session.status !== "cancelled";

  const onChange = useCallback(
    (note: Note) => {
      setRejected((r) => {
        if (!Object.hasOwn(r, note.clientId)) return r;
        const { [note.clientId]: _gone, ...rest } = r;
        return rest;
      });
      sync.save(note);
    },
    [sync.save],
  );

  const startNewNote = (questionId: number) => {
    setBlanks((b) => {
      const current = b[questionId];
      // Only move on when the blank has become a note.
      if (!sync.notes.some((n) => n.clientId === current)) return b;
      return { ...b, [questionId]: newClientId() };
    });
    setFocusNew(questionId);
  };

  // Once the blank has been saved as a note, a fresh blank appears under it.
  useEffect(() => {
    setBlanks((b) => {
      let changed = false;
      const next = { ...b };
      for (const [q, id] of Object.entries(b))
        if (sync.notes.some((n) => n.clientId === id && n.body.trim() !== "")) {
          next[Number(q)] = newClientId();
          changed = true;
        }
      return changed ? next : b;
    });
  }, [sync.notes]);

  const statusText =
    sync.state === "signedOut"
      ? t("staffSessions.runMode.signedOut", { count: sync.pending })
      : sync.state === "offline"
        ? t("staffSessions.runMode.offline", { count: sync.pending })
        : sync.state === "error"
          ? t("staffSessions.runMode.error", { count: sync.pending })
          : sync.state === "saving" || sync.pending > 0
            ? t("staffSessions.runMode.saving")
            : sync.lastSaved
              ? t("staffSessions.runMode.allSaved")
              : "";

  return (
    <>
      <PageTitle title={t("staffSessions.runMode.title", { title: p.session.title })} />
      <p>
        <a href={`/staff/sessions/${p.session.id}`}>{t("staffSessions.runMode.back")}</a>
      </p>
      <h1>{t("staffSessions.runMode.title", { title: p.session.title })}</h1>
      <p className="meta">
        {p.session.when} · {p.session.groups.join("; ")}
      </p>
      {p.done && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t(`staffSessions.runMode.done.${p.done}`, { defaultValue: "" })}</p>
        </div>
      )}
      {p.errors?.main && (
        <div className="notice warn" role="alert">
          <p style={{ margin: 0 }}>{p.errors.main}</p>
        </div>
      )}
      {!open ? (
        <p>{t(`staffSessions.runMode.notOpen.${p.session.status}`)}</p>
      ) : (
        <>
          <div className="run-bar" data-state={hydrated ? sync.state : "nojs"}>
            {/* Announced politely: a screen reader hears "Saved" without losing its place. */}
            <p role="status" aria-live="polite" className="save-status" data-testid="save-status">
              {hydrated ? statusText : t("staffSessions.runMode.noScript")}
            </p>
          </div>
          <section className="panel keys" aria-labelledby="keys-title">
            <h2 id="keys-title">{t("staffSessions.runMode.keysTitle")}</h2>
            <p>{t("staffSessions.runMode.keysIntro")}</p>
            <dl className="key-list">
              <div>
                <dt>
                  <kbd>Esc</kbd>
                </dt>
                <dd>{t("staffSessions.runMode.keyEsc")}</dd>
              </div>
              <div>
                <dt>
                  <kbd>1</kbd>–<kbd>{p.outcomes.length}</kbd>
                </dt>
                <dd>{t("staffSessions.runMode.keyTag")}</dd>
              </div>
              <div>
                <dt>
                  <kbd>A</kbd> <kbd>M</kbd> <kbd>O</kbd>
                </dt>
                <dd>{t("staffSessions.runMode.keyMarker")}</dd>
              </div>
              <div>
                <dt>
                  <kbd>E</kbd>
                </dt>
                <dd>{t("staffSessions.runMode.keyEdit")}</dd>
              </div>
              <div>
                <dt>
                  <kbd>N</kbd>
                </dt>
                <dd>{t("staffSessions.runMode.keyNew")}</dd>
              </div>
            </dl>
          </section>
          {p.questions.map((q) => {
            const mine = sync.notes.filter((n) => n.agendaQuestionId === q.id && n.clientId !== blanks[q.id]);
            const blankId = blanks[q.id];
            const typedBlank = sync.notes.find((n) => n.clientId === blankId);
            // Without JavaScript, a refused save comes back: an edit in its own note's card, a new note in the blank.
            const rejected = p.rejected && p.rejected.note.agendaQuestionId === q.id ? p.rejected : null;
            const rejectedEdit = rejected && mine.some((n) => n.clientId === rejected.note.clientId) ? rejected : null;
            const rejectedHere = rejected && !rejectedEdit ? rejected : null;
            const blank: Note = rejectedHere
              ? { ...rejectedHere.note, clientId: blankId }
              : (typedBlank ?? {
                  clientId: blankId,
                  rev: 0,
                  agendaQuestionId: q.id,
                  body: "",
                  outcomeIds: [],
                  marker: null,
                  fromFlipchart: false,
                });
            // One flat list keyed by the note's id: the blank that becomes a note keeps its card (and its focus).
            const cards = [...mine, blank];
            return (
              <section
                key={q.id}
                className="run-question"
                aria-labelledby={`q${q.position}-title`}
                id={`q${q.position}`}
              >
                <h2 id={`q${q.position}-title`} dir="auto">
                  {q.position}. {q.text}
                </h2>
                <p className="meta">
                  {q.outcome && <span className="tag">{q.outcome}</span>}{" "}
                  {q.referred && (
                    <span className="tag referred">
                      {t("staffSessions.agenda.referredBy", { body: q.referred.body, item: q.referred.item })}
                    </span>
                  )}
                </p>
                {q.views.length > 0 && (
                  <details>
                    <summary>{t("staffSessions.agenda.viewsBefore", { count: q.views.length })}</summary>
                    <ul>
                      {q.views.map((v, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: views in the order they came
                        <li key={i} dir="auto">
                          {v}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                <div className="notes" data-testid={`notes-q${q.position}`}>
                  {cards.map((n, i) => {
                    const isNew = n.clientId === blankId;
                    const edit = rejectedEdit?.note.clientId === n.clientId ? rejectedEdit : null;
                    return (
                      <NoteCard
                        key={n.clientId}
                        note={edit ? { ...n, body: edit.note.body } : n}
                        savedRev={isNew ? 0 : Math.max(serverRevs.get(n.clientId) ?? 0, n.rev)}
                        isNew={isNew}
                        outcomes={p.outcomes}
                        questionNumber={q.position}
                        index={i}
                        hydrated={hydrated}
                        status={
                          isNew
                            ? null
                            : rejectedOf(n.clientId)
                              ? "rejected"
                              : sync.isQueued(n.clientId)
                                ? "queued"
                                : "saved"
                        }
                        error={isNew ? (rejectedHere?.error ?? null) : (rejectedOf(n.clientId) ?? edit?.error ?? null)}
                        onChange={onChange}
                        onNewNote={() => startNewNote(q.id)}
                        autoFocus={isNew && focusNew === q.id}
                        onAutoFocused={clearFocus}
                      />
                    );
                  })}
                </div>
              </section>
            );
          })}

          <section aria-labelledby="attendance-title" id="attendance" className="panel">
            <h2 id="attendance-title">{t("staffSessions.runMode.attendanceTitle")}</h2>
            <p>{t("staffSessions.runMode.attendanceIntro")}</p>
            <Form method="post" className="attendance-form">
              <input type="hidden" name="intent" value="attendance" />
              {attendanceBands.map((band) => {
                const name = `att-${band}`;
                const error = p.errors?.[name];
                return (
                  <div key={band} className={`field${error ? " has-error" : ""}`}>
                    <label className="label" htmlFor={name}>
                      {band === "parents_carers" ? t("audienceShort.parents_carers") : t(`ageBand.${band}`)}
                    </label>
                    {error && (
                      <p className="field-error" id={`${name}-error`}>
                        {error}
                      </p>
                    )}
                    <input
                      id={name}
                      name={name}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={999}
                      defaultValue={p.attendance[band] || ""}
                      aria-describedby={error ? `${name}-error` : undefined}
                      aria-invalid={error ? true : undefined}
                    />
                  </div>
                );
              })}
              <Button type="submit" variant="secondary">
                {t("staffSessions.runMode.attendanceSave")}
              </Button>
            </Form>
          </section>

          <section aria-labelledby="close-title" className="panel">
            <h2 id="close-title">{t("staffSessions.runMode.closeTitle")}</h2>
            <p>{t("staffSessions.runMode.closeIntro")}</p>
            {hydrated && sync.pending > 0 && <p className="field-error">{t("staffSessions.runMode.closeWait")}</p>}
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <Button type="submit" isDisabled={hydrated && sync.pending > 0}>
                {t("staffSessions.runMode.close")}
              </Button>
            </Form>
          </section>
        </>
      )}
    </>
  );
}
