import { data, Form, redirect } from "react-router";
import { CountedTextArea } from "~/components/CountedTextArea";
import { ErrorSummary } from "~/components/ErrorSummary";
import { HelpPanel } from "~/components/HelpPanel";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPass } from "~/models/passes/session.server";
import { notifyEscalation } from "~/models/safeguarding.server";
import { acceptsViews, getSessionForPass, SessionError, sendView, VIEW_MAX } from "~/models/sessions.server";
import { textProblem, tidyText } from "~/schemas/answers";
import { formatDate, formatTime } from "~/utils/time";
import type { Route } from "./+types/session";

type Typed = { questionId: number; text: string; error: string } | null;

function sessionId(params: { id: string }) {
  if (!/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  return Number(params.id);
}

function page(request: Request, id: number, typed: Typed) {
  const pass = getPass(request);
  if (!pass) throw redirect(`/pass/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`);
  const s = getSessionForPass(pass.id, id);
  if (!s) throw data(null, { status: 404 });
  const lang = getLang(request);
  const now = new Date();
  const sentTo = Number(new URL(request.url).searchParams.get("sent"));
  const open = acceptsViews(s, now);
  const mine = (qid: number) => s.myViews.filter((v) => v.agendaQuestionId === qid);
  const sent = !typed && s.questions.some((q) => q.id === sentTo) ? sentTo : null;
  return {
    id: s.id,
    title: s.title,
    day: formatDate(s.startsAt, lang),
    from: formatTime(s.startsAt, lang),
    to: formatTime(s.endsAt, lang),
    place: s.place,
    accessInfo: s.accessInfo,
    onlineUrl: s.status === "cancelled" ? null : s.onlineUrl,
    groups: s.groups.map((g) => g.name),
    state:
      s.status === "cancelled"
        ? ("cancelled" as const)
        : s.status === "closed" || s.startsAt <= now.toISOString()
          ? ("happened" as const)
          : ("upcoming" as const),
    cancelReason: s.cancelReason,
    open,
    summarySent: Boolean(s.summarySentAt),
    questions: s.questions.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      fromBoard: q.agendaItemId !== null,
      summary: s.summarySentAt ? (q.summary ?? "") : null,
      sentBefore: mine(q.id).length > 0,
    })),
    sent,
    // The help panel shows after someone sends words that may mean they are not safe; it does not say why.
    needsHelp: sent !== null && mine(sent).some((v) => v.state === "escalated"),
    typed,
    viewMax: VIEW_MAX,
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  return page(request, sessionId(params), null);
}

export async function action({ request, params }: Route.ActionArgs) {
  const id = sessionId(params);
  const pass = getPass(request);
  if (!pass) throw redirect(`/pass/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`);
  const t = getT(request);
  const form = await request.formData();
  const questionId = Number(form.get("question"));
  const raw = String(form.get("view") ?? "").slice(0, VIEW_MAX * 4);
  const text = tidyText(raw);
  const problem = !text
    ? t("sessions.view.error.empty")
    : text.length > VIEW_MAX
      ? t("sessions.view.error.tooLong", { max: VIEW_MAX })
      : (() => {
          const p = textProblem(text);
          return p ? t(p.key) : null;
        })();
  if (problem) return data(page(request, id, { questionId, text: raw, error: problem }), { status: 400 });
  try {
    const result = sendView({ passId: pass.id, sessionId: id, agendaQuestionId: questionId, text });
    if (result.escalated) void notifyEscalation();
  } catch (error) {
    if (error instanceof SessionError) {
      if (error.code === "not_member") throw data(null, { status: 404 });
      const message =
        error.code === "bad_question"
          ? t("sessions.view.error.question")
          : error.code === "rate_limited"
            ? t("sessions.view.error.tooMany")
            : t("sessions.view.error.closed");
      return data(page(request, id, { questionId, text: raw, error: message }), {
        status: error.code === "bad_question" ? 400 : error.code === "rate_limited" ? 429 : 409,
      });
    }
    throw error;
  }
  return redirect(`/sessions/${id}?sent=${questionId}#question-${questionId}`);
}

export default function Session({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const typed = p.typed;
  const errors = typed ? { [`view-${typed.questionId}`]: typed.error } : null;
  return (
    <>
      <PageTitle title={p.title} error={Boolean(errors)} />
      <a href="/sessions" className="back-link">
        {t("sessions.title")}
      </a>
      <ErrorSummary errors={errors} />
      <h1 dir="auto">{p.title}</h1>
      {p.state === "cancelled" && (
        <div className="notice warn" role="note">
          <p style={{ margin: 0 }}>
            <strong>{t("sessions.cancelledTitle")}</strong>
          </p>
          {p.cancelReason && (
            <p dir="auto" style={{ margin: "0.5rem 0 0" }}>
              {p.cancelReason}
            </p>
          )}
        </div>
      )}
      {p.state === "happened" && (
        <div className="notice">
          <p style={{ margin: 0 }}>{t("sessions.happened")}</p>
        </div>
      )}
      {p.needsHelp && <HelpPanel />}
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t("sessions.whenLabel")}</dt>
          <dd>{t("sessions.when", { day: p.day, from: p.from, to: p.to })}</dd>
        </div>
        <div className="summary-row">
          <dt>{t("sessions.whereLabel")}</dt>
          <dd dir="auto">
            {p.place ?? (p.onlineUrl ? t("sessions.online") : "")}
            {p.onlineUrl && (
              <>
                {p.place && <br />}
                <a href={p.onlineUrl} dir="ltr" style={{ overflowWrap: "anywhere" }}>
                  {t("sessions.onlineLink")}
                </a>
              </>
            )}
          </dd>
        </div>
        {p.accessInfo && (
          <div className="summary-row">
            <dt>{t("sessions.accessLabel")}</dt>
            <dd dir="auto">{p.accessInfo}</dd>
          </div>
        )}
        <div className="summary-row">
          <dt>{t("sessions.groupsLabel")}</dt>
          <dd dir="auto">{p.groups.join(", ")}</dd>
        </div>
      </dl>
      {p.state === "upcoming" && (
        <p>
          <a href={`/sessions/${p.id}/calendar.ics`} className="button secondary" download>
            {t("sessions.calendar")}
          </a>
        </p>
      )}

      <h2>{t("sessions.agendaTitle")}</h2>
      {p.open && <p>{t("sessions.agendaIntro")}</p>}
      <ol className="card-list">
        {p.questions.map((q) => {
          const mineTyped = typed?.questionId === q.id ? typed : null;
          return (
            <li key={q.id} id={`question-${q.id}`} className="card">
              <h3>
                {t("sessions.questionNumber", { n: q.position })} <bdi>{q.text}</bdi>
              </h3>
              {q.fromBoard && (
                <p>
                  <span className="tag">{t("sessions.fromBoard")}</span>
                </p>
              )}
              {p.sent === q.id && !p.needsHelp && (
                <div className="notice" role="status">
                  <p style={{ margin: 0 }}>{t("sessions.view.thanks")}</p>
                </div>
              )}
              {p.sent !== q.id && q.sentBefore && <p className="meta">{t("sessions.view.sentBefore")}</p>}
              {q.summary !== null && (
                <>
                  <h4>{t("sessions.summaryTitle")}</h4>
                  <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                    {q.summary || t("sessions.summaryNone")}
                  </p>
                </>
              )}
              {p.open && (
                <Form method="post" noValidate>
                  <input type="hidden" name="question" value={q.id} />
                  <CountedTextArea
                    id={`view-${q.id}`}
                    name="view"
                    label={t("sessions.view.label", { n: q.position })}
                    hint={t("sessions.view.hint")}
                    defaultValue={mineTyped?.text ?? ""}
                    error={mineTyped?.error}
                    maxLength={p.viewMax}
                    rows={4}
                  />
                  <div className="button-row">
                    <button type="submit" className="button">
                      {t("sessions.view.send")}
                    </button>
                  </div>
                </Form>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
