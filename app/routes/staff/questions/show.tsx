import { useState } from "react";
import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { ReadingAgeHint } from "~/components/ReadingAgeHint";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  PublishError,
  publicationDraft,
  publicationState,
  publishThread,
  reviewReports,
  unpublishThread,
} from "~/models/threads/published.server";
import {
  answerThread,
  assignThread,
  closeThreadByOfficer,
  getThreadForStaff,
  listAnswerers,
  remindAnswerer,
  ThreadError,
} from "~/models/threads.server";
import { ANSWER_MAX } from "~/schemas/threads";
import { readingAge, youngestAge } from "~/utils/reading-age";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/show";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), assignee: id, due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ intent: z.literal("answer"), answer: z.string().trim().min(1).max(ANSWER_MAX) }),
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("remind") }),
  z.object({
    intent: z.literal("readingAge"),
    answer: z
      .string()
      .max(ANSWER_MAX * 2)
      .default(""),
  }),
  z.object({
    intent: z.literal("publish"),
    publicQuestion: z.string().trim().min(1).max(ANSWER_MAX),
    publicAnswer: z.string().trim().min(1).max(ANSWER_MAX),
  }),
  z.object({ intent: z.literal("unpublish") }),
  z.object({ intent: z.literal("keep") }),
]);

/** What the officer may publish, or why not; and whether it is published, hidden by reports, helped. */
function publication(threadId: number) {
  let draft: ReturnType<typeof publicationDraft> | null = null;
  let blocked: string | null = null;
  try {
    draft = publicationDraft(threadId);
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    blocked = error.code;
  }
  const state = publicationState(threadId);
  return {
    draft: draft && { question: draft.question, answer: draft.answer },
    blocked,
    published: Boolean(state?.publishedAt),
    hidden: Boolean(state?.hiddenAt),
    reports: state?.reports ?? 0,
    // The officer's own live view: exact.
    helped: state?.helped ?? 0,
  };
}

function page(request: Request, params: { id: string }, staff: { id: number; role: string }) {
  if (!/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  const manages = can(staff.role, "manage_questions");
  const thread = getThreadForStaff({ id: staff.id, manages }, Number(params.id));
  if (!thread) throw data(null, { status: 404 });
  const lang = getLang(request);
  return {
    manages,
    thread: {
      ...thread,
      due: formatDate(thread.dueOn, lang),
      asked: formatWhen(thread.createdAt, lang),
      messages: thread.messages.map((m) => ({ ...m, when: formatWhen(m.at, lang) })),
      lastReminder: thread.lastReminder && {
        by: thread.lastReminder.by,
        when: formatWhen(thread.lastReminder.at, lang),
      },
    },
    answerers: manages ? listAnswerers().map((a) => ({ id: a.id, name: a.name, role: a.role })) : [],
    publication: manages ? publication(thread.id) : null,
    askerYoungest: youngestAge(thread.askerAgeBand),
    askerParent: thread.askerAudience === "parents_carers",
    readingAge: null as ReturnType<typeof readingAge>,
    done: new URL(request.url).searchParams.get("done"),
  };
}

type Extra = { errors: Record<string, string> | null; values: Record<string, string> };

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "manage_questions", "answer_questions");
  return { ...page(request, params, staff), errors: null, values: {} } as ReturnType<typeof page> & Extra;
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "manage_questions", "answer_questions");
  const current = page(request, params, staff);
  const t = getT(request);
  const form = await request.formData();
  const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v).slice(0, ANSWER_MAX * 2)]));
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ ...current, done: null, errors, values } as ReturnType<typeof page> & Extra, { status });
  const parsed = actionSchema.safeParse(values);
  if (!parsed.success) {
    const intent = values.intent;
    if (intent === "assign")
      return fail({
        ...(id.safeParse(values.assignee).success ? {} : { assignee: t("questions.error.assignee") }),
        ...(/^\d{4}-\d{2}-\d{2}$/.test(values.due ?? "") ? {} : { due: t("questions.error.due") }),
      });
    if (intent === "answer") return fail({ answer: t("questions.error.answer", { max: ANSWER_MAX }) });
    if (intent === "publish")
      return fail({
        ...(values.publicQuestion?.trim() ? {} : { publicQuestion: t("questions.publish.errorEmpty") }),
        ...(values.publicAnswer?.trim() ? {} : { publicAnswer: t("questions.publish.errorEmpty") }),
      });
    return fail({ main: t("questions.error.invalid") });
  }
  const threadId = current.thread.id;
  try {
    switch (parsed.data.intent) {
      case "assign":
        if (!current.manages) throw data(null, { status: 403 });
        assignThread({ threadId, assigneeId: parsed.data.assignee, dueOn: parsed.data.due });
        break;
      case "answer":
        answerThread({ threadId, staffId: staff.id, body: parsed.data.answer });
        break;
      case "close":
        if (!current.manages) throw data(null, { status: 403 });
        closeThreadByOfficer({ threadId });
        break;
      case "readingAge":
        // Without JavaScript: the page comes back with the answer kept and its reading age beside it.
        return data({
          ...current,
          done: null,
          errors: null,
          values,
          readingAge: readingAge(parsed.data.answer),
        } as ReturnType<typeof page> & Extra);
      case "publish":
      case "unpublish":
      case "keep": {
        if (!current.manages) throw data(null, { status: 403 });
        try {
          if (parsed.data.intent === "publish")
            publishThread({
              threadId,
              staffId: staff.id,
              question: parsed.data.publicQuestion,
              answer: parsed.data.publicAnswer,
            });
          else if (parsed.data.intent === "unpublish") unpublishThread(threadId);
          else reviewReports({ threadId, keep: true });
        } catch (error) {
          if (!(error instanceof PublishError)) throw error;
          const field = error.code === "edit_adds" ? "publicQuestion" : "main";
          return fail({ [field]: t(`questions.publish.error.${error.code}`) }, error.code === "not_found" ? 404 : 409);
        }
        return redirect(`/staff/questions/${threadId}?done=${parsed.data.intent}`);
      }
      case "remind": {
        if (!current.manages) throw data(null, { status: 403 });
        const { emailed } = remindAnswerer({ threadId, officerId: staff.id });
        // Recorded either way; the page says whether the email went.
        const sent = await emailed;
        return redirect(`/staff/questions/${threadId}?done=${sent ? "remind" : "remindNoEmail"}`);
      }
    }
  } catch (error) {
    if (error instanceof ThreadError) {
      if (error.code === "bad_date") return fail({ due: t("questions.error.dueBefore") });
      if (error.code === "bad_assignee") return fail({ assignee: t("questions.error.assignee") });
      return fail({ main: t(`questions.error.${error.code}`) }, error.code === "not_found" ? 404 : 409);
    }
    throw error;
  }
  return redirect(`/staff/questions/${threadId}?done=${parsed.data.intent}`);
}

export default function StaffThread({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  // What the answerer has typed, once they type (with JavaScript): the reading-age hint follows it.
  const [typed, setTyped] = useState<string | null>(null);
  const th = p.thread;
  const errors = p.errors;
  const title = t("questions.threadTitle", { id: th.id });
  const mayAssign =
    p.manages && (th.status === "waiting_assignment" || th.status === "with_answerer" || th.status === "answered");
  return (
    <>
      <PageTitle title={title} error={Boolean(errors)} />
      <ErrorSummary errors={errors} />
      <p>
        <a href="/staff/questions">{t("questions.back")}</a>
      </p>
      <h1>{title}</h1>
      {p.done &&
        !errors &&
        ["assign", "answer", "close", "remind", "remindNoEmail", "publish", "unpublish", "keep"].includes(p.done) && (
          <p className="notice" role="status">
            {t(`questions.done.${p.done}`)}
          </p>
        )}
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t("questions.statusLabel")}</dt>
          <dd>
            {t(`questions.status.${th.status}`)}
            {th.overdue && (
              <>
                {" "}
                <strong className="tag escalated">{t("questions.overdue")}</strong>
              </>
            )}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t("questions.answerer")}</dt>
          <dd>{th.assignee ?? t("questions.nobody")}</dd>
        </div>
        <div className="summary-row">
          <dt>{t("questions.due")}</dt>
          <dd>{th.due || t("questions.noDate")}</dd>
        </div>
        <div className="summary-row">
          <dt>{t("questions.asked")}</dt>
          <dd>{th.asked}</dd>
        </div>
        {(th.outcome || th.consultation) && (
          <div className="summary-row">
            <dt>{t("questions.about")}</dt>
            <dd>{[th.outcome, th.consultation].filter(Boolean).join(" · ")}</dd>
          </div>
        )}
      </dl>
      {th.firstState === "escalated" && <p className="notice warn">{t("questions.withLead")}</p>}
      {p.manages && th.status === "with_answerer" && !th.mayAnswer && (
        <Form method="post" className="button-row">
          <input type="hidden" name="intent" value="remind" />
          <Button variant="secondary">{t("questions.remind", { name: th.assignee ?? "" })}</Button>
          <span className="meta">
            {th.lastReminder
              ? t("questions.lastReminder", { when: th.lastReminder.when, name: th.lastReminder.by ?? "" })
              : t("questions.noReminder")}
          </span>
        </Form>
      )}

      <h2>{t("questions.messages")}</h2>
      <ol className="card-list">
        {th.messages.map((m) => (
          <li key={m.id} className="card">
            <h3 style={{ fontSize: "1.05rem" }}>
              {m.from === "staff"
                ? t("questions.answerBy", { name: m.by ?? "", when: m.when })
                : t("questions.askerWrote", { when: m.when })}
            </h3>
            {m.text !== null ? (
              <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                {m.text}
              </p>
            ) : (
              <p className="meta">
                {t(
                  `questions.hiddenText.${m.state === "escalated" ? "escalated" : m.state === "hidden" ? "hidden" : "pending"}`,
                )}
              </p>
            )}
          </li>
        ))}
      </ol>

      {th.mayAnswer && (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t("questions.answerTitle")}</h2>
          <Form method="post">
            <TextField
              name="answer"
              label={t("questions.answerLabel")}
              description={t("questions.answerHint")}
              multiline
              rows={8}
              maxLength={ANSWER_MAX}
              error={errors?.answer}
              defaultValue={p.values.answer}
              onChange={setTyped}
            />
            <ReadingAgeHint text={typed} initial={p.readingAge} youngest={p.askerYoungest} parent={p.askerParent} />
            <div className="button-row">
              <Button name="intent" value="answer">
                {t("questions.sendAnswer")}
              </Button>
              <Button name="intent" value="readingAge" variant="secondary">
                {t("questions.readingAge.check")}
              </Button>
            </div>
          </Form>
        </section>
      )}

      {p.publication && (th.status === "answered" || th.status === "closed") && (
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{t("questions.publish.title")}</h2>
          {p.publication.published ? (
            <>
              <p>
                {p.publication.hidden
                  ? t("questions.publish.hidden", { count: p.publication.reports })
                  : t("questions.publish.isPublished")}{" "}
                <a href={`/questions/${th.id}`}>{t("questions.publish.view")}</a>
              </p>
              <p className="meta">
                {t("questions.publish.helped", { count: p.publication.helped })} ·{" "}
                {t("questions.publish.reports", { count: p.publication.reports })}
              </p>
              <div className="button-row">
                {p.publication.reports > 0 && (
                  <Form method="post">
                    <Button name="intent" value="keep" variant="secondary">
                      {t("questions.publish.keep")}
                    </Button>
                  </Form>
                )}
                <Form method="post">
                  <Button name="intent" value="unpublish" variant="secondary">
                    {t("questions.publish.unpublish")}
                  </Button>
                </Form>
              </div>
            </>
          ) : p.publication.draft ? (
            <Form method="post">
              <p>{t("questions.publish.intro")}</p>
              <TextField
                name="publicQuestion"
                id="publicQuestion"
                label={t("questions.publish.question")}
                description={t("questions.publish.questionHint")}
                multiline
                rows={3}
                maxLength={ANSWER_MAX}
                error={errors?.publicQuestion}
                defaultValue={p.values.publicQuestion ?? p.publication.draft.question}
              />
              <TextField
                name="publicAnswer"
                id="publicAnswer"
                label={t("questions.publish.answer")}
                multiline
                rows={5}
                maxLength={ANSWER_MAX}
                error={errors?.publicAnswer}
                defaultValue={p.values.publicAnswer ?? p.publication.draft.answer}
              />
              <div className="button-row">
                <Button name="intent" value="publish">
                  {t("questions.publish.button")}
                </Button>
              </div>
            </Form>
          ) : (
            <p>{t(`questions.publish.blocked.${p.publication.blocked ?? "not_answered"}`)}</p>
          )}
        </section>
      )}

      {mayAssign && (
        <section aria-labelledby="assign-title">
          <h2 id="assign-title">{th.assigneeId ? t("questions.reassignTitle") : t("questions.assignTitle")}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="assign" />
            <div className={`field${errors?.assignee ? " has-error" : ""}`}>
              <label className="label" htmlFor="assignee">
                {t("questions.assigneeLabel")}
              </label>
              {errors?.assignee && (
                <p className="field-error" id="assignee-error">
                  <span className="visually-hidden">{t("error.prefix")}</span>
                  {errors.assignee}
                </p>
              )}
              <select
                id="assignee"
                name="assignee"
                defaultValue={p.values.assignee ?? (th.assigneeId ? String(th.assigneeId) : "")}
                aria-describedby={errors?.assignee ? "assignee-error" : undefined}
                aria-invalid={errors?.assignee ? true : undefined}
              >
                <option value="">{t("questions.choose")}</option>
                {p.answerers.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({t(`role.${a.role}`)})
                  </option>
                ))}
              </select>
            </div>
            <TextField
              name="due"
              id="due"
              type="date"
              label={t("questions.dueLabel")}
              description={t("questions.dueHint")}
              error={errors?.due}
              defaultValue={p.values.due ?? th.dueOn ?? ""}
            />
            <div className="button-row">
              <Button>{th.assigneeId ? t("questions.reassign") : t("questions.assign")}</Button>
            </div>
          </Form>
        </section>
      )}

      {p.manages && th.status !== "closed" && (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          <div className="button-row">
            <Button variant="secondary">{t("questions.close")}</Button>
          </div>
        </Form>
      )}
    </>
  );
}
