import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { setPassEmail } from "~/models/passes/passes.server";
import { requirePass } from "~/models/passes/session.server";
import type { Route } from "./+types/email";

const schema = z.object({
  email: z.string().trim().toLowerCase().min(1, "email").max(200, "emailFormat").pipe(z.email("emailFormat")),
});

/** Someone who said they are under 16 is never offered this, and a forged request is refused (403). */
function requireEmailAllowed(request: Request) {
  const pass = requirePass(request);
  if (!pass.canAddEmail) throw data(null, { status: 403, statusText: "Forbidden" });
  return pass;
}

export async function loader({ request }: Route.LoaderArgs) {
  const pass = requireEmailAllowed(request);
  return {
    values: { email: pass.email ?? "" },
    hasEmail: Boolean(pass.email),
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const pass = requireEmailAllowed(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "remove") {
    setPassEmail(pass.id, null);
    return redirect("/pass");
  }
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const t = getT(request);
    const values = { email: typeof form.email === "string" ? form.email.slice(0, 200) : "" };
    const message = parsed.error.issues[0]?.message === "email" ? "email" : "emailFormat";
    return data(
      { values, hasEmail: Boolean(pass.email), errors: { email: t(`pass.email.error.${message}`) } },
      { status: 400 },
    );
  }
  setPassEmail(pass.id, parsed.data.email);
  return redirect("/pass");
}

export default function PassEmail({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const errors: Record<string, string> = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("pass.email.title")} error={Boolean(p.errors)} />
      <a href="/pass" className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("pass.email.title")}</h1>
      <p>{t("pass.email.intro")}</p>
      <Form method="post" noValidate>
        <div className={`field${errors.email ? " has-error" : ""}`}>
          <label htmlFor="email">{t("pass.email.label")}</label>
          <p className="hint" id="email-hint">
            {t("pass.email.hint")}
          </p>
          <FieldError id="email" message={errors.email} />
          <input
            type="email"
            id="email"
            name="email"
            defaultValue={p.values.email}
            autoComplete="email"
            spellCheck={false}
            dir="ltr"
            aria-describedby={errors.email ? "email-hint email-error" : "email-hint"}
            aria-invalid={errors.email ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t("pass.email.save")}
          </button>
        </div>
      </Form>
      {p.hasEmail && (
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button secondary">
            {t("pass.email.remove")}
          </button>
        </Form>
      )}
    </>
  );
}
