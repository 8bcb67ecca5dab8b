import { data, Form, redirect } from "react-router";
import { ChoiceGroup } from "~/components/ChoiceGroup";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Helped } from "~/components/Helped";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPass } from "~/models/passes/session.server";
import { getPublished, markHelped, PublishError, reportPublished } from "~/models/threads/published.server";
import { reportReasons } from "~/models/threads/types";
import { protectCount } from "~/utils/suppression";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/show";

function load(request: Request, params: { id: string }) {
  if (!/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  const pass = getPass(request);
  const item = getPublished(Number(params.id), pass?.id ?? null);
  if (!item) throw data(null, { status: 404 });
  const lang = getLang(request);
  const done = new URL(request.url).searchParams.get("done");
  return {
    signedIn: Boolean(pass),
    done: done === "helped" || done === "reported" || done === "hidden" ? done : null,
    item: {
      id: item.id,
      question: item.question ?? "",
      answer: item.answer ?? "",
      outcome: item.outcome,
      role: item.answererRole === "board" ? "board" : item.answererRole === "partnership" ? "partnership" : "officer",
      date: formatDate(item.publishedAt, lang),
      helped: protectCount(item.helped),
      helpedByPass: item.helpedByPass,
      reportedByPass: item.reportedByPass,
    },
  };
}

type Extra = { problem: string | null; reason: string; reasonError: string | null };

export async function loader({ request, params }: Route.LoaderArgs) {
  return { ...load(request, params), problem: null, reason: "", reasonError: null } as ReturnType<typeof load> & Extra;
}

export async function action({ request, params }: Route.ActionArgs) {
  const current = load(request, params);
  const t = getT(request);
  const pass = getPass(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const reason = String(form.get("reason") ?? "").slice(0, 20);
  const fail = (status: number, problem: string | null, reasonError: string | null = null) =>
    data({ ...current, done: null, problem, reason, reasonError } as ReturnType<typeof load> & Extra, { status });
  // Marks and reports count people, so each needs a pass: one each.
  if (!pass) return fail(403, t("qa.needPass"));
  try {
    if (intent === "helped") {
      markHelped(current.item.id, pass.id);
      return redirect(`/questions/${current.item.id}?done=helped`);
    }
    if (intent === "report") {
      const chosen = reportReasons.find((r) => r === reason);
      if (!chosen) return fail(400, null, t("qa.report.chooseReason"));
      const result = reportPublished(current.item.id, pass.id, chosen);
      // Hidden now: the item's page is gone, so the thank-you goes on the list.
      if (result.hidden) return redirect("/questions?reported=1");
      return redirect(`/questions/${current.item.id}?done=reported`);
    }
    return fail(400, t("qa.invalid"));
  } catch (error) {
    if (error instanceof PublishError) throw data(null, { status: 404 });
    throw error;
  }
}

export default function PublishedQuestion({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const q = p.item;
  return (
    <>
      <PageTitle title={q.question} error={Boolean(p.problem || p.reasonError)} />
      <a href="/questions" className="back-link">
        {t("qa.back")}
      </a>
      <ErrorSummary errors={p.reasonError ? { reason: p.reasonError } : null} />
      {p.problem && (
        <div className="notice warn" role="alert">
          <p style={{ margin: 0 }}>{p.problem}</p>
          {!p.signedIn && (
            <p style={{ margin: "0.5rem 0 0" }}>
              <a href="/pass">{t("qa.getPass")}</a>
            </p>
          )}
        </div>
      )}
      {p.done && (
        <div className="panel confirm" role="status">
          <p style={{ margin: 0 }}>{t(`qa.done.${p.done}`)}</p>
        </div>
      )}
      <h1 dir="auto">{q.question}</h1>
      <p className="meta">
        {q.outcome && (
          <>
            <span className="tag">{q.outcome}</span>{" "}
          </>
        )}
        {t(`qa.answeredBy.${q.role}`)} · {q.date}
      </p>
      <h2>{t("qa.answer")}</h2>
      <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
        {q.answer}
      </p>
      <Helped helped={q.helped} />
      {p.signedIn ? (
        <>
          {q.helpedByPass ? (
            <p>{t("qa.youSaidHelped")}</p>
          ) : (
            <Form method="post" className="button-row">
              <input type="hidden" name="intent" value="helped" />
              <button type="submit" className="button">
                {t("qa.helpedButton")}
              </button>
            </Form>
          )}
          <h2>{t("qa.report.title")}</h2>
          {q.reportedByPass ? (
            <p>{t("qa.report.already")}</p>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="report" />
              <ChoiceGroup
                type="radio"
                name="reason"
                id="reason"
                legend={t("qa.report.why")}
                hint={t("qa.report.hint")}
                error={p.reasonError ?? undefined}
                choices={reportReasons.map((r) => ({ value: r, label: t(`qa.report.reasons.${r}`) }))}
                checked={p.reason ? [p.reason] : []}
              />
              <div className="button-row">
                <button type="submit" className="button secondary">
                  {t("qa.report.button")}
                </button>
              </div>
            </Form>
          )}
        </>
      ) : (
        <div className="panel">
          <p style={{ marginTop: 0 }}>{t("qa.passInvite")}</p>
          <a href="/pass" className="button secondary">
            {t("qa.getPass")}
          </a>
        </div>
      )}
    </>
  );
}
