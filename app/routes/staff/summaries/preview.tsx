import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { DraftDownloads } from "~/components/papers/DraftDownloads";
import { PaperView } from "~/components/papers/PaperView";
import { useTranslation } from "~/i18n/react";
import { draftBlocks, draftPaper } from "~/models/papers/draft.server";
import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/preview";

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const id = Number(params.id);
  // the live figures: counted in a worker thread (seconds over a million contributions)
  const content = Number.isInteger(id) && id > 0 ? await offLoop("draftContent", id) : null;
  if (!content) throw new Response("Not found", { status: 404 });
  return { id, title: content.title, blocks: draftBlocks(draftPaper(content)) };
}

/** The paper as it would be frozen if it were sent now; it freezes nothing. */
export default function PreviewPaper({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const title = t("summary.draft.previewTitle", { title: p.title });
  return (
    <>
      <PageTitle title={title} />
      <a href={`/staff/summaries/${p.id}`} className="back-link">
        {t("summary.draft.backToEdit")}
      </a>
      <h1>{title}</h1>
      <p className="draft-banner">{t("summary.draft.banner")}</p>
      <DraftDownloads id={p.id} />
      <PaperView blocks={p.blocks} label={t("summary.draft.paperLabel")} />
    </>
  );
}
