import { data, Form, redirect, useLocation } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  AdminError,
  getPopulationGrid,
  MAX_PEOPLE,
  MAX_YEAR,
  MIN_YEAR,
  type PopulationCell,
  populationYears,
  savePopulationGrid,
  startPopulationYear,
} from "~/models/admin.server";
import type { Route } from "./+types/population";
import { AdminSections, Done, Field } from "./parts";
import { doneParam, refusalMessage, refusalStatus } from "./shared.server";

const cellId = (localityId: number, band: string) => `p-${localityId}-${band}`;

function yearOf(value: unknown) {
  const s = String(value ?? "");
  if (!/^\d{4}$/.test(s)) return null;
  const year = Number(s);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** The year asked for, else the latest with figures, else this year. */
function page(request: Request, asked?: number) {
  const years = populationYears();
  const year = asked ?? yearOf(new URL(request.url).searchParams.get("year")) ?? years[0] ?? new Date().getFullYear();
  return { years, grid: getPopulationGrid(year) };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return {
    ...page(request),
    done: doneParam(request),
    values: null as Record<string, string> | null,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "start") {
    const typed = String(form.get("newYear") ?? "").slice(0, 10);
    const year = yearOf(typed.trim());
    const fail = (message: string, status = 400) =>
      data(
        {
          ...page(request),
          done: null,
          values: { newYear: typed } as Record<string, string>,
          errors: { newYear: message } as Record<string, string>,
        },
        { status },
      );
    if (year === null) return fail(t("admin.error.bad_year", { min: MIN_YEAR, max: MAX_YEAR }));
    try {
      startPopulationYear(year, staff.id);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      return fail(refusalMessage(t, error), refusalStatus(error));
    }
    return redirect(`/staff/admin/population?year=${year}&done=yearStarted`);
  }
  const year = yearOf(form.get("year"));
  if (year === null) throw data(null, { status: 400 });
  const { years, grid } = page(request, year);
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const cells: PopulationCell[] = [];
  // Only the cells of localities that exist are read; anything else posted is ignored.
  for (const row of grid.rows)
    for (const band of grid.bands) {
      const id = cellId(row.id, band);
      const typed = String(form.get(id) ?? "")
        .slice(0, 20)
        .replace(/[\s,]/g, "");
      values[id] = typed;
      if (typed === "") cells.push({ localityId: row.id, band, people: null });
      else if (/^\d{1,7}$/.test(typed) && Number(typed) <= MAX_PEOPLE)
        cells.push({ localityId: row.id, band, people: Number(typed) });
      else errors[id] = t("admin.error.people", { place: row.name, band: t(`ageBand.${band}`), most: MAX_PEOPLE });
    }
  if (!Object.keys(errors).length) {
    try {
      savePopulationGrid(year, cells, staff.id);
      return redirect(`/staff/admin/population?year=${year}&done=populationSaved`);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      errors.year = refusalMessage(t, error);
    }
  }
  return data({ years, grid, done: null, values, errors }, { status: 400 });
}

export default function Population({ loaderData, actionData }: Route.ComponentProps) {
  const { t, lang } = useTranslation();
  const p = actionData ?? loaderData;
  const g = p.grid;
  const e: Record<string, string> = p.errors ?? {};
  const location = useLocation();
  const number = new Intl.NumberFormat(lang === "ar" ? "ar-u-nu-latn" : lang);
  const latest = p.years[0];
  const yearChoices = p.years.includes(g.year) ? p.years : [g.year, ...p.years].sort((a, b) => b - a);
  return (
    <>
      <PageTitle title={t("admin.populationTitle", { year: g.year })} error={Boolean(p.errors)} />
      <AdminSections current="population" />
      <h1>{t("admin.populationTitle", { year: g.year })}</h1>
      <p>{t("admin.populationIntro")}</p>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "", year: g.year }) : null} />
      <ErrorSummary errors={p.errors} />
      <Form method="get" className="filter-bar" aria-label={t("admin.chooseYear")}>
        <div className="field" style={{ maxWidth: "100%", minWidth: 0 }}>
          <label className="label" htmlFor="filter-year">
            {t("admin.field.year")}
          </label>
          <select id="filter-year" name="year" defaultValue={String(g.year)} style={{ maxWidth: "100%" }}>
            {yearChoices.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary small">
          {t("admin.showYear")}
        </button>
      </Form>
      <Form method="post" noValidate key={`grid-${location.key}`}>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="year" value={g.year} />
        <TableScroll label={t("admin.populationTitle", { year: g.year })}>
          <table>
            <caption className="visually-hidden">{t("admin.populationTitle", { year: g.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.field.locality")}</th>
                {g.bands.map((band) => (
                  <th scope="col" className="num" key={band}>
                    {t(`ageBand.${band}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("admin.col.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" style={{ verticalAlign: "middle" }}>
                    {row.name} <span className="meta">({row.area})</span>
                  </th>
                  {row.cells.map((c) => {
                    const id = cellId(row.id, c.band);
                    const error = e[id];
                    const value = p.values?.[id] ?? (c.people === null ? "" : String(c.people));
                    return (
                      // Positioned, so the hidden label stays inside the scrolling table instead of widening the page.
                      <td key={c.band} className="num" style={{ position: "relative", verticalAlign: "middle" }}>
                        <label className="visually-hidden" htmlFor={id}>
                          {t("admin.cellLabel", { place: row.name, band: t(`ageBand.${c.band}`) })}
                        </label>
                        <FieldError id={id} message={error} />
                        <input
                          type="text"
                          inputMode="numeric"
                          id={id}
                          name={id}
                          defaultValue={value}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                          style={{ width: "6.5rem", minWidth: "5rem", textAlign: "end" }}
                        />
                      </td>
                    );
                  })}
                  <td className="num" data-testid={`row-total-${row.id}`} style={{ verticalAlign: "middle" }}>
                    {number.format(row.total)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("admin.col.total")}</th>
                {g.bandTotals.map((b) => (
                  <td className="num" key={b.band} data-testid={`band-total-${b.band}`}>
                    {number.format(b.total)}
                  </td>
                ))}
                <td className="num" data-testid="grand-total">
                  <strong>{number.format(g.total)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
        {e.year && <FieldError id="year" message={e.year} />}
        <p className="hint">{t("admin.populationHint")}</p>
        <button type="submit" className="button" id="year">
          {t("admin.savePopulation", { year: g.year })}
        </button>
      </Form>
      <Form method="post" noValidate key={`start-${location.key}`}>
        <h2>{t("admin.startYear")}</h2>
        <p>{latest ? t("admin.startYearHint", { year: latest }) : t("admin.startYearNone")}</p>
        <input type="hidden" name="intent" value="start" />
        <Field
          id="newYear"
          label={t("admin.field.newYear")}
          value={p.values?.newYear ?? (latest ? String(latest + 1) : "")}
          error={e.newYear}
          inputMode="numeric"
          width="8rem"
        />
        <button type="submit" className="button secondary" disabled={!latest}>
          {t("admin.startYear")}
        </button>
      </Form>
    </>
  );
}
