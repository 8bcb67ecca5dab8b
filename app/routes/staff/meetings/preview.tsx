import { data, Form, redirect } from "react-router";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getAgendaItem, previewResponse, publishResponse, ResponseError } from "~/models/board.server";
import { recordAudit } from "~/models/staff.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/preview";

function load(request: Request, idParam: string, role: string) {
  const item = getAgendaItem(Number(idParam));
  const preview = item ? previewResponse(item.id) : null;
  if (!item?.response || !preview) throw data(null, { status: 404 });
  const lang = getLang(request);
  return {
    id: item.id,
    title: item.title,
    meetingTitle: item.meetingTitle,
    status: item.response.status,
    publishedOn: item.response.publishedAt ? formatDate(item.response.publishedAt, lang) : null,
    decision: item.response.decision,
    ...preview,
    actions: preview.actions.map((a) => ({ ...a, due: formatDate(`${a.dueOn}T12:00:00Z`, lang) })),
    mayPublish: can(role, "respond"),
    error: null as string | null,
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "draft_responses", "respond");
  return load(request, params.id, staff.role);
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "respond");
  const page = load(request, params.id, staff.role);
  const item = getAgendaItem(page.id);
  const responseId = item?.response?.id;
  if (!responseId) throw data(null, { status: 404 });
  try {
    publishResponse({ staffId: staff.id, responseId });
  } catch (error) {
    if (error instanceof ResponseError) {
      return data({ ...page, error: getT(request)(`response.error.${error.code}`) }, { status: 400 });
    }
    throw error;
  }
  recordAudit(staff.id, "board_response_published", "agenda_item", page.id);
  return redirect(`/staff/agenda-items/${page.id}?saved=published#published`);
}

/** Exactly what publishing writes: the same words, translations and actions the public pages will show. */
export default function Preview({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const missing = Object.keys(p.problems);
  const title = t("response.previewTitle", { title: p.title });
  return (
    <>
      <PageTitle title={title} error={Boolean(p.error)} />
      <a href={`/staff/agenda-items/${p.id}#response`} className="back-link">
        {p.title}
      </a>
      {p.error && (
        <div className="error-summary" role="alert">
          <h2>{t("error.summaryTitle")}</h2>
          <p>{p.error}</p>
        </div>
      )}
      <h1>{title}</h1>
      {p.status === "published" ? (
        <p className="notice">{t("response.alreadyPublished", { date: p.publishedOn })}</p>
      ) : (
        <p className="notice">{t("response.previewIntro")}</p>
      )}
      <p className="meta">
        {p.meetingTitle}
        {p.outcome && <> · {t("response.previewOutcome", { outcome: p.outcome })}</>}
      </p>
      {p.checkedByYoungPeople && <p className="tag">{t("response.checkedByYoungPeople")}</p>}
      <h2>{t("response.decision")}</h2>
      <p style={{ whiteSpace: "pre-wrap" }} dir="auto">
        {p.decision || "—"}
      </p>
      <Version
        lang="en"
        heading={t("response.previewEnglish")}
        texts={p.texts}
        labels={{ youSaid: t("response.youSaid"), weDid: t("response.weDid") }}
      />
      {p.translations.map((tr) => (
        <Version
          key={tr.lang}
          lang={tr.lang}
          heading={t(`response.lang.${tr.lang}`)}
          texts={tr}
          labels={{ youSaid: t("response.youSaid"), weDid: t("response.weDid") }}
        />
      ))}
      {p.translations.length < 2 && <p className="hint">{t("response.previewFallback")}</p>}
      <h2>{t("actions.title")}</h2>
      {p.actions.length === 0 ? (
        <p>{t("actions.none")}</p>
      ) : (
        <TableScroll label={t("actions.title")}>
          <table>
            <caption className="visually-hidden">{t("actions.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("actions.description")}</th>
                <th scope="col">{t("actions.leadAgency")}</th>
                <th scope="col">{t("actions.dueOn")}</th>
                <th scope="col">{t("actions.status")}</th>
              </tr>
            </thead>
            <tbody>
              {p.actions.map((a) => (
                <tr key={a.id}>
                  <td dir="auto">{a.description}</td>
                  <td dir="auto">{a.leadAgency}</td>
                  <td>{a.due}</td>
                  <td>{t(`actions.statuses.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {p.status !== "published" &&
        (missing.length > 0 ? (
          <div className="notice warn">
            <h2 style={{ marginTop: 0 }}>{t("response.notReady")}</h2>
            <ul>
              {missing.map((k) => (
                <li key={k}>
                  <a href={`/staff/agenda-items/${p.id}#draft-${k}`}>{t(p.problems[k])}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : p.mayPublish ? (
          <Form method="post" className="button-row">
            <Button>{t("response.publish")}</Button>
            <a href={`/staff/agenda-items/${p.id}#response`}>{t("response.backToDraft")}</a>
          </Form>
        ) : (
          <p>{t("response.boardPublishes")}</p>
        ))}
    </>
  );
}

function Version({
  lang,
  heading,
  texts,
  labels,
}: {
  lang: string;
  heading: string;
  texts: { youSaid: string; weDid: string; youSaidParents: string; weDidParents: string };
  labels: { youSaid: string; weDid: string };
}) {
  const { t } = useTranslation();
  return (
    <section aria-label={heading}>
      <h2>{heading}</h2>
      <div className="ysdw">
        {(
          [
            ["ysdw-said", "response.forChildren", "youSaid", "weDid"],
            ["ysdw-did", "response.forParents", "youSaidParents", "weDidParents"],
          ] as const
        ).map(([cls, heading, said, did]) => (
          <div key={cls} className={cls}>
            <h3>{t(heading)}</h3>
            <h4>{labels.youSaid}</h4>
            <p lang={lang} dir={lang === "ar" ? "rtl" : "ltr"} data-testid={`${lang}-${said}`}>
              {texts[said]}
            </p>
            <h4>{labels.weDid}</h4>
            <p lang={lang} dir={lang === "ar" ? "rtl" : "ltr"} data-testid={`${lang}-${did}`}>
              {texts[did]}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}
