import { data, Form, Link, redirect } from "react-router";
import {
  codeFailed,
  finishSignIn,
  nextOf,
  requirePendingTwoFactor,
  throwIfCodeThrottled,
} from "~/auth/two-factor.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { spendRecoveryCode, verifyTwoFactorCode } from "~/models/staff-accounts.server";
import { demoMode } from "~/utils/env.server";
import type { Route } from "./+types/sign-in-code";

type Method = "code" | "recovery";

function methodOf(value: unknown): Method {
  return value === "recovery" ? "recovery" : "code";
}

function page(request: Request, method: Method) {
  const next = nextOf(request);
  return { method, next, demo: demoMode, errors: null as Record<string, string> | null };
}

export async function loader({ request }: Route.LoaderArgs) {
  const pending = requirePendingTwoFactor(request);
  if (!pending.enrolled) throw redirect(`/staff/sign-in/enrol?next=${encodeURIComponent(nextOf(request))}`);
  return page(request, methodOf(new URL(request.url).searchParams.get("method")));
}

export async function action({ request }: Route.ActionArgs) {
  const pending = requirePendingTwoFactor(request);
  if (!pending.enrolled) throw redirect(`/staff/sign-in/enrol?next=${encodeURIComponent(nextOf(request))}`);
  throwIfCodeThrottled(request, pending.id);
  const t = getT(request);
  const form = await request.formData();
  const method = methodOf(form.get("method"));
  const code = String(form.get("code") ?? "").slice(0, 100);
  const fail = (message: string) => data({ ...page(request, method), errors: { code: message } }, { status: 400 });
  if (!code.trim()) return fail(t(method === "code" ? "twoFactor.error.codeEmpty" : "twoFactor.error.recoveryEmpty"));
  const ok = method === "code" ? verifyTwoFactorCode(pending.id, code) : spendRecoveryCode(pending.id, code);
  if (!ok) {
    codeFailed(pending.id, method);
    return fail(t(method === "code" ? "twoFactor.error.codeWrong" : "twoFactor.error.recoveryWrong"));
  }
  return redirect(nextOf(request), { headers: finishSignIn(pending, method) });
}

export default function SignInCode({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const recovery = p.method === "recovery";
  const title = t(recovery ? "twoFactor.recoveryTitle" : "twoFactor.codeTitle");
  const error = p.errors?.code;
  const other = `?${new URLSearchParams({ ...(recovery ? {} : { method: "recovery" }), next: p.next })}`;
  return (
    <>
      <PageTitle title={title} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{title}</h1>
      <Form method="post" noValidate style={{ maxWidth: "28rem" }}>
        <input type="hidden" name="method" value={p.method} />
        <div className={`field${error ? " has-error" : ""}`}>
          <label htmlFor="code">{t(recovery ? "twoFactor.recoveryLabel" : "twoFactor.codeLabel")}</label>
          <p className="hint" id="code-hint">
            {t(recovery ? "twoFactor.recoveryHint" : "twoFactor.codeHint")}
          </p>
          <FieldError id="code" message={error} />
          <input
            id="code"
            name="code"
            type="text"
            inputMode={recovery ? "text" : "numeric"}
            autoComplete="one-time-code"
            spellCheck={false}
            autoCapitalize="off"
            dir="ltr"
            maxLength={recovery ? 20 : 7}
            className={recovery ? "input-code" : "input-code input-code-short"}
            aria-describedby={error ? "code-hint code-error" : "code-hint"}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t("twoFactor.continue")}
        </button>
      </Form>
      <ul className="action-links">
        <li>
          <Link to={other}>{t(recovery ? "twoFactor.useApp" : "twoFactor.useRecovery")}</Link>
        </li>
      </ul>
      {p.demo && !recovery && (
        <p className="hint">
          {t("twoFactor.demo")} <code dir="ltr">npm run demo:code -- admin</code>
        </p>
      )}
    </>
  );
}
