import { useState } from "react";
import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { PaperAnswerControl, paperFieldName } from "~/components/answers/PaperAnswerControl";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { submitResponse } from "~/models/consultations/submission.server";
import type { DraftAnswer } from "~/models/consultations/types";
import { countResponsesByChannel, getConsultationForEntry } from "~/models/imports.server";
import { listLocalities } from "~/models/reference.server";
import { recordAudit } from "~/models/staff.server";
import { parseAnswer } from "~/schemas/answers";
import type { Route } from "./+types/paper";

/** The age groups of the about-you page, listed here because the form shows them in the browser. */
const ageBands = ["under_8", "8_11", "12_15", "16_19", "20_25"] as const;

const aboutSchema = z.object({
  audience: z.enum(["young_people", "parents_carers"]).optional(),
  ageBand: z.union([z.literal(""), z.enum(ageBands)]).default(""),
  locality: z.union([z.literal(""), z.coerce.number().int().positive()]).default(""),
});

function load(idParam: string) {
  const id = Number(idParam);
  const consultation = Number.isInteger(id) ? getConsultationForEntry(id) : null;
  if (!consultation) throw data(null, { status: 404 });
  return {
    consultation,
    view: {
      id: consultation.id,
      title: consultation.title,
      askAudience: consultation.audience === "both",
      askAge: consultation.audience !== "parents_carers",
      questions: consultation.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        required: q.required,
        maxLength: q.maxLength,
        options: q.options.map((o) => ({ id: o.id, label: o.label, isOther: o.isOther })),
      })),
      localities: listLocalities(),
      count: countResponsesByChannel(consultation.id, "paper"),
    },
  };
}

/** One question's fields, renamed to what parseAnswer reads on the one-question-a-page form, so the rules match. */
function questionForm(form: FormData, questionId: number, optionIds: number[]) {
  const name = paperFieldName(questionId);
  const out = new FormData();
  for (const value of form.getAll(name)) out.append("answer", value);
  const other = form.get(`${name}-other`);
  if (other !== null) out.set("other", other);
  for (const id of optionIds) {
    const rank = form.get(`${name}-rank-${id}`);
    if (rank !== null) out.set(`rank-${id}`, rank);
  }
  return out;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  const { view } = load(params.id);
  const url = new URL(request.url);
  const saved = url.searchParams.get("saved");
  return {
    ...view,
    saved,
    flagged: url.searchParams.get("flag") === "harm",
    values: {} as Record<string, string | string[]>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "consultations");
  const { consultation, view } = load(params.id);
  const t = getT(request);
  const form = await request.formData();
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map(String);
    values[key] = all.length > 1 ? all : all[0];
  }

  const errors: Record<string, string> = {};
  const answers: Record<string, DraftAnswer> = {};
  consultation.questions.forEach((q, i) => {
    const parsed = parseAnswer(
      q,
      questionForm(
        form,
        q.id,
        q.options.map((o) => o.id),
      ),
    );
    if (parsed.error) {
      errors[paperFieldName(q.id)] = t("paper.questionError", {
        number: i + 1,
        message: t(parsed.error.key, parsed.error.values),
      });
    } else if (parsed.answer) answers[String(q.id)] = parsed.answer;
  });

  const about = aboutSchema.safeParse({
    audience: view.askAudience ? (values.audience ?? "") : undefined,
    ageBand: view.askAge ? (values.ageBand ?? "") : "",
    locality: values.locality ?? "",
  });
  const localityId = about.success && about.data.locality !== "" ? about.data.locality : null;
  if (!about.success) {
    for (const issue of about.error.issues) {
      const field = String(issue.path[0]);
      errors[field === "audience" ? "audience-young_people" : field] = t(`paper.error.${field}`);
    }
  } else if (view.askAudience && !about.data.audience) {
    errors["audience-young_people"] = t("paper.error.audience");
  } else if (localityId !== null && !view.localities.some((l) => l.id === localityId)) {
    errors.locality = t("paper.error.locality");
  }

  if (Object.keys(errors).length || !about.success) {
    return data({ ...view, saved: null, values, errors }, { status: 400 });
  }
  const { responseId, escalated } = submitResponse({
    consultation,
    receiptHash: null,
    answers,
    about: { audience: about.data.audience, ageBand: about.data.ageBand || undefined, localityId },
    // the paper's language is not recorded on the form; English is what the county prints
    language: "en",
    readingLevel: "standard",
    channel: "paper",
  });
  recordAudit(staff.id, "paper_response_entered", "consultation", consultation.id, { responseId });
  return redirect(
    `/staff/consultations/${consultation.id}/paper?saved=${view.count + 1}${escalated ? "&flag=harm" : ""}`,
  );
}

export default function PaperEntry({ loaderData, actionData }: Route.ComponentProps) {
  // Following an error summary link changes only the URL's hash, and the router then forgets the action's answer.
  // Keep the refused paper (its errors and values) until the next one is saved.
  const [kept, setKept] = useState({ action: actionData, saved: loaderData.saved });
  if (actionData && actionData !== kept.action) setKept({ action: actionData, saved: loaderData.saved });
  if (!actionData && kept.saved !== loaderData.saved) setKept({ action: undefined, saved: loaderData.saved });
  const p = actionData ?? (kept.saved === loaderData.saved ? kept.action : undefined) ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const v = p.values;
  const one = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : "");
  return (
    <>
      <PageTitle title={`${t("paper.title")}: ${p.title}`} error={Boolean(p.errors)} />
      <a href={`/staff/consultations/${p.id}`} className="back-link">
        {p.title}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("paper.title")}</h1>
      <div role="status">
        {p.saved && !p.errors && <p className="notice">{t("paper.saved")}</p>}
        {p.saved && !p.errors && loaderData.flagged && <p className="notice warn">{t("paper.flagged")}</p>}
      </div>
      <p>
        <strong>{t("paper.count", { count: p.count })}</strong>
      </p>
      <p>{t("paper.intro")}</p>
      {/* keyed by the number saved, so the form starts empty (and focused) again for the next paper */}
      <Form key={loaderData.saved ?? "first"} method="post" noValidate style={{ maxWidth: "48rem" }}>
        {p.questions.map((q, i) => (
          <PaperAnswerControl
            key={q.id}
            number={i + 1}
            question={q}
            values={v}
            error={e[paperFieldName(q.id)]}
            autoFocus={i === 0 && !p.errors}
          />
        ))}

        <h2>{t("paper.aboutTitle")}</h2>
        {p.askAudience && (
          <RadioGroup
            label={t("paper.audienceLegend")}
            name="audience"
            id="audience-young_people"
            error={e["audience-young_people"]}
            defaultValue={one("audience") || null}
            inline
            options={(["young_people", "parents_carers"] as const).map((a) => ({
              value: a,
              label: t(`audienceShort.${a}`),
            }))}
          />
        )}
        <div className="grid-2">
          {p.askAge && (
            <div className={`field${e.ageBand ? " has-error" : ""}`}>
              <label htmlFor="ageBand">{t("paper.ageLabel")}</label>
              <FieldError id="ageBand" message={e.ageBand} />
              <select
                id="ageBand"
                name="ageBand"
                defaultValue={one("ageBand")}
                aria-describedby={e.ageBand ? "ageBand-error" : undefined}
              >
                <option value="">{t("paper.notSaid")}</option>
                {ageBands.map((band) => (
                  <option key={band} value={band}>
                    {t(`ageBand.${band}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className={`field${e.locality ? " has-error" : ""}`}>
            <label htmlFor="locality">{t("paper.localityLabel")}</label>
            <FieldError id="locality" message={e.locality} />
            <select
              id="locality"
              name="locality"
              defaultValue={one("locality")}
              aria-describedby={e.locality ? "locality-error" : undefined}
            >
              <option value="">{t("paper.notSaid")}</option>
              {p.localities.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.area})
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t("paper.submit")}
          </button>
          <a href={`/staff/consultations/${p.id}/import`}>{t("paper.importInstead")}</a>
        </div>
      </Form>
    </>
  );
}
