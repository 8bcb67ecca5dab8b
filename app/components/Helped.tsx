import { useTranslation } from "~/i18n/react";

/** How many people said a published answer helped them: nothing at 0, and never a number from 1 to 4. */
export function Helped({ helped }: { helped: number | "fewer" | "withheld" }) {
  const { t } = useTranslation();
  if (helped === 0) return null;
  return <p className="meta">{typeof helped === "number" ? t("qa.helped", { count: helped }) : t("qa.helpedFew")}</p>;
}
