import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { getT } from "~/i18n/i18n.server";
import { getConsultationForEntry, importTemplate } from "~/models/imports.server";
import type { Route } from "./+types/import-template";

/** The CSV template for one consultation: its heading row and one example row, as a download. */
export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  const id = Number(params.id);
  const consultation = Number.isInteger(id) ? getConsultationForEntry(id) : null;
  if (!consultation) throw data(null, { status: 404 });
  const csv = importTemplate(consultation, getT(request)("import.template.exampleText"));
  const name = consultation.slug.replace(/[^a-z0-9-]/g, "").slice(0, 60) || "consultation";
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-template.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
