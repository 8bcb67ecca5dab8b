import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AdminError, deleteLocality, getLocality, listPlaces, updateLocality } from "~/models/admin.server";
import type { Route } from "./+types/locality";
import { AdminSections, Done, Field, Select } from "./parts";
import { doneParam, formId, idParam, nameSchema, refusalMessage, refusalStatus } from "./shared.server";

function load(id: number) {
  const locality = getLocality(id);
  if (!locality) throw data(null, { status: 404 });
  return { locality, areas: listPlaces().map((a) => ({ id: a.id, name: a.name })) };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const current = load(idParam(params.id));
  return {
    ...current,
    done: doneParam(request),
    values: { name: current.locality.name, areaId: String(current.locality.areaId) },
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const id = idParam(params.id);
  const current = load(id);
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  // The delete form carries no fields: a refused delete shows the locality as it is.
  const values =
    intent === "delete"
      ? { name: current.locality.name, areaId: String(current.locality.areaId) }
      : { name: String(form.get("name") ?? "").slice(0, 200), areaId: String(form.get("areaId") ?? "").slice(0, 20) };
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ ...current, done: null, values, errors }, { status });
  try {
    if (intent === "delete") {
      deleteLocality(id, staff.id);
      return redirect("/staff/admin/places?done=localityDeleted");
    }
    const name = nameSchema.safeParse(values.name);
    const areaId = formId(values.areaId);
    const errors: Record<string, string> = {};
    if (!name.success) errors.name = t("admin.error.name");
    if (areaId === null) errors.areaId = t("admin.error.chooseArea");
    if (!name.success || areaId === null) return fail(errors);
    updateLocality(id, { name: name.data, areaId }, staff.id);
    return redirect(`/staff/admin/localities/${id}?done=saved`);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    const field = intent === "delete" ? "delete" : error.code === "bad_area" ? "areaId" : "name";
    return fail({ [field]: refusalMessage(t, error) }, refusalStatus(error));
  }
}

export default function LocalityPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const e = p.errors ?? {};
  return (
    <>
      <PageTitle title={p.locality.name} error={Boolean(p.errors)} />
      <AdminSections current="places" />
      <p>
        <a href="/staff/admin/places">{t("admin.backToPlaces")}</a>
      </p>
      <h1>{p.locality.name}</h1>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <Form method="post" noValidate>
        <h2>{t("admin.changeLocality")}</h2>
        <input type="hidden" name="intent" value="save" />
        <Field
          id="name"
          label={t("admin.field.localityName")}
          hint={t("admin.slugHint")}
          value={p.values.name}
          error={e.name}
        />
        <p className="meta">{t("admin.currentSlug", { slug: p.locality.slug })}</p>
        <Select
          id="areaId"
          label={t("admin.field.area")}
          hint={t("admin.moveHint")}
          value={p.values.areaId}
          error={e.areaId}
          options={p.areas.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <button type="submit" className="button">
          {t("admin.save")}
        </button>
      </Form>
      <Form method="post" noValidate>
        <h2>{t("admin.deleteLocality")}</h2>
        <p>{t("admin.deleteLocalityHint")}</p>
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button secondary" id="delete">
          {t("admin.deleteLocality")}
        </button>
      </Form>
    </>
  );
}
