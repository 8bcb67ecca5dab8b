import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listSummaries } from "~/models/summaries.server";
import { formatDate, formatPeriod } from "~/utils/time";
import type { Route } from "./+types/list";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const lang = getLang(request);
  return {
    summaries: listSummaries().map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      version: s.version,
      period: formatPeriod(s.periodFrom, s.periodTo, lang),
      meeting: s.meeting ? `${s.meeting} (${formatDate(s.meetsOn, lang)})` : null,
    })),
  };
}

export default function Summaries({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("summary.listTitle")} />
      <h1>{t("summary.listTitle")}</h1>
      <p>
        <a href="/staff/summaries/new" className="button">
          {t("summary.new")}
        </a>
      </p>
      {p.summaries.length === 0 ? (
        <p>{t("summary.none")}</p>
      ) : (
        <TableScroll label={t("summary.listTitle")}>
          <table>
            <caption className="visually-hidden">{t("summary.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("summary.colTitle")}</th>
                <th scope="col">{t("summary.colPeriod")}</th>
                <th scope="col">{t("summary.colMeeting")}</th>
                <th scope="col">{t("summary.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {p.summaries.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={`/staff/summaries/${s.id}`}>{s.title}</a>
                  </td>
                  <td>{s.period}</td>
                  <td>{s.meeting ?? "–"}</td>
                  <td>
                    {s.status === "sent" && s.version
                      ? t("summary.statusSent", { version: s.version })
                      : s.version
                        ? t("summary.statusEdited", { version: s.version })
                        : t("summary.statusDraft")}
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
