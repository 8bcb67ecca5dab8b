import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { getExportJob, mayMakePacks, maySeeVersion } from "~/models/papers/jobs.server";

/** This person's job, or 404; 403 when they may no longer see what it is of. */
export function loadJob(request: Request, idParam: string) {
  const staff = requirePermission(request, "summaries", "respond");
  const id = Number(idParam);
  const job = Number.isInteger(id) && id > 0 ? getExportJob(staff, id) : null;
  if (!job?.subject) throw data(null, { status: 404 });
  const allowed =
    job.kind === "pack" ? mayMakePacks(staff) : maySeeVersion(staff, { meetingId: job.subject.meetingId });
  if (!allowed) throw new Response("Forbidden", { status: 403 });
  return job;
}
