import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";

export default function PassDeleted() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("pass.deleted.title")} />
      <div className="panel confirm">
        <h1>{t("pass.deleted.title")}</h1>
      </div>
      <p>{t("pass.deleted.body")}</p>
      <p>
        <a href="/">{t("pass.deleted.home")}</a>
      </p>
    </>
  );
}
