import { useState } from "react";
import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { ChoiceGroup } from "~/components/ChoiceGroup";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getDraft, saveDraftAbout } from "~/models/consultations/drafts.server";
import { ageBands, listLocalities, shownAgeBands } from "~/models/reference.server";
import { readCookie } from "~/utils/http";
import { ensureReceipt, readReceipt } from "~/utils/receipt.server";
import type { Route } from "./+types/about-you";
import { limitAnswering, loadPublicConsultation, requireAcceptingAnswers } from "./shared.server";

const aboutSchema = z.object({
  audience: z.enum(["young_people", "parents_carers"]).optional(),
  ageBand: z.enum([...ageBands, "prefer_not"]).optional(),
  locality: z.union([z.literal("prefer_not"), z.literal(""), z.coerce.number().int().positive()]).optional(),
});

/**
 * The age groups a young person may pick, among those an administrator shows and in their order: the consultation's
 * own list when it has one, else every shown band but 20 to 25, which is only for care leavers and young people with
 * SEND and so must be chosen by the officer.
 */
function bandsFor(consultation: { ageBands: string[] }): string[] {
  const shown = shownAgeBands();
  const own = shown.filter((b) => consultation.ageBands.includes(b));
  return own.length ? own : shown.filter((b) => b !== "20_25");
}

/** Who the person said they are on the consultations list ("I'm a parent or carer"), so we do not ask again. */
function knownAudience(request: Request) {
  const saved = readCookie(request, "sb_audience");
  return saved === "young_people" || saved === "parents_carers" ? saved : null;
}

function page(request: Request, slug: string) {
  const consultation = loadPublicConsultation(slug);
  requireAcceptingAnswers(request, consultation);
  const fixed =
    consultation.audience === "both"
      ? knownAudience(request)
      : (consultation.audience as "young_people" | "parents_carers");
  return {
    consultation,
    view: {
      slug: consultation.slug,
      fixedAudience: fixed,
      askAudience: !fixed,
      askAge: fixed !== "parents_carers",
      bands: bandsFor(consultation),
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
  if (view.fixedAudience) form.audience = view.fixedAudience;
  // A parent is never asked their age; a band the consultation does not offer is refused.
  if (form.audience === "parents_carers") delete form.ageBand;
  const parsed = aboutSchema
    .refine((v) => !v.ageBand || v.ageBand === "prefer_not" || view.bands.includes(v.ageBand), {
      path: ["ageBand"],
      message: "ageBand",
    })
    .safeParse(form);
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
      errors[field === "locality" ? "locality" : field === "ageBand" ? "ageBand" : "audience"] = t(
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
  // A parent is not asked a child's age: with JavaScript the age question goes once they say they are a parent.
  const [audience, setAudience] = useState(p.values.audience);
  return (
    <>
      <PageTitle title={t("about.title")} error={Boolean(p.errors)} />
      <a href={`${base}/question/${p.total}`} className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("about.title")}</h1>
      <p>{t("about.intro")}</p>
      <Form
        method="post"
        noValidate
        onChange={(event) => {
          const input = event.target as unknown as HTMLInputElement;
          if (input.name === "audience") setAudience(input.value);
        }}
      >
        {p.askAudience && (
          <ChoiceGroup
            type="radio"
            name="audience"
            id="audience"
            legend={t("about.whoLegend")}
            error={errors.audience}
            choices={(["young_people", "parents_carers"] as const).map((a) => ({
              value: a,
              label: t(`audience.${a}`),
            }))}
            checked={[p.values.audience]}
          />
        )}
        {p.askAge && (
          <div hidden={audience === "parents_carers"}>
            <ChoiceGroup
              type="radio"
              name="ageBand"
              id="ageBand"
              legend={t("about.ageLegend")}
              hint={p.askAudience ? t("about.ageHintYoungOnly") : t("about.ageHint")}
              error={errors.ageBand}
              choices={[...p.bands, "prefer_not"].map((band) => ({ value: band, label: t(`ageBand.${band}`) }))}
              checked={[p.values.ageBand]}
            />
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
