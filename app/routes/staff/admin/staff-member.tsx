import { data, Form, redirect } from "react-router";
import { roles } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  AccountError,
  changeRole,
  disableStaff,
  enableStaff,
  getStaffAccount,
  resendInvite,
  resetTwoFactor,
  sendInviteEmail,
} from "~/models/staff-accounts.server";
import type { Route } from "./+types/staff-member";
import { AdminSections, Done, Select } from "./parts";
import { doneParam, idParam } from "./shared.server";

function page(id: number, adminId: number) {
  const account = getStaffAccount(id);
  if (!account) throw data(null, { status: 404 });
  return { account, self: id === adminId };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const admin = requirePermission(request, "administer");
  const p = page(idParam(params.id), admin.id);
  const confirm = new URL(request.url).searchParams.get("confirm") === "disable" && !p.self;
  return { ...p, confirm, done: doneParam(request), errors: null as Record<string, string> | null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const admin = requirePermission(request, "administer");
  const id = idParam(params.id);
  const p = page(id, admin.id);
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (done: string) => redirect(`/staff/admin/staff/${id}?done=${done}`);
  const fail = (field: string, message: string, status = 400) =>
    data({ ...p, confirm: false, done: null, errors: { [field]: message } }, { status });
  try {
    if (intent === "role") {
      const role = String(form.get("role") ?? "");
      if (!(roles as readonly string[]).includes(role)) return fail("role", t("accounts.error.role"));
      changeRole(id, role, admin.id);
      return back("roleChanged");
    }
    if (intent === "disable") {
      disableStaff(id, admin.id);
      return back("disabled");
    }
    if (intent === "enable") {
      enableStaff(id, admin.id);
      return back("enabled");
    }
    if (intent === "reset-two-factor") {
      resetTwoFactor(id, admin.id);
      return back("twoFactorReset");
    }
    if (intent === "resend") {
      const invite = resendInvite(id, admin.id);
      const sent = await sendInviteEmail(invite, admin.name);
      return back(sent ? "invited" : "inviteNotSent");
    }
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    return fail(intent === "role" ? "role" : "actions", t(`accounts.error.${error.code}`), 409);
  }
  return fail("actions", t("accounts.error.stale"));
}

export default function StaffMember({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const a = p.account;
  const errors = p.errors ?? {};
  return (
    <>
      <PageTitle title={a.name} error={Boolean(p.errors)} />
      <AdminSections current="staff" />
      <a className="back-link" href="/staff/admin/staff">
        {t("accounts.back")}
      </a>
      <h1>
        <bdi>{a.name}</bdi>
      </h1>
      <Done message={p.done ? t(`accounts.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      {errors.actions && <p id="actions" className="visually-hidden" tabIndex={-1} />}
      <dl className="summary-list">
        <div>
          <dt>{t("signIn.email")}</dt>
          <dd className="break-anywhere">
            <bdi>{a.email}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("signIn.role")}</dt>
          <dd>{t(`role.${a.role}`, { defaultValue: a.role })}</dd>
        </div>
        <div>
          <dt>{t("accounts.col.status")}</dt>
          <dd>{t(`accounts.status.${a.status}`)}</dd>
        </div>
        <div>
          <dt>{t("accounts.col.twoFactor")}</dt>
          <dd>{t(a.twoFactor ? "accounts.twoFactorOn" : "accounts.twoFactorOff")}</dd>
        </div>
      </dl>

      {p.confirm && a.status !== "disabled" ? (
        <section className="panel confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t("accounts.confirmDisableTitle", { name: a.name })}</h2>
          <p>{t("accounts.confirmDisableBody")}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="intent" value="disable" />
            <button type="submit" className="button danger">
              {t("accounts.confirmDisable")}
            </button>
            <a
              href={`/staff/admin/staff/${a.id}`}
              style={{ display: "inline-flex", alignItems: "center", minHeight: 44 }}
            >
              {t("accounts.cancel")}
            </a>
          </Form>
        </section>
      ) : (
        <>
          <Form method="post" style={{ maxWidth: "28rem" }}>
            <h2>{t("accounts.roleTitle")}</h2>
            <input type="hidden" name="intent" value="role" />
            <Select
              id="role"
              label={t("signIn.role")}
              value={a.role}
              error={errors.role}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            <button type="submit" className="button secondary">
              {t("accounts.changeRole")}
            </button>
          </Form>

          {a.status === "invited" && (
            <Form method="post">
              <h2>{t("accounts.resendTitle")}</h2>
              <p>{t("accounts.resendIntro")}</p>
              <input type="hidden" name="intent" value="resend" />
              <button type="submit" className="button secondary">
                {t("accounts.resend")}
              </button>
            </Form>
          )}

          {a.twoFactor && (
            <Form method="post">
              <h2>{t("accounts.resetTitle")}</h2>
              <p>{t("accounts.resetIntro")}</p>
              <input type="hidden" name="intent" value="reset-two-factor" />
              <button type="submit" className="button secondary">
                {t("accounts.reset")}
              </button>
            </Form>
          )}

          {a.status === "disabled" ? (
            <Form method="post">
              <h2>{t("accounts.enableTitle")}</h2>
              <input type="hidden" name="intent" value="enable" />
              <button type="submit" className="button secondary">
                {t("accounts.enable")}
              </button>
            </Form>
          ) : p.self ? (
            <p>{t("accounts.selfNote")}</p>
          ) : (
            <>
              <h2>{t("accounts.disableTitle")}</h2>
              <p>{t("accounts.disableIntro")}</p>
              <p>
                <a className="button danger" href={`/staff/admin/staff/${a.id}?confirm=disable`}>
                  {t("accounts.disable")}
                </a>
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
