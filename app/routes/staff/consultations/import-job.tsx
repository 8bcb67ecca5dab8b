import { useEffect } from "react";
import { data, Form, redirect, useRevalidator } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getConsultationForEntry, getImportJob, startImport } from "~/models/imports.server";
import { flaggedImportLines } from "~/models/safeguarding.server";
import { recordAudit } from "~/models/staff.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/import-job";

function load(request: Request, params: Route.LoaderArgs["params"]) {
  const id = Number(params.id);
  const jobId = Number(params.jobId);
  const consultation = Number.isInteger(id) ? getConsultationForEntry(id) : null;
  const job = consultation && Number.isInteger(jobId) ? getImportJob(consultation.id, jobId) : null;
  if (!consultation || !job) throw data(null, { status: 404 });
  const lang = getLang(request);
  const { fileHash: _hash, error: _error, ...shown } = job;
  return {
    consultation: { id: consultation.id, title: consultation.title },
    job: {
      ...shown,
      createdOn: formatDate(job.createdAt, lang),
      sameFileImportedOn: job.sameFileImportedAt ? formatDate(job.sameFileImportedAt, lang) : null,
      flaggedLines:
        job.status === "validated" || job.status === "failed" ? flaggedImportLines(consultation.id, job.id) : [],
    },
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  return load(request, params);
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "consultations");
  const { consultation, job } = load(request, params);
  const started = startImport(consultation.id, job.id);
  if (started) recordAudit(staff.id, "import_started", "consultation", consultation.id, { jobId: job.id });
  // The rows are written in the background; this page shows how far it has got.
  return redirect(`/staff/consultations/${consultation.id}/import/${job.id}`);
}

export default function ImportJob({ loaderData }: Route.ComponentProps) {
  const { consultation, job } = loaderData;
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const importing = job.status === "importing";

  // With JavaScript, ask again for the progress a moment after each answer; without it, the refresh below does.
  useEffect(() => {
    if (!importing) return;
    const timer = setTimeout(() => revalidator.revalidate(), 700);
    return () => clearTimeout(timer);
  }, [importing, revalidator]);

  const base = `/staff/consultations/${consultation.id}`;
  const heading = t(`import.job.heading.${job.status}`);
  return (
    <>
      <PageTitle title={`${heading}: ${job.filename}`} />
      {importing && (
        <noscript>
          <meta httpEquiv="refresh" content="1" />
        </noscript>
      )}
      <a href={`${base}/import`} className="back-link">
        {t("import.title")}
      </a>
      <h1>{heading}</h1>
      <p className="meta">
        {job.filename} · {consultation.title} · {job.createdOn}
      </p>

      <div role="status">
        {job.status === "done" && (
          <p className="notice">
            <strong>{t("import.job.done", { count: job.importedCount })}</strong>
          </p>
        )}
        {job.status === "failed" && <p className="notice warn">{t("import.job.failedBody")}</p>}
      </div>

      {importing && (
        <div className="field">
          <label htmlFor="import-progress">{t("import.job.progressLabel")}</label>
          <progress id="import-progress" value={job.processed} max={job.validCount} style={{ width: "100%" }} />
          <p>{t("import.job.progressText", { processed: job.processed, total: job.validCount })}</p>
          <p className="hint">{t("import.job.importingBody")}</p>
          <noscript>
            <p>
              <a href={`${base}/import/${job.id}`}>{t("import.job.checkAgain")}</a>
            </p>
          </noscript>
        </div>
      )}

      {(job.status === "validated" || job.status === "failed") && (
        <>
          <ul>
            <li>{t("import.job.readyCount", { count: job.validCount })}</li>
            <li>{t("import.job.rejectedCount", { count: job.rejectedRows.length })}</li>
          </ul>
          {job.flaggedLines.length > 0 && (
            <p className="notice warn">{t("import.job.flagged", { lines: job.flaggedLines.join(", ") })}</p>
          )}
          {job.sameFileImportedOn && (
            <p className="notice warn">{t("import.job.sameFile", { date: job.sameFileImportedOn })}</p>
          )}
          {job.validCount > 0 ? (
            <Form method="post">
              <p>{t("import.job.importBody")}</p>
              <Button>
                {job.status === "failed"
                  ? t("import.job.tryAgain")
                  : t("import.job.importButton", { count: job.validCount })}
              </Button>
            </Form>
          ) : (
            <p>{t("import.job.noneValid")}</p>
          )}
        </>
      )}

      {job.status === "done" && (
        <ul className="action-links">
          <li>
            <a href={base}>{t("import.job.backToConsultation")}</a>
          </li>
          <li>
            <a href={`${base}/import`}>{t("import.job.uploadAnother")}</a>
          </li>
        </ul>
      )}

      {job.rejectedRows.length > 0 && (
        <>
          <h2>{t("import.job.rejectedTitle")}</h2>
          <p>{t("import.job.rejectedHint")}</p>
          <TableScroll label={t("import.job.rejectedTitle")}>
            <table>
              <caption className="visually-hidden">{t("import.job.rejectedTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("import.job.line")}
                  </th>
                  <th scope="col">{t("import.job.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {job.rejectedRows.map((r) => (
                  <tr key={r.line}>
                    <td className="num">{r.line}</td>
                    <td>
                      {r.reasons.length === 1 ? (
                        r.reasons[0]
                      ) : (
                        <ul style={{ margin: 0, paddingInlineStart: "1.2rem" }}>
                          {r.reasons.map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {job.status !== "done" && (
            <p>
              <a href={`${base}/import`}>{t("import.job.uploadAnother")}</a>
            </p>
          )}
        </>
      )}
    </>
  );
}
