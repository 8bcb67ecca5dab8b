import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { FormProblem } from "~/components/plan/PlanForms";
import { Button } from "~/components/ui/Button";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getTheme, mergeThemes, ThemeError } from "~/models/themes.server";
import type { Route } from "./+types/themes-merge";
import { themeRefusal } from "./form.server";

type Pair = { from: { id: number; name: string; contributions: number }; into: { id: number; name: string } };

/** The two themes named in a query or a form, or the reason they cannot be merged. */
function readPair(
  fromRaw: unknown,
  intoRaw: unknown,
  t: ReturnType<typeof getT>,
): Pair | { status: number; message: string } {
  const id = (v: unknown) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null);
  const fromId = id(fromRaw);
  const intoId = id(intoRaw);
  if (fromId === null || intoId === null) return { status: 400, message: t("themes.error.choose") };
  if (fromId === intoId) return themeRefusal(new ThemeError("same"), t);
  const from = getTheme(fromId);
  const into = getTheme(intoId);
  if (!from || !into) return { status: 400, message: t("themes.error.not_found") };
  if (from.mergedInto || into.mergedInto) return themeRefusal(new ThemeError("merged"), t);
  return { from, into };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "tag");
  const q = new URL(request.url).searchParams;
  const pair = readPair(q.get("from"), q.get("into"), getT(request));
  if ("status" in pair) return data({ pair: null, problem: pair.message }, { status: pair.status });
  return { pair, problem: null as string | null };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "tag");
  const t = getT(request);
  const form = await request.formData();
  const pair = readPair(form.get("from"), form.get("into"), t);
  if ("status" in pair) return data({ pair: null, problem: pair.message }, { status: pair.status });
  try {
    mergeThemes(pair.from.id, pair.into.id, { staffId: staff.id });
  } catch (error) {
    const r = themeRefusal(error, t);
    return data({ pair: null, problem: r.message }, { status: r.status });
  }
  return redirect("/staff/plan/themes?done=merged");
}

export default function MergeThemes({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const title = t("themes.merge.confirmTitle");
  return (
    <>
      <PageTitle title={title} error={Boolean(p.problem)} />
      <p>
        <a href="/staff/plan/themes">{t("themes.back")}</a>
      </p>
      <h1>{title}</h1>
      <FormProblem message={p.problem} />
      {p.pair && (
        <>
          <p>
            {t("themes.merge.confirm", {
              from: p.pair.from.name,
              into: p.pair.into.name,
              count: p.pair.from.contributions,
            })}
          </p>
          <p>{t("themes.merge.history", { from: p.pair.from.name })}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="from" value={p.pair.from.id} />
            <input type="hidden" name="into" value={p.pair.into.id} />
            <Button type="submit" variant="danger">
              {t("themes.merge.submit", { from: p.pair.from.name, into: p.pair.into.name })}
            </Button>
            <a href="/staff/plan/themes" className="button secondary">
              {t("themes.merge.cancel")}
            </a>
          </Form>
        </>
      )}
    </>
  );
}
