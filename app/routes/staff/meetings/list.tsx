import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listMeetings } from "~/models/board.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/list";

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries", "respond");
  const lang = getLang(request);
  return {
    mayCompose: can(staff.role, "summaries"),
    meetings: listMeetings().map((m) => ({ ...m, date: formatDate(m.meetsOn, lang) })),
  };
}

export default function Meetings({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("meetings.title")} />
      <h1>{t("meetings.title")}</h1>
      {p.mayCompose && (
        <p>
          <a href="/staff/summaries/new" className="button">
            {t("summary.newTitle")}
          </a>
        </p>
      )}
      <TableScroll label={t("meetings.title")}>
        <table>
          <caption className="visually-hidden">{t("meetings.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("meetings.meeting")}</th>
              <th scope="col">{t("meetings.body")}</th>
              <th scope="col">{t("meetings.date")}</th>
              <th scope="col" className="num">
                {t("meetings.items")}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={`/staff/meetings/${m.id}`}>{m.title}</a>
                </td>
                <td>{m.body}</td>
                <td>{m.date}</td>
                <td className="num">{m.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
