import { Form } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { PageTitle } from "~/components/PageTitle";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { sessionStatuses } from "~/models/sessions/types";
import { listSessionsForStaff } from "~/models/sessions.server";
import type { Route } from "./+types/list";

const filterSchema = z.object({
  status: z.enum(sessionStatuses).optional().catch(undefined),
  when: z.enum(["upcoming", "past"]).optional().catch(undefined),
});

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "groups");
  const lang = getLang(request);
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date().toISOString();
  const rows = listSessionsForStaff().filter(
    (s) =>
      (!filters.status || s.status === filters.status) &&
      (!filters.when || (filters.when === "upcoming" ? s.startsAt > now : s.startsAt <= now)),
  );
  return { filters, sessions: rows.map((s) => ({ ...s, when: formatWhen(s.startsAt, lang) })) };
}

export default function Sessions({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("staffSessions.title")} />
      <div className="page-head">
        <h1>{t("staffSessions.title")}</h1>
        <a href="/staff/sessions/new" className="button">
          {t("staffSessions.new")}
        </a>
      </div>
      <p>{t("staffSessions.intro")}</p>
      <Form method="get" className="filter-bar" aria-label={t("staffSessions.filters")}>
        <FilterSelect
          name="when"
          label={t("staffSessions.whenLabel")}
          value={p.filters.when}
          options={["upcoming", "past"].map((w) => ({ value: w, label: t(`staffSessions.when.${w}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("staffSessions.statusLabel")}
          value={p.filters.status}
          options={sessionStatuses.map((s) => ({ value: s, label: t(`staffSessions.status.${s}`) }))}
        />
        <button type="submit" className="button secondary small">
          {t("moderation.filter.apply")}
        </button>
      </Form>
      <p role="status">{t("staffSessions.count", { count: p.sessions.length })}</p>
      {p.sessions.length > 0 && (
        <TableScroll label={t("staffSessions.title")}>
          <table>
            <caption className="visually-hidden">{t("staffSessions.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffSessions.col.title")}</th>
                <th scope="col">{t("staffSessions.col.when")}</th>
                <th scope="col">{t("staffSessions.col.groups")}</th>
                <th scope="col" className="num">
                  {t("staffSessions.col.questions")}
                </th>
                <th scope="col" className="num">
                  {t("staffSessions.col.views")}
                </th>
                <th scope="col" className="num">
                  {t("staffSessions.col.notes")}
                </th>
                <th scope="col">{t("staffSessions.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {p.sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={`/staff/sessions/${s.id}`}>{s.title}</a>
                  </td>
                  <td>{s.when}</td>
                  <td>{s.groups}</td>
                  <td className="num">{s.questions}</td>
                  <td className="num">{s.views}</td>
                  <td className="num">{s.notes}</td>
                  <td>
                    <span className="tag">{t(`staffSessions.status.${s.summarySentAt ? "sent" : s.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
