import { can } from "~/auth/roles";
import { requireStaff } from "~/auth/session.server";
import { CoverageTable } from "~/components/feedback/CoverageTable";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listOverdueActions } from "~/models/board.server";
import { countOverdueThreads, countThreadsForAnswerer } from "~/models/threads.server";
import { offLoop } from "~/utils/off-loop.server";
import { type PeriodKey, periodKeys } from "~/utils/periods";
import { countyToday } from "~/utils/time";
import type { Route } from "./+types/home";

/** The period of the coverage table: this term unless the address asks for another. */
function coveragePeriod(request: Request): PeriodKey {
  const asked = new URL(request.url).searchParams.get("coverage");
  return (periodKeys as readonly string[]).includes(asked ?? "") ? (asked as PeriodKey) : "this_term";
}

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requireStaff(request);
  // Counting over every contribution (the moderation states, the coverage of a term): in a worker thread. Each part
  // only for those whose role may see it.
  const { counts, coverage } = await offLoop("staffHomeCounts", {
    moderation: can(staff.role, "moderate"),
    coverage: can(staff.role, "tag") ? coveragePeriod(request) : null,
    lang: getLang(request),
  });
  return {
    name: staff.name,
    role: staff.role,
    counts,
    coverage,
    overdueQuestions: can(staff.role, "manage_questions") ? countOverdueThreads() : 0,
    // Someone who answers but does not manage questions sees their own: what waits for them, and what is late.
    yourQuestions:
      can(staff.role, "answer_questions") && !can(staff.role, "manage_questions")
        ? countThreadsForAnswerer(staff.id)
        : null,
    // The Board is shown the actions it decided that are late.
    overdueActions: can(staff.role, "respond") ? listOverdueActions(countyToday()).length : 0,
    may: {
      consultations: can(staff.role, "consultations"),
      moderate: can(staff.role, "moderate"),
      summaries: can(staff.role, "summaries"),
      respond: can(staff.role, "respond"),
      manageQuestions: can(staff.role, "manage_questions"),
    },
  };
}

export default function StaffHome({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("staff.homeTitle")} />
      <h1>{t("staff.welcome", { name: p.name })}</h1>
      {p.counts && (
        <ul className="stat-row">
          <li className="stat">
            <strong>{p.counts.pending ?? 0}</strong> {t("staff.waitingModeration")}
          </li>
          <li className="stat">
            <strong>{p.counts.escalated ?? 0}</strong> {t("staff.escalated")}
          </li>
          <li className="stat">
            <strong>{p.counts.approved ?? 0}</strong> {t("staff.approved")}
          </li>
        </ul>
      )}
      {p.coverage && <CoverageTable coverage={p.coverage} linkUntagged periodForm open />}
      {p.overdueQuestions > 0 && (
        <p className="notice warn">
          <a href="/staff/questions">{t("questions.overdueCount", { count: p.overdueQuestions })}</a>
        </p>
      )}
      <ul className="card-list">
        {p.yourQuestions && (
          <li className="card">
            <h2>
              <a href="/staff/questions">{t("staff.navLinks.questions")}</a>
            </h2>
            <p>
              {p.yourQuestions.waiting
                ? t("staff.yourQuestions", { count: p.yourQuestions.waiting })
                : t("staff.yourQuestionsNone")}
              {p.yourQuestions.overdue > 0 && (
                <>
                  {" "}
                  <strong className="tag escalated">
                    {t("staff.yourOverdue", { count: p.yourQuestions.overdue })}
                  </strong>
                </>
              )}
            </p>
          </li>
        )}
        {p.may.consultations && (
          <li className="card">
            <h2>
              <a href="/staff/consultations">{t("staff.navLinks.consultations")}</a>
            </h2>
            <p>{t("staff.consultationsBlurb")}</p>
          </li>
        )}
        {p.may.moderate && (
          <li className="card">
            <h2>
              <a href="/staff/moderation">{t("staff.navLinks.moderation")}</a>
            </h2>
            <p>{t("staff.moderationBlurb")}</p>
          </li>
        )}
        {p.may.manageQuestions && (
          <li className="card">
            <h2>
              <a href="/staff/questions">{t("staff.navLinks.questions")}</a>
            </h2>
            <p>{t("staff.questionsBlurb")}</p>
          </li>
        )}
        {(p.may.summaries || p.may.respond) && (
          <li className="card">
            <h2>
              <a href="/staff/meetings">{t("staff.navLinks.meetings")}</a>
            </h2>
            <p>{p.may.respond ? t("staff.meetingsBlurbBoard") : t("staff.meetingsBlurb")}</p>
            {p.overdueActions > 0 && (
              <p className="notice warn">
                <a href="/staff/meetings#overdue-actions">{t("staff.overdueActions", { count: p.overdueActions })}</a>
              </p>
            )}
          </li>
        )}
      </ul>
    </>
  );
}
