import { useTranslation } from "~/i18n/react";

/** The two draft files of a summary: plain links, so they download with JavaScript off too. */
export function DraftDownloads({ id }: { id: number }) {
  const { t } = useTranslation();
  return (
    <ul className="action-links">
      <li>
        <a href={`/staff/summaries/${id}/draft/docx`} download>
          {t("summary.draft.downloadDocx")}
        </a>
      </li>
      <li>
        <a href={`/staff/summaries/${id}/draft/pdf`} download>
          {t("summary.draft.downloadPdf")}
        </a>
      </li>
    </ul>
  );
}
