import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { AgendaFields } from "~/components/sessions/AgendaFields";
import { SessionDetailsFields } from "~/components/sessions/SessionDetailsFields";
import { Button } from "~/components/ui/Button";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { emailPassHolder } from "~/models/passes/notify.server";
import { attendanceBands, QUESTION_MAX } from "~/models/sessions/types";
import {
  addAgendaQuestion,
  cancelSession,
  closedSessionNotes,
  getAttendance,
  getSession,
  listNotes,
  mayRun,
  publishSession,
  SessionError,
  saveSummaries,
  sendSummary,
  updateSessionDetails,
  viewsForSession,
} from "~/models/sessions.server";
import { countyWallClock, formatTime } from "~/utils/time";
import type { Route } from "./+types/show";
import { readSessionDetails, readTag, sessionFormLists } from "./form.server";

const SUMMARY_MAX = 6000;

function page(request: Request, id: string, staff: { id: number; role: string }) {
  if (!/^\d{1,9}$/.test(id)) throw data(null, { status: 404 });
  const s = getSession(Number(id));
  if (!s) throw data(null, { status: 404 });
  const lang = getLang(request);
  const views = viewsForSession(s.id);
  const notes = listNotes(s.id);
  const closedNotes = s.status === "closed" ? closedSessionNotes(s.id) : [];
  const lists = sessionFormLists();
  return {
    session: {
      ...s,
      when: `${formatWhen(s.startsAt, lang)}–${formatTime(s.endsAt, lang)}`,
      sentOn: s.summarySentAt ? formatWhen(s.summarySentAt, lang) : null,
      past: s.startsAt <= new Date().toISOString(),
    },
    questions: s.questions.map((q) => ({
      ...q,
      // The officer's own live figures: exact.
      views: views.filter((v) => v.agendaQuestionId === q.id).length,
      viewsPending: views.filter((v) => v.agendaQuestionId === q.id && v.state === "pending").length,
      approvedViews: views
        .filter((v) => v.agendaQuestionId === q.id && v.state === "approved")
        .map((v) => v.text ?? ""),
      notes: notes.filter((n) => n.agendaQuestionId === q.id).length,
      // After closing, what the summary is drawn from: each note as feedback (masked; one that went to the
      // safeguarding lead is not shown here), with its marker and outcomes.
      noteList:
        s.status === "closed"
          ? closedNotes
              .filter((n) => n.agendaQuestionId === q.id)
              .map((n) => ({
                id: n.id,
                body: n.text,
                marker: n.marker,
                fromFlipchart: n.fromFlipchart,
                tags: n.outcomeIds.map((o) => lists.outcomes.find((x) => x.id === o)?.title ?? "").filter(Boolean),
              }))
          : [],
    })),
    attendance: getAttendance(s.id),
    // The edit form, as the new-session form takes it: London day and times.
    details: {
      title: s.title,
      day: countyWallClock(s.startsAt).day,
      start: countyWallClock(s.startsAt).time,
      end: countyWallClock(s.endsAt).time,
      place: s.place ?? "",
      accessInfo: s.accessInfo ?? "",
      onlineUrl: s.onlineUrl ?? "",
    } as Record<string, string>,
    canRun: mayRun(staff, s.id),
    outcomes: lists.outcomes,
    items: lists.items,
    done: new URL(request.url).searchParams.get("done"),
  };
}

type Extra = { errors: Record<string, string> | null; values: Record<string, string> };

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "groups");
  return { ...page(request, params.id, staff), errors: null, values: {} } as ReturnType<typeof page> & Extra;
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "groups");
  const current = page(request, params.id, staff);
  const t = getT(request);
  const form = await request.formData();
  const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v).slice(0, SUMMARY_MAX * 2)]));
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ ...current, done: null, errors, values } as ReturnType<typeof page> & Extra, { status });
  const id = current.session.id;
  try {
    switch (values.intent) {
      case "publish":
        publishSession(id, staff.id);
        break;
      case "cancel": {
        const reason = (values.reason ?? "").trim();
        if (!reason || reason.length > 500) return fail({ reason: t("staffSessions.error.reason") });
        cancelSession(id, staff.id, reason, (title) => ({
          title: t("staffSessions.message.cancelledTitle", { title }),
          body: t("staffSessions.message.cancelledBody"),
        }));
        break;
      }
      case "details": {
        const read = readSessionDetails(form, t);
        if (!read.input) return fail(read.errors ?? {});
        updateSessionDetails(id, staff.id, read.input, (title) => ({
          title: t("staffSessions.message.changedTitle", { title }),
          body: t("staffSessions.message.changedBody"),
        }));
        break;
      }
      case "addQuestion": {
        const text = (values.q ?? "").trim();
        if (!text || text.length > QUESTION_MAX)
          return fail({ q: t("staffSessions.error.question", { max: QUESTION_MAX }) });
        addAgendaQuestion(id, {
          text,
          ...readTag(values.qtag ?? ""),
          agendaItemId: /^\d{1,9}$/.test(values.qitem ?? "") ? Number(values.qitem) : null,
        });
        break;
      }
      case "summaries":
      case "send": {
        const summaries: Record<number, string> = {};
        const errors: Record<string, string> = {};
        for (const q of current.questions) {
          const text = (values[`summary${q.id}`] ?? "").trim();
          if (text.length > SUMMARY_MAX)
            errors[`summary${q.id}`] = t("staffSessions.error.summaryLong", { max: SUMMARY_MAX });
          else if (values.intent === "send" && !text) errors[`summary${q.id}`] = t("staffSessions.error.summaryEmpty");
          summaries[q.id] = text;
        }
        if (Object.keys(errors).length) return fail(errors);
        saveSummaries(id, summaries);
        if (values.intent === "send") {
          const sent = sendSummary(id, staff.id, {
            title: (title) => t("staffSessions.message.summaryTitle", { title }),
            attended: (count) => t("staffSessions.message.attended", { count }),
          });
          // Email only says there is something to read; the summary stays on the pass page.
          await Promise.all(sent.withEmail.map((passId) => emailPassHolder(passId, "sessionSummary", "en")));
          return redirect(`/staff/sessions/${id}?done=sent`);
        }
        break;
      }
      default:
        return fail({ main: t("staffSessions.error.invalid") });
    }
  } catch (error) {
    if (!(error instanceof SessionError)) throw error;
    return fail({ main: t(`staffSessions.error.${error.code}`) }, error.code === "not_found" ? 404 : 409);
  }
  return redirect(`/staff/sessions/${id}?done=${values.intent}`);
}

export default function SessionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const s = p.session;
  const e = p.errors ?? {};
  const open = s.status === "draft" || s.status === "published";
  return (
    <>
      <PageTitle title={s.title} error={Boolean(p.errors)} />
      <p>
        <a href="/staff/sessions">{t("staffSessions.back")}</a>
      </p>
      <div className="page-head">
        <h1>{s.title}</h1>
        <span className="tag">{t(`staffSessions.status.${s.summarySentAt ? "sent" : s.status}`)}</span>
      </div>
      {p.done && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t(`staffSessions.done.${p.done}`, { defaultValue: "" })}</p>
        </div>
      )}
      <ErrorSummary errors={p.errors && !p.errors.main ? p.errors : null} />
      {e.main && (
        <div className="notice warn" role="alert">
          <p style={{ margin: 0 }}>{e.main}</p>
        </div>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t("staffSessions.col.when")}</dt>
          <dd>{s.when}</dd>
        </div>
        <div>
          <dt>{t("staffSessions.col.groups")}</dt>
          <dd>
            <ul className="plain">
              {s.groups.map((g) => (
                <li key={g.id}>
                  <a href={`/staff/groups/${g.id}`}>{g.name}</a>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("staffSessions.field.place")}</dt>
          <dd>{s.place ?? t("groups.notGiven")}</dd>
        </div>
        {s.accessInfo && (
          <div>
            <dt>{t("groups.field.accessInfo")}</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{s.accessInfo}</dd>
          </div>
        )}
        {s.onlineUrl && (
          <div>
            <dt>{t("staffSessions.field.onlineUrl")}</dt>
            <dd dir="ltr" className="break">
              {s.onlineUrl}
            </dd>
          </div>
        )}
        {s.cancelReason && (
          <div>
            <dt>{t("staffSessions.cancelReason")}</dt>
            <dd>{s.cancelReason}</dd>
          </div>
        )}
        <div>
          <dt>{t("staffSessions.attendance")}</dt>
          <dd data-testid="attendance-total">
            {p.attendance.total
              ? t("staffSessions.attendanceTotal", { count: p.attendance.total })
              : t("staffSessions.attendanceNone")}
          </dd>
        </div>
      </dl>

      <div className="button-row">
        {p.canRun && s.status !== "cancelled" && s.status !== "closed" && (
          <a href={`/staff/sessions/${s.id}/run`} className="button">
            {t("staffSessions.run")}
          </a>
        )}
        {s.status === "draft" && (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <Button type="submit" variant="secondary">
              {t("staffSessions.publish")}
            </Button>
          </Form>
        )}
      </div>
      {!p.canRun && open && <p className="hint">{t("staffSessions.notFacilitator")}</p>}

      <h2>{t("staffSessions.agenda.title")}</h2>
      {p.questions.length === 0 && <p>{t("staffSessions.agenda.none")}</p>}
      <ol className="agenda">
        {p.questions.map((q) => (
          <li key={q.id}>
            <p className="agenda-q" dir="auto">
              {q.text}
            </p>
            <p className="meta">
              {q.outcome && <span className="tag">{q.priority ?? q.outcome}</span>}{" "}
              {q.agendaItem && (
                <span className="tag referred">
                  {t("staffSessions.agenda.referredBy", { body: q.referredBy, item: q.agendaItem })}
                </span>
              )}
            </p>
            <p className="meta" data-testid={`q${q.position}-figures`}>
              {t("staffSessions.agenda.figures", { views: q.views, pending: q.viewsPending, notes: q.notes })}
            </p>
            {q.approvedViews.length > 0 && (
              <details>
                <summary>{t("staffSessions.agenda.viewsBefore", { count: q.approvedViews.length })}</summary>
                <ul>
                  {q.approvedViews.map((v, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: views in the order they came
                    <li key={i} dir="auto">
                      {v}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
      {open && (
        <details className="panel" open={Boolean(e.q)}>
          <summary>{t("staffSessions.agenda.add")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="addQuestion" />
            <AgendaFields
              prefix="q"
              outcomes={p.outcomes}
              items={p.items}
              values={p.values}
              error={e.q}
              maxLength={QUESTION_MAX}
            />
            <Button type="submit" variant="secondary">
              {t("staffSessions.agenda.addButton")}
            </Button>
          </Form>
        </details>
      )}

      {s.status === "closed" && (
        <section aria-labelledby="summary-title" className="panel">
          <h2 id="summary-title">{t("staffSessions.summary.title")}</h2>
          {p.attendance.total > 0 && (
            <p>
              {t("staffSessions.summary.attendance")}{" "}
              {attendanceBands
                .filter((b) => p.attendance.byBand[b] > 0)
                .map(
                  (b) =>
                    `${b === "parents_carers" ? t("audienceShort.parents_carers") : t(`ageBand.${b}`)}: ${p.attendance.byBand[b]}`,
                )
                .join(" · ")}
            </p>
          )}
          {s.sentOn ? (
            <p>{t("staffSessions.summary.sentOn", { date: s.sentOn })}</p>
          ) : (
            <p>{t("staffSessions.summary.intro")}</p>
          )}
          <Form method="post" noValidate className="stack">
            {p.questions.map((q) => {
              const name = `summary${q.id}`;
              return (
                <div key={q.id} className={`field${e[name] ? " has-error" : ""}`}>
                  <label className="label" htmlFor={name}>
                    {q.position}. {q.text}
                  </label>
                  {q.noteList.length > 0 && (
                    <details>
                      <summary>{t("staffSessions.summary.notes", { count: q.noteList.length })}</summary>
                      <ul className="note-list">
                        {q.noteList.map((n) => (
                          <li key={n.id}>
                            <span dir="auto">{n.body}</span>
                            <span className="meta">
                              {n.marker && ` · ${t(`staffSessions.marker.${n.marker}`)}`}
                              {n.tags.length > 0 && ` · ${n.tags.join(", ")}`}
                              {n.fromFlipchart && ` · ${t("staffSessions.runMode.flipchart")}`}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                  {e[name] && (
                    <p className="field-error" id={`${name}-error`}>
                      {e[name]}
                    </p>
                  )}
                  <textarea
                    id={name}
                    name={name}
                    rows={6}
                    readOnly={Boolean(s.sentOn)}
                    defaultValue={p.values[name] ?? q.summary ?? ""}
                    aria-describedby={e[name] ? `${name}-error` : undefined}
                    aria-invalid={e[name] ? true : undefined}
                  />
                </div>
              );
            })}
            {!s.sentOn && (
              <div className="button-row">
                <button type="submit" name="intent" value="summaries" className="button secondary">
                  {t("staffSessions.summary.save")}
                </button>
                <button type="submit" name="intent" value="send" className="button">
                  {t("staffSessions.summary.send")}
                </button>
              </div>
            )}
          </Form>
        </section>
      )}

      {open && (
        <details className="panel" open={Boolean(p.values.intent === "details" && p.errors)}>
          <summary>{t("staffSessions.details.title")}</summary>
          {s.status === "published" && <p>{t("staffSessions.details.membersTold")}</p>}
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="details" />
            <SessionDetailsFields
              values={p.values.intent === "details" ? p.values : p.details}
              errors={p.values.intent === "details" ? e : {}}
            />
            <Button type="submit" variant="secondary">
              {t("staffSessions.details.save")}
            </Button>
          </Form>
        </details>
      )}

      {open && (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t("staffSessions.cancelTitle")}</h2>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="cancel" />
            <div className={`field${e.reason ? " has-error" : ""}`}>
              <label className="label" htmlFor="reason">
                {t("staffSessions.cancelReasonLabel")}
              </label>
              <p className="hint" id="reason-hint">
                {t("staffSessions.cancelReasonHint")}
              </p>
              {e.reason && (
                <p className="field-error" id="reason-error">
                  {e.reason}
                </p>
              )}
              <textarea
                id="reason"
                name="reason"
                rows={2}
                defaultValue={p.values.reason ?? ""}
                aria-describedby={`reason-hint${e.reason ? " reason-error" : ""}`}
                aria-invalid={e.reason ? true : undefined}
              />
            </div>
            <Button type="submit" variant="danger">
              {t("staffSessions.cancel")}
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}
