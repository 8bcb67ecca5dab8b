import { data, Form, redirect } from "react-router";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { ActionsList, type ActionView } from "~/components/board/ActionsList";
import { ErrorSummary } from "~/components/ErrorSummary";
import { FiguresView } from "~/components/FiguresView";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  addResponseAction,
  BoardInputError,
  correctEntry,
  editActionWording,
  getAgendaItem,
  listReviewSessions,
  ResponseError,
  saveResponseDraft,
  saveResponseTranslation,
  sendDraftForReview,
  setActionStatus,
} from "~/models/board.server";
import { sessionAnswersForAgendaItem } from "~/models/sessions.server";
import { recordAudit } from "~/models/staff.server";
import { EXCEPTION_RULE, readExceptionFlags } from "~/models/summaries.server";
import { correctableFields, formValues, translateErrors, translationLangs } from "~/schemas/board";
import { protectFigures } from "~/utils/figures";
import { protectCount } from "~/utils/suppression";
import { countyToday, formatDate, formatPeriod } from "~/utils/time";
import type { Route } from "./+types/item";

const textFields = ["youSaid", "weDid", "youSaidParents", "weDidParents"] as const;

function load(request: Request, idParam: string, role: string) {
  const item = getAgendaItem(Number(idParam));
  if (!item) throw data(null, { status: 404 });
  const lang = getLang(request);
  const today = countyToday();
  const day = (ymd: string) => formatDate(`${ymd}T12:00:00Z`, lang);
  const r = item.response;
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
    receivedVersion: item.receivedVersion
      ? { ...item.receivedVersion, sentOn: formatDate(item.receivedVersion.sentAt, lang) }
      : null,
    mayDraft: can(role, "draft_responses"),
    mayPublish: can(role, "respond"),
    response: r
      ? {
          ...r,
          publishedOn: r.publishedAt ? formatDate(r.publishedAt, lang) : null,
          actions: r.actions.map(
            (a): ActionView => ({
              ...a,
              due: day(a.dueOn),
              overdue: a.dueOn < today && (a.status === "not_started" || a.status === "in_progress"),
              events: a.events.map((e) => ({
                kind: e.kind,
                status: e.status,
                reason: e.reason,
                detail: e.detail,
                when: formatDate(e.at, lang),
              })),
            }),
          ),
          corrections: r.corrections.map((c) => ({ ...c, when: formatDate(c.at, lang) })),
          review: r.review
            ? {
                ...r.review,
                sessionWhen: r.review.session ? formatDate(r.review.session.startsAt, lang) : "",
                sentOn: r.reviewSentAt ? formatDate(r.reviewSentAt, lang) : "",
              }
            : null,
        }
      : null,
    reviewSessions:
      r?.status === "published" || !can(role, "draft_responses")
        ? []
        : listReviewSessions().map((s) => ({ id: s.id, title: s.title, when: formatDate(s.startsAt, lang) })),
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
    intent: null as string | null,
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}
type ItemPage = ReturnType<typeof load>;

export async function loader({ request, params }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries", "respond", "draft_responses");
  return load(request, params.id, staff.role);
}

const audits: Record<string, string> = {
  draft: "board_response_drafted",
  translation: "board_response_translated",
  action: "board_action_added",
  status: "board_action_status",
  wording: "board_action_edited",
  review: "board_response_sent_for_review",
  correct: "board_response_corrected",
};

export async function action({ request, params }: Route.ActionArgs) {
  // Correcting a published entry is the Board's; everything else here is drafting, shared with the officer.
  const staff = requirePermission(request, "draft_responses", "respond");
  const values = formValues(await request.formData());
  const intent = values.intent ?? "";
  if (intent === "correct") requirePermission(request, "respond");
  else requirePermission(request, "draft_responses");
  const t = getT(request);
  const item = load(request, params.id, staff.role);
  const r = item.response;
  const fail = (errors: Record<string, string>, prefix = `${intent}-`) =>
    data(
      {
        ...item,
        intent,
        values,
        errors: Object.fromEntries(Object.entries(translateErrors(errors, t)).map(([k, v]) => [prefix + k, v])),
      },
      { status: 400 },
    );
  try {
    switch (intent) {
      case "draft":
        saveResponseDraft({
          staffId: staff.id,
          agendaItemId: item.id,
          decision: values.decision ?? "",
          youSaid: values.youSaid ?? "",
          weDid: values.weDid ?? "",
          youSaidParents: values.youSaidParents ?? "",
          weDidParents: values.weDidParents ?? "",
        });
        break;
      case "translation": {
        const lang = translationLangs.find((l) => l === values.lang);
        if (!lang || !r) return fail({ form: "response.error.lang" });
        const texts = Object.fromEntries(textFields.map((f) => [f, (values[f] ?? "").trim()])) as Record<
          (typeof textFields)[number],
          string
        >;
        const empty = textFields.every((f) => !texts[f]);
        try {
          saveResponseTranslation({ staffId: staff.id, responseId: r.id, lang, texts: empty ? null : texts });
        } catch (error) {
          if (error instanceof BoardInputError) return fail(error.errors, `${lang}-`);
          throw error;
        }
        break;
      }
      case "action": {
        // The first action may come before any words: it starts the draft.
        const responseId = r?.id ?? saveResponseDraft({ staffId: staff.id, agendaItemId: item.id });
        addResponseAction({
          staffId: staff.id,
          responseId,
          description: values.description,
          leadAgency: values.leadAgency,
          owner: values.owner,
          dueOn: values.dueOn,
        });
        break;
      }
      case "status": {
        const a = r?.actions.find((x) => x.id === Number(values.actionId));
        if (!a) return fail({ form: "actions.error.notFound" });
        try {
          setActionStatus({ staffId: staff.id, actionId: a.id, status: values.status ?? "", reason: values.reason });
        } catch (error) {
          if (error instanceof BoardInputError) return fail(error.errors, `status-${a.id}-`);
          throw error;
        }
        break;
      }
      case "wording": {
        const a = r?.actions.find((x) => x.id === Number(values.actionId));
        if (!a) return fail({ form: "actions.error.notFound" });
        try {
          editActionWording({
            staffId: staff.id,
            actionId: a.id,
            description: values.description,
            descriptionPl: values.descriptionPl,
            descriptionAr: values.descriptionAr,
            leadAgency: values.leadAgency,
            owner: values.owner,
          });
        } catch (error) {
          if (error instanceof BoardInputError) return fail(error.errors, `wording-${a.id}-`);
          throw error;
        }
        break;
      }
      case "review": {
        if (!r) return fail({ sessionId: "response.error.incomplete" });
        const session = item.reviewSessions.find((s) => s.id === Number(values.sessionId));
        if (!session) return fail({ sessionId: "response.error.no_session" });
        sendDraftForReview({
          staffId: staff.id,
          responseId: r.id,
          sessionId: session.id,
          question: t("response.review.question", { youSaid: r.youSaid ?? "", weDid: r.weDid ?? "" }),
        });
        break;
      }
      case "correct":
        if (!r) return fail({ after: "response.error.not_published" });
        correctEntry({
          staffId: staff.id,
          responseId: r.id,
          lang: values.lang ?? "",
          field: values.field ?? "",
          after: values.after ?? "",
          note: values.note ?? "",
        });
        break;
      default:
        throw data(t("meetings.error.intent"), { status: 400 });
    }
  } catch (error) {
    if (error instanceof BoardInputError) return fail(error.errors);
    if (error instanceof ResponseError) {
      const field = intent === "review" ? "sessionId" : intent === "correct" ? "after" : "form";
      return fail({ [field]: `response.error.${error.code}` });
    }
    throw error;
  }
  recordAudit(staff.id, audits[intent] ?? intent, "agenda_item", item.id);
  const anchor =
    intent === "status" || intent === "action" || intent === "wording"
      ? "actions"
      : intent === "correct"
        ? "published"
        : "response";
  return redirect(`/staff/agenda-items/${item.id}?saved=${intent}#${anchor}`);
}

export default function AgendaItem({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const r = p.response;
  const published = r?.status === "published";
  const v = (intent: string, k: string) => (p.intent === intent ? p.values[k] : undefined);
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
      {p.receivedVersion && (
        <p className="notice">
          {t("meetings.receivedVersion", { version: p.receivedVersion.version, date: p.receivedVersion.sentOn })}{" "}
          <a href={`/staff/summaries/${p.receivedVersion.summaryId}/versions/${p.receivedVersion.version}`}>
            {t("meetings.readVersion", { version: p.receivedVersion.version })}
          </a>
        </p>
      )}
      <SummaryPart p={p} />

      <h2 id="response">{t("response.title")}</h2>
      {e.form && (
        <p className="field-error" id="form">
          {e.form}
        </p>
      )}
      {!r && !p.mayDraft && <p>{t("response.awaiting")}</p>}
      {r?.legacyActions && (
        <>
          <h3>{t("response.legacyActions")}</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{r.legacyActions}</p>
        </>
      )}
      {published && r ? (
        <PublishedPart p={p} e={e} v={v} />
      ) : (
        <>
          {r && <p className="tag pending">{t("response.isDraft")}</p>}
          {p.mayDraft ? (
            <Form method="post" noValidate style={{ maxWidth: "44rem" }}>
              <input type="hidden" name="intent" value="draft" />
              <p>{t("response.draftIntro")}</p>
              <TextField
                id="draft-decision"
                label={t("response.decision")}
                name="decision"
                defaultValue={v("draft", "decision") ?? r?.decision ?? ""}
                error={e["draft-decision"]}
                multiline
                rows={3}
              />
              <h3>{t("response.forChildren")}</h3>
              <TextField
                id="draft-youSaid"
                label={t("response.youSaid")}
                name="youSaid"
                description={t("response.youSaidHint")}
                defaultValue={v("draft", "youSaid") ?? r?.youSaid ?? ""}
                error={e["draft-youSaid"]}
                multiline
                rows={2}
              />
              <TextField
                id="draft-weDid"
                label={t("response.weDid")}
                name="weDid"
                defaultValue={v("draft", "weDid") ?? r?.weDid ?? ""}
                error={e["draft-weDid"]}
                multiline
                rows={3}
              />
              <h3>{t("response.forParents")}</h3>
              <TextField
                id="draft-youSaidParents"
                label={t("response.youSaidParents")}
                name="youSaidParents"
                defaultValue={v("draft", "youSaidParents") ?? r?.youSaidParents ?? ""}
                error={e["draft-youSaidParents"]}
                multiline
                rows={2}
              />
              <TextField
                id="draft-weDidParents"
                label={t("response.weDidParents")}
                name="weDidParents"
                defaultValue={v("draft", "weDidParents") ?? r?.weDidParents ?? ""}
                error={e["draft-weDidParents"]}
                multiline
                rows={3}
              />
              <Button>{t("response.saveDraft")}</Button>
            </Form>
          ) : (
            r && <DraftText r={r} />
          )}
          {r && p.mayDraft && (
            <section aria-labelledby="translations">
              <h3 id="translations">{t("response.translationsTitle")}</h3>
              <p>{t("response.translationsIntro")}</p>
              {translationLangs.map((lang) => {
                const tr = r.translations.find((x) => x.lang === lang);
                const mine = p.intent === "translation" && p.values.lang === lang;
                return (
                  <details key={lang} className="panel" open={mine || undefined}>
                    <summary>
                      {t(`response.lang.${lang}`)} ·{" "}
                      {tr ? t("response.translationGiven") : t("response.translationMissing")}
                    </summary>
                    <Form method="post" noValidate>
                      <input type="hidden" name="intent" value="translation" />
                      <input type="hidden" name="lang" value={lang} />
                      {textFields.map((f) => (
                        <TextField
                          key={f}
                          id={`${lang}-${f}`}
                          label={`${t(`response.${f}`)} (${t(`response.lang.${lang}`)})`}
                          name={f}
                          defaultValue={(mine ? p.values[f] : undefined) ?? tr?.[f] ?? ""}
                          error={e[`${lang}-${f}`]}
                          multiline
                          rows={2}
                          inputLang={lang}
                          inputDir={lang === "ar" ? "rtl" : "ltr"}
                        />
                      ))}
                      <p className="hint">{t("response.translationEmptyHint")}</p>
                      <Button variant="secondary">
                        {t("response.saveTranslation", { lang: t(`response.lang.${lang}`) })}
                      </Button>
                    </Form>
                  </details>
                );
              })}
            </section>
          )}
          {r && p.mayDraft && <ReviewPart p={p} e={e} />}
          {r && (
            <p className="button-row">
              <a href={`/staff/agenda-items/${p.id}/preview`} className="button">
                {p.mayPublish ? t("response.previewAndPublish") : t("response.preview")}
              </a>
            </p>
          )}
        </>
      )}

      <h2 id="actions">{t("actions.title")}</h2>
      <p className="hint">{t("actions.intro")}</p>
      <ActionsList
        actions={r?.actions ?? []}
        mayUpdate={p.mayDraft}
        errors={e}
        values={p.intent === "wording" ? p.values : null}
      />
      {p.mayDraft && (
        <details className="panel" open={p.intent === "action" || undefined} style={{ marginTop: "1rem" }}>
          <summary>{t("actions.add")}</summary>
          <Form method="post" noValidate style={{ maxWidth: "44rem" }}>
            <input type="hidden" name="intent" value="action" />
            <TextField
              id="action-description"
              name="description"
              label={t("actions.description")}
              defaultValue={v("action", "description")}
              error={e["action-description"]}
              multiline
              rows={2}
            />
            <TextField
              id="action-leadAgency"
              name="leadAgency"
              label={t("actions.leadAgency")}
              description={t("actions.leadAgencyHint")}
              defaultValue={v("action", "leadAgency")}
              error={e["action-leadAgency"]}
            />
            <TextField
              id="action-owner"
              name="owner"
              label={t("actions.owner")}
              description={t("actions.ownerHint")}
              defaultValue={v("action", "owner")}
              error={e["action-owner"]}
            />
            <TextField
              id="action-dueOn"
              name="dueOn"
              type="date"
              label={t("actions.dueOn")}
              defaultValue={v("action", "dueOn")}
              error={e["action-dueOn"]}
            />
            <Button>{t("actions.save")}</Button>
          </Form>
        </details>
      )}
    </>
  );
}

function DraftText({ r }: { r: NonNullable<ItemPage["response"]> }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <h3 style={{ marginTop: 0 }}>{t("response.decision")}</h3>
      <p style={{ whiteSpace: "pre-wrap" }}>{r.decision}</p>
      <h3>{t("response.forChildren")}</h3>
      <p>
        <strong>{t("response.youSaid")}:</strong> <bdi>{r.youSaid}</bdi>
      </p>
      <p>
        <strong>{t("response.weDid")}:</strong> <bdi>{r.weDid}</bdi>
      </p>
    </div>
  );
}

/** Sending the draft children's version to a Sounding Board, and what its members said (approved comments only). */
function ReviewPart({ p, e }: { p: ItemPage; e: Record<string, string> }) {
  const { t } = useTranslation();
  const review = p.response?.review;
  return (
    <section aria-labelledby="review">
      <h3 id="review">{t("response.review.title")}</h3>
      {review?.session ? (
        <div className="panel" data-testid="review">
          <p>
            {t("response.review.sent", {
              session: review.session.title,
              when: review.sessionWhen,
              sent: review.sentOn,
            })}
          </p>
          {review.comments.length === 0 ? (
            <p>{t("response.review.noComments")}</p>
          ) : (
            <>
              <p>{t("response.review.comments")}</p>
              <ul>
                {review.comments.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: comments in the order they came
                  <li key={i} dir="auto">
                    {c}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <p>{t("response.review.intro")}</p>
      )}
      {p.reviewSessions.length === 0 ? (
        !review?.session && <p>{t("response.review.noSessions")}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="review" />
          <div className={`field${e["review-sessionId"] ? " has-error" : ""}`}>
            <label className="label" htmlFor="review-sessionId">
              {t("response.review.session")}
            </label>
            {e["review-sessionId"] && (
              <p className="field-error" id="review-sessionId-error">
                {e["review-sessionId"]}
              </p>
            )}
            <select
              id="review-sessionId"
              name="sessionId"
              defaultValue=""
              aria-invalid={e["review-sessionId"] ? true : undefined}
              aria-describedby={e["review-sessionId"] ? "review-sessionId-error" : undefined}
            >
              <option value="">{t("response.review.chooseSession")}</option>
              {p.reviewSessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} · {s.when}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary">{t("response.review.send")}</Button>
        </Form>
      )}
    </section>
  );
}

/** The published entry as the public reads it, its corrections, and (for the Board) a form to correct it. */
function PublishedPart({
  p,
  e,
  v,
}: {
  p: ItemPage;
  e: Record<string, string>;
  v: (intent: string, k: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const r = p.response;
  if (!r?.entry) return null;
  const entry = r.entry;
  return (
    <section aria-labelledby="published" data-testid="published">
      <h3 id="published">{t("response.publishedOn", { date: r.publishedOn })}</h3>
      <p>
        <strong>{t("response.decision")}:</strong> <bdi>{r.decision}</bdi>
      </p>
      {entry.checkedByYoungPeople && <p className="tag">{t("response.checkedByYoungPeople")}</p>}
      <div className="ysdw">
        <div className="ysdw-said">
          <h4>{t("response.forChildren")}</h4>
          <p>
            <strong>{t("response.youSaid")}:</strong> <bdi>{entry.youSaid}</bdi>
          </p>
          <p>
            <strong>{t("response.weDid")}:</strong> <bdi>{entry.weDid}</bdi>
          </p>
        </div>
        <div className="ysdw-did">
          <h4>{t("response.forParents")}</h4>
          <p>
            <strong>{t("response.youSaid")}:</strong> <bdi>{entry.youSaidParents}</bdi>
          </p>
          <p>
            <strong>{t("response.weDid")}:</strong> <bdi>{entry.weDidParents}</bdi>
          </p>
        </div>
      </div>
      {r.translations.length > 0 && (
        <p className="meta">
          {t("response.translatedInto", { langs: r.translations.map((x) => t(`response.lang.${x.lang}`)).join(", ") })}
        </p>
      )}
      {r.corrections.length > 0 && (
        <>
          <h4>{t("response.corrections")}</h4>
          <ul data-testid="corrections">
            {r.corrections.map((c) => (
              <li key={c.id}>
                {t("response.correctionLine", {
                  date: c.when,
                  field: t(`response.fieldName.${c.field}`),
                  lang: t(`response.lang.${c.lang}`),
                  before: c.before,
                  after: c.after,
                })}
                {c.note && <span className="meta"> ({c.note})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/you-said-we-did">{t("response.seePublic")}</a>
      </p>
      {p.mayPublish && (
        <details className="panel" open={p.intent === "correct" || undefined}>
          <summary>{t("response.correct")}</summary>
          <Form method="post" noValidate style={{ maxWidth: "44rem" }}>
            <input type="hidden" name="intent" value="correct" />
            <p className="hint">{t("response.correctIntro")}</p>
            <div className="field">
              <label className="label" htmlFor="correct-lang">
                {t("response.correctLang")}
              </label>
              <select id="correct-lang" name="lang" defaultValue={v("correct", "lang") ?? "en"}>
                {["en", ...r.translations.map((x) => x.lang)].map((l) => (
                  <option key={l} value={l}>
                    {t(`response.lang.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${e["correct-field"] ? " has-error" : ""}`}>
              <label className="label" htmlFor="correct-field">
                {t("response.correctField")}
              </label>
              {e["correct-field"] && <p className="field-error">{e["correct-field"]}</p>}
              <select id="correct-field" name="field" defaultValue={v("correct", "field") ?? "weDid"}>
                {correctableFields.map((f) => (
                  <option key={f} value={f}>
                    {t(`response.fieldName.${f}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="correct-after"
              name="after"
              label={t("response.correctAfter")}
              defaultValue={v("correct", "after")}
              error={e["correct-after"]}
              multiline
              rows={3}
            />
            <TextField
              id="correct-note"
              name="note"
              label={t("response.correctNote")}
              description={t("response.correctNoteHint")}
              defaultValue={v("correct", "note")}
              error={e["correct-note"]}
            />
            <Button>{t("response.saveCorrection")}</Button>
          </Form>
        </details>
      )}
    </section>
  );
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

/** What the item brought to the meeting: exception flags, the summary's words and figures, and sessions' answers. */
function SummaryPart({ p }: { p: ItemPage }) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
