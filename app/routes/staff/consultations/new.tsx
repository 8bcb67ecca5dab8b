import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { CheckboxGroup } from "~/components/ui/CheckboxGroup";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TextField } from "~/components/ui/TextField";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { createConsultation } from "~/models/consultations/builder.server";
import { ageBands, listLocalities } from "~/models/reference.server";
import { recordAudit } from "~/models/staff.server";
import { consultationSchema } from "~/schemas/consultations";
import { countyDayStart } from "~/utils/time";
import type { Route } from "./+types/new";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  const localities = listLocalities();
  const today = new Date().toISOString().slice(0, 10);
  const inFourWeeks = new Date(Date.now() + 28 * 86400_000).toISOString().slice(0, 10);
  return {
    localities,
    chosen: { ageBands: [] as string[], localityIds: [] as string[] },
    values: {
      resultsOn: "",
      title: "",
      summary: "",
      easySummary: "",
      audience: "young_people",
      opensOn: today,
      closesOn: inFourWeeks,
      minutes: "5",
    } as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "consultations");
  const formData = await request.formData();
  const values = Object.fromEntries(
    [...formData.entries()].filter(([k]) => k !== "ageBands" && k !== "localityIds").map(([k, v]) => [k, String(v)]),
  );
  const chosen = {
    ageBands: formData.getAll("ageBands").map(String),
    localityIds: formData.getAll("localityIds").map(String),
  };
  const localities = listLocalities();
  const parsed = consultationSchema.safeParse(values);
  const t = getT(request);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= t(issue.message);
  if (chosen.ageBands.some((b) => !(ageBands as readonly string[]).includes(b)))
    errors.ageBands = t("builder.error.ageBands");
  const knownLocalities = new Set(localities.map((l) => String(l.id)));
  if (chosen.localityIds.some((id) => !knownLocalities.has(id))) errors.localityIds = t("builder.error.localities");
  if (!parsed.success || Object.keys(errors).length) {
    return data({ localities, values, chosen, errors }, { status: 400 });
  }
  const v = parsed.data;
  const created = createConsultation({
    staffId: staff.id,
    title: v.title,
    summary: v.summary,
    easySummary: v.easySummary,
    audience: v.audience,
    // Days the officer picks are county days: open from its first moment, closed after its last second.
    opensAt: countyDayStart(v.opensOn),
    closesAt: new Date(Date.parse(countyDayStart(v.closesOn, 1)) - 1000).toISOString(),
    minutes: v.minutes,
    resultsBy: v.resultsOn ? new Date(`${v.resultsOn}T12:00:00Z`).toISOString() : null,
    ageBands: v.audience === "parents_carers" ? [] : chosen.ageBands,
    localityIds: chosen.localityIds.map(Number),
  });
  recordAudit(staff.id, "consultation_created", "consultation", created.id);
  return redirect(`/staff/consultations/${created.id}`);
}

export default function NewConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("builder.new")} error={Boolean(p.errors)} />
      <a href="/staff/consultations" className="back-link">
        {t("staff.navLinks.consultations")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("builder.new")}</h1>
      <Form method="post" noValidate style={{ maxWidth: "44rem" }}>
        <TextField
          label={t("builder.title")}
          name="title"
          defaultValue={p.values.title}
          error={e.title}
          maxLength={120}
        />
        <TextField
          label={t("builder.summary")}
          name="summary"
          description={t("builder.summaryHint")}
          defaultValue={p.values.summary}
          error={e.summary}
          multiline
        />
        <TextField
          label={t("builder.easySummary")}
          name="easySummary"
          description={t("builder.easySummaryHint")}
          defaultValue={p.values.easySummary}
          error={e.easySummary}
          multiline
        />
        <RadioGroup
          label={t("builder.audience")}
          name="audience"
          error={e.audience}
          defaultValue={p.values.audience}
          options={["young_people", "parents_carers", "both"].map((a) => ({
            value: a,
            label: t(`audienceShort.${a}`),
          }))}
        />
        <div className="grid-2">
          <TextField
            label={t("builder.opensOn")}
            name="opensOn"
            type="date"
            defaultValue={p.values.opensOn}
            error={e.opensOn}
          />
          <TextField
            label={t("builder.closesOn")}
            name="closesOn"
            type="date"
            defaultValue={p.values.closesOn}
            error={e.closesOn}
          />
        </div>
        <TextField
          label={t("builder.resultsOn")}
          name="resultsOn"
          type="date"
          description={t("builder.resultsOnHint")}
          defaultValue={p.values.resultsOn}
          error={e.resultsOn}
        />
        <TextField
          label={t("builder.minutes")}
          name="minutes"
          type="number"
          defaultValue={p.values.minutes}
          error={e.minutes}
        />
        <CheckboxGroup
          label={t("builder.ageBands")}
          name="ageBands"
          description={t("builder.ageBandsHint")}
          error={e.ageBands}
          defaultValue={p.chosen.ageBands}
          grid
          options={["under_8", "8_11", "12_15", "16_19", "20_25"].map((b) => ({ value: b, label: t(`ageBand.${b}`) }))}
        />
        <CheckboxGroup
          label={t("builder.localities")}
          name="localityIds"
          description={t("builder.localitiesHint")}
          error={e.localityIds}
          defaultValue={p.chosen.localityIds}
          grid
          options={p.localities.map((l) => ({ value: String(l.id), label: l.name }))}
        />
        <Button>{t("builder.create")}</Button>
      </Form>
    </>
  );
}
