import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AdminError, getAgeBandSettings, saveAgeBandSettings } from "~/models/admin.server";
import type { Route } from "./+types/age-bands";
import { AdminSections, Done } from "./parts";
import { doneParam, refusalMessage } from "./shared.server";

type Row = { band: string; shown: boolean; order: string };

function rowsFromSettings() {
  return getAgeBandSettings().map((s) => ({ band: s.band, shown: s.shown, order: String(s.position) }));
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return { rows: rowsFromSettings() as Row[], done: doneParam(request), errors: null as Record<string, string> | null };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const t = getT(request);
  const form = await request.formData();
  const shown = new Set(form.getAll("shown").map(String));
  // Every band is posted back in the order the page showed them; what was typed is kept if the save is refused.
  const rows: Row[] = rowsFromSettings().map((r) => ({
    band: r.band,
    shown: shown.has(r.band),
    order: String(form.get(`order-${r.band}`) ?? "").slice(0, 10),
  }));
  const errors: Record<string, string> = {};
  for (const r of rows)
    if (!/^\d{1,2}$/.test(r.order.trim()))
      errors[`order-${r.band}`] = t("admin.error.order", { band: t(`ageBand.${r.band}`) });
  if (!Object.keys(errors).length) {
    try {
      saveAgeBandSettings(
        rows.map((r) => ({ band: r.band, shown: r.shown, order: Number(r.order) })),
        staff.id,
      );
      return redirect("/staff/admin/age-bands?done=bandsSaved");
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      errors[`shown-${rows[0].band}`] = refusalMessage(t, error);
    }
  }
  return data({ rows, done: null, errors }, { status: 400 });
}

export default function AgeBands({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const e = p.errors ?? {};
  const refusal = p.rows.length ? e[`shown-${p.rows[0].band}`] : undefined;
  const seen = loaderData.rows.filter((r) => r.shown);
  return (
    <>
      <PageTitle title={t("admin.section.ageBands")} error={Boolean(p.errors)} />
      <AdminSections current="ageBands" />
      <h1>{t("admin.section.ageBands")}</h1>
      <p>{t("admin.bandsIntro")}</p>
      <Done message={p.done ? t(`admin.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <p>
        {t("admin.bandsSeen")} <strong>{seen.map((r) => t(`ageBand.${r.band}`)).join(", ")}</strong>
      </p>
      <Form method="post" noValidate>
        {refusal && <FieldError id={`shown-${p.rows[0].band}`} message={refusal} />}
        <TableScroll label={t("admin.section.ageBands")}>
          <table>
            <caption className="visually-hidden">{t("admin.section.ageBands")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.col.band")}</th>
                <th scope="col">{t("admin.col.shown")}</th>
                <th scope="col">{t("admin.col.order")}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => {
                const band = t(`ageBand.${r.band}`);
                const orderError = e[`order-${r.band}`];
                return (
                  <tr key={r.band}>
                    <th scope="row">{band}</th>
                    <td>
                      <label className="choice" style={{ margin: 0 }}>
                        <input
                          type="checkbox"
                          id={`shown-${r.band}`}
                          name="shown"
                          value={r.band}
                          defaultChecked={r.shown}
                          aria-describedby={refusal && r === p.rows[0] ? `shown-${r.band}-error` : undefined}
                        />
                        <span>
                          {t("admin.showBand")}
                          <span className="visually-hidden"> {band}</span>
                        </span>
                      </label>
                    </td>
                    <td style={{ position: "relative" }}>
                      <label className="visually-hidden" htmlFor={`order-${r.band}`}>
                        {t("admin.orderOf", { band })}
                      </label>
                      <FieldError id={`order-${r.band}`} message={orderError} />
                      <input
                        type="text"
                        inputMode="numeric"
                        id={`order-${r.band}`}
                        name={`order-${r.band}`}
                        defaultValue={r.order}
                        aria-invalid={orderError ? true : undefined}
                        aria-describedby={orderError ? `order-${r.band}-error` : undefined}
                        style={{ maxWidth: "5rem" }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        <p className="hint">{t("admin.orderHint")}</p>
        <button type="submit" className="button">
          {t("admin.saveBands")}
        </button>
      </Form>
    </>
  );
}
