import { useTranslation } from "~/i18n/react";

/**
 * After signing back in without JavaScript: what the person had sent when their session ended, shown once, with a
 * button that sends exactly those fields again to the same page (app/auth/kept-form.server.ts).
 */
export function KeptForm({ path, fields }: { path: string; fields: [string, string][] }) {
  const { t } = useTranslation();
  // What a person typed: the fields with words in them. Choices and ids go back hidden, as they were.
  const typed = fields.filter(([, value]) => /\p{L}/u.test(value) && value.length > 2);
  return (
    <section className="notice warn kept-form" aria-labelledby="kept-form-title">
      <h2 id="kept-form-title" className="kept-form-title">
        {t("sessionTimeout.keptForm.title")}
      </h2>
      <p>{t("sessionTimeout.keptForm.intro")}</p>
      {typed.length > 0 && (
        <dl className="kept-form-fields">
          {typed.map(([name, value], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a form may send the same field name more than once
            <div key={`${name}-${i}`}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd className="kept-form-value">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <form method="post" action={path}>
        {fields.map(([name, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a form may send the same field name more than once
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="button">
          {t("sessionTimeout.keptForm.send")}
        </button>
      </form>
    </section>
  );
}
