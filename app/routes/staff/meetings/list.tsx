import { data, Form, redirect } from "react-router";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { BodyFields } from "~/components/board/BodyFields";
import { MeetingForm } from "~/components/board/MeetingForm";
import { OverdueActions } from "~/components/board/OverdueActions";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  BoardInputError,
  createBody,
  createMeeting,
  listBodies,
  listMeetings,
  listOverdueActions,
} from "~/models/board.server";
import { recordAudit } from "~/models/staff.server";
import { formValues, translateErrors } from "~/schemas/board";
import { countyToday, formatDate } from "~/utils/time";
import type { Route } from "./+types/list";

function page(request: Request, role: string) {
  const lang = getLang(request);
  return {
    mayManage: can(role, "summaries"),
    meetings: listMeetings().map((m) => ({ ...m, date: formatDate(m.meetsOn, lang) })),
    bodies: listBodies(),
    overdue: listOverdueActions(countyToday()).map((a) => ({ ...a, due: formatDate(`${a.dueOn}T12:00:00Z`, lang) })),
    intent: null as string | null,
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries", "respond", "draft_responses");
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    ...page(request, staff.role),
    deleted: saved === "meeting_deleted" || saved === "body_deleted" ? saved : null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const t = getT(request);
  const values = formValues(await request.formData());
  try {
    if (values.intent === "body") {
      const id = createBody({ name: values.name ?? "", kind: values.kind ?? "" });
      recordAudit(staff.id, "body_created", "body", id);
      return redirect("/staff/meetings?saved=body#bodies");
    }
    if (values.intent === "meeting") {
      const id = createMeeting({
        bodyId: values.bodyId ?? "",
        title: values.title ?? "",
        meetsOn: values.meetsOn ?? "",
        place: values.place ?? "",
      });
      recordAudit(staff.id, "meeting_created", "meeting", id);
      return redirect(`/staff/meetings/${id}`);
    }
  } catch (error) {
    if (error instanceof BoardInputError) {
      const prefix = values.intent === "body" ? "body-" : "meeting-";
      const errors = Object.fromEntries(
        Object.entries(translateErrors(error.errors, t)).map(([k, v]) => [prefix + k, v]),
      );
      return data({ ...page(request, staff.role), intent: values.intent, values, errors }, { status: 400 });
    }
    throw error;
  }
  throw data(t("meetings.error.intent"), { status: 400 });
}

export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("meetings.title")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{t("meetings.title")}</h1>
      {"deleted" in p && p.deleted && (
        <p className="notice" role="status">
          {t(`meetings.delete.done_${p.deleted}`)}
        </p>
      )}
      {p.mayManage && (
        <p>
          <a href="/staff/summaries/new" className="button">
            {t("summary.newTitle")}
          </a>
        </p>
      )}
      <OverdueActions rows={p.overdue} />
      <h2 id="meetings">{t("meetings.meetingsTitle")}</h2>
      <TableScroll label={t("meetings.meetingsTitle")}>
        <table>
          <caption className="visually-hidden">{t("meetings.meetingsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("meetings.meeting")}</th>
              <th scope="col">{t("meetings.body")}</th>
              <th scope="col">{t("meetings.date")}</th>
              <th scope="col">{t("meetings.place")}</th>
              <th scope="col" className="num">
                {t("meetings.items")}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={`/staff/meetings/${m.id}`}>{m.title}</a>
                </td>
                <td>{m.body}</td>
                <td>{m.date}</td>
                <td>{m.place ?? ""}</td>
                <td className="num">{m.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {p.mayManage && (
        <MeetingForm
          summary={t("meetings.addMeeting")}
          open={p.intent === "meeting"}
          bodies={p.bodies}
          values={p.intent === "meeting" ? p.values : {}}
          errors={e}
          chooseBody
        />
      )}
      <h2 id="bodies">{t("meetings.bodiesTitle")}</h2>
      <TableScroll label={t("meetings.bodiesTitle")}>
        <table>
          <caption className="visually-hidden">{t("meetings.bodiesTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("meetings.bodyName")}</th>
              <th scope="col">{t("meetings.bodyKind")}</th>
            </tr>
          </thead>
          <tbody>
            {p.bodies.map((b) => (
              <tr key={b.id}>
                <td>{p.mayManage ? <a href={`/staff/bodies/${b.id}`}>{b.name}</a> : b.name}</td>
                <td>{t(`meetings.bodyKinds.${b.kind}`, { defaultValue: b.kind })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {p.mayManage && (
        <details className="panel" open={p.intent === "body" || undefined}>
          <summary>{t("meetings.addBody")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="body" />
            <BodyFields values={p.intent === "body" ? p.values : {}} errors={e} prefix="body-" />
            <Button>{t("meetings.saveBody")}</Button>
          </Form>
        </details>
      )}
    </>
  );
}
