import { data, Form, redirect } from "react-router";
import { AnswerControl } from "~/components/answers/AnswerControl";
import { ErrorSummary } from "~/components/ErrorSummary";
import { FallbackNotice } from "~/components/FallbackNotice";
import { PageTitle } from "~/components/PageTitle";
import { ReadingSwitch } from "~/components/ReadingSwitch";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getDraft, saveDraftAnswer } from "~/models/consultations/drafts.server";
import type { DraftAnswer } from "~/models/consultations/types";
import { parseAnswer } from "~/schemas/answers";
import { langOf, localize } from "~/utils/localize";
import { ensureReceipt, readReceipt } from "~/utils/receipt.server";
import type { Route } from "./+types/question";
import { handleReadingSwitch, limitAnswering, loadPublicConsultation, requireAcceptingAnswers } from "./shared.server";

function findQuestion(request: Request, params: Route.LoaderArgs["params"]) {
  const consultation = loadPublicConsultation(params.slug);
  requireAcceptingAnswers(request, consultation);
  const number = Number(params.number);
  const question = Number.isInteger(number) ? consultation.questions[number - 1] : undefined;
  if (!question) throw data(null, { status: 404 });
  return { consultation, question, number };
}

function valuesFromDraft(answer: DraftAnswer | undefined): Record<string, string | string[]> {
  if (!answer) return {};
  const values: Record<string, string | string[]> = {};
  if (answer.value !== undefined) values.answer = String(answer.value);
  if (answer.optionIds) values.answer = answer.optionIds.map(String);
  if (answer.text !== undefined) {
    if (answer.optionIds) values.other = answer.text;
    else values.answer = answer.text;
  }
  if (answer.ranks) for (const [id, rank] of Object.entries(answer.ranks)) values[`rank-${id}`] = String(rank);
  return values;
}

function view(request: Request, params: Route.LoaderArgs["params"]) {
  const level = handleReadingSwitch(request);
  const { consultation, question, number } = findQuestion(request, params);
  const lang = getLang(request);
  const easy = level === "easy";
  const prompt = localize(question, "prompt", lang, easy);
  const why = question.why ? localize(question, "why", lang) : null;
  const options = question.options.map((o) => {
    const label = localize(o, "label", lang, easy);
    return { id: o.id, label: label.text, isOther: o.isOther, lang: langOf(label.fallback), fallback: label.fallback };
  });
  const change = new URL(request.url).searchParams.get("change") === "1";
  return {
    consultation: { slug: consultation.slug, title: localize(consultation, "title", lang).text },
    question: {
      id: question.id,
      kind: question.kind,
      prompt: prompt.text,
      promptLang: langOf(prompt.fallback),
      why: why?.text ?? null,
      whyLang: langOf(Boolean(why?.fallback)),
      required: question.required,
      maxLength: question.kind === "short_text" ? Math.min(question.maxLength, 200) : question.maxLength,
      options: options.map(({ fallback: _f, ...o }) => o),
    },
    number,
    total: consultation.questions.length,
    level,
    easyAvailable: consultation.questions.some(
      (q) => q.easyPrompt || Object.values(q.translations).some((tr) => tr.easyPrompt),
    ),
    fallback: prompt.fallback || options.some((o) => o.fallback),
    change,
    consultationRef: consultation,
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { consultationRef, ...page } = view(request, params);
  const receipt = readReceipt(request, consultationRef.id);
  const draft = receipt ? getDraft(receipt.hash, consultationRef.id) : null;
  return { ...page, values: valuesFromDraft(draft?.answers[String(page.question.id)]), error: null as string | null };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { consultation, question, number } = findQuestion(request, params);
  limitAnswering(request, consultation.id, context?.ip);
  const form = await request.formData();
  const parsed = parseAnswer(question, form);
  if (parsed.error) {
    const { consultationRef: _c, ...page } = view(request, params);
    const t = getT(request);
    return data({ ...page, values: parsed.raw, error: t(parsed.error.key, parsed.error.values) }, { status: 400 });
  }
  const receipt = ensureReceipt(request, consultation.id);
  saveDraftAnswer(receipt.hash, consultation.id, question.id, parsed.answer);
  const base = `/consultations/${consultation.slug}`;
  const change = new URL(request.url).searchParams.get("change") === "1";
  const next = change
    ? `${base}/check`
    : number < consultation.questions.length
      ? `${base}/question/${number + 1}`
      : `${base}/about-you`;
  return redirect(next, receipt.setCookie ? { headers: { "Set-Cookie": receipt.setCookie } } : undefined);
}

export default function QuestionPage({ loaderData, actionData }: Route.ComponentProps) {
  const page = actionData ?? loaderData;
  const { t } = useTranslation();
  const { consultation, question, number, total } = page;
  const base = `/consultations/${consultation.slug}`;
  const back = page.change ? `${base}/check` : number > 1 ? `${base}/question/${number - 1}` : base;
  const fieldId = `answer-${question.id}`;
  const error = page.error ?? undefined;
  return (
    <>
      <PageTitle
        title={`${t("consultation.progress", { number, total })}: ${question.prompt}`}
        error={Boolean(error)}
      />
      <a href={back} className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={error ? { [fieldId]: error } : null} />
      <p className="progress">
        {t("consultation.progress", { number, total })} · <bdi>{consultation.title}</bdi>
      </p>
      <ReadingSwitch level={page.level} available={page.easyAvailable} />
      <FallbackNotice show={page.fallback} />
      {/* Keyed by question: uncontrolled inputs must not carry one question's ticks into the next. */}
      <Form method="post" noValidate key={question.id}>
        <AnswerControl
          kind={question.kind}
          fieldId={fieldId}
          legend={question.prompt}
          legendLang={question.promptLang}
          hint={
            <>
              {!question.required && <span>{t("answer.optional")} </span>}
              {question.kind === "multiple" && <span>{t("answer.chooseAnyHint")} </span>}
              {question.kind === "ranking" && <span>{t("answer.rankHint")} </span>}
            </>
          }
          options={question.options}
          values={page.values}
          error={error}
          maxLength={question.maxLength}
        />
        {question.why && (
          <details>
            <summary>{t("consultation.whyAsking")}</summary>
            <p lang={question.whyLang} dir="auto">
              {question.why}
            </p>
          </details>
        )}
        <div className="button-row">
          <button type="submit" className="button">
            {page.change ? t("common.saveAndCheck") : t("common.continue")}
          </button>
        </div>
      </Form>
    </>
  );
}
