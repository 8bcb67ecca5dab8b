import { data, Form, redirect } from "react-router";
import { formatWhen } from "~/components/CaseContext";
import { CountedTextArea } from "~/components/CountedTextArea";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listOpenConsultations } from "~/models/consultations/participant-reads.server";
import { getPass } from "~/models/passes/session.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { notifyEscalation } from "~/models/safeguarding.server";
import { askerRetryAt, askQuestionAcknowledged, ThreadError } from "~/models/threads.server";
import { parseAskerText, QUESTION_MAX } from "~/schemas/threads";
import { localize } from "~/utils/localize";
import type { Route } from "./+types/ask";

type Values = { question: string; outcome: string; consultation: string };
type Extra = { errors: Record<string, string> | null; values: Values; retryAt: string | null };

function page(request: Request) {
  const pass = getPass(request);
  if (!pass) return { signedIn: false as const };
  const lang = getLang(request);
  const retryAt = askerRetryAt(pass.id);
  return {
    signedIn: true as const,
    nickname: pass.nickname,
    outcomes: listActiveOutcomes().map((o) => ({ id: o.id, title: o.childTitle ?? o.title })),
    consultations: listOpenConsultations().map((c) => ({ id: c.id, title: localize(c, "title", lang).text })),
    limitedUntil: retryAt ? formatWhen(retryAt, lang) : null,
  };
}

const empty: Values = { question: "", outcome: "", consultation: "" };

export async function loader({ request }: Route.LoaderArgs) {
  return { ...page(request), errors: null, values: empty, retryAt: null } as ReturnType<typeof page> & Extra;
}

export async function action({ request }: Route.ActionArgs) {
  const pass = getPass(request);
  if (!pass) throw redirect("/ask");
  const t = getT(request);
  const lang = getLang(request);
  const form = await request.formData();
  const values: Values = {
    question: String(form.get("question") ?? "").slice(0, QUESTION_MAX * 4),
    outcome: String(form.get("outcome") ?? ""),
    consultation: String(form.get("consultation") ?? ""),
  };
  const parsed = parseAskerText(values.question);
  if (parsed.error) {
    return data(
      {
        ...page(request),
        errors: { question: t(parsed.error, { max: QUESTION_MAX }) },
        values,
        retryAt: null,
      } as ReturnType<typeof page> & Extra,
      { status: 400 },
    );
  }
  const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);
  try {
    const result = await askQuestionAcknowledged({
      passId: pass.id,
      text: parsed.text,
      outcomeId: id(values.outcome),
      consultationId: id(values.consultation),
      language: lang,
    });
    if (result.escalated) void notifyEscalation();
    return redirect(`/pass/questions/${result.threadId}?sent=question`);
  } catch (error) {
    if (error instanceof ThreadError && error.code === "rate_limited") {
      return data(
        { ...page(request), errors: null, values, retryAt: formatWhen(error.retryAt ?? "", lang) } as ReturnType<
          typeof page
        > &
          Extra,
        { status: 429 },
      );
    }
    throw error;
  }
}

export default function Ask({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  if (!p.signedIn) {
    return (
      <>
        <PageTitle title={t("ask.title")} />
        <h1>{t("ask.title")}</h1>
        <p>{t("ask.needPass")}</p>
        <p>{t("ask.whyPass")}</p>
        <div className="button-row">
          <a href="/pass" className="button">
            {t("ask.getPass")}
          </a>
          <a href="/pass/sign-in" className="button secondary">
            {t("ask.signIn")}
          </a>
        </div>
      </>
    );
  }
  const limited = p.retryAt ?? p.limitedUntil;
  if (limited) {
    return (
      <>
        <PageTitle title={t("ask.limit.title")} />
        <h1>{t("ask.limit.title")}</h1>
        <p>{t("ask.limit.body", { count: 5 })}</p>
        <p>{t("ask.limit.when", { when: limited })}</p>
        <p>{t("ask.limit.help")}</p>
        <p>
          <a href="/">{t("error.home")}</a>
        </p>
      </>
    );
  }
  const errors = p.errors;
  return (
    <>
      <PageTitle title={t("ask.title")} error={Boolean(errors)} />
      <ErrorSummary errors={errors} />
      <h1>{t("ask.title")}</h1>
      <p>{t("ask.lead", { nickname: `\u2068${p.nickname}\u2069` })}</p>
      <aside className="notice" aria-labelledby="ask-note-title">
        <h2 id="ask-note-title" style={{ marginTop: 0, fontSize: "1.2rem" }}>
          {t("ask.note.title")}
        </h2>
        <ul style={{ marginBottom: 0 }}>
          <li>{t("ask.note.private")}</li>
          <li>{t("ask.note.check")}</li>
          <li>{t("ask.note.answer")}</li>
        </ul>
      </aside>
      <Form method="post" noValidate>
        <CountedTextArea
          id="question"
          name="question"
          label={t("ask.questionLabel")}
          hint={t("ask.questionHint")}
          defaultValue={p.values.question}
          error={errors?.question}
          maxLength={QUESTION_MAX}
        />
        <div className="field">
          <label className="label" htmlFor="outcome">
            {t("ask.outcomeLabel")}
          </label>
          <p className="hint" id="outcome-hint">
            {t("ask.optional")}
          </p>
          <select id="outcome" name="outcome" defaultValue={p.values.outcome} aria-describedby="outcome-hint">
            <option value="">{t("ask.noChoice")}</option>
            {p.outcomes.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </div>
        {p.consultations.length > 0 && (
          <div className="field">
            <label className="label" htmlFor="consultation">
              {t("ask.consultationLabel")}
            </label>
            <p className="hint" id="consultation-hint">
              {t("ask.optional")}
            </p>
            <select
              id="consultation"
              name="consultation"
              defaultValue={p.values.consultation}
              aria-describedby="consultation-hint"
            >
              <option value="">{t("ask.noChoice")}</option>
              {p.consultations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button">
            {t("ask.send")}
          </button>
        </div>
      </Form>
    </>
  );
}
