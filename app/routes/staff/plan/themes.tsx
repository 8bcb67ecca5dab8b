import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TableScroll } from "~/components/ui/TableScroll";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { createTheme, listThemes } from "~/models/themes.server";
import { themeFormSchema } from "~/schemas/plan";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/themes";
import { readForm, themeRefusal } from "./form.server";

type Errors = Record<string, string> | null;

function themes(request: Request) {
  const lang = getLang(request);
  return listThemes().map((t) => ({ ...t, createdOn: formatDate(t.createdAt, lang) }));
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "tag");
  const done = new URL(request.url).searchParams.get("done");
  return {
    themes: themes(request),
    values: {} as Record<string, string>,
    errors: null as Errors,
    done: done && ["created", "renamed", "merged"].includes(done) ? done : null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "tag");
  const t = getT(request);
  const read = readForm(await request.formData(), ["name"], themeFormSchema, t, "themes.error");
  const page = { themes: themes(request), values: read.values, done: null };
  if (!read.input) return data({ ...page, errors: read.errors }, { status: 400 });
  try {
    createTheme({ name: read.input.name, staffId: staff.id });
  } catch (error) {
    const r = themeRefusal(error, t);
    return data({ ...page, errors: { name: r.message } }, { status: r.status });
  }
  return redirect("/staff/plan/themes?done=created");
}

export default function Themes({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  return (
    <>
      <PageTitle title={t("themes.title")} error={Boolean(p.errors)} />
      <p>
        <a href="/staff/plan">{t("plan.back")}</a>
      </p>
      <h1>{t("themes.title")}</h1>
      <p>{t("themes.intro")}</p>
      {p.done && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t(`themes.done.${p.done}`)}</p>
        </div>
      )}
      {p.themes.length === 0 ? (
        <p>{t("themes.none")}</p>
      ) : (
        <TableScroll label={t("themes.title")}>
          {/* Positioned, so the hidden words of links in its last column stay inside the scrolling box at 320 px. */}
          <table style={{ position: "relative" }}>
            <caption className="visually-hidden">{t("themes.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("themes.col.name")}</th>
                <th scope="col" className="num">
                  {t("themes.col.contributions")}
                </th>
                <th scope="col">{t("themes.col.madeBy")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("plan.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.themes.map((th) => (
                <tr key={th.id} data-theme={th.id}>
                  <th scope="row">
                    <bdi>{th.name}</bdi>
                  </th>
                  <td className="num">{th.contributions}</td>
                  <td>
                    {th.createdBy ?? t("themes.someone")}, {th.createdOn}
                  </td>
                  <td>
                    <a href={`/staff/plan/themes/${th.id}`}>
                      {t("themes.rename")}
                      <span className="visually-hidden"> {th.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <section aria-labelledby="new-theme" className="panel">
        <h2 id="new-theme">{t("themes.newTitle")}</h2>
        <Form method="post" noValidate className="stack">
          <ErrorSummary errors={p.errors} />
          <TextField
            label={t("themes.field.name")}
            name="name"
            id="name"
            description={t("themes.field.nameHint")}
            defaultValue={p.values.name}
            error={p.errors?.name}
            maxLength={60}
            isRequired
          />
          <Button type="submit">{t("themes.create")}</Button>
        </Form>
      </section>

      {p.themes.length > 1 && (
        <section aria-labelledby="merge-title" className="panel">
          <h2 id="merge-title">{t("themes.merge.title")}</h2>
          <p>{t("themes.merge.intro")}</p>
          {/* A GET to the confirmation page: nothing changes until the merge is confirmed there. */}
          <Form method="get" action="/staff/plan/themes/merge" className="stack">
            <div className="field-row">
              <ThemeSelect name="from" label={t("themes.merge.from")} themes={p.themes} />
              <ThemeSelect name="into" label={t("themes.merge.into")} themes={p.themes} />
            </div>
            <Button type="submit" variant="secondary">
              {t("themes.merge.continue")}
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}

function ThemeSelect({ name, label, themes }: { name: string; label: string; themes: { id: number; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label className="label" htmlFor={`merge-${name}`}>
        {label}
      </label>
      <select id={`merge-${name}`} name={name} defaultValue="" style={{ maxWidth: "100%" }}>
        <option value="">{t("themes.merge.choose")}</option>
        {themes.map((th) => (
          <option key={th.id} value={th.id}>
            {th.name}
          </option>
        ))}
      </select>
    </div>
  );
}
