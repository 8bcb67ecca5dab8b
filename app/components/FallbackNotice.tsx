import { useTranslation } from "~/i18n/react";

/** Shown when some of a page's content has no translation in the chosen language and is in English. */
export function FallbackNotice({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return <p className="notice warn">{t("consultation.fallbackNotice")}</p>;
}
