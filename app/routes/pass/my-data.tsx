import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import { requirePass } from "~/models/passes/session.server";
import type { Route } from "./+types/my-data";

export async function loader({ request }: Route.LoaderArgs) {
  requirePass(request);
  return null;
}

export default function MyData() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("pass.myData.title")} />
      <a href="/pass" className="back-link">
        {t("common.back")}
      </a>
      <h1>{t("pass.myData.title")}</h1>
      <h2>{t("pass.myData.downloadTitle")}</h2>
      <p>{t("pass.myData.downloadBody")}</p>
      <div className="button-row">
        <a href="/pass/my-data.html" className="button secondary" download>
          {t("pass.myData.html")}
        </a>
        <a href="/pass/my-data.json" className="button secondary" download>
          {t("pass.myData.json")}
        </a>
      </div>
      <h2>{t("pass.myData.deleteTitle")}</h2>
      <p>{t("pass.myData.deleteBody")}</p>
      <p>
        <a href="/pass/delete" className="button danger">
          {t("pass.delete.title")}
        </a>
      </p>
    </>
  );
}
