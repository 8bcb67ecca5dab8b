import { useLocation } from "react-router";
import { useTranslation } from "~/i18n/react";

/** "Easy read" on every question page: a plain link, so it works without JavaScript. */
export function ReadingSwitch({ level, available }: { level: "easy" | "standard"; available: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!available) return null;
  const next = level === "easy" ? "standard" : "easy";
  const params = new URLSearchParams(location.search);
  params.set("read", next);
  return (
    <p className="reading-switch">
      <a href={`${location.pathname}?${params}`} className="button secondary small">
        {level === "easy" ? t("consultation.standardSwitch") : t("consultation.easySwitch")}
      </a>
    </p>
  );
}
