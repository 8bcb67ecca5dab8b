import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AdminError, getSchool, updateSchool } from "~/models/admin.server";
import { listLocalities } from "~/models/reference.server";
import type { Route } from "./+types/school";
import { AdminSections, Done } from "./parts";
import { SchoolFields } from "./SchoolFields";
import { readSchoolForm } from "./school-form.server";
import { doneParam, idParam, refusalMessage, refusalStatus } from "./shared.server";

function load(id: number) {
  const school = getSchool(id);
  if (!school) throw data(null, { status: 404 });
  return { school, localities: listLocalities() };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const current = load(idParam(params.id));
  const s = current.school;
  return {
    ...current,
    done: doneParam(request),
    values: { name: s.name, phase: s.phase, localityId: s.localityId ? String(s.localityId) : "" },
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const id = idParam(params.id);
  const current = load(id);
  const t = getT(request);
  const read = readSchoolForm(await request.formData(), t);
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ ...current, done: null, values: read.values, errors }, { status });
  if (!read.input) return fail(read.errors);
  try {
    updateSchool(id, read.input, staff.id);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    return fail({ localityId: refusalMessage(t, error) }, refusalStatus(error));
  }
  return redirect(`/staff/admin/schools/${id}?done=saved`);
}

export default function SchoolPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  return (
    <>
      <PageTitle title={p.school.name} error={Boolean(p.errors)} />
      <AdminSections current="schools" />
      <p>
        <a href="/staff/admin/schools">{t("admin.backToSchools")}</a>
      </p>
      <h1>{p.school.name}</h1>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <p>{t("admin.schoolMaskNote")}</p>
      <Form method="post" noValidate>
        <SchoolFields values={p.values} errors={p.errors ?? {}} localities={p.localities} />
        <button type="submit" className="button">
          {t("admin.save")}
        </button>
      </Form>
    </>
  );
}
