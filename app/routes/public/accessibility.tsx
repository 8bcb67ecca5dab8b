import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";

export default function Accessibility() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("a11y.title")} />
      <h1>{t("a11y.title")}</h1>
      <p className="lead">{t("a11y.lead")}</p>
      <ul>
        <li>{t("a11y.point1")}</li>
        <li>{t("a11y.point2")}</li>
        <li>{t("a11y.point3")}</li>
        <li>{t("a11y.point4")}</li>
        <li>{t("a11y.point5")}</li>
      </ul>
      <h2>{t("a11y.problemTitle")}</h2>
      <p>{t("a11y.problemBody")}</p>
      <h2>{t("a11y.statusTitle")}</h2>
      <p>{t("a11y.statusBody")}</p>
    </>
  );
}
