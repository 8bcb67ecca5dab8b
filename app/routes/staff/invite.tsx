import { data, Form, redirect } from "react-router";
import { startStaffSession } from "~/auth/session.server";
import { startTwoFactorStep } from "~/auth/two-factor.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { recordAudit } from "~/models/staff.server";
import { acceptInvite, findInvite, PASSWORD_MIN, twoFactorRequired } from "~/models/staff-accounts.server";
import type { Route } from "./+types/invite";

const PASSWORD_MAX = 200;

// One answer for unknown, used and expired links: a link that worked once tells nobody anything now.
const dead = () => data({ dead: true, name: "", email: "", min: PASSWORD_MIN, errors: null }, { status: 404 });

export async function loader({ params }: Route.LoaderArgs) {
  const invite = findInvite(params.token ?? "");
  if (!invite) return dead();
  return {
    dead: false,
    name: invite.name,
    email: invite.email,
    min: PASSWORD_MIN,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const invite = findInvite(params.token ?? "");
  if (!invite) return dead();
  const t = getT(request);
  const form = await request.formData();
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  const errors: Record<string, string> = {};
  if (!password) errors.password = t("invite.error.password");
  else if ([...password].length < PASSWORD_MIN) errors.password = t("invite.error.short", { min: PASSWORD_MIN });
  else if (password.length > PASSWORD_MAX) errors.password = t("invite.error.long", { max: PASSWORD_MAX });
  else if (password.toLowerCase().includes(invite.email.split("@")[0])) errors.password = t("invite.error.email");
  if (!errors.password && confirm !== password) errors.confirm = t("invite.error.confirm");
  if (Object.keys(errors).length)
    return data({ dead: false, name: invite.name, email: invite.email, min: PASSWORD_MIN, errors }, { status: 400 });
  const staff = await acceptInvite(params.token ?? "", password);
  if (!staff) return dead();
  if (twoFactorRequired(staff.role)) return startTwoFactorStep(staff.id, false, "/staff/account");
  recordAudit(staff.id, "sign_in", "staff", staff.id);
  return redirect("/staff/account", { headers: { "Set-Cookie": startStaffSession(staff.id) } });
}

export default function Invite({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const errors = p.errors ?? {};
  const described = (id: string) => [`${id}-hint`, errors[id] ? `${id}-error` : ""].filter(Boolean).join(" ");
  if (p.dead)
    return (
      <>
        <PageTitle title={t("invite.deadTitle")} />
        <h1>{t("invite.deadTitle")}</h1>
        <p>{t("invite.deadBody")}</p>
      </>
    );
  return (
    <>
      <PageTitle title={t("invite.title")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{t("invite.title")}</h1>
      <p>
        {t("invite.intro", { name: p.name })} <bdi>{p.email}</bdi>
      </p>
      <Form method="post" noValidate style={{ maxWidth: "28rem" }}>
        <input type="email" name="username" autoComplete="username" value={p.email} readOnly hidden />
        <div className={`field${errors.password ? " has-error" : ""}`}>
          <label htmlFor="password">{t("invite.password")}</label>
          <p className="hint" id="password-hint">
            {t("invite.passwordHint", { min: p.min })}
          </p>
          <FieldError id="password" message={errors.password} />
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-describedby={described("password")}
            aria-invalid={errors.password ? true : undefined}
          />
        </div>
        <div className={`field${errors.confirm ? " has-error" : ""}`}>
          <label htmlFor="confirm">{t("invite.confirm")}</label>
          <p className="hint" id="confirm-hint">
            {t("invite.confirmHint")}
          </p>
          <FieldError id="confirm" message={errors.confirm} />
          <input
            id="confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            aria-describedby={described("confirm")}
            aria-invalid={errors.confirm ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t("invite.submit")}
        </button>
      </Form>
    </>
  );
}
