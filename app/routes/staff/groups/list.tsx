import { Form } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { TableScroll } from "~/components/ui/TableScroll";
import { useTranslation } from "~/i18n/react";
import { groupKinds } from "~/models/groups/types";
import { listGroupsForStaff } from "~/models/groups.server";
import { audiences } from "~/models/reference.server";
import { protectCount } from "~/utils/suppression";
import type { Route } from "./+types/list";

const filterSchema = z.object({
  kind: z.enum(groupKinds).optional().catch(undefined),
  audience: z.enum(audiences).optional().catch(undefined),
  status: z.enum(["open", "closed"]).optional().catch(undefined),
  area: z.string().max(40).optional().catch(undefined),
});

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "groups");
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const all = listGroupsForStaff();
  const areas = [...new Set(all.map((g) => g.area).filter((a): a is string => Boolean(a)))];
  const rows = all.filter(
    (g) =>
      (!filters.kind || g.kind === filters.kind) &&
      (!filters.audience || g.audience === filters.audience) &&
      (!filters.status || g.status === filters.status) &&
      (!filters.area || (filters.area === "county" ? g.area === null : g.area === filters.area)),
  );
  return {
    filters,
    areas,
    total: all.length,
    // Member counts are people: 1 to 4 is shown as "fewer than 5", as everywhere outside an officer's live results.
    groups: rows.map((g) => ({ ...g, members: protectCount(g.members) })),
  };
}

export default function Groups({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("groups.title")} />
      <div className="page-head">
        <h1>{t("groups.title")}</h1>
        <a href="/staff/groups/new" className="button">
          {t("groups.new")}
        </a>
      </div>
      <p>{t("groups.intro")}</p>
      <Form method="get" className="filter-bar" aria-label={t("groups.filters")}>
        <FilterSelect
          name="kind"
          label={t("groups.kindLabel")}
          value={p.filters.kind}
          options={groupKinds.map((k) => ({ value: k, label: t(`groups.kind.${k}`) }))}
        />
        <FilterSelect
          name="audience"
          label={t("groups.audienceLabel")}
          value={p.filters.audience}
          options={["young_people", "parents_carers"].map((a) => ({ value: a, label: t(`audienceShort.${a}`) }))}
        />
        <FilterSelect
          name="area"
          label={t("groups.areaLabel")}
          value={p.filters.area}
          options={[
            { value: "county", label: t("groups.countywide") },
            ...p.areas.map((a) => ({ value: a, label: a })),
          ]}
        />
        <FilterSelect
          name="status"
          label={t("groups.statusLabel")}
          value={p.filters.status}
          options={["open", "closed"].map((s) => ({ value: s, label: t(`groups.status.${s}`) }))}
        />
        <button type="submit" className="button secondary small">
          {t("moderation.filter.apply")}
        </button>
      </Form>
      <p role="status">{t("groups.count", { count: p.groups.length, total: p.total })}</p>
      {p.groups.length > 0 && (
        <TableScroll label={t("groups.title")}>
          <table>
            <caption className="visually-hidden">{t("groups.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("groups.col.name")}</th>
                <th scope="col">{t("groups.kindLabel")}</th>
                <th scope="col">{t("groups.audienceLabel")}</th>
                <th scope="col">{t("groups.col.where")}</th>
                <th scope="col">{t("groups.col.facilitator")}</th>
                <th scope="col" className="num">
                  {t("groups.col.members")}
                </th>
                <th scope="col">{t("groups.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {p.groups.map((g) => (
                <tr key={g.id}>
                  <td>
                    <a href={`/staff/groups/${g.id}`}>{g.name}</a>
                  </td>
                  <td>{t(`groups.kind.${g.kind}`)}</td>
                  <td>{t(`audienceShort.${g.audience}`)}</td>
                  <td>{g.locality ? `${g.locality} (${g.area})` : t("groups.countywide")}</td>
                  <td>{g.facilitator ?? t("groups.noFacilitator")}</td>
                  <td className="num">{g.members === "fewer" ? t("groups.fewer") : g.members}</td>
                  <td>
                    <span className={`tag${g.status === "closed" ? " muted" : ""}`}>
                      {t(`groups.status.${g.status}`)}
                    </span>
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
