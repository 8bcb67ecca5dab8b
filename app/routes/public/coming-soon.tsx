import { useMatches } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";

/** Pages of capabilities still being built: honest, and linked from nowhere until they are ready. */
export default function ComingSoon() {
  const { t } = useTranslation();
  const matches = useMatches();
  const id = matches[matches.length - 1]?.id ?? "questions";
  const title = t(`soon.${id}`);
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t("soon.body")}</p>
      <p>
        <a href="/consultations">{t("soon.meanwhile")}</a>
      </p>
    </>
  );
}
