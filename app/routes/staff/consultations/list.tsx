import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listConsultationsForStaff } from "~/models/consultations/builder.server";
import { effectiveStatus } from "~/models/consultations/participant-reads.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/list";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  const lang = getLang(request);
  return {
    rows: listConsultationsForStaff().map((c) => ({
      ...c,
      status: effectiveStatus(c),
      opensOn: formatDate(c.opensAt, lang),
      closesOn: formatDate(c.closesAt, lang),
    })),
  };
}

export default function StaffConsultations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("staff.navLinks.consultations")} />
      <h1>{t("staff.navLinks.consultations")}</h1>
      <p>
        <a href="/staff/consultations/new" className="button">
          {t("builder.new")}
        </a>
      </p>
      <TableScroll label={t("staff.navLinks.consultations")}>
        <table>
          <caption className="visually-hidden">{t("staff.navLinks.consultations")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("builder.title")}</th>
              <th scope="col">{t("builder.status")}</th>
              <th scope="col">{t("builder.audience")}</th>
              <th scope="col">{t("builder.dates")}</th>
              <th scope="col" className="num">
                {t("builder.questions")}
              </th>
              <th scope="col" className="num">
                {t("builder.responses")}
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`/staff/consultations/${c.id}`}>{c.title}</a>
                </td>
                <td>
                  <span className={`tag ${c.status === "draft" ? "pending" : ""}`}>{t(`status.${c.status}`)}</span>
                </td>
                <td>{t(`audienceShort.${c.audience}`)}</td>
                <td>
                  {c.opensOn} – {c.closesOn}
                </td>
                <td className="num">{c.questions}</td>
                <td className="num">{c.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
