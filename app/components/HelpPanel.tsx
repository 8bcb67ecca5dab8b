import { useTranslation } from "~/i18n/react";

/** What a young person reads when their words may mean they are not safe: who to talk to now, and what happens next. */
export function HelpPanel() {
  const { t } = useTranslation();
  return (
    <section className="help-panel" aria-labelledby="help-title">
      <h2 id="help-title" style={{ marginTop: 0 }}>
        {t("help.title")}
      </h2>
      <p>{t("help.body")}</p>
      <ul>
        <li>{t("help.childline")}</li>
        <li>{t("help.emergency")}</li>
      </ul>
      <p>{t("help.next")}</p>
      <p>{t("help.secret")}</p>
    </section>
  );
}
