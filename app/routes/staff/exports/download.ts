import fs from "node:fs";
import { Readable } from "node:stream";
import { data, redirect } from "react-router";
import { getT } from "~/i18n/i18n.server";
import { type ExportKind, exportFilePath, exportTypes } from "~/models/papers/jobs.server";
import type { Route } from "./+types/download";
import { loadJob } from "./job.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const job = loadJob(request, params.id);
  if (job.status !== "done" || !job.file) return redirect(`/staff/exports/${job.id}`);
  const file = exportFilePath(job.file);
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    throw data(getT(request)("exports.error.gone"), { status: 410 });
  }
  const kind = job.kind as ExportKind;
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": exportTypes[kind].type,
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${job.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
