import { data, Form, redirect } from "react-router";
import { requireStaff } from "~/auth/session.server";
import { codeFailed, throwIfCodeThrottled } from "~/auth/two-factor.server";
import { formatWhen } from "~/components/CaseContext";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  beginEnrolment,
  confirmEnrolment,
  enrolmentView,
  regenerateRecoveryCodes,
  turnOffTwoFactor,
  twoFactorRequired,
  twoFactorStatus,
  verifyTwoFactorCode,
} from "~/models/staff-accounts.server";
import type { Route } from "./+types/account";
import { EnrolPanel, RecoveryCodes } from "./TwoFactorParts";

async function page(request: Request, staff: { id: number; name: string; email: string; role: string }) {
  const status = twoFactorStatus(staff.id);
  return {
    me: { name: staff.name, email: staff.email, role: staff.role },
    enrolled: status.enrolled,
    since: status.enabledAt ? formatWhen(status.enabledAt, getLang(request)) : null,
    codesLeft: status.codesLeft,
    required: twoFactorRequired(staff.role),
    enrol: status.enrolling ? await enrolmentView(staff.id) : null,
    codes: null as string[] | null,
    errors: null as Record<string, string> | null,
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requireStaff(request);
  return page(request, staff);
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requireStaff(request);
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const code = String(form.get("code") ?? "").slice(0, 100);
  const status = twoFactorStatus(staff.id);
  const fail = async (field: string, message: string) =>
    data({ ...(await page(request, staff)), errors: { [field]: message } }, { status: 400 });
  if (intent === "start" && !status.enrolled) {
    beginEnrolment(staff.id);
    return redirect("/staff/account#code");
  }
  if (intent === "confirm" && status.enrolling) {
    throwIfCodeThrottled(request, staff.id);
    if (!code.trim()) return fail("code", t("twoFactor.error.codeEmpty"));
    const codes = confirmEnrolment(staff.id, code);
    if (!codes) {
      codeFailed(staff.id, "enrol");
      return fail("code", t("twoFactor.error.enrolWrong"));
    }
    return { ...(await page(request, staff)), codes };
  }
  if ((intent === "codes" || intent === "off") && status.enrolled) {
    if (intent === "off" && twoFactorRequired(staff.role)) return fail(`${intent}-code`, t("account.error.required"));
    throwIfCodeThrottled(request, staff.id);
    if (!code.trim()) return fail(`${intent}-code`, t("twoFactor.error.codeEmpty"));
    if (!verifyTwoFactorCode(staff.id, code)) {
      codeFailed(staff.id, "code");
      return fail(`${intent}-code`, t("twoFactor.error.codeWrong"));
    }
    if (intent === "off") {
      turnOffTwoFactor(staff.id, staff.role);
      return redirect("/staff/account");
    }
    return { ...(await page(request, staff)), codes: regenerateRecoveryCodes(staff.id) };
  }
  return fail("intent", t("account.error.stale"));
}

function CodeForm(props: { intent: string; submit: string; error?: string; secondary?: boolean }) {
  const { t } = useTranslation();
  const id = `${props.intent}-code`;
  return (
    <Form method="post" noValidate style={{ maxWidth: "28rem" }}>
      <input type="hidden" name="intent" value={props.intent} />
      <div className={`field${props.error ? " has-error" : ""}`}>
        <label htmlFor={id}>{t("twoFactor.codeLabel")}</label>
        <FieldError id={id} message={props.error} />
        <input
          id={id}
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          dir="ltr"
          maxLength={7}
          className="input-code input-code-short"
          aria-describedby={props.error ? `${id}-error` : undefined}
          aria-invalid={props.error ? true : undefined}
        />
      </div>
      <button type="submit" className={`button${props.secondary ? " secondary" : ""}`}>
        {props.submit}
      </button>
    </Form>
  );
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const errors = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("account.title")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{t("account.title")}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t("account.name")}</dt>
          <dd>
            <bdi>{p.me.name}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("signIn.email")}</dt>
          <dd>
            <bdi>{p.me.email}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("signIn.role")}</dt>
          <dd>{t(`role.${p.me.role}`)}</dd>
        </div>
      </dl>
      <h2 id="two-factor">{t("account.twoFactorTitle")}</h2>
      {p.codes ? (
        <RecoveryCodes codes={p.codes} continueTo="/staff/account" />
      ) : p.enrolled ? (
        <>
          <p>{t("account.twoFactorOn", { since: p.since })}</p>
          <p>
            <strong>{t("account.codesLeft", { count: p.codesLeft })}</strong>
          </p>
          <h3>{t("account.newCodesTitle")}</h3>
          <p>{t("account.newCodesIntro")}</p>
          <CodeForm intent="codes" submit={t("account.newCodes")} error={errors["codes-code"]} secondary />
          {p.required ? (
            <p>{t("account.requiredNote")}</p>
          ) : (
            <>
              <h3>{t("account.offTitle")}</h3>
              <CodeForm intent="off" submit={t("account.off")} error={errors["off-code"]} secondary />
            </>
          )}
        </>
      ) : p.enrol ? (
        <EnrolPanel svg={p.enrol.svg} secret={p.enrol.secret} error={errors.code} intent="confirm" />
      ) : (
        <>
          <p>{t(p.required ? "account.twoFactorDue" : "account.twoFactorOff")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">
              {t("account.start")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
