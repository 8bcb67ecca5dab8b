import { Form } from "react-router";
import { FieldError } from "~/components/ErrorSummary";
import { Button } from "~/components/ui/Button";
import { CheckboxGroup } from "~/components/ui/CheckboxGroup";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TextField } from "~/components/ui/TextField";
import { useTranslation } from "~/i18n/react";
import type { ComposeValues } from "~/models/summaries/compose-form.server";
import type { SummaryContent } from "~/models/summaries/types";
import { SummaryView } from "./SummaryView";

export type ComposeChoices = {
  outcomes: { id: number; title: string; priorities: { id: number; title: string }[] }[];
  localities: { id: number; name: string; area: string }[];
  groups: { id: number; name: string }[];
  meetings: { id: number; label: string; past: boolean }[];
};

const PERIODS = ["this_term", "last_term", "this_school_year", "last_school_year", "last_30_days"] as const;
const SOURCES = ["consultation", "thread", "session"] as const;
const AUDIENCES = ["young_people", "parents_carers"] as const;
const AGE_BANDS = ["under_8", "8_11", "12_15", "16_19", "20_25"] as const;

/**
 * The one compose form, for a new summary and for editing one: scope, the live figures, quotes, the paper's words, and
 * sending to a meeting. A plain POST form (works without JavaScript); "intent" says save or send.
 */
export function ComposeForm({
  values: v,
  errors,
  choices,
  content,
  quotes,
}: {
  values: ComposeValues;
  errors: Record<string, string>;
  choices: ComposeChoices;
  content: SummaryContent | null;
  quotes: { id: number; text: string; audience: string; ageBand: string | null }[];
}) {
  const { t } = useTranslation();
  const e = errors;
  const chosen = new Set(v.quoteIds);
  const moreChosen =
    v.priorityIds.length +
      v.sources.length +
      v.audiences.length +
      v.ageBands.length +
      v.localityIds.length +
      v.groupIds.length >
    0;
  return (
    <Form method="post" className="compose-form">
      <h2>{t("summary.scopeHeading")}</h2>
      <TextField label={t("summary.title")} name="title" defaultValue={v.title} error={e.title} />
      <div className={`field${e.period ? " has-error" : ""}`}>
        <label htmlFor="period">{t("summary.periodKey")}</label>
        <select id="period" name="period" defaultValue={v.period}>
          <option value="">{t("summary.periodCustom")}</option>
          {PERIODS.map((k) => (
            <option key={k} value={k}>
              {t(`summary.periodKeys.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid-2">
        <TextField label={t("summary.from")} name="from" id="from" type="date" defaultValue={v.from} error={e.from} />
        <TextField label={t("summary.to")} name="to" type="date" defaultValue={v.to} />
      </div>
      <CheckboxGroup
        label={t("summary.outcomes")}
        name="outcomeIds"
        defaultValue={v.outcomeIds}
        error={e.outcomeIds}
        grid
        options={choices.outcomes.map((o) => ({ value: String(o.id), label: o.title }))}
      />
      <details open={moreChosen}>
        <summary>{t("summary.moreScope")}</summary>
        <CheckboxGroup
          label={t("summary.priorities")}
          name="priorityIds"
          defaultValue={v.priorityIds}
          options={choices.outcomes.flatMap((o) =>
            o.priorities.map((p) => ({ value: String(p.id), label: `${o.title}: ${p.title}` })),
          )}
        />
        <CheckboxGroup
          label={t("summary.sources")}
          name="sources"
          defaultValue={v.sources}
          grid
          options={SOURCES.map((s) => ({ value: s, label: t(`summary.sourceNames.${s}`) }))}
        />
        <CheckboxGroup
          label={t("summary.audiences")}
          name="audiences"
          defaultValue={v.audiences}
          grid
          options={AUDIENCES.map((a) => ({ value: a, label: t(`audienceShort.${a}`) }))}
        />
        <CheckboxGroup
          label={t("summary.ageBands")}
          name="ageBands"
          defaultValue={v.ageBands}
          grid
          options={AGE_BANDS.map((b) => ({ value: b, label: t(`ageBand.${b}`) }))}
        />
        <CheckboxGroup
          label={t("summary.localities")}
          name="localityIds"
          defaultValue={v.localityIds}
          grid
          options={choices.localities.map((l) => ({ value: String(l.id), label: `${l.name} (${l.area})` }))}
        />
        {choices.groups.length > 0 && (
          <CheckboxGroup
            label={t("summary.groups")}
            name="groupIds"
            defaultValue={v.groupIds}
            grid
            options={choices.groups.map((g) => ({ value: String(g.id), label: g.name }))}
          />
        )}
      </details>
      <Button name="intent" value="save" variant="secondary">
        {t("summary.saveShow")}
      </Button>

      {content && (
        <section aria-labelledby="figures-heading">
          <h2 id="figures-heading">{t("summary.figuresHeading")}</h2>
          <p className="hint">{t("summary.liveNote")}</p>
          {!content.reach.contributions && (
            <p className="panel warn" role="status">
              {t("summary.emptyScope")}
            </p>
          )}
          <SummaryView content={content} level={3} />
        </section>
      )}

      {content && (
        <>
          <h2>{t("summary.quotesHeading")}</h2>
          {quotes.length === 0 ? (
            <div className="field" id="quotes">
              <p>{t("summary.noQuotes")}</p>
            </div>
          ) : (
            <CheckboxGroup
              label={t("summary.quotes")}
              name="quoteIds"
              id="quotes"
              description={t("summary.quotesHint")}
              error={e.quotes}
              defaultValue={v.quoteIds}
              options={quotes.map((q) => ({
                value: String(q.id),
                label: (
                  <>
                    “{q.text}”
                    <span className="meta">
                      {" "}
                      ({t(`audienceShort.${q.audience}`)}
                      {q.ageBand ? `, ${t(`ageBand.${q.ageBand}`)}` : ""})
                    </span>
                  </>
                ),
              }))}
            />
          )}
          {quotes
            .filter((q) => chosen.has(String(q.id)))
            .map((q, i) => (
              <TextField
                key={q.id}
                name={`hide-${q.id}`}
                id={`hide-${q.id}`}
                label={`${t("summary.quoteHide")} (${i + 1}: “${q.text.slice(0, 40)}${q.text.length > 40 ? "…" : ""}”)`}
                description={t("summary.quoteHideHint")}
                defaultValue={v.hide[String(q.id)] ?? ""}
              />
            ))}
        </>
      )}

      <h2>{t("summary.paperHeading")}</h2>
      <TextField label={t("summary.purpose")} name="purpose" defaultValue={v.purpose} error={e.purpose} multiline />
      <TextField
        label={t("summary.keyMessages")}
        name="keyMessages"
        defaultValue={v.keyMessages}
        error={e.keyMessages}
        multiline
        rows={5}
      />
      <TextField
        label={t("summary.recommendations")}
        name="recommendations"
        defaultValue={v.recommendations}
        error={e.recommendations}
        multiline
        rows={4}
      />
      <div className="grid-2">
        <TextField label={t("summary.reportOf")} name="reportOf" defaultValue={v.reportOf} error={e.reportOf} />
        <TextField
          label={t("summary.contactOfficer")}
          name="contactOfficer"
          defaultValue={v.contactOfficer}
          error={e.contactOfficer}
        />
      </div>
      <Button name="intent" value="save" variant="secondary">
        {t("summary.saveShow")}
      </Button>

      <h2>{t("summary.sendHeading")}</h2>
      <p className="hint">{t("summary.sendHint")}</p>
      <div className={`field${e.meetingId ? " has-error" : ""}`}>
        <label htmlFor="meetingId">{t("summary.meeting")}</label>
        <FieldError id="meetingId" message={e.meetingId} />
        <select
          id="meetingId"
          name="meetingId"
          defaultValue={v.meetingId}
          aria-describedby={e.meetingId ? "meetingId-error" : undefined}
        >
          <option value="">{t("summary.chooseMeeting")}</option>
          {choices.meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <RadioGroup
        label={t("summary.kind")}
        name="itemKind"
        error={e.itemKind}
        defaultValue={v.itemKind || null}
        inline
        options={["decision", "information"].map((k) => ({ value: k, label: t(`itemKind.${k}`) }))}
      />
      <Button name="intent" value="send">
        {t("summary.send")}
      </Button>
    </Form>
  );
}
