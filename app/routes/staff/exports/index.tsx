import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { RadioGroup } from "~/components/ui/RadioGroup";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  createExportJob,
  EXPORT_KINDS,
  getMeetingForPack,
  getVersion,
  listExportableVersions,
  listMyExports,
  listPackMeetings,
  mayMakePacks,
  maySeeVersion,
} from "~/models/papers/jobs.server";
import { recordAudit } from "~/models/staff.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/index";

const id = z.coerce.number().int().positive();
const exportSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["docx", "pdf", "csv"]), versionId: id }),
  z.object({ kind: z.literal("pack"), meetingId: id }),
]);

function view(request: Request, staff: { id: number; role: string }) {
  const lang = getLang(request);
  const t = getT(request);
  return {
    versions: listExportableVersions(staff).map((v) => ({
      id: v.id,
      label: t("exports.versionOption", {
        title: v.title,
        version: v.version,
        meeting: v.meeting ?? t("exports.notSentToMeeting"),
      }),
    })),
    meetings: listPackMeetings().map((m) => ({
      id: m.id,
      label: t("exports.meetingOption", { title: m.title, date: formatDate(m.meetsOn, lang) }),
    })),
    exports: listMyExports(staff.id).map((j) => ({
      id: j.id,
      kind: j.kind,
      status: j.status,
      title: j.subject?.title ?? "",
      started: formatDate(j.createdAt, lang),
    })),
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "summaries", "respond");
  return {
    ...view(request, staff),
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries", "respond");
  const t = getT(request);
  const form = await request.formData();
  const values = Object.fromEntries(["kind", "versionId", "meetingId"].map((k) => [k, String(form.get(k) ?? "")]));
  const refuse = (field: string, key: string) =>
    data({ ...view(request, staff), values, errors: { [field]: t(key) } }, { status: 400 });

  if (!(EXPORT_KINDS as readonly string[]).includes(values.kind)) return refuse("kind-docx", "exports.error.kind");
  const parsed = exportSchema.safeParse(values);
  if (!parsed.success)
    return values.kind === "pack"
      ? refuse("meetingId", "exports.error.meeting")
      : refuse("versionId", "exports.error.version");

  let jobId: number;
  if (parsed.data.kind === "pack") {
    if (!mayMakePacks(staff)) throw new Response("Forbidden", { status: 403 });
    const pack = getMeetingForPack(parsed.data.meetingId);
    if (!pack) return refuse("meetingId", "exports.error.meeting");
    if (!pack.items.length) return refuse("meetingId", "exports.error.noPapers");
    jobId = createExportJob({ staffId: staff.id, kind: "pack", meetingId: pack.meeting.id });
  } else {
    const version = getVersion(parsed.data.versionId);
    if (!version) return refuse("versionId", "exports.error.version");
    if (!maySeeVersion(staff, version)) throw new Response("Forbidden", { status: 403 });
    jobId = createExportJob({ staffId: staff.id, kind: parsed.data.kind, summaryVersionId: version.id });
  }
  recordAudit(staff.id, "export_started", "export_job", jobId, { kind: parsed.data.kind });
  return redirect(`/staff/exports/${jobId}`);
}

export default function Exports({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const paperKind = ["docx", "pdf", "csv"].includes(p.values.kind) ? p.values.kind : "pdf";
  return (
    <>
      <PageTitle title={t("exports.title")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{t("exports.title")}</h1>
      <p>{t("exports.intro")}</p>

      <h2>{t("exports.paperTitle")}</h2>
      {p.versions.length ? (
        <Form method="post" className="panel">
          <div className={`field${e.versionId ? " has-error" : ""}`}>
            <label htmlFor="versionId">{t("exports.versionLabel")}</label>
            <FieldError id="versionId" message={e.versionId} />
            <select
              id="versionId"
              name="versionId"
              defaultValue={p.values.versionId ?? ""}
              aria-describedby={e.versionId ? "versionId-error" : undefined}
            >
              <option value="">{t("exports.chooseVersion")}</option>
              {p.versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          <RadioGroup
            label={t("exports.formatLabel")}
            name="kind"
            id="kind-docx"
            error={e["kind-docx"]}
            defaultValue={paperKind}
            options={(["docx", "pdf", "csv"] as const).map((k) => ({ value: k, label: t(`exports.kind.${k}`) }))}
          />
          <Button>{t("exports.exportButton")}</Button>
        </Form>
      ) : (
        <p>{t("exports.noVersions")}</p>
      )}

      <h2>{t("exports.packTitle")}</h2>
      <p className="hint">{t("exports.packHint")}</p>
      {p.meetings.length ? (
        <Form method="post" className="panel">
          <input type="hidden" name="kind" value="pack" />
          <div className={`field${e.meetingId ? " has-error" : ""}`}>
            <label htmlFor="meetingId">{t("exports.meetingLabel")}</label>
            <FieldError id="meetingId" message={e.meetingId} />
            <select
              id="meetingId"
              name="meetingId"
              defaultValue={p.values.meetingId ?? ""}
              aria-describedby={e.meetingId ? "meetingId-error" : undefined}
            >
              <option value="">{t("exports.chooseMeeting")}</option>
              {p.meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <Button>{t("exports.packButton")}</Button>
        </Form>
      ) : (
        <p>{t("exports.noMeetings")}</p>
      )}

      <h2>{t("exports.listTitle")}</h2>
      {p.exports.length ? (
        <TableScroll label={t("exports.listTitle")}>
          <table>
            <caption className="visually-hidden">{t("exports.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("exports.colWhat")}</th>
                <th scope="col">{t("exports.colStatus")}</th>
                <th scope="col">{t("exports.colStarted")}</th>
              </tr>
            </thead>
            <tbody>
              {p.exports.map((j) => (
                <tr key={j.id}>
                  <td>
                    <a href={`/staff/exports/${j.id}`}>
                      {t("exports.of", { kind: t(`exports.kind.${j.kind}`), title: j.title })}
                    </a>
                  </td>
                  <td>{t(`exports.status.${j.status}`)}</td>
                  <td>{j.started}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t("exports.listEmpty")}</p>
      )}
    </>
  );
}
