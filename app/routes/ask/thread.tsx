import { data, Form, redirect } from "react-router";
import { formatWhen } from "~/components/CaseContext";
import { CountedTextArea } from "~/components/CountedTextArea";
import { ErrorSummary } from "~/components/ErrorSummary";
import { HelpPanel } from "~/components/HelpPanel";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { requirePass } from "~/models/passes/session.server";
import { notifyEscalation } from "~/models/safeguarding.server";
import { closeThreadByAsker, getThreadForAsker, replyToThreadAcknowledged, ThreadError } from "~/models/threads.server";
import { parseAskerText, QUESTION_MAX } from "~/schemas/threads";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/thread";

function threadId(params: { id: string }) {
  if (!/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  return Number(params.id);
}

function page(request: Request, params: { id: string }) {
  const pass = requirePass(request);
  const thread = getThreadForAsker(pass.id, threadId(params));
  if (!thread) throw data(null, { status: 404 });
  const lang = getLang(request);
  const sent = new URL(request.url).searchParams.get("sent");
  return {
    pass,
    thread: {
      ...thread,
      dueOn: thread.dueOn ? formatDate(thread.dueOn, lang) : null,
      messages: thread.messages.map((m) => ({ ...m, when: formatWhen(m.at, lang) })),
    },
    sent: sent === "reply" || sent === "closed" || sent === "question" ? sent : null,
  };
}

type Extra = { errors: Record<string, string> | null; reply: string; problem: string | null };

export async function loader({ request, params }: Route.LoaderArgs) {
  const { pass: _pass, ...rest } = page(request, params);
  return { ...rest, errors: null, reply: "", problem: null } as Omit<ReturnType<typeof page>, "pass"> & Extra;
}

export async function action({ request, params }: Route.ActionArgs) {
  const { pass, ...rest } = page(request, params);
  const t = getT(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const reply = String(form.get("reply") ?? "").slice(0, QUESTION_MAX * 4);
  const fail = (status: number, extra: Partial<Extra>) =>
    data({ ...rest, sent: null, errors: null, reply, problem: null, ...extra } as typeof rest & Extra, { status });
  try {
    if (intent === "close") {
      closeThreadByAsker({ passId: pass.id, threadId: rest.thread.id });
      return redirect(`/pass/questions/${rest.thread.id}?sent=closed`);
    }
    if (intent !== "reply") return fail(400, { problem: t("ask.error.invalid") });
    const parsed = parseAskerText(reply);
    if (parsed.error) return fail(400, { errors: { reply: t(parsed.error, { max: QUESTION_MAX }) } });
    const result = await replyToThreadAcknowledged({ passId: pass.id, threadId: rest.thread.id, text: parsed.text });
    if (result.escalated) void notifyEscalation();
    return redirect(`/pass/questions/${rest.thread.id}?sent=reply`);
  } catch (error) {
    if (error instanceof ThreadError) {
      if (error.code === "not_found") throw data(null, { status: 404 });
      if (error.code === "rate_limited")
        return fail(429, { problem: t("ask.limit.when", { when: formatWhen(error.retryAt ?? "", getLang(request)) }) });
      if (error.code === "closed") return fail(409, { problem: t("ask.error.closed") });
      return fail(409, { problem: t("ask.error.notAnswered") });
    }
    throw error;
  }
}

export default function Thread({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const th = p.thread;
  const title = t("ask.thread.title");
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors || p.problem)} />
      <ErrorSummary errors={p.errors} />
      {p.problem && (
        <div className="notice warn" role="alert">
          <p style={{ margin: 0 }}>{p.problem}</p>
        </div>
      )}
      {p.sent && (
        <div className="panel confirm" role="status">
          <p style={{ margin: 0 }}>{t(`ask.thread.sent.${p.sent}`)}</p>
        </div>
      )}
      <h1>{title}</h1>
      <p>
        {t("ask.thread.statusLabel")} <strong className="tag">{t(`ask.status.${th.shownStatus}`)}</strong>
      </p>
      <p>{t(`ask.statusHelp.${th.shownStatus}`)}</p>
      {th.dueOn && th.status === "with_answerer" && <p>{t("ask.thread.due", { date: th.dueOn })}</p>}
      {(th.outcome || th.consultation) && (
        <p>
          {t("ask.thread.about")} <bdi>{th.outcome ?? th.consultation}</bdi>
        </p>
      )}
      {th.needsHelp && <HelpPanel />}
      <h2>{t("ask.thread.messages")}</h2>
      <ol className="card-list thread-messages">
        {th.messages.map((m) => (
          <li key={m.id} className="card">
            {m.from === "asker" ? (
              <>
                <h3 style={{ fontSize: "1.1rem" }}>{t("ask.thread.youWrote", { when: m.when })}</h3>
                <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                  {m.body}
                </p>
                <p className="meta">{t(`ask.messageState.${m.state}`)}</p>
                {m.state === "hidden" && m.hideReason && (
                  <p>
                    {t("ask.thread.why")} <span dir="auto">{m.hideReason}</span>
                  </p>
                )}
              </>
            ) : (
              <>
                <h3 style={{ fontSize: "1.1rem" }}>
                  {t("ask.thread.answerFrom", { name: `\u2068${m.staffName ?? ""}\u2069`, when: m.when })}
                </h3>
                <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                  {m.body}
                </p>
              </>
            )}
          </li>
        ))}
      </ol>
      {th.status !== "closed" && th.messages.some((m) => m.from === "staff") && (
        <>
          <h2>{t("ask.thread.nextTitle")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="close" />
            <p>{t("ask.thread.closeHint")}</p>
            <div className="button-row">
              <button type="submit" className="button">
                {t("ask.thread.close")}
              </button>
            </div>
          </Form>
        </>
      )}
      {th.status === "answered" && (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reply" />
          <CountedTextArea
            id="reply"
            name="reply"
            label={t("ask.thread.replyLabel")}
            hint={t("ask.thread.replyHint")}
            defaultValue={p.reply}
            error={p.errors?.reply}
            maxLength={QUESTION_MAX}
            rows={4}
          />
          <div className="button-row">
            <button type="submit" className="button secondary">
              {t("ask.thread.sendReply")}
            </button>
          </div>
        </Form>
      )}
      {th.status === "closed" && <p>{t(th.closedBy === "asker" ? "ask.thread.closedByYou" : "ask.thread.closed")}</p>}
      <p>
        <a href="/ask">{t("ask.another")}</a>
      </p>
    </>
  );
}
