import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { getStaff, startStaffSession } from "~/auth/session.server";
import { startTwoFactorStep } from "~/auth/two-factor.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { SignedOutNotice } from "~/components/SignedOutNotice";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { signedOutNotice } from "~/models/session-timeout.server";
import {
  DEVICE_COOKIE,
  isTrustedDevice,
  recordAudit,
  rememberDevice,
  verifyStaffCredentials,
} from "~/models/staff.server";
import { twoFactorRequired, twoFactorStatus } from "~/models/staff-accounts.server";
import { demoMode, env, isProduction } from "~/utils/env.server";
import { readCookie, safeBack, serializeCookie } from "~/utils/http";
import { Backoff } from "~/utils/rate-limit.server";
import type { Route } from "./+types/sign-in";

const schema = z.object({
  email: z.string().trim().min(1, "signIn.error.email").max(200).email("signIn.error.emailFormat"),
  password: z.string().min(1, "signIn.error.password").max(200),
});

// Growing delays, never a lock (OWASP). From a browser the person signed in from before (its device cookie), only that
// browser's own failures count, so wrong passwords sent from anywhere else cannot keep the real user out. From any other
// browser, failures count per account and, more loosely, per address (TRUST_PROXY=1 behind a proxy, or everyone there
// shares one address).
const free = env.SIGNIN_MAX_FAILURES;
const forget = env.SIGNIN_WINDOW_MS;
const perDevice = new Backoff(free, 2000, 60_000, forget);
const perAccount = new Backoff(free, 2000, 60_000, forget);
const perAddress = new Backoff(free * 10, 2000, 30_000, forget);

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
  return {
    demo: demoMode ? demoAccounts : null,
    values: { email: "" },
    errors: null as Record<string, string> | null,
    signedOut: signedOutNotice(new URL(request.url)),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = getT(request);
  const form = Object.fromEntries(await request.formData());
  const email = typeof form.email === "string" ? form.email.trim().toLowerCase() : "";
  const ip = context?.ip ?? "unknown";
  const device = readCookie(request, DEVICE_COOKIE);
  const trusted = Boolean(email && device && isTrustedDevice(email, device));
  // One key per throttle that applies to this try.
  const keys: [Backoff, string][] = trusted
    ? [[perDevice, `${email}|${device}`]]
    : [
        [perAccount, email],
        [perAddress, ip],
      ];
  const demo = demoMode ? demoAccounts : null;
  const wait = Math.max(...keys.map(([b, key]) => b.waitMs(key)));
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw data(
      { message: t("signIn.error.tooMany", { seconds }) },
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
    for (const [b, key] of keys) b.fail(key);
    recordAudit(null, "sign_in_failed", "staff", undefined, { email });
    return data({ demo, values: { email }, errors: { email: t("signIn.error.wrong") } }, { status: 400 });
  }
  for (const [b, key] of keys) b.reset(key);
  perAccount.reset(email);
  const next = safeBack(new URL(request.url).searchParams.get("next"), "/staff");
  const headers = new Headers();
  // A year: the browser stays known to this account, so other people's wrong passwords never slow this person down.
  const token = rememberDevice(staff.id, device);
  headers.append("Set-Cookie", serializeCookie(DEVICE_COOKIE, token, { maxAge: 365 * 86400, secure: isProduction }));
  // With two-factor on, or due for this role, the session opens only after the code (the step records the sign-in).
  const { enrolled } = twoFactorStatus(staff.id);
  if (enrolled || twoFactorRequired(staff.role)) return startTwoFactorStep(staff.id, enrolled, next, headers);
  recordAudit(staff.id, "sign_in", "staff", staff.id);
  headers.append("Set-Cookie", startStaffSession(staff.id));
  return redirect(next, { headers });
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
      {loaderData.signedOut && <SignedOutNotice {...loaderData.signedOut} />}
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
          <p>
            {t("signIn.demoCode")} <code dir="ltr">npm run demo:code -- admin</code>
          </p>
        </section>
      )}
    </>
  );
}
