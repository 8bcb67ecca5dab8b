import { Form, Link } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AUDIT_PER_PAGE, auditFilterOptions, auditFiltersFrom, listAudit } from "~/models/audit.server";
import type { Route } from "./+types/audit";

/** The stored detail as short "key: value" text; it never holds anyone's free text (see recordAudit's callers). */
function detailText(detail: string | null) {
  if (!detail) return "";
  try {
    const parsed: unknown = JSON.parse(detail);
    if (parsed && typeof parsed === "object")
      return Object.entries(parsed)
        .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
        .join(", ");
    return String(parsed);
  } catch {
    return detail;
  }
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const { page, form, filters, query } = auditFiltersFrom(new URL(request.url));
  const lang = getLang(request);
  const { total, rows } = listAudit(filters, page);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PER_PAGE)),
    form,
    query,
    options: auditFilterOptions(),
    rows: rows.map((r) => ({
      id: r.id,
      when: formatWhen(r.at, lang),
      at: r.at,
      action: r.action,
      staff: r.staff,
      subject: r.subjectType ? `${r.subjectType}${r.subjectId ? ` #${r.subjectId}` : ""}` : "",
      detail: detailText(r.detail),
    })),
  };
}

export default function Audit({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const pageLink = (n: number) => `?${p.query ? `${p.query}&` : ""}page=${n}`;
  const actionName = (a: string) => t(`audit.actions.${a}`, { defaultValue: a });
  return (
    <>
      <PageTitle title={t("audit.title")} />
      <h1 id="main">{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="filter-bar" aria-label={t("audit.filters")}>
        <FilterSelect
          name="action"
          label={t("audit.action")}
          value={p.form.action}
          options={p.options.actions.map((a) => ({ value: a, label: actionName(a) }))}
        />
        <FilterSelect
          name="staff"
          label={t("audit.who")}
          value={p.form.staff}
          options={p.options.staff.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <div className="field">
          <label className="label" htmlFor="filter-from">
            {t("audit.from")}
          </label>
          <input id="filter-from" name="from" type="date" defaultValue={p.form.from ?? ""} />
        </div>
        <div className="field">
          <label className="label" htmlFor="filter-to">
            {t("audit.to")}
          </label>
          <input id="filter-to" name="to" type="date" defaultValue={p.form.to ?? ""} />
        </div>
        <Button variant="secondary" size="small">
          {t("moderation.filter.apply")}
        </Button>
      </Form>
      <p role="status">{t("audit.count", { count: p.total })}</p>
      <p>
        <a href={`/staff/audit.csv${p.query ? `?${p.query}` : ""}`} download>
          {t("audit.csv")}
        </a>
      </p>
      {p.rows.length > 0 && (
        <TableScroll label={t("audit.title")}>
          <table>
            <caption className="visually-hidden">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort="descending">
                  {t("audit.when")}
                </th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.subject")}</th>
                <th scope="col">{t("audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.at}>{r.when}</time>
                  </td>
                  <td dir="auto">{r.staff ?? t("audit.nobody")}</td>
                  <td>{actionName(r.action)}</td>
                  <td dir="ltr">{r.subject}</td>
                  <td dir="auto" className="meta">
                    {r.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {p.pages > 1 && (
        <nav aria-label={t("moderation.pages")} className="action-links">
          {p.page > 1 && <Link to={pageLink(p.page - 1)}>{t("moderation.previousPage")}</Link>}
          {p.page < p.pages && <Link to={pageLink(p.page + 1)}>{t("moderation.nextPage")}</Link>}
        </nav>
      )}
    </>
  );
}
