import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { AgendaFields } from "~/components/sessions/AgendaFields";
import { SessionDetailsFields } from "~/components/sessions/SessionDetailsFields";
import { Button } from "~/components/ui/Button";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { AGENDA_ROWS, QUESTION_MAX } from "~/models/sessions/types";
import { createSession, SessionError } from "~/models/sessions.server";
import type { Route } from "./+types/new";
import { readSessionForm, sessionFormLists } from "./form.server";

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "groups");
  const group = new URL(request.url).searchParams.get("group");
  return {
    ...sessionFormLists(),
    values: { start: "18:00", end: "19:30" } as Record<string, string>,
    chosen: group && /^\d{1,9}$/.test(group) ? [Number(group)] : [],
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "groups");
  const t = getT(request);
  const read = readSessionForm(await request.formData(), t);
  const again = (errors: Record<string, string>) =>
    data({ ...sessionFormLists(), values: read.values, chosen: read.groupIds, errors }, { status: 400 });
  if (!read.input) return again(read.errors ?? {});
  try {
    const id = createSession({ ...read.input, staffId: staff.id });
    return redirect(`/staff/sessions/${id}?done=created`);
  } catch (error) {
    if (!(error instanceof SessionError)) throw error;
    return again({ [error.code === "no_groups" ? "group" : "end"]: t(`staffSessions.error.${error.code}`) });
  }
}

export default function NewSession({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const v = p.values;
  const e = p.errors ?? {};
  const areas = [...new Set(p.groups.map((g) => g.area ?? ""))];
  return (
    <>
      <PageTitle title={t("staffSessions.newTitle")} error={Boolean(p.errors)} />
      <p>
        <a href="/staff/sessions">{t("staffSessions.back")}</a>
      </p>
      <h1>{t("staffSessions.newTitle")}</h1>
      <p>{t("staffSessions.newIntro")}</p>
      <Form method="post" noValidate className="stack">
        <ErrorSummary errors={p.errors} />
        <SessionDetailsFields values={v} errors={e} />
        <fieldset
          className={`field${e.group ? " has-error" : ""}`}
          aria-describedby={e.group ? "group-error" : undefined}
        >
          <legend className="label">{t("staffSessions.field.groups")}</legend>
          <p className="hint">{t("staffSessions.field.groupsHint")}</p>
          {e.group && (
            <p className="field-error" id="group-error">
              {e.group}
            </p>
          )}
          <div className="field">
            <label className="label" htmlFor="group">
              {t("staffSessions.field.set")}
            </label>
            <select id="group" name="groupSet" defaultValue={v.groupSet ?? ""} style={{ maxWidth: "100%" }}>
              <option value="">{t("staffSessions.field.noSet")}</option>
              {p.sets.map((s) => (
                <option key={s.key} value={s.key}>
                  {t(`staffSessions.field.set_${s.audience}`, { area: s.area })}
                </option>
              ))}
            </select>
          </div>
          {areas.map((area) => (
            <details
              key={area || "county"}
              open={!area || p.groups.some((g) => (g.area ?? "") === area && p.chosen.includes(g.id))}
            >
              <summary>{area || t("groups.countywide")}</summary>
              <ul className="check-list">
                {p.groups
                  .filter((g) => (g.area ?? "") === area)
                  .map((g) => (
                    <li key={g.id}>
                      <label>
                        <input type="checkbox" name="group" value={g.id} defaultChecked={p.chosen.includes(g.id)} />{" "}
                        {g.name}
                      </label>
                    </li>
                  ))}
              </ul>
            </details>
          ))}
        </fieldset>
        <h2>{t("staffSessions.agenda.title")}</h2>
        <p>{t("staffSessions.agenda.intro")}</p>
        {Array.from({ length: AGENDA_ROWS }, (_, i) => (
          <AgendaFields
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed rows, named by position
            key={i}
            prefix={`q${i}`}
            number={i + 1}
            outcomes={p.outcomes}
            items={p.items}
            values={v}
            error={e[`q${i}`]}
            maxLength={QUESTION_MAX}
          />
        ))}
        <Button type="submit">{t("staffSessions.create")}</Button>
      </Form>
    </>
  );
}
