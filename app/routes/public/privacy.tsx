import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("privacy.title")} />
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.lead")}</p>
      <h2>{t("privacy.whatTitle")}</h2>
      <ul>
        <li>{t("privacy.what1")}</li>
        <li>{t("privacy.what2")}</li>
        <li>{t("privacy.what3")}</li>
      </ul>
      <h2>{t("privacy.neverTitle")}</h2>
      <ul>
        <li>{t("privacy.never1")}</li>
        <li>{t("privacy.never2")}</li>
        <li>{t("privacy.never3")}</li>
      </ul>
      <h2>{t("privacy.safeTitle")}</h2>
      <p>{t("privacy.safeBody")}</p>
      <h2>{t("privacy.cookiesTitle")}</h2>
      <p>{t("privacy.cookiesBody")}</p>
    </>
  );
}
