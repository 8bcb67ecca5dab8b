import { data, Form, redirect, useLocation } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { schoolPhases } from "~/models/admin/types";
import { AdminError, addSchool, listSchools } from "~/models/admin.server";
import { listLocalities } from "~/models/reference.server";
import type { Route } from "./+types/schools";
import { AdminSections, Done } from "./parts";
import { SchoolFields } from "./SchoolFields";
import { readSchoolForm } from "./school-form.server";
import { doneParam, refusalMessage } from "./shared.server";

const sorts = ["name", "locality", "phase"] as const;
type Sort = (typeof sorts)[number];

const filterSchema = z.object({
  q: z.string().trim().max(80).optional().catch(undefined),
  phase: z.enum(schoolPhases).optional().catch(undefined),
  locality: z
    .string()
    .regex(/^(\d{1,9}|none)$/)
    .optional()
    .catch(undefined),
  sort: z.enum(sorts).optional().catch(undefined),
});

function page(request: Request) {
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const all = listSchools();
  const q = filters.q?.toLocaleLowerCase();
  const sort: Sort = filters.sort ?? "name";
  const key = (s: (typeof all)[number]) =>
    sort === "locality" ? `${s.locality ?? "\uffff"} ${s.name}` : sort === "phase" ? `${s.phase} ${s.name}` : s.name;
  const rows = all
    .filter(
      (s) =>
        (!q || s.name.toLocaleLowerCase().includes(q)) &&
        (!filters.phase || s.phase === filters.phase) &&
        (!filters.locality ||
          (filters.locality === "none" ? s.localityId === null : s.localityId === Number(filters.locality))),
    )
    .sort((a, b) => key(a).localeCompare(key(b), "en"));
  return { filters: { ...filters, sort }, total: all.length, schools: rows, localities: listLocalities() };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return {
    ...page(request),
    done: doneParam(request),
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const t = getT(request);
  const read = readSchoolForm(await request.formData(), t);
  const fail = (errors: Record<string, string>) =>
    data({ ...page(request), done: null, values: read.values, errors }, { status: 400 });
  if (!read.input) return fail(read.errors);
  try {
    addSchool(read.input, staff.id);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    return fail({ localityId: refusalMessage(t, error) });
  }
  return redirect(`/staff/admin/schools?done=schoolAdded&q=${encodeURIComponent(read.input.name)}`);
}

export default function Schools({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const location = useLocation();
  const f = p.filters;
  const sortHref = (sort: Sort) => {
    const params = new URLSearchParams();
    if (f.q) params.set("q", f.q);
    if (f.phase) params.set("phase", f.phase);
    if (f.locality) params.set("locality", f.locality);
    params.set("sort", sort);
    return `/staff/admin/schools?${params}`;
  };
  const header = (sort: Sort, label: string) => (
    <th scope="col" aria-sort={f.sort === sort ? "ascending" : undefined}>
      {f.sort === sort ? (
        label
      ) : (
        <a href={sortHref(sort)}>
          {label}
          <span className="visually-hidden"> {t("admin.sortBy")}</span>
        </a>
      )}
    </th>
  );
  return (
    <>
      <PageTitle title={t("admin.section.schools")} error={Boolean(p.errors)} />
      <AdminSections current="schools" />
      <h1>{t("admin.section.schools")}</h1>
      <p>{t("admin.schoolsIntro")}</p>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <Form method="get" className="filter-bar" aria-label={t("admin.filterSchools")}>
        <div className="field" style={{ maxWidth: "100%", minWidth: 0 }}>
          <label className="label" htmlFor="filter-q">
            {t("admin.field.search")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={f.q ?? ""} />
        </div>
        <FilterSelect
          name="phase"
          label={t("admin.field.phase")}
          value={f.phase}
          options={schoolPhases.map((ph) => ({ value: ph, label: t(`admin.phase.${ph}`) }))}
        />
        <FilterSelect
          name="locality"
          label={t("admin.field.locality")}
          value={f.locality}
          options={[
            { value: "none", label: t("admin.field.countywide") },
            ...p.localities.map((l) => ({ value: String(l.id), label: l.name })),
          ]}
        />
        <input type="hidden" name="sort" value={f.sort} />
        <button type="submit" className="button secondary small">
          {t("admin.filter")}
        </button>
      </Form>
      <p role="status">{t("admin.schoolsShown", { count: p.schools.length, total: p.total })}</p>
      {p.schools.length > 0 && (
        <TableScroll label={t("admin.section.schools")}>
          <table>
            <caption className="visually-hidden">{t("admin.section.schools")}</caption>
            <thead>
              <tr>
                {header("name", t("admin.col.school"))}
                {header("phase", t("admin.field.phase"))}
                {header("locality", t("admin.field.locality"))}
              </tr>
            </thead>
            <tbody>
              {p.schools.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={`/staff/admin/schools/${s.id}`}>{s.name}</a>
                  </td>
                  <td>{t(`admin.phase.${s.phase}`, { defaultValue: s.phase })}</td>
                  <td>{s.locality ? `${s.locality} (${s.area})` : t("admin.field.countywide")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Form method="post" noValidate key={location.key}>
        <h2>{t("admin.addSchool")}</h2>
        <SchoolFields values={p.values} errors={p.errors ?? {}} localities={p.localities} />
        <button type="submit" className="button">
          {t("admin.addSchool")}
        </button>
      </Form>
    </>
  );
}
