import { Form, redirect } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import { deletePass } from "~/models/passes/holder.server";
import { clearPassCookie, forgetReceipts, requirePass } from "~/models/passes/session.server";
import type { Route } from "./+types/delete";

export async function loader({ request }: Route.LoaderArgs) {
  const pass = requirePass(request);
  return { nickname: pass.nickname };
}

export async function action({ request }: Route.ActionArgs) {
  const pass = requirePass(request);
  const { consultationIds } = deletePass(pass.id);
  const headers = new Headers();
  headers.append("Set-Cookie", clearPassCookie());
  for (const cookie of forgetReceipts(consultationIds)) headers.append("Set-Cookie", cookie);
  return redirect("/pass/deleted", { headers });
}

export default function DeletePass({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("pass.delete.title")} />
      <a href="/pass/my-data" className="back-link">
        {t("common.back")}
      </a>
      <h1>{t("pass.delete.title")}</h1>
      <p>
        {t("pass.delete.intro")}{" "}
        <strong lang="en" dir="ltr">
          {p.nickname}
        </strong>
      </p>
      <h2>{t("pass.delete.goesTitle")}</h2>
      <ul>
        <li>{t("pass.delete.goes1")}</li>
        <li>{t("pass.delete.goes2")}</li>
        <li>{t("pass.delete.goes3")}</li>
      </ul>
      <h2>{t("pass.delete.staysTitle")}</h2>
      <ul>
        <li>{t("pass.delete.stays1")}</li>
        <li>{t("pass.delete.stays2")}</li>
        <li>{t("pass.delete.stays3")}</li>
      </ul>
      <div className="notice warn">
        <p style={{ margin: 0 }}>{t("pass.delete.final")}</p>
      </div>
      <Form method="post" className="button-row">
        <button type="submit" className="button danger">
          {t("pass.delete.confirm")}
        </button>
        <a href="/pass" className="button secondary">
          {t("pass.delete.keep")}
        </a>
      </Form>
    </>
  );
}
