import { requirePermission } from "~/auth/session.server";
import { auditCsvChunks, auditFiltersFrom } from "~/models/audit.server";
import { recordAudit } from "~/models/staff.server";
import type { Route } from "./+types/audit-csv";

/** The filtered audit log as CSV, streamed a thousand rows at a time; the download itself is recorded. */
export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "administer");
  const { filters, query } = auditFiltersFrom(new URL(request.url));
  const chunks = auditCsvChunks(filters, [
    "created_at",
    "staff_id",
    "staff_name",
    "action",
    "subject_type",
    "subject_id",
    "detail",
  ]);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  recordAudit(staff.id, "audit_exported", "audit_log", undefined, query ? { filters: query } : undefined);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "no-store",
    },
  });
}
