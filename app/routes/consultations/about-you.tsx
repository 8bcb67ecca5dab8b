import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getDraft, saveDraftAbout } from "~/models/consultations/drafts.server";
import { ageBands, listLocalities } from "~/models/reference.server";
import { ensureReceipt, readReceipt } from "~/utils/receipt.server";
import type { Route } from "./+types/about-you";
import { limitAnswering, loadPublicConsultation, requireAcceptingAnswers } from "./shared.server";

const aboutSchema = z.object({
  audience: z.enum(["young_people", "parents_carers"]).optional(),
  ageBand: z.enum([...ageBands, "prefer_not"]).optional(),
  locality: z.union([z.literal("prefer_not"), z.literal(""), z.coerce.number().int().positive()]).optional(),
});

function page(request: Request, slug: string) {
  const consultation = loadPublicConsultation(slug);
  requireAcceptingAnswers(request, consultation);
  return {
    consultation,
    view: {
      slug: consultation.slug,
      askAudience: consultation.audience === "both",
      askAge: consultation.audience !== "parents_carers",
      localities: listLocalities(),
      total: consultation.questions.length,
    },
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { consultation, view } = page(request, params.slug);
  const receipt = readReceipt(request, consultation.id);
  const about = receipt ? getDraft(receipt.hash, consultation.id)?.about : null;
  return {
    ...view,
    values: {
      audience: about?.audience ?? "",
      ageBand: about?.ageBand ?? "",
      locality: about ? (about.localityId ? String(about.localityId) : "prefer_not") : "",
    },
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { consultation, view } = page(request, params.slug);
  limitAnswering(request, consultation.id, context?.ip);
  const form = Object.fromEntries(await request.formData());
  const parsed = aboutSchema.safeParse(form);
  const localityIds = new Set(view.localities.map((l) => l.id));
  const values = {
    audience: String(form.audience ?? ""),
    ageBand: String(form.ageBand ?? ""),
    locality: String(form.locality ?? ""),
  };
  const locality = parsed.success ? parsed.data.locality : undefined;
  if (!parsed.success || (typeof locality === "number" && !localityIds.has(locality))) {
    const t = getT(request);
    const errors: Record<string, string> = {};
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field === "locality" ? "locality" : field === "ageBand" ? "ageBand-under_8" : "audience-young_people"] = t(
        `about.error.${field}`,
      );
    }
    if (!Object.keys(errors).length) errors.locality = t("about.error.locality");
    return data({ ...view, values, errors }, { status: 400 });
  }
  const receipt = ensureReceipt(request, consultation.id);
  const ageBand = parsed.data.ageBand && parsed.data.ageBand !== "prefer_not" ? parsed.data.ageBand : undefined;
  saveDraftAbout(receipt.hash, consultation.id, {
    audience: parsed.data.audience,
    ageBand,
    localityId: typeof locality === "number" ? locality : null,
  });
  return redirect(
    `/consultations/${consultation.slug}/check`,
    receipt.setCookie ? { headers: { "Set-Cookie": receipt.setCookie } } : undefined,
  );
}

export default function AboutYou({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const errors: Record<string, string> = p.errors ?? {};
  const base = `/consultations/${p.slug}`;
  return (
    <>
      <PageTitle title={t("about.title")} error={Boolean(p.errors)} />
      <a href={`${base}/question/${p.total}`} className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("about.title")}</h1>
      <p>{t("about.intro")}</p>
      <Form method="post" noValidate>
        {p.askAudience && (
          <div className={`field${errors["audience-young_people"] ? " has-error" : ""}`}>
            <fieldset>
              <legend>{t("about.whoLegend")}</legend>
              <FieldError id="audience-young_people" message={errors["audience-young_people"]} />
              <ul className="choices">
                {(["young_people", "parents_carers"] as const).map((a) => (
                  <li key={a}>
                    <label className="choice">
                      <input
                        type="radio"
                        name="audience"
                        value={a}
                        id={`audience-${a}`}
                        defaultChecked={p.values.audience === a}
                      />
                      <span>{t(`audience.${a}`)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </div>
        )}
        {p.askAge && (
          <div className={`field${errors["ageBand-under_8"] ? " has-error" : ""}`}>
            <fieldset aria-describedby="age-hint">
              <legend>{t("about.ageLegend")}</legend>
              <p className="hint" id="age-hint">
                {t("about.ageHint")}
              </p>
              <FieldError id="ageBand-under_8" message={errors["ageBand-under_8"]} />
              <ul className="choices">
                {[...["under_8", "8_11", "12_15", "16_19", "20_25"], "prefer_not"].map((band) => (
                  <li key={band}>
                    <label className="choice">
                      <input
                        type="radio"
                        name="ageBand"
                        value={band}
                        id={`ageBand-${band}`}
                        defaultChecked={p.values.ageBand === band}
                      />
                      <span>{t(`ageBand.${band}`)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </div>
        )}
        <div className={`field${errors.locality ? " has-error" : ""}`}>
          <label htmlFor="locality">{t("about.localityLabel")}</label>
          <p className="hint" id="locality-hint">
            {t("about.localityHint")}
          </p>
          <FieldError id="locality" message={errors.locality} />
          <select
            id="locality"
            name="locality"
            defaultValue={p.values.locality}
            aria-describedby={errors.locality ? "locality-hint locality-error" : "locality-hint"}
          >
            <option value="">{t("about.localityChoose")}</option>
            {p.localities.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.area})
              </option>
            ))}
            <option value="prefer_not">{t("about.preferNot")}</option>
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t("common.continue")}
          </button>
        </div>
      </Form>
    </>
  );
}
