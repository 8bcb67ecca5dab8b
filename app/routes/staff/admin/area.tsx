import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AdminError, deleteArea, getArea, listPlaces, renameArea } from "~/models/admin.server";
import type { Route } from "./+types/area";
import { AdminSections, Done, Field } from "./parts";
import { doneParam, idParam, nameSchema, refusalMessage, refusalStatus } from "./shared.server";

function load(id: number) {
  const area = getArea(id);
  if (!area) throw data(null, { status: 404 });
  const localities = listPlaces().find((a) => a.id === id)?.localities ?? [];
  return { area, localities };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const current = load(idParam(params.id));
  return {
    ...current,
    done: doneParam(request),
    values: { name: current.area.name },
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
  // The delete form carries no fields: a refused delete shows the area as it is.
  const values = { name: intent === "delete" ? current.area.name : String(form.get("name") ?? "").slice(0, 200) };
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ ...current, done: null, values, errors }, { status });
  try {
    if (intent === "delete") {
      deleteArea(id, staff.id);
      return redirect("/staff/admin/places?done=areaDeleted");
    }
    const name = nameSchema.safeParse(values.name);
    if (!name.success) return fail({ name: t("admin.error.name") });
    renameArea(id, name.data, staff.id);
    return redirect(`/staff/admin/areas/${id}?done=saved`);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    const field = intent === "delete" ? "delete" : "name";
    return fail({ [field]: refusalMessage(t, error) }, refusalStatus(error));
  }
}

export default function AreaPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const e = p.errors ?? {};
  return (
    <>
      <PageTitle title={p.area.name} error={Boolean(p.errors)} />
      <AdminSections current="places" />
      <p>
        <a href="/staff/admin/places">{t("admin.backToPlaces")}</a>
      </p>
      <h1>{p.area.name}</h1>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <p>
        {p.localities.length
          ? t("admin.areaHolds", { names: p.localities.map((l) => l.name).join(", ") })
          : t("admin.noLocalities")}
      </p>
      <Form method="post" noValidate>
        <h2>{t("admin.renameArea")}</h2>
        <input type="hidden" name="intent" value="rename" />
        <Field
          id="name"
          label={t("admin.field.areaName")}
          hint={t("admin.slugHint")}
          value={p.values.name}
          error={e.name}
        />
        <p className="meta">{t("admin.currentSlug", { slug: p.area.slug })}</p>
        <button type="submit" className="button">
          {t("admin.save")}
        </button>
      </Form>
      <Form method="post" noValidate>
        <h2>{t("admin.deleteArea")}</h2>
        <p>{t("admin.deleteAreaHint")}</p>
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button secondary" id="delete">
          {t("admin.deleteArea")}
        </button>
      </Form>
    </>
  );
}
