import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { EXPORT_KEEP_DAYS } from "~/models/papers/jobs.server";
import { formatDate, formatTime } from "~/utils/time";
import type { Route } from "./+types/job";
import { loadJob } from "./job.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const job = loadJob(request, params.id);
  const lang = getLang(request);
  return {
    keepDays: EXPORT_KEEP_DAYS,
    job: {
      id: job.id,
      kind: job.kind,
      status: job.status,
      done: job.done,
      total: job.total,
      title: job.subject?.title ?? "",
      summaryId: job.subject?.summaryId ?? null,
      version: job.subject?.version ?? null,
      meetingId: job.kind === "pack" ? (job.subject?.meetingId ?? null) : null,
      filename: job.filename,
      started: `${formatDate(job.createdAt, lang)}, ${formatTime(job.createdAt, lang)}`,
    },
  };
}

export default function ExportJob({ loaderData }: Route.ComponentProps) {
  const { job } = loaderData;
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const working = job.status === "queued" || job.status === "running";

  // With JavaScript, ask again a moment after each answer; without it, the refresh below does.
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(() => revalidator.revalidate(), 1000);
    return () => clearTimeout(timer);
  }, [working, revalidator]);

  const heading = t(`exports.heading.${job.status}`);
  const total = Math.max(job.total, 1);
  return (
    <>
      <PageTitle title={`${heading}: ${job.title}`} />
      {working && (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      )}
      <a href="/staff/exports" className="back-link">
        {t("exports.allExports")}
      </a>
      <h1>{heading}</h1>
      <p className="meta">
        {t("exports.of", { kind: t(`exports.kind.${job.kind}`), title: job.title })} ·{" "}
        {t("exports.started", { date: job.started })}
      </p>

      <div role="status">
        {job.status === "done" && (
          <p className="notice">
            <a href={`/staff/exports/${job.id}/download`} download={job.filename} style={{ overflowWrap: "anywhere" }}>
              {t("exports.download", { file: job.filename })}
            </a>
          </p>
        )}
        {job.status === "failed" && <p className="notice warn">{t("exports.failedBody")}</p>}
        {job.status === "expired" && (
          <p className="notice">
            {t("exports.expiredBody", { count: loaderData.keepDays })}{" "}
            <a href="/staff/exports">{t("exports.exportAgain")}</a>
          </p>
        )}
      </div>

      {working && (
        <div className="field">
          <label htmlFor="export-progress">{t("exports.progressLabel")}</label>
          <progress id="export-progress" value={job.done} max={total} style={{ width: "100%" }} />
          <p>{t("exports.progressText", { done: job.done, total })}</p>
          <p className="hint">{t("exports.refreshHint")}</p>
          <noscript>
            <p>
              <a href={`/staff/exports/${job.id}`}>{t("exports.checkAgain")}</a>
            </p>
          </noscript>
        </div>
      )}

      <ul className="action-links">
        {job.summaryId !== null && job.version !== null && (
          <li>
            <a href={`/staff/summaries/${job.summaryId}/versions/${job.version}`}>{t("exports.backToVersion")}</a>
          </li>
        )}
        {job.meetingId !== null && (
          <li>
            <a href={`/staff/meetings/${job.meetingId}`}>{t("exports.backToMeeting")}</a>
          </li>
        )}
      </ul>
    </>
  );
}
