import { Link } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listSafeguardingQueue } from "~/models/safeguarding.server";
import { flagLabel } from "../moderation";
import type { Route } from "./+types/queue";

const PER_PAGE = 25;

export function formatWhen(iso: string, lang: string) {
  return new Intl.DateTimeFormat(lang === "ar" ? "ar-u-nu-latn" : lang, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/London",
  }).format(new Date(iso));
}

/** Whole minutes from arrival to the first recorded action; null while nothing has been done. */
export function minutesToFirstAction(arrivedAt: string, firstActionAt: string | null) {
  if (!firstActionAt) return null;
  return Math.max(0, Math.round((Date.parse(firstActionAt) - Date.parse(arrivedAt)) / 60_000));
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "safeguard");
  const lang = getLang(request);
  const pageNo = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { total, rows } = listSafeguardingQueue({ page: pageNo, perPage: PER_PAGE });
  return {
    total,
    page: pageNo,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    rows: rows.map((r) => ({
      ...r,
      arrivedOn: formatWhen(r.arrivedAt, lang),
      minutes: minutesToFirstAction(r.arrivedAt, r.firstActionAt),
    })),
  };
}

export default function SafeguardingQueue({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("safeguarding.title")} />
      <h1 id="main">{t("safeguarding.title")}</h1>
      <p>{t("safeguarding.intro")}</p>
      <p role="status">{t("safeguarding.count", { count: p.total })}</p>
      {p.rows.length === 0 ? (
        <p className="notice">{t("safeguarding.empty")}</p>
      ) : (
        <ol className="card-list">
          {p.rows.map((r) => (
            <li key={r.contributionId} className="card">
              <article aria-labelledby={`case-${r.contributionId}`}>
                <h2 id={`case-${r.contributionId}`} style={{ fontSize: "1.1rem" }}>
                  <Link to={`/staff/safeguarding/${r.contributionId}`}>
                    {t("safeguarding.caseLink", { date: r.arrivedOn })}
                  </Link>{" "}
                  <span className={`tag ${r.status === "closed" ? "" : "escalated"}`}>
                    {t(`safeguarding.status.${r.status}`)}
                  </span>
                </h2>
                <blockquote>{r.body}</blockquote>
                <CaseContext row={r} />
              </article>
            </li>
          ))}
        </ol>
      )}
      {p.pages > 1 && (
        <nav aria-label={t("moderation.pages")} className="action-links">
          {p.page > 1 && <Link to={`?page=${p.page - 1}`}>{t("moderation.previousPage")}</Link>}
          {p.page < p.pages && <Link to={`?page=${p.page + 1}`}>{t("moderation.nextPage")}</Link>}
        </nav>
      )}
    </>
  );
}

export function CaseContext({
  row,
}: {
  row: {
    channel: string | null;
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
  };
}) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <div className="summary-row">
        <dt>{t("safeguarding.source")}</dt>
        <dd>
          {row.channel ? t(`moderation.channel.${row.channel}`) : "–"}
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
                flags: row.flags.map((f) => flagLabel(t, f)).join(", ") || "–",
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
