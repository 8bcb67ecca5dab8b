import { TableScroll } from "~/components/ui/TableScroll";
import { useTranslation } from "~/i18n/react";

export type OverdueRow = {
  id: number;
  description: string;
  leadAgency: string;
  owner: string;
  due: string;
  status: string;
  agendaItemId: number;
  itemTitle: string;
  meetingTitle: string;
};

/** Actions past their date, for the Board: a promise not kept is named, with who owns it. */
export function OverdueActions({ rows }: { rows: OverdueRow[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="overdue-actions">
      <h2 id="overdue-actions">{t("actions.overdueTitle")}</h2>
      {rows.length === 0 ? (
        <p>{t("actions.overdueNone")}</p>
      ) : (
        <>
          <p className="notice warn">{t("actions.overdueCount", { count: rows.length })}</p>
          <TableScroll label={t("actions.overdueTitle")}>
            <table>
              <caption className="visually-hidden">{t("actions.overdueTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("actions.description")}</th>
                  <th scope="col">{t("actions.leadAgency")}</th>
                  <th scope="col">{t("actions.owner")}</th>
                  <th scope="col">{t("actions.dueOn")}</th>
                  <th scope="col">{t("actions.status")}</th>
                  <th scope="col">{t("actions.decidedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td dir="auto">{a.description}</td>
                    <td dir="auto">{a.leadAgency}</td>
                    <td dir="auto">{a.owner}</td>
                    <td>{a.due}</td>
                    <td>{t(`actions.statuses.${a.status}`)}</td>
                    <td>
                      <a href={`/staff/agenda-items/${a.agendaItemId}`}>{a.itemTitle}</a>
                      <span className="meta"> · {a.meetingTitle}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
