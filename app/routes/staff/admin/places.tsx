import { data, Form, redirect, useLocation } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AdminError, addArea, addLocality, listPlaces } from "~/models/admin.server";
import type { Route } from "./+types/places";
import { AdminSections, Done, Field, Select } from "./parts";
import { doneParam, formId, nameSchema, refusalMessage } from "./shared.server";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return {
    areas: listPlaces(),
    done: doneParam(request),
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries(
    ["areaName", "localityName", "localityArea"].map((k) => [k, String(form.get(k) ?? "").slice(0, 200)]),
  );
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ areas: listPlaces(), done: null, values, errors }, { status });
  if (intent === "addArea") {
    const name = nameSchema.safeParse(values.areaName);
    if (!name.success) return fail({ areaName: t("admin.error.name") });
    try {
      addArea(name.data, staff.id);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      return fail({ areaName: refusalMessage(t, error) });
    }
    return redirect("/staff/admin/places?done=areaAdded");
  }
  if (intent === "addLocality") {
    const errors: Record<string, string> = {};
    const name = nameSchema.safeParse(values.localityName);
    const areaId = formId(values.localityArea);
    if (!name.success) errors.localityName = t("admin.error.name");
    if (areaId === null) errors.localityArea = t("admin.error.chooseArea");
    if (!name.success || areaId === null) return fail(errors);
    try {
      addLocality({ areaId, name: name.data }, staff.id);
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      return fail(
        error.code === "bad_area"
          ? { localityArea: refusalMessage(t, error) }
          : { localityName: refusalMessage(t, error) },
      );
    }
    return redirect("/staff/admin/places?done=localityAdded");
  }
  return fail({ intent: t("admin.error.intent") });
}

export default function Places({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const v = p.values;
  const e = p.errors ?? {};
  const location = useLocation();
  const areaOptions = p.areas.map((a) => ({ value: String(a.id), label: a.name }));
  return (
    <>
      <PageTitle title={t("admin.section.places")} error={Boolean(p.errors)} />
      <AdminSections current="places" />
      <h1>{t("admin.section.places")}</h1>
      <p>{t("admin.placesIntro")}</p>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <TableScroll label={t("admin.section.places")}>
        <table>
          <caption className="visually-hidden">{t("admin.section.places")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.col.area")}</th>
              <th scope="col">{t("admin.col.localities")}</th>
            </tr>
          </thead>
          <tbody>
            {p.areas.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <a href={`/staff/admin/areas/${a.id}`}>
                    {a.name}
                    <span className="visually-hidden"> {t("admin.changeArea")}</span>
                  </a>
                </th>
                <td>
                  {a.localities.length ? (
                    <ul className="choices-inline" style={{ margin: 0, paddingInlineStart: 0, listStyle: "none" }}>
                      {a.localities.map((l) => (
                        <li key={l.id} style={{ display: "inline-block", marginInlineEnd: "1rem" }}>
                          <a href={`/staff/admin/localities/${l.id}`}>{l.name}</a>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("admin.noLocalities")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="grid-2">
        <Form method="post" noValidate key={`area-${location.key}`}>
          <h2>{t("admin.addArea")}</h2>
          <input type="hidden" name="intent" value="addArea" />
          <Field id="areaName" label={t("admin.field.areaName")} value={v.areaName} error={e.areaName} />
          <button type="submit" className="button">
            {t("admin.addArea")}
          </button>
        </Form>
        <Form method="post" noValidate key={`locality-${location.key}`}>
          <h2>{t("admin.addLocality")}</h2>
          <input type="hidden" name="intent" value="addLocality" />
          <Field
            id="localityName"
            label={t("admin.field.localityName")}
            value={v.localityName}
            error={e.localityName}
          />
          <Select
            id="localityArea"
            label={t("admin.field.area")}
            value={v.localityArea}
            error={e.localityArea}
            placeholder={t("admin.field.choose")}
            options={areaOptions}
          />
          <button type="submit" className="button">
            {t("admin.addLocality")}
          </button>
        </Form>
      </div>
    </>
  );
}
