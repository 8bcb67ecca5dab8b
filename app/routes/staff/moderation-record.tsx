import { Form, Link } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { moderationActions } from "~/models/feedback/types";
import { listModerationRecord, moderationRecordStaff } from "~/models/feedback.server";
import type { Route } from "./+types/moderation-record";

const PER_PAGE = 50;

// Unknown filter values are dropped rather than refused: a stale bookmark still opens the record.
const filterSchema = z.object({
  action: z.enum(moderationActions).optional().catch(undefined),
  staff: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "moderate");
  const url = new URL(request.url);
  const f = filterSchema.parse(Object.fromEntries(url.searchParams));
  const lang = getLang(request);
  const { total, rows } = listModerationRecord({ action: f.action, staffId: f.staff }, f.page, PER_PAGE);
  const keep = new URLSearchParams();
  if (f.action) keep.set("action", f.action);
  if (f.staff) keep.set("staff", String(f.staff));
  return {
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    filters: f,
    query: keep.toString(),
    staff: moderationRecordStaff(),
    rows: rows.map((r) => ({ ...r, when: formatWhen(r.at, lang) })),
  };
}

export default function ModerationRecord({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const pageLink = (n: number) => `?${p.query ? `${p.query}&` : ""}page=${n}`;
  return (
    <>
      <PageTitle title={t("moderationRecord.title")} />
      <Link to="/staff/moderation" className="back-link">
        {t("moderationRecord.back")}
      </Link>
      <h1 id="main">{t("moderationRecord.title")}</h1>
      <p>{t("moderationRecord.intro")}</p>
      <Form method="get" className="filter-bar" aria-label={t("moderationRecord.filters")}>
        <FilterSelect
          name="action"
          label={t("moderationRecord.action")}
          value={p.filters.action}
          options={moderationActions.map((a) => ({ value: a, label: t(`moderationRecord.actions.${a}`) }))}
        />
        <FilterSelect
          name="staff"
          label={t("moderationRecord.who")}
          value={p.filters.staff}
          options={p.staff.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <Button variant="secondary" size="small">
          {t("moderation.filter.apply")}
        </Button>
      </Form>
      <p role="status">{t("moderationRecord.count", { count: p.total })}</p>
      {p.rows.length > 0 && (
        <TableScroll label={t("moderationRecord.title")}>
          <table>
            <caption className="visually-hidden">{t("moderationRecord.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderationRecord.when")}</th>
                <th scope="col">{t("moderationRecord.who")}</th>
                <th scope="col">{t("moderationRecord.action")}</th>
                <th scope="col">{t("moderationRecord.why")}</th>
                <th scope="col">{t("moderationRecord.text")}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.when}</td>
                  <td>{r.staff ?? t("moderationRecord.author")}</td>
                  <td>
                    {t(`moderationRecord.actions.${r.action}`, { defaultValue: r.action })}
                    {r.fromState && r.toState && (
                      <span className="meta">
                        {" "}
                        ({t(`moderationState.${r.fromState}`)} → {t(`moderationState.${r.toState}`)})
                      </span>
                    )}
                  </td>
                  <td dir="auto">{r.reason ?? "–"}</td>
                  <td>
                    {r.escalated ? (
                      <span className="meta">{t("moderationRecord.withLead")}</span>
                    ) : (
                      <span dir="auto">{r.text}</span>
                    )}
                    {r.consultation && (
                      <>
                        <br />
                        <span className="meta" dir="auto">
                          {r.consultation}
                        </span>
                      </>
                    )}
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
