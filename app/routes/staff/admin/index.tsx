import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import { getAgeBandSettings, listPlaces, listSchools, populationYears } from "~/models/admin.server";
import type { Route } from "./+types/index";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  const places = listPlaces();
  const bands = getAgeBandSettings();
  return {
    areas: places.length,
    localities: places.reduce((n, a) => n + a.localities.length, 0),
    schools: listSchools().length,
    bandsShown: bands.filter((b) => b.shown).length,
    bands: bands.length,
    latestYear: populationYears()[0] ?? null,
  };
}

export default function AdminHome({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("admin.title")} />
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      <ul className="card-list">
        <li className="card">
          <h2>
            <a href="/staff/admin/places">{t("admin.section.places")}</a>
          </h2>
          <p>{t("admin.placesCount", { areas: p.areas, count: p.localities })}</p>
        </li>
        <li className="card">
          <h2>
            <a href="/staff/admin/schools">{t("admin.section.schools")}</a>
          </h2>
          <p>{t("admin.schoolsCount", { count: p.schools })}</p>
        </li>
        <li className="card">
          <h2>
            <a href="/staff/admin/age-bands">{t("admin.section.ageBands")}</a>
          </h2>
          <p>{t("admin.bandsCount", { shown: p.bandsShown, count: p.bands })}</p>
        </li>
        <li className="card">
          <h2>
            <a href="/staff/admin/population">{t("admin.section.population")}</a>
          </h2>
          <p>{p.latestYear ? t("admin.populationLatest", { year: p.latestYear }) : t("admin.populationNone")}</p>
        </li>
        <li className="card">
          <h2>
            <a href="/staff/admin/staff">{t("admin.section.staff")}</a>
          </h2>
          <p>{t("accounts.card")}</p>
        </li>
        <li className="card">
          <h2>
            <a href="/staff/admin/retention">{t("admin.section.retention")}</a>
          </h2>
          <p>{t("admin.retentionCard")}</p>
        </li>
      </ul>
    </>
  );
}
