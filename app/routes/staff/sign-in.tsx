import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { getStaff, startStaffSession } from "~/auth/session.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { recordAudit, verifyStaffCredentials } from "~/models/staff.server";
import { demoMode, env } from "~/utils/env.server";
import { safeBack } from "~/utils/http";
import { RateLimiter } from "~/utils/rate-limit.server";
import type { Route } from "./+types/sign-in";

const schema = z.object({
  email: z.string().trim().min(1, "signIn.error.email").max(200).email("signIn.error.emailFormat"),
  password: z.string().min(1, "signIn.error.password").max(200),
});

// Failures per address and email, and a looser count per address alone.
const perAccount = new RateLimiter(env.SIGNIN_MAX_FAILURES, env.SIGNIN_WINDOW_MS);
const perAddress = new RateLimiter(env.SIGNIN_MAX_FAILURES * 10, env.SIGNIN_WINDOW_MS);

const demoAccounts = [
  { email: "officer@demo.test", role: "officer" },
  { email: "safeguarding@demo.test", role: "safeguarding" },
  { email: "board@demo.test", role: "board" },
  { email: "partnership@demo.test", role: "partnership" },
  { email: "admin@demo.test", role: "admin" },
];

export async function loader({ request }: Route.LoaderArgs) {
  const next = safeBack(new URL(request.url).searchParams.get("next"), "/staff");
  if (getStaff(request)) throw redirect(next);
  return { demo: demoMode ? demoAccounts : null, values: { email: "" }, errors: null as Record<string, string> | null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = getT(request);
  const form = Object.fromEntries(await request.formData());
  const email = typeof form.email === "string" ? form.email.trim().toLowerCase() : "";
  const ip = context?.ip ?? "unknown";
  const accountKey = `${ip}|${email}`;
  const demo = demoMode ? demoAccounts : null;
  if (perAccount.isBlocked(accountKey) || perAddress.isBlocked(ip)) {
    const seconds = Math.max(perAccount.retryAfterSeconds(accountKey), perAddress.retryAfterSeconds(ip));
    throw data(
      { message: t("signIn.error.tooMany", { minutes: Math.ceil(seconds / 60) }) },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field] ??= t(issue.message.startsWith("signIn.") ? issue.message : `signIn.error.${field}`);
    }
    return data({ demo, values: { email }, errors }, { status: 400 });
  }
  const staff = await verifyStaffCredentials(parsed.data.email, parsed.data.password);
  if (!staff) {
    perAccount.hit(accountKey);
    perAddress.hit(ip);
    recordAudit(null, "sign_in_failed", "staff", undefined, { email });
    return data({ demo, values: { email }, errors: { email: t("signIn.error.wrong") } }, { status: 400 });
  }
  perAccount.reset(accountKey);
  recordAudit(staff.id, "sign_in", "staff", staff.id);
  const next = safeBack(new URL(request.url).searchParams.get("next"), "/staff");
  return redirect(next, { headers: { "Set-Cookie": startStaffSession(staff.id) } });
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const errors: Record<string, string> = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("signIn.title")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{t("signIn.title")}</h1>
      <p>{t("signIn.intro")}</p>
      <Form method="post" noValidate style={{ maxWidth: "28rem" }}>
        <div className={`field${errors.email ? " has-error" : ""}`}>
          <label htmlFor="email">{t("signIn.email")}</label>
          <FieldError id="email" message={errors.email} />
          <input
            type="email"
            id="email"
            name="email"
            autoComplete="username"
            defaultValue={p.values.email}
            aria-describedby={errors.email ? "email-error" : undefined}
            aria-invalid={errors.email ? true : undefined}
          />
        </div>
        <div className={`field${errors.password ? " has-error" : ""}`}>
          <label htmlFor="password">{t("signIn.password")}</label>
          <FieldError id="password" message={errors.password} />
          <input
            type="password"
            id="password"
            name="password"
            autoComplete="current-password"
            aria-describedby={errors.password ? "password-error" : undefined}
            aria-invalid={errors.password ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t("signIn.submit")}
        </button>
      </Form>
      {p.demo && (
        <section className="panel" aria-labelledby="demo-title" style={{ marginTop: "2rem" }}>
          <h2 id="demo-title" style={{ marginTop: 0 }}>
            {t("signIn.demoTitle")}
          </h2>
          <p>{t("signIn.demoBody")}</p>
          <TableScroll label={t("signIn.demoTitle")}>
            <table>
              <caption className="visually-hidden">{t("signIn.demoTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("signIn.email")}</th>
                  <th scope="col">{t("signIn.role")}</th>
                </tr>
              </thead>
              <tbody>
                {p.demo.map((a) => (
                  <tr key={a.email}>
                    <td>
                      <code>{a.email}</code>
                    </td>
                    <td>{t(`role.${a.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p>
            {t("signIn.demoPassword")} <code>sounding-board-demo</code>
          </p>
        </section>
      )}
    </>
  );
}
