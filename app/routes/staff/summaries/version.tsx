import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { SummaryView } from "~/components/summaries/SummaryView";
import { useTranslation } from "~/i18n/react";
import { getSummaryVersion } from "~/models/summaries.server";
import type { Route } from "./+types/version";

export async function loader({ request, params }: Route.LoaderArgs) {
  // Board members read the versions sent to their meetings; only officers edit.
  const staff = requirePermission(request, "summaries", "respond");
  const id = Number(params.id);
  const version = Number(params.version);
  if (!Number.isInteger(id) || !Number.isInteger(version)) throw new Response("Not found", { status: 404 });
  const v = getSummaryVersion(id, version);
  if (!v) throw new Response("Not found", { status: 404 });
  return { id, versionId: v.id, content: v.content, mayEdit: can(staff.role, "summaries") };
}

export default function SummaryVersion({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const title = t("summary.versionTitle", { title: p.content.title, version: p.content.version });
  return (
    <>
      <PageTitle title={title} />
      {p.mayEdit && (
        <a href="/staff/summaries" className="back-link">
          {t("summary.backToList")}
        </a>
      )}
      <h1>{title}</h1>
      <section aria-labelledby="exports-heading" className="panel">
        <h2 id="exports-heading">{t("summary.exports")}</h2>
        <div className="button-row">
          {(["docx", "pdf", "csv"] as const).map((kind) => (
            <form key={kind} method="post" action="/staff/exports">
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="versionId" value={p.versionId} />
              <button type="submit" className="button secondary">
                {t(kind === "docx" ? "summary.exportDocx" : kind === "pdf" ? "summary.exportPdf" : "summary.exportCsv")}
              </button>
            </form>
          ))}
        </div>
        {p.mayEdit && (
          <p>
            <a href={`/staff/summaries/${p.id}`} className="button secondary">
              {t("summary.edit")}
            </a>
          </p>
        )}
      </section>
      <SummaryView content={p.content} />
    </>
  );
}
