import { useTranslation } from "~/i18n/react";

/** The document title: where you are, then the site; "Error: " first when the form on the page has errors. */
export function PageTitle({ title, error = false }: { title: string; error?: boolean }) {
  const { t } = useTranslation();
  const text = `${error ? t("error.prefix") : ""}${title} – ${t("layout.siteName")}`;
  return <title>{text}</title>;
}
