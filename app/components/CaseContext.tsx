import { intlLocale } from "~/i18n";
import { useTranslation } from "~/i18n/react";

/**
 * A flag or a detector category in words (safeguarding.category holds every category). The detector may add one
 * this page has no words for yet: show the id itself then.
 */
export function flagLabel(t: (key: string) => string, flag: string) {
  for (const key of [`flag.${flag}`, `safeguarding.category.${flag}`]) {
    const label = t(key);
    if (label !== key) return label;
  }
  return flag;
}

// One formatter per language, made once (see app/utils/time.ts): the county's clock, en-GB for English.
const whenFormats = new Map<string, Intl.DateTimeFormat>();
export function formatWhen(iso: string, lang: string) {
  let format = whenFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lang), {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "Europe/London",
    });
    whenFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}

/** Whole minutes from arrival to the first recorded action; null while nothing has been done. */
export function minutesToFirstAction(arrivedAt: string, firstActionAt: string | null) {
  if (!firstActionAt) return null;
  return Math.max(0, Math.round((Date.parse(firstActionAt) - Date.parse(arrivedAt)) / 60_000));
}

export function CaseContext({
  row,
}: {
  row: {
    channel: string | null;
    /** contributions.source: a young person's question thread has no channel */
    source?: string;
    consultation: string | null;
    question: string | null;
    ageBand: string | null;
    audience: string;
    locality: string | null;
    arrivedOn: string;
    minutes: number | null;
    escalatedBy: string | null;
    reason: string | null;
    flags: string[];
    categories: string[] | null;
  };
}) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <div className="summary-row">
        <dt>{t("safeguarding.source")}</dt>
        <dd>
          {row.channel
            ? t(`moderation.channel.${row.channel}`)
            : row.source === "question" || row.source === "session"
              ? t(`moderation.channel.${row.source}`)
              : "–"}
          {row.consultation && <> · {row.consultation}</>}
        </dd>
      </div>
      <div className="summary-row">
        <dt>{t("safeguarding.question")}</dt>
        <dd>{row.question ?? "–"}</dd>
      </div>
      <div className="summary-row">
        <dt>{t("safeguarding.who")}</dt>
        <dd>
          {row.ageBand ? t(`ageBand.${row.ageBand}`) : t(`audienceShort.${row.audience}`)}
          {" · "}
          {row.locality ?? t("safeguarding.noLocality")}
        </dd>
      </div>
      <div className="summary-row">
        <dt>{t("safeguarding.arrived")}</dt>
        <dd>{row.arrivedOn}</dd>
      </div>
      <div className="summary-row">
        <dt>{t("safeguarding.escalatedBy")}</dt>
        <dd>
          {row.escalatedBy
            ? t("safeguarding.byStaff", { name: row.escalatedBy, reason: row.reason ?? "" })
            : t("safeguarding.byCheck", {
                // the detector's categories (kept on the case) beside its flags
                flags:
                  [...new Set([...(row.categories ?? []), ...row.flags])].map((f) => flagLabel(t, f)).join(", ") || "–",
              })}
        </dd>
      </div>
      <div className="summary-row">
        <dt>{t("safeguarding.firstAction")}</dt>
        <dd>
          {row.minutes === null ? t("safeguarding.noActionYet") : t("safeguarding.minutes", { count: row.minutes })}
        </dd>
      </div>
    </dl>
  );
}
