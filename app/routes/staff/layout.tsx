import { RouterProvider } from "react-aria-components";
import { Form, NavLink, Outlet, useHref, useNavigate } from "react-router";
import { KEPT_COOKIE, takeKeptForm } from "~/auth/kept-form.server";
import { can } from "~/auth/roles";
import { requireStaff, staffSessionId } from "~/auth/session.server";
import { KeepTyping } from "~/components/KeepTyping";
import { KeptForm } from "~/components/KeptForm";
import { SessionTimeout } from "~/components/SessionTimeout";
import { useTranslation } from "~/i18n/react";
import { openEscalationCount } from "~/models/safeguarding.server";
import { peekSessionExpiry } from "~/models/session-timeout.server";
import { readCookie } from "~/utils/http";
import type { Route } from "./+types/layout";

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requireStaff(request);
  const links = [
    { to: "/staff", key: "home", show: true },
    { to: "/staff/consultations", key: "consultations", show: can(staff.role, "consultations") },
    { to: "/staff/moderation", key: "moderation", show: can(staff.role, "moderate") },
    { to: "/staff/feedback", key: "feedback", show: can(staff.role, "tag") },
    {
      to: "/staff/questions",
      key: "questions",
      show: can(staff.role, "manage_questions") || can(staff.role, "answer_questions"),
    },
    { to: "/staff/groups", key: "groups", show: can(staff.role, "groups") },
    { to: "/staff/sessions", key: "sessions", show: can(staff.role, "groups") },
    { to: "/staff/summaries", key: "summaries", show: can(staff.role, "summaries") },
    { to: "/staff/meetings", key: "meetings", show: can(staff.role, "summaries") || can(staff.role, "respond") },
    { to: "/staff/exports", key: "exports", show: can(staff.role, "summaries") || can(staff.role, "respond") },
    { to: "/staff/plan", key: "plan", show: true },
    { to: "/staff/admin", key: "admin", show: can(staff.role, "administer") },
    { to: "/staff/audit", key: "audit", show: can(staff.role, "administer") },
  ].filter((l) => l.show);
  const escalations = can(staff.role, "safeguard") ? openEscalationCount() : null;
  const expiry = peekSessionExpiry(staffSessionId(request) ?? "");
  const timeout = expiry && {
    endsAt: expiry.endsAt,
    now: new Date().toISOString(),
    absolute: expiry.absolute,
    idleMinutes: expiry.idleMinutes,
    absoluteHours: expiry.absoluteHours,
  };
  // A form sent without JavaScript after the session ended, kept for this person and this page (server.js)
  const kept = takeKeptForm(readCookie(request, KEPT_COOKIE) ?? null, staff.id, new URL(request.url).pathname);
  return { staff: { name: staff.name, role: staff.role }, links, escalations, timeout, kept };
}

// react-aria's widgets are used on staff pages only; participant pages stay lean, so the router is given to
// react-aria here rather than in root.tsx.
export default function StaffLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      {/* The staff bar sits inside <main> (root.tsx owns the document header): it wraps on narrow screens and
          leaves the end of the bar free for the keyboard-shortcut hint a later issue adds. */}
      <div className="staff-bar no-print">
        <nav className="staff-nav" aria-label={t("staff.nav")}>
          <ul>
            {loaderData.links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.to === "/staff"}>
                  {t(`staff.navLinks.${l.key}`)}
                </NavLink>
              </li>
            ))}
            {loaderData.escalations !== null && (
              <li>
                <NavLink to="/staff/safeguarding">
                  {t("staff.navLinks.safeguarding", { count: loaderData.escalations })}
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
        <Form method="post" action="/staff/sign-out" className="staff-who">
          <span>
            <NavLink to="/staff/account" aria-label={t("account.link", { name: loaderData.staff.name })}>
              <bdi>{loaderData.staff.name}</bdi>
            </NavLink>{" "}
            <span className="staff-role">{t(`role.${loaderData.staff.role}`)}</span>
          </span>
          <button type="submit" className="link-button">
            {t("staff.signOut")}
          </button>
        </Form>
      </div>
      <div className="staff-page">
        <KeepTyping />
        {loaderData.timeout && <SessionTimeout {...loaderData.timeout} />}
        {loaderData.kept && <KeptForm {...loaderData.kept} />}
        <RouterProvider navigate={navigate} useHref={useHref}>
          <Outlet />
        </RouterProvider>
      </div>
    </>
  );
}
