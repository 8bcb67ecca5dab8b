import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { FiguresView } from "~/components/FiguresView";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { CheckboxGroup } from "~/components/ui/CheckboxGroup";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listMeetings } from "~/models/board.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { recordAudit } from "~/models/staff.server";
import { candidateQuotes, computeFigures, createSummary, SummaryError } from "~/models/summaries.server";
import { protectFigures } from "~/utils/figures";
import { countyDayStart, countyToday, formatDate } from "~/utils/time";
import type { Route } from "./+types/new";

const scopeSchema = z.object({
  meetingId: z.coerce.number().int().positive(),
  from: z.iso.date(),
  to: z.iso.date(),
  outcomeIds: z.array(z.coerce.number().int().positive()).min(1),
});

const composeSchema = z.object({
  title: z.string().trim().min(1, "summary.error.title").max(200, "summary.error.tooLong"),
  keyMessage: z.string().trim().min(1, "summary.error.keyMessage").max(2000, "summary.error.tooLong"),
  recommendation: z.string().trim().max(2000, "summary.error.tooLong").optional(),
  kind: z.enum(["decision", "information"], { message: "summary.error.kind" }),
});

function readScope(params: URLSearchParams | FormData) {
  const get = (k: string) => {
    const v = params.get(k);
    return typeof v === "string" ? v : "";
  };
  const today = countyToday();
  const threeMonthsAgo = countyToday(new Date(Date.now() - 92 * 86400_000));
  const raw = {
    meetingId: get("meetingId"),
    from: get("from") || threeMonthsAgo,
    to: get("to") || today,
    outcomeIds: params.getAll("outcomeIds").map(String),
  };
  return { raw, parsed: scopeSchema.safeParse(raw) };
}

/** The days picked are county days, both included: stored as [first moment of `from`, first moment after `to`). */
function toScope(s: z.infer<typeof scopeSchema>) {
  return { from: countyDayStart(s.from), to: countyDayStart(s.to, 1), outcomeIds: s.outcomeIds };
}

function page(params: URLSearchParams | FormData, lang: string) {
  const { raw, parsed } = readScope(params);
  const outcomes = listActiveOutcomes().map((o) => ({ id: o.id, title: o.title }));
  const meetings = listMeetings().filter((m) => m.meetsOn >= countyToday());
  const scope = parsed.success ? toScope(parsed.data) : null;
  return {
    raw,
    outcomes,
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, meetsOn: formatDate(m.meetsOn, lang) })),
    // The figures as the Board will read them: through the suppression rule.
    figures: scope ? protectFigures(computeFigures(scope)) : null,
    quotes: scope ? candidateQuotes(scope) : [],
    scopeReady: Boolean(scope),
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const params = new URL(request.url).searchParams;
  return {
    ...page(params, getLang(request)),
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const t = getT(request);
  const form = await request.formData();
  const view = page(form, getLang(request));
  const values = Object.fromEntries(
    ["title", "keyMessage", "recommendation", "kind"].map((k) => [k, String(form.get(k) ?? "")]),
  );
  const { parsed: scope } = readScope(form);
  const compose = composeSchema.safeParse(values);
  const errors: Record<string, string> = {};
  if (!scope.success) errors.meetingId = t("summary.error.scope");
  if (!compose.success) for (const issue of compose.error.issues) errors[String(issue.path[0])] ??= t(issue.message);
  const quoteIds = form.getAll("quoteIds").map(Number);
  if (quoteIds.some((id) => !Number.isInteger(id))) errors.quotes = t("summary.error.quotes");
  if (!scope.success || !compose.success || Object.keys(errors).length) {
    return data({ ...view, values, errors }, { status: 400 });
  }
  try {
    const created = createSummary({
      staffId: staff.id,
      meetingId: scope.data.meetingId,
      title: compose.data.title,
      scope: toScope(scope.data),
      keyMessage: compose.data.keyMessage,
      recommendation: compose.data.recommendation || null,
      quoteIds,
      kind: compose.data.kind,
    });
    recordAudit(staff.id, "summary_created", "agenda_item", created.itemId);
    return redirect(`/staff/agenda-items/${created.itemId}`);
  } catch (error) {
    if (error instanceof SummaryError) {
      return data({ ...view, values, errors: { meetingId: t(`summary.error.${error.code}`) } }, { status: 400 });
    }
    throw error;
  }
}

export default function NewSummary({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("summary.newTitle")} error={Boolean(p.errors)} />
      <a href="/staff/meetings" className="back-link">
        {t("staff.navLinks.meetings")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("summary.newTitle")}</h1>
      <h2>{t("summary.step1")}</h2>
      <Form method="get" className="panel">
        <div className={`field${e.meetingId ? " has-error" : ""}`}>
          <label htmlFor="meetingId">{t("summary.meeting")}</label>
          <FieldError id="meetingId" message={e.meetingId} />
          <select id="meetingId" name="meetingId" defaultValue={p.raw.meetingId}>
            <option value="">{t("summary.chooseMeeting")}</option>
            {p.meetings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title} ({m.meetsOn})
              </option>
            ))}
          </select>
        </div>
        <div className="grid-2">
          <TextField label={t("summary.from")} name="from" type="date" defaultValue={p.raw.from} />
          <TextField label={t("summary.to")} name="to" type="date" defaultValue={p.raw.to} />
        </div>
        <CheckboxGroup
          label={t("summary.outcomes")}
          name="outcomeIds"
          defaultValue={p.raw.outcomeIds}
          grid
          options={p.outcomes.map((o) => ({ value: String(o.id), label: o.title }))}
        />
        <Button variant="secondary">{t("summary.showFigures")}</Button>
      </Form>

      {p.scopeReady && p.figures && (
        <>
          <h2>{t("summary.step2")}</h2>
          <FiguresView figures={p.figures} />
          <Form method="post">
            <input type="hidden" name="meetingId" value={p.raw.meetingId} />
            <input type="hidden" name="from" value={p.raw.from} />
            <input type="hidden" name="to" value={p.raw.to} />
            {p.raw.outcomeIds.map((id) => (
              <input key={id} type="hidden" name="outcomeIds" value={id} />
            ))}
            {p.quotes.length === 0 ? (
              <div className="field" id="quotes">
                <p className="label">{t("summary.quotes")}</p>
                <p>{t("summary.noQuotes")}</p>
              </div>
            ) : (
              <CheckboxGroup
                label={t("summary.quotes")}
                name="quoteIds"
                id="quotes"
                description={t("summary.quotesHint")}
                error={e.quotes}
                options={p.quotes.map((q) => ({
                  value: String(q.id),
                  label: (
                    <>
                      “{q.text}”{q.ageBand && <span className="meta"> ({t(`ageBand.${q.ageBand}`)})</span>}
                    </>
                  ),
                }))}
              />
            )}
            <TextField label={t("summary.itemTitle")} name="title" defaultValue={p.values.title} error={e.title} />
            <TextField
              label={t("summary.keyMessage")}
              name="keyMessage"
              defaultValue={p.values.keyMessage}
              error={e.keyMessage}
              multiline
            />
            <TextField
              label={t("summary.recommendation")}
              name="recommendation"
              defaultValue={p.values.recommendation}
              error={e.recommendation}
              multiline
            />
            <RadioGroup
              label={t("summary.kind")}
              name="kind"
              error={e.kind}
              defaultValue={p.values.kind || "decision"}
              inline
              options={["decision", "information"].map((k) => ({ value: k, label: t(`itemKind.${k}`) }))}
            />
            <Button>{t("summary.create")}</Button>
          </Form>
        </>
      )}
    </>
  );
}
