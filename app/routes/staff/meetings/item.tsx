import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { FiguresView } from "~/components/FiguresView";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getAgendaItem, ResponseError, recordBoardResponse } from "~/models/board.server";
import { sessionAnswersForAgendaItem } from "~/models/sessions.server";
import { recordAudit } from "~/models/staff.server";
import { EXCEPTION_RULE, readExceptionFlags } from "~/models/summaries.server";
import { protectFigures } from "~/utils/figures";
import { protectCount } from "~/utils/suppression";
import { formatDate, formatPeriod } from "~/utils/time";
import type { Route } from "./+types/item";

const field = (key: string) => z.string().trim().min(1, `response.error.${key}`).max(2000, "response.error.tooLong");
const responseSchema = z.object({
  decision: field("decision"),
  actions: field("actions"),
  youSaid: field("youSaid"),
  weDid: field("weDid"),
  youSaidParents: field("youSaidParents"),
  weDidParents: field("weDidParents"),
});

function load(request: Request, idParam: string, role: string) {
  const item = getAgendaItem(Number(idParam));
  if (!item) throw data(null, { status: 404 });
  const lang = getLang(request);
  return {
    ...item,
    // Board papers are outside an officer's own live results: counts go through the suppression rule here, on the
    // server, so a hidden count is not even in the page's data.
    figures: item.figures ? protectFigures(item.figures) : null,
    meetsOn: formatDate(item.meetsOn, lang),
    period: item.periodFrom && item.periodTo ? formatPeriod(item.periodFrom, item.periodTo, lang) : null,
    rule: EXCEPTION_RULE,
    flags: readExceptionFlags(item.exceptionFlags).map((f) =>
      f
        ? {
            ...f,
            period: item.periodFrom && item.periodTo ? formatPeriod(item.periodFrom, item.periodTo, lang) : "",
            previousPeriod: formatPeriod(f.previousFrom, f.previousTo, lang),
          }
        : null,
    ),
    mayRespond: can(role, "respond"),
    // Questions this item referred to a Sounding Board or forum, and what the session said (approved, masked notes;
    // attendance as a total, under 5 never shown as a number: this is a Board paper).
    sessionAnswers: sessionAnswersForAgendaItem(item.id).map((q) => ({
      id: q.id,
      text: q.text,
      sessionTitle: q.sessionTitle,
      groups: q.groups,
      when: formatDate(q.startsAt, lang),
      status: q.status,
      summary: q.summarySentAt ? q.summary : null,
      notes: q.notes,
      attendance: protectCount(q.attendance),
    })),
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries", "respond");
  return {
    ...load(request, params.id, staff.role),
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "respond");
  const t = getT(request);
  const item = load(request, params.id, staff.role);
  const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  const parsed = responseSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= t(issue.message);
    return data({ ...item, values, errors }, { status: 400 });
  }
  try {
    recordBoardResponse({ staffId: staff.id, agendaItemId: item.id, ...parsed.data });
  } catch (error) {
    if (error instanceof ResponseError) {
      return data({ ...item, values, errors: { decision: t(`response.error.${error.code}`) } }, { status: 400 });
    }
    throw error;
  }
  recordAudit(staff.id, "board_response_recorded", "agenda_item", item.id);
  return redirect(`/staff/agenda-items/${item.id}?recorded=1`);
}

const flagValues = (f: {
  outcome: string;
  share: number;
  earlierShare: number;
  period: string;
  previousPeriod: string;
}) => ({
  outcome: f.outcome,
  share: f.share,
  earlier: f.earlierShare,
  period: f.period,
  previousPeriod: f.previousPeriod,
});

export default function AgendaItem({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  return (
    <>
      <PageTitle title={p.title} error={Boolean(p.errors)} />
      <a href={`/staff/meetings/${p.meetingId}`} className="back-link">
        {p.meetingTitle}
      </a>
      <ErrorSummary errors={p.errors} />
      <p className="meta">
        {t(`itemKind.${p.kind}`)} · {p.meetingTitle} · {p.meetsOn}
      </p>
      <h1>{p.title}</h1>
      {p.flags.length > 0 && (
        <div className="notice warn">
          <h2 style={{ marginTop: 0 }}>{t("meetings.exceptionTitle")}</h2>
          <ul>
            {p.flags.map((f, i) =>
              f ? (
                <li key={f.outcomeId}>
                  {f.direction === "better"
                    ? t("meetings.exceptionBetter", { ...flagValues(f), count: f.points })
                    : t("meetings.exceptionWorse", { ...flagValues(f), count: f.points })}
                </li>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: a flag stored before flags said what they meant has no other key
                <li key={`old-${i}`}>{t("meetings.exceptionOld")}</li>
              ),
            )}
          </ul>
          <p>{t("meetings.exceptionRule", { points: p.rule.points, min: p.rule.minAnswers })}</p>
        </div>
      )}
      {p.period && <p>{t("summary.period", { period: p.period })}</p>}
      {p.keyMessage && (
        <>
          <h2>{t("summary.keyMessage")}</h2>
          <p>{p.keyMessage}</p>
        </>
      )}
      {p.recommendation && (
        <>
          <h2>{t("summary.recommendationHeading")}</h2>
          <p>{p.recommendation}</p>
        </>
      )}
      {p.figures && (
        <>
          <h2>{t("figures.title")}</h2>
          <FiguresView figures={p.figures} />
        </>
      )}
      {p.quotes.length > 0 && (
        <>
          <h2>{t("summary.quotes")}</h2>
          {p.quotes.map((q) => (
            <blockquote key={q}>“{q}”</blockquote>
          ))}
        </>
      )}
      {p.sessionAnswers.length > 0 && (
        <section aria-labelledby="session-answers">
          <h2 id="session-answers">{t("staffSessions.answers.title")}</h2>
          {p.sessionAnswers.map((q) => (
            <div key={q.id} className="panel" data-testid="session-answer">
              <h3 style={{ marginTop: 0 }} dir="auto">
                {q.text}
              </h3>
              <p className="meta">
                {q.sessionTitle} · {q.when} · {q.groups.join("; ")}
                {q.status === "closed" &&
                  (q.attendance === "fewer"
                    ? ` · ${t("staffSessions.answers.attendanceFewer")}`
                    : typeof q.attendance === "number" && q.attendance > 0
                      ? ` · ${t("staffSessions.answers.attendance", { count: q.attendance })}`
                      : "")}
              </p>
              {q.status !== "closed" ? (
                <p>{t("staffSessions.answers.notYet")}</p>
              ) : (
                <>
                  {q.summary && <p style={{ whiteSpace: "pre-wrap" }}>{q.summary}</p>}
                  {q.notes.length > 0 && (
                    <>
                      <h4>{t("staffSessions.answers.notes")}</h4>
                      <ul>
                        {q.notes.map((n, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: notes in the order they were taken
                          <li key={i} dir="auto">
                            {n.text}
                            {n.marker && <span className="meta"> ({t(`staffSessions.marker.${n.marker}`)})</span>}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              )}
            </div>
          ))}
        </section>
      )}
      <h2>{t("response.title")}</h2>
      {p.response ? (
        <div className="panel">
          <h3 style={{ marginTop: 0 }}>{t("response.decision")}</h3>
          <p>{p.response.decision}</p>
          <h3>{t("response.actions")}</h3>
          <p>{p.response.actions}</p>
          <h3>{t("response.published")}</h3>
          <p>
            <strong>{t("ysdw.youSaid")}</strong> {p.response.youSaid}
          </p>
          <p>
            <strong>{t("ysdw.weDid")}</strong> {p.response.weDid}
          </p>
          <p>
            <a href="/you-said-we-did">{t("response.seePublic")}</a>
          </p>
        </div>
      ) : p.mayRespond ? (
        <Form method="post" noValidate style={{ maxWidth: "44rem" }}>
          <p>{t("response.intro")}</p>
          <TextField
            label={t("response.decision")}
            name="decision"
            defaultValue={p.values.decision}
            error={e.decision}
            multiline
            rows={3}
          />
          <TextField
            label={t("response.actions")}
            name="actions"
            defaultValue={p.values.actions}
            error={e.actions}
            multiline
            rows={3}
          />
          <h3>{t("response.forChildren")}</h3>
          <TextField
            label={t("response.youSaid")}
            name="youSaid"
            description={t("response.youSaidHint")}
            defaultValue={p.values.youSaid}
            error={e.youSaid}
            multiline
            rows={2}
          />
          <TextField
            label={t("response.weDid")}
            name="weDid"
            defaultValue={p.values.weDid}
            error={e.weDid}
            multiline
            rows={2}
          />
          <h3>{t("response.forParents")}</h3>
          <TextField
            label={t("response.youSaidParents")}
            name="youSaidParents"
            defaultValue={p.values.youSaidParents}
            error={e.youSaidParents}
            multiline
            rows={2}
          />
          <TextField
            label={t("response.weDidParents")}
            name="weDidParents"
            defaultValue={p.values.weDidParents}
            error={e.weDidParents}
            multiline
            rows={2}
          />
          <Button>{t("response.submit")}</Button>
        </Form>
      ) : (
        <p>{t("response.awaiting")}</p>
      )}
    </>
  );
}
