import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { Checkbox } from "~/components/ui/Checkbox";
import { CheckboxGroup } from "~/components/ui/CheckboxGroup";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  addQuestion,
  ConsultationEditError,
  closeConsultationEarly,
  getConsultationForStaff,
  publishConsultation,
  removeQuestion,
} from "~/models/consultations/builder.server";
import { effectiveStatus } from "~/models/consultations/participant-reads.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { recordAudit } from "~/models/staff.server";
import { questionKinds } from "~/schemas/answers";
import { questionSchema } from "~/schemas/consultations";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/edit";

function load(request: Request, idParam: string) {
  const id = Number(idParam);
  const c = Number.isInteger(id) ? getConsultationForStaff(id) : null;
  if (!c) throw data(null, { status: 404 });
  const lang = getLang(request);
  const outcomes = listActiveOutcomes();
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    status: effectiveStatus(c),
    audience: c.audience,
    opensOn: formatDate(c.opensAt, lang),
    closesOn: formatDate(c.closesAt, lang),
    outcomes: outcomes.map((o) => ({ id: o.id, title: o.title })),
    questions: c.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      easyPrompt: q.easyPrompt,
      required: q.required,
      options: q.options.map((o) => o.label),
      outcomes: outcomes.filter((o) => q.outcomeIds.includes(o.id)).map((o) => o.title),
    })),
  };
}

const blankQuestion = {
  kind: "scale",
  prompt: "",
  easyPrompt: "",
  why: "",
  options: "",
  required: "yes",
  outcomeIds: [] as string[],
};

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  return { ...load(request, params.id), values: blankQuestion, errors: null as Record<string, string> | null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "consultations");
  const page = load(request, params.id);
  const t = getT(request);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "close") {
      closeConsultationEarly(page.id);
      recordAudit(staff.id, "consultation_closed_early", "consultation", page.id);
      return redirect(`/staff/consultations/${page.id}`);
    }
    if (intent === "remove") {
      const questionId = Number(form.get("questionId"));
      if (Number.isInteger(questionId)) removeQuestion(page.id, questionId);
      recordAudit(staff.id, "question_removed", "consultation", page.id, { questionId });
      return redirect(`/staff/consultations/${page.id}#questions`);
    }
    if (intent === "publish") {
      publishConsultation(page.id);
      recordAudit(staff.id, "consultation_published", "consultation", page.id);
      return redirect(`/staff/consultations/${page.id}?published=1`);
    }
    const raw = Object.fromEntries(
      [...form.entries()].filter(([k]) => k !== "outcomeIds").map(([k, v]) => [k, String(v)]),
    );
    const outcomeIdsRaw = form.getAll("outcomeIds").map(String);
    const values = { ...blankQuestion, ...raw, outcomeIds: outcomeIdsRaw };
    const parsed = questionSchema.safeParse(raw);
    const validOutcomes = new Set(page.outcomes.map((o) => String(o.id)));
    const errors: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= t(issue.message);
    if (outcomeIdsRaw.some((id) => !validOutcomes.has(id))) errors.outcomeIds = t("builder.error.outcomes");
    if (!parsed.success || Object.keys(errors).length) return data({ ...page, values, errors }, { status: 400 });
    const q = parsed.data;
    const choice = ["single", "multiple", "ranking"].includes(q.kind);
    addQuestion({
      consultationId: page.id,
      kind: q.kind,
      prompt: q.prompt,
      easyPrompt: q.easyPrompt,
      why: q.why,
      required: q.required === "yes",
      maxLength: q.kind === "short_text" ? 200 : q.maxLength,
      options: choice
        ? [
            ...q.optionList.map((label) => ({ label })),
            ...(q.kind === "multiple" && q.otherOption
              ? [{ label: t("builder.otherOptionLabel"), isOther: true }]
              : []),
          ]
        : [],
      outcomeIds: outcomeIdsRaw.map(Number),
    });
    recordAudit(staff.id, "question_added", "consultation", page.id);
    return redirect(`/staff/consultations/${page.id}#questions`);
  } catch (error) {
    if (error instanceof ConsultationEditError) {
      return data(
        { ...page, values: blankQuestion, errors: { intent: t(`builder.error.${error.code}`) } },
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function EditConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const v = p.values;
  return (
    <>
      <PageTitle title={p.title} error={Boolean(p.errors)} />
      <a href="/staff/consultations" className="back-link">
        {t("staff.navLinks.consultations")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{p.title}</h1>
      <p>
        <span className={`tag ${p.status === "draft" ? "pending" : ""}`}>{t(`status.${p.status}`)}</span>{" "}
        {t(`audienceShort.${p.audience}`)} · {p.opensOn} – {p.closesOn}
      </p>
      <p>{p.summary}</p>
      <ul className="action-links">
        <li>
          <a href={`/staff/consultations/${p.id}/preview`}>{t("builder.preview")}</a>
        </li>
        <li>
          <a href={`/staff/consultations/${p.id}/translate?lang=pl`}>{t("builder.translations")}</a>
        </li>
        {p.status !== "draft" && (
          <>
            <li>
              <a href={`/staff/consultations/${p.id}/results`}>{t("builder.results")}</a>
            </li>
            <li>
              <a href={`/consultations/${p.slug}`}>{t("builder.viewPublic")}</a>
            </li>
          </>
        )}
      </ul>
      {p.status === "open" && (
        <Form method="post" className="no-print">
          <input type="hidden" name="intent" value="close" />
          <Button variant="danger" size="small">
            {t("builder.closeEarly")}
          </Button>
        </Form>
      )}

      {/* Paper and in-person answers, typed in or imported */}
      {p.status !== "draft" && (
        <ul className="action-links">
          <li>
            <a href={`/staff/consultations/${p.id}/paper`}>{t("paper.link")}</a>
          </li>
          <li>
            <a href={`/staff/consultations/${p.id}/import`}>{t("import.link")}</a>
          </li>
        </ul>
      )}

      <h2 id="questions">{t("builder.questionsTitle", { count: p.questions.length })}</h2>
      {p.questions.length === 0 ? (
        <p>{t("builder.noQuestions")}</p>
      ) : (
        <ol className="card-list">
          {p.questions.map((q) => (
            <li key={q.id} className="card">
              <p className="meta">
                {t(`kind.${q.kind}`)} · {q.required ? t("builder.required") : t("builder.optional")}
                {q.outcomes.length > 0 && <> · {q.outcomes.join(", ")}</>}
              </p>
              <h3 style={{ margin: 0 }}>{q.prompt}</h3>
              {q.easyPrompt && (
                <p className="meta">
                  {t("builder.easyRead")}: {q.easyPrompt}
                </p>
              )}
              {q.options.length > 0 && <p>{q.options.join(" · ")}</p>}
              {p.status === "draft" && (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="questionId" value={q.id} />
                  <Button variant="danger" size="small">
                    {t("builder.remove")}
                    <span className="visually-hidden"> {q.prompt}</span>
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}

      {p.status === "draft" && (
        <>
          <h2>{t("builder.addQuestion")}</h2>
          {/* keyed by the question count, so the form starts empty again after each question is added */}
          <Form key={p.questions.length} method="post" noValidate style={{ maxWidth: "44rem" }}>
            <input type="hidden" name="intent" value="add" />
            <div className={`field${e.kind ? " has-error" : ""}`}>
              <label htmlFor="kind">{t("builder.kind")}</label>
              <FieldError id="kind" message={e.kind} />
              <select id="kind" name="kind" defaultValue={v.kind}>
                {questionKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField label={t("builder.prompt")} name="prompt" defaultValue={v.prompt} error={e.prompt} />
            <TextField
              label={t("builder.easyPrompt")}
              name="easyPrompt"
              description={t("builder.easyPromptHint")}
              defaultValue={v.easyPrompt}
              error={e.easyPrompt}
            />
            <TextField label={t("builder.why")} name="why" defaultValue={v.why} error={e.why} multiline rows={2} />
            <TextField
              label={t("builder.options")}
              name="options"
              description={t("builder.optionsHint")}
              defaultValue={v.options}
              error={e.options}
              multiline
            />
            <div className="field">
              <Checkbox name="otherOption" value="on">
                {t("builder.otherOption")}
              </Checkbox>
            </div>
            <RadioGroup
              label={t("builder.requiredLegend")}
              name="required"
              defaultValue={v.required}
              inline
              options={[
                { value: "yes", label: t("builder.required") },
                { value: "no", label: t("builder.optional") },
              ]}
            />
            <CheckboxGroup
              label={t("builder.outcomes")}
              name="outcomeIds"
              description={t("builder.outcomesHint")}
              error={e.outcomeIds}
              defaultValue={v.outcomeIds}
              grid
              options={p.outcomes.map((o) => ({ value: String(o.id), label: o.title }))}
            />
            <Button variant="secondary">{t("builder.addQuestionButton")}</Button>
          </Form>

          <h2>{t("builder.publishTitle")}</h2>
          <p>{t("builder.publishBody")}</p>
          <Form method="post" id="intent">
            <input type="hidden" name="intent" value="publish" />
            <Button>{t("builder.publish")}</Button>
          </Form>
        </>
      )}
    </>
  );
}
