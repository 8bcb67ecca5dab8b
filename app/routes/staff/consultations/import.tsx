import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { createImportJob, getConsultationForEntry, listImportJobs } from "~/models/imports.server";
import { listLocalities } from "~/models/reference.server";
import { recordAudit } from "~/models/staff.server";
import { formatDate } from "~/utils/time";
import { readCsvUpload } from "~/utils/upload.server";
import type { Route } from "./+types/import";

const MAX_BYTES = 5 * 1024 * 1024;

type ColumnRow = {
  column: string;
  kind: string;
  prompt?: string;
  required: boolean;
  options?: string[];
  max?: number;
  of?: string;
};

function load(request: Request, idParam: string) {
  const id = Number(idParam);
  const consultation = Number.isInteger(id) ? getConsultationForEntry(id) : null;
  if (!consultation) throw data(null, { status: 404 });
  const lang = getLang(request);
  const columns: ColumnRow[] = [];
  if (consultation.audience === "both") columns.push({ column: "audience", kind: "audience", required: true });
  if (consultation.audience !== "parents_carers")
    columns.push({ column: "age_band", kind: "ageBand", required: false });
  columns.push({ column: "locality", kind: "locality", required: false });
  consultation.questions.forEach((q, i) => {
    const column = `q${i + 1}`;
    columns.push({
      column,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
      options: q.options.map((o) => o.label),
      max: q.kind === "short_text" ? Math.min(q.maxLength, 200) : q.maxLength,
    });
    if (q.kind === "multiple" && q.options.some((o) => o.isOther))
      columns.push({ column: `${column}_other`, kind: "other", required: false, of: column });
  });
  return {
    consultation,
    view: {
      id: consultation.id,
      title: consultation.title,
      columns,
      localities: listLocalities().map((l) => l.name),
      jobs: listImportJobs(consultation.id).map((j) => ({ ...j, createdOn: formatDate(j.createdAt, lang) })),
    },
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  return { ...load(request, params.id).view, error: null as string | null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "consultations");
  const { consultation, view } = load(request, params.id);
  const t = getT(request);
  const refuse = (key: string) => data({ ...view, error: t(key) }, { status: 400 });

  // Refuse an oversized upload before reading it at all.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES + 64 * 1024)
    return refuse("import.fileError.tooBig");
  const upload = await readCsvUpload(request, "file", MAX_BYTES);
  if (!upload.ok) return refuse(`import.fileError.${upload.error}`);
  const { name: filename, text } = upload;

  const result = await createImportJob({
    consultation,
    staffId: staff.id,
    filename,
    text,
    explain: (reason) => t(`import.${reason.key}`, reason.values),
  });
  if (!result.ok) return data({ ...view, error: result.error }, { status: 400 });
  recordAudit(staff.id, "import_checked", "consultation", consultation.id, { jobId: result.jobId });
  return redirect(`/staff/consultations/${consultation.id}/import/${result.jobId}`);
}

export default function ImportResponses({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const base = `/staff/consultations/${p.id}`;
  return (
    <>
      <PageTitle title={`${t("import.title")}: ${p.title}`} error={Boolean(p.error)} />
      <a href={base} className="back-link">
        {p.title}
      </a>
      <ErrorSummary errors={p.error ? { file: p.error } : null} />
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>

      <h2>{t("import.templateTitle")}</h2>
      <p>{t("import.templateBody")}</p>
      <p>
        <a href={`${base}/import/template.csv`} download>
          {t("import.templateLink")}
        </a>
      </p>

      <h2>{t("import.formatTitle")}</h2>
      <p>{t("import.formatBody")}</p>
      <TableScroll label={t("import.columnsCaption")}>
        <table>
          <caption>{t("import.columnsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.colColumn")}</th>
              <th scope="col">{t("import.colWhat")}</th>
              <th scope="col">{t("import.colValues")}</th>
            </tr>
          </thead>
          <tbody>
            {p.columns.map((c) => (
              <tr key={c.column}>
                <th scope="row">
                  <code>{c.column}</code>
                </th>
                <td>{c.prompt ?? t(`import.col.${c.kind}`)}</td>
                <td>
                  <ColumnValues row={c} />{" "}
                  {c.prompt &&
                    c.kind !== "other" &&
                    (c.required ? t("import.values.required") : t("import.values.optional"))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <details>
        <summary>{t("import.localitiesTitle", { count: p.localities.length })}</summary>
        <p>{p.localities.join(", ")}</p>
      </details>

      <h2>{t("import.uploadTitle")}</h2>
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className={`field${p.error ? " has-error" : ""}`}>
          <label htmlFor="file">{t("import.fileLabel")}</label>
          <p className="hint" id="file-hint">
            {t("import.fileHint")}
          </p>
          <FieldError id="file" message={p.error ?? undefined} />
          <input
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={p.error ? "file-hint file-error" : "file-hint"}
            aria-invalid={p.error ? true : undefined}
          />
        </div>
        <Button>{t("import.uploadButton")}</Button>
      </Form>

      {p.jobs.length > 0 && (
        <>
          <h2>{t("import.earlierTitle")}</h2>
          <TableScroll label={t("import.earlierTitle")}>
            <table>
              <caption className="visually-hidden">{t("import.earlierTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.colFile")}</th>
                  <th scope="col">{t("import.colDate")}</th>
                  <th scope="col">{t("import.colStatus")}</th>
                  <th scope="col" className="num">
                    {t("import.colRows")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.jobs.map((j) => (
                  <tr key={j.id}>
                    <td>
                      <a href={`${base}/import/${j.id}`}>{j.filename}</a>
                    </td>
                    <td>{j.createdOn}</td>
                    <td>{t(`import.status.${j.status}`)}</td>
                    <td className="num">{j.status === "done" ? j.importedCount : j.totalRows}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}

function ColumnValues({ row }: { row: ColumnRow }) {
  const { t } = useTranslation();
  const numbered = (row.options ?? []).map((label, i) => `${i + 1} = ${label}`).join(" · ");
  switch (row.kind) {
    case "audience":
      return <>{t("import.values.audience")}</>;
    case "ageBand":
      return <>{t("import.values.ageBand")}</>;
    case "locality":
      return <>{t("import.values.locality")}</>;
    case "scale":
      return <>{t("import.values.scale")}</>;
    case "single":
      return (
        <>
          {t("import.values.single")} {numbered}.
        </>
      );
    case "multiple":
      return (
        <>
          {t("import.values.multiple")} {numbered}.
        </>
      );
    case "ranking":
      return (
        <>
          {t("import.values.ranking", {
            example: (row.options ?? []).map((_o, i) => i + 1).join(">"),
          })}{" "}
          {numbered}.
        </>
      );
    case "other":
      return <>{t("import.values.other", { column: row.of })}</>;
    default:
      return <>{t("import.values.text", { max: row.max })}</>;
  }
}
