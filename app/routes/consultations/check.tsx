import { data, Form, redirect } from "react-router";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { deleteDraft, getDraft } from "~/models/consultations/drafts.server";
import { SubmissionError, sendAnswers } from "~/models/consultations/submission.server";
import { listLocalities } from "~/models/reference.server";
import { langOf, localize } from "~/utils/localize";
import { readingLevel, readReceipt, sentCookies } from "~/utils/receipt.server";
import type { Route } from "./+types/check";
import { limitAnswering, loadPublicConsultation, requireAcceptingAnswers } from "./shared.server";

function view(request: Request, slug: string) {
  const consultation = loadPublicConsultation(slug);
  requireAcceptingAnswers(request, consultation);
  const lang = getLang(request);
  const t = getT(lang);
  const easy = readingLevel(request) === "easy";
  const receipt = readReceipt(request, consultation.id);
  const draft = receipt ? getDraft(receipt.hash, consultation.id) : null;
  const answers = draft?.answers ?? {};
  const rows = consultation.questions.map((q, i) => {
    const a = answers[String(q.id)];
    const prompt = localize(q, "prompt", lang, easy);
    const label = (id: number) => {
      const o = q.options.find((x) => x.id === id);
      return o ? localize(o, "label", lang, easy).text : "";
    };
    let shown: string[] = [];
    if (a?.value !== undefined) shown = [t(`scale.${a.value}`)];
    else if (a?.ranks)
      shown = Object.entries(a.ranks)
        .sort((x, y) => x[1] - y[1])
        .map(([id, rank]) => `${rank}. ${label(Number(id))}`);
    else if (a?.optionIds) shown = a.optionIds.map(label);
    if (a?.text) shown.push(a.text);
    return {
      number: i + 1,
      prompt: prompt.text,
      promptLang: langOf(prompt.fallback),
      shown,
      missing: !a && q.required,
    };
  });
  const about = draft?.about;
  const locality = about?.localityId ? listLocalities().find((l) => l.id === about.localityId)?.name : null;
  return {
    consultation,
    receipt,
    draft,
    page: {
      slug: consultation.slug,
      title: localize(consultation, "title", lang).text,
      rows,
      about: {
        audience: about?.audience ? t(`audience.${about.audience}`) : null,
        ageBand: about?.ageBand ? t(`ageBand.${about.ageBand}`) : about ? t("ageBand.prefer_not") : null,
        locality: locality ?? (about ? t("about.preferNot") : null),
      },
      askAge: consultation.audience !== "parents_carers" && about?.audience !== "parents_carers",
      errors: null as Record<string, string> | null,
    },
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { page, draft } = view(request, params.slug);
  if (!draft) throw redirect(`/consultations/${params.slug}`);
  return page;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  // The page itself is only worked out again if something is wrong: sending should be quick for a whole class.
  const consultation = loadPublicConsultation(params.slug);
  requireAcceptingAnswers(request, consultation);
  limitAnswering(request, consultation.id, context?.ip);
  const receipt = readReceipt(request, consultation.id);
  const draft = receipt ? getDraft(receipt.hash, consultation.id) : null;
  const t = getT(request);
  if (!receipt || !draft) {
    const { page } = view(request, params.slug);
    return data({ ...page, errors: { "answer-row-1": t("check.error.nothing") } }, { status: 400 });
  }
  try {
    await sendAnswers({
      consultation,
      receiptHash: receipt.hash,
      answers: draft.answers,
      about: draft.about ?? null,
      language: getLang(request),
      readingLevel: readingLevel(request),
    });
  } catch (error) {
    if (error instanceof SubmissionError && error.code === "incomplete") {
      const { page } = view(request, params.slug);
      const number = error.questionNumber;
      return data(
        { ...page, errors: { [`answer-row-${number}`]: t("check.error.missing", { number }) } },
        { status: 400 },
      );
    }
    if (error instanceof SubmissionError && error.code === "closed") {
      throw data({ message: t("consultation.closedBody") }, { status: 410 });
    }
    throw error;
  }
  deleteDraft(receipt.hash, consultation.id);
  const headers = new Headers();
  for (const cookie of sentCookies(consultation.id, receipt.receipt)) headers.append("Set-Cookie", cookie);
  return redirect(`/consultations/${consultation.slug}/done`, { headers });
}

export default function CheckAnswers({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const base = `/consultations/${p.slug}`;
  return (
    <>
      <PageTitle title={t("check.title")} error={Boolean(p.errors)} />
      <a href={`${base}/about-you`} className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("check.title")}</h1>
      <p>{t("check.intro")}</p>
      <h2>{t("check.yourAnswers")}</h2>
      <dl className="summary-list">
        {p.rows.map((row) => (
          <div className="summary-row" key={row.number} id={`answer-row-${row.number}`}>
            <dt dir="auto" lang={row.promptLang}>
              {row.prompt}
            </dt>
            <dd dir="auto">
              {row.shown.length
                ? row.shown.map((answer, i) => (
                    // Each answer keeps its own direction: an English option or a typed answer on an Arabic page.
                    // biome-ignore lint/suspicious/noArrayIndexKey: answers are shown in a fixed order
                    <bdi key={i} className="answer-line">
                      {answer}
                    </bdi>
                  ))
                : row.missing
                  ? t("check.notAnsweredRequired")
                  : t("check.skipped")}
            </dd>
            <dd>
              <a href={`${base}/question/${row.number}?change=1`}>
                {t("common.change")}
                <span className="visually-hidden">
                  {" "}
                  <bdi lang={row.promptLang}>{row.prompt}</bdi>
                </span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t("about.title")}</h2>
      <dl className="summary-list">
        {p.about.audience && (
          <div className="summary-row">
            <dt>{t("about.whoLegend")}</dt>
            <dd>{p.about.audience}</dd>
            <dd>
              <a href={`${base}/about-you`}>
                {t("common.change")}
                <span className="visually-hidden"> {t("about.whoLegend")}</span>
              </a>
            </dd>
          </div>
        )}
        {p.askAge && (
          <div className="summary-row">
            <dt>{t("about.ageLegend")}</dt>
            <dd>{p.about.ageBand ?? t("check.skipped")}</dd>
            <dd>
              <a href={`${base}/about-you`}>
                {t("common.change")}
                <span className="visually-hidden"> {t("about.ageLegend")}</span>
              </a>
            </dd>
          </div>
        )}
        <div className="summary-row">
          <dt>{t("about.localityLabel")}</dt>
          <dd>{p.about.locality ? <bdi>{p.about.locality}</bdi> : t("check.skipped")}</dd>
          <dd>
            <a href={`${base}/about-you`}>
              {t("common.change")}
              <span className="visually-hidden"> {t("about.localityLabel")}</span>
            </a>
          </dd>
        </div>
      </dl>
      <h2>{t("check.sendTitle")}</h2>
      <p>{t("check.sendBody")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("check.send")}
        </button>
      </Form>
    </>
  );
}
