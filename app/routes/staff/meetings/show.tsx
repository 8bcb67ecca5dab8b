import { data, Form, redirect } from "react-router";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { DeletePanel } from "~/components/board/DeletePanel";
import { MeetingForm } from "~/components/board/MeetingForm";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  addAgendaItem,
  BoardInputError,
  deleteMeeting,
  getMeeting,
  listBodies,
  meetingDeleteBlocker,
  moveAgendaItem,
  ResponseError,
  setAgendaItemKind,
  updateMeeting,
} from "~/models/board.server";
import { recordAudit } from "~/models/staff.server";
import { countOverdueThreads } from "~/models/threads.server";
import { formValues, itemKinds, translateErrors } from "~/schemas/board";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/show";

function page(request: Request, idParam: string, role: string) {
  const meeting = getMeeting(Number(idParam));
  if (!meeting) throw data(null, { status: 404 });
  return {
    ...meeting,
    date: formatDate(meeting.meetsOn, getLang(request)),
    // A promise to answer that is broken is worse than none: the Board sees how many answers are late.
    overdueQuestions: countOverdueThreads(),
    mayManage: can(role, "summaries"),
    bodies: can(role, "summaries") ? listBodies() : [],
    deleting: false,
    deleteBlocker: null as string | null,
    intent: null as string | null,
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries", "respond", "draft_responses");
  const p = page(request, params.id, staff.role);
  // ?delete=1 is the confirmation step: say now, before the button, if something depends on the meeting.
  if (!p.mayManage || !new URL(request.url).searchParams.has("delete")) return p;
  const blocker = meetingDeleteBlocker(p.id);
  return { ...p, deleting: true, deleteBlocker: blocker && getT(request)(`meetings.delete.${blocker}`) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const t = getT(request);
  const meeting = page(request, params.id, staff.role);
  const values = formValues(await request.formData());
  const item = meeting.items.find((i) => i.id === Number(values.itemId));
  try {
    switch (values.intent) {
      case "move":
      case "kind": {
        if (!item) throw data(t("meetings.error.not_found"), { status: 400 });
        if (values.intent === "move") moveAgendaItem(item.id, values.direction === "up" ? "up" : "down");
        else setAgendaItemKind(item.id, values.kind ?? "");
        recordAudit(staff.id, "agenda_reordered", "meeting", meeting.id);
        return redirect(`/staff/meetings/${meeting.id}#item-${item.id}`);
      }
      case "item": {
        const id = addAgendaItem(meeting.id, { title: values.title ?? "", kind: values.kind ?? "" });
        recordAudit(staff.id, "agenda_item_added", "agenda_item", id);
        return redirect(`/staff/meetings/${meeting.id}#item-${id}`);
      }
      case "delete": {
        try {
          deleteMeeting(meeting.id);
        } catch (error) {
          if (!(error instanceof ResponseError) || error.code === "not_found") throw error;
          const message = t(`meetings.delete.${error.code}`);
          return data(
            {
              ...meeting,
              deleting: true,
              deleteBlocker: message,
              intent: "delete",
              errors: { "delete-heading": message } as Record<string, string>,
            },
            { status: 409 },
          );
        }
        recordAudit(staff.id, "meeting_deleted", "meeting", meeting.id, { title: meeting.title });
        return redirect("/staff/meetings?saved=meeting_deleted");
      }
      case "meeting": {
        updateMeeting(meeting.id, {
          bodyId: values.bodyId ?? "",
          title: values.title ?? "",
          meetsOn: values.meetsOn ?? "",
          place: values.place ?? "",
        });
        recordAudit(staff.id, "meeting_updated", "meeting", meeting.id);
        return redirect(`/staff/meetings/${meeting.id}`);
      }
    }
  } catch (error) {
    if (error instanceof BoardInputError) {
      const errors = Object.fromEntries(
        Object.entries(translateErrors(error.errors, t)).map(([k, v]) => [`${values.intent}-${k}`, v]),
      );
      return data({ ...meeting, intent: values.intent ?? null, values, errors }, { status: 400 });
    }
    throw error;
  }
  throw data(t("meetings.error.intent"), { status: 400 });
}

export default function Meeting({ loaderData, actionData }: Route.ComponentProps) {
  const m = actionData ?? loaderData;
  const { t } = useTranslation();
  const e = m.errors ?? {};
  const v = (intent: string, k: string) => (m.intent === intent ? m.values[k] : undefined);
  return (
    <>
      <PageTitle title={m.title} error={Boolean(m.errors)} />
      <a href="/staff/meetings" className="back-link">
        {t("meetings.title")}
      </a>
      <ErrorSummary errors={m.errors} />
      <h1>{m.title}</h1>
      <p className="meta">
        {m.body} · {m.date}
        {m.place && <> · {m.place}</>}
      </p>
      {m.overdueQuestions > 0 && (
        <p className="notice warn">
          <a href="/staff/questions">{t("questions.overdueCount", { count: m.overdueQuestions })}</a>
        </p>
      )}
      <form method="post" action="/staff/exports" className="button-row">
        <input type="hidden" name="kind" value="pack" />
        <input type="hidden" name="meetingId" value={m.id} />
        <Button variant="secondary">{t("meetings.agendaPack")}</Button>
        <span className="hint">{t("meetings.agendaPackHint")}</span>
      </form>
      {itemKinds.map((kind) => {
        const items = m.items.filter((i) => i.kind === kind);
        const other = kind === "decision" ? "information" : "decision";
        return (
          <section key={kind} aria-labelledby={`items-${kind}`}>
            <h2 id={`items-${kind}`}>{t(`meetings.itemsFor.${kind}`)}</h2>
            {items.length === 0 ? (
              <p>{t("meetings.noItems")}</p>
            ) : (
              <ol className="card-list">
                {items.map((i, n) => (
                  <li key={i.id} className="card" id={`item-${i.id}`}>
                    <h3 style={{ margin: 0 }}>
                      <a href={`/staff/agenda-items/${i.id}`}>{i.title}</a>
                    </h3>
                    <p className="meta" style={{ margin: "0.4rem 0 0" }}>
                      {i.responseStatus === "published" ? (
                        <span className="tag">{t("meetings.responsePublished")}</span>
                      ) : i.responseStatus === "draft" ? (
                        <span className="tag pending">{t("meetings.responseDraft")}</span>
                      ) : (
                        <span className="tag pending">{t("meetings.awaiting")}</span>
                      )}{" "}
                      {i.exceptionFlags.length > 0 && <span className="tag escalated">{t("meetings.exception")}</span>}{" "}
                      {i.version !== null && (
                        <span className="tag muted">{t("meetings.versionReceived", { version: i.version })}</span>
                      )}
                    </p>
                    {m.mayManage && (
                      <div className="button-row" style={{ marginTop: "0.5rem" }}>
                        {n > 0 && <MoveForm itemId={i.id} direction="up" title={i.title} />}
                        {n < items.length - 1 && <MoveForm itemId={i.id} direction="down" title={i.title} />}
                        <Form method="post">
                          <input type="hidden" name="intent" value="kind" />
                          <input type="hidden" name="itemId" value={i.id} />
                          <input type="hidden" name="kind" value={other} />
                          <Button variant="secondary" size="small">
                            {t(`meetings.makeKind.${other}`)}
                            <span className="visually-hidden">: {i.title}</span>
                          </Button>
                        </Form>
                      </div>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        );
      })}
      {m.mayManage && (
        <>
          <details className="panel" open={m.intent === "item" || undefined} style={{ marginTop: "1rem" }}>
            <summary>{t("meetings.addItem")}</summary>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="item" />
              <p className="hint">{t("meetings.addItemHint")}</p>
              <TextField
                id="item-title"
                name="title"
                label={t("meetings.itemTitle")}
                defaultValue={v("item", "title")}
                error={e["item-title"]}
              />
              <RadioGroup
                id="item-kind"
                name="kind"
                label={t("meetings.itemKind")}
                options={itemKinds.map((k) => ({ value: k, label: t(`itemKind.${k}`) }))}
                defaultValue={v("item", "kind")}
                error={e["item-kind"]}
              />
              <Button>{t("meetings.saveItem")}</Button>
            </Form>
          </details>
          <MeetingForm
            summary={t("meetings.editMeeting")}
            open={m.intent === "meeting"}
            bodies={m.bodies}
            values={
              m.intent === "meeting"
                ? m.values
                : { bodyId: String(m.bodyId), title: m.title, meetsOn: m.meetsOn, place: m.place ?? "" }
            }
            errors={e}
          />
          {m.deleting ? (
            <DeletePanel
              heading={t("meetings.delete.meetingHeading", { title: m.title })}
              blocker={m.deleteBlocker}
              confirm={t("meetings.delete.meetingConfirm")}
              cancelHref={`/staff/meetings/${m.id}`}
            />
          ) : (
            <p>
              <a href={`/staff/meetings/${m.id}?delete=1#delete`} className="button secondary">
                {t("meetings.delete.meetingLink")}
              </a>
            </p>
          )}
        </>
      )}
    </>
  );
}

function MoveForm({ itemId, direction, title }: { itemId: number; direction: "up" | "down"; title: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="direction" value={direction} />
      <Button variant="secondary" size="small">
        {t(direction === "up" ? "meetings.moveUp" : "meetings.moveDown")}
        <span className="visually-hidden">: {title}</span>
      </Button>
    </Form>
  );
}
