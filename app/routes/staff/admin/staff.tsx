import { data, Form, redirect, useLocation } from "react-router";
import { z } from "zod";
import { type Role, roles } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getSetting } from "~/models/settings.server";
import {
  AccountError,
  inviteStaff,
  listStaffAccounts,
  sendInviteEmail,
  setTwoFactorAllRoles,
} from "~/models/staff-accounts.server";
import type { Route } from "./+types/staff";
import { AdminSections, Done, Field, Select } from "./parts";
import { doneParam } from "./shared.server";

const inviteSchema = z.object({
  name: z.string().trim().min(2, "name").max(80, "nameLong"),
  email: z.string().trim().max(200, "emailFormat").email("emailFormat"),
  role: z.enum(roles, "role"),
});

function page() {
  return { accounts: listStaffAccounts(), allRoles: getSetting("twoFactorAllRoles") };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return {
    ...page(),
    done: doneParam(request),
    values: {} as Record<string, string>,
    errors: null as Record<string, string> | null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const admin = requirePermission(request, "administer");
  const t = getT(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "two-factor-all") {
    setTwoFactorAllRoles(form.get("on") === "yes", admin.id);
    return redirect(`/staff/admin/staff?done=${form.get("on") === "yes" ? "allRolesOn" : "allRolesOff"}`);
  }
  const values = {
    name: String(form.get("name") ?? "").slice(0, 200),
    email: String(form.get("email") ?? "").slice(0, 300),
    role: String(form.get("role") ?? ""),
  };
  const fail = (errors: Record<string, string>) => data({ ...page(), done: null, values, errors }, { status: 400 });
  if (intent !== "invite") return fail({ name: t("accounts.error.stale") });
  const parsed = inviteSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field] ??= t(`accounts.error.${issue.message}`);
    }
    return fail(errors);
  }
  try {
    const invited = inviteStaff({ ...parsed.data, role: parsed.data.role as Role }, admin.id);
    const sent = await sendInviteEmail({ ...parsed.data, token: invited.token }, admin.name);
    return redirect(`/staff/admin/staff/${invited.id}?done=${sent ? "invited" : "inviteNotSent"}`);
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    return fail({ email: t(`accounts.error.${error.code}`) });
  }
}

export default function StaffAccounts({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const location = useLocation();
  const errors = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("admin.section.staff")} error={Boolean(p.errors)} />
      <AdminSections current="staff" />
      <h1>{t("admin.section.staff")}</h1>
      <p>{t("accounts.intro")}</p>
      <Done message={p.done ? t(`accounts.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />
      <TableScroll label={t("admin.section.staff")}>
        <table>
          <caption className="visually-hidden">{t("admin.section.staff")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accounts.col.name")}</th>
              <th scope="col">{t("signIn.email")}</th>
              <th scope="col">{t("signIn.role")}</th>
              <th scope="col">{t("accounts.col.status")}</th>
              <th scope="col">{t("accounts.col.twoFactor")}</th>
            </tr>
          </thead>
          <tbody>
            {p.accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`/staff/admin/staff/${a.id}`}>
                    <bdi>{a.name}</bdi>
                  </a>
                </td>
                <td>
                  <bdi>{a.email}</bdi>
                </td>
                <td>{t(`role.${a.role}`, { defaultValue: a.role })}</td>
                <td>{t(`accounts.status.${a.status}`)}</td>
                <td>{t(a.twoFactor ? "accounts.twoFactorOn" : "accounts.twoFactorOff")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Form method="post" noValidate key={location.key} style={{ maxWidth: "32rem" }}>
        <h2>{t("accounts.inviteTitle")}</h2>
        <p>{t("accounts.inviteIntro")}</p>
        <input type="hidden" name="intent" value="invite" />
        <Field id="name" label={t("accounts.col.name")} value={p.values.name} error={errors.name} />
        <Field
          id="email"
          type="email"
          label={t("signIn.email")}
          hint={t("accounts.emailHint")}
          value={p.values.email}
          error={errors.email}
        />
        <Select
          id="role"
          label={t("signIn.role")}
          value={p.values.role}
          error={errors.role}
          placeholder={t("accounts.chooseRole")}
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <button type="submit" className="button">
          {t("accounts.invite")}
        </button>
      </Form>
      <Form method="post" style={{ maxWidth: "32rem" }}>
        <h2 id="all-roles-title">{t("accounts.allRolesTitle")}</h2>
        <p>{t("accounts.allRolesIntro")}</p>
        <p>
          <strong>{t(p.allRoles ? "accounts.allRolesOn" : "accounts.allRolesOff")}</strong>
        </p>
        <input type="hidden" name="intent" value="two-factor-all" />
        <input type="hidden" name="on" value={p.allRoles ? "no" : "yes"} />
        <button type="submit" className="button secondary">
          {t(p.allRoles ? "accounts.allRolesTurnOff" : "accounts.allRolesTurnOn")}
        </button>
      </Form>
    </>
  );
}
