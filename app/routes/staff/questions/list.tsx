import { Form } from "react-router";
import { z } from "zod";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listReported } from "~/models/threads/published.server";
import { threadStatuses } from "~/models/threads/types";
import { listThreadsForStaff } from "~/models/threads.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/list";

// An unknown status in a bookmark shows every thread rather than an error.
const filterSchema = z.object({ status: z.enum(threadStatuses).optional().catch(undefined) });

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "manage_questions", "answer_questions");
  const lang = getLang(request);
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const manages = can(staff.role, "manage_questions");
  const rows = listThreadsForStaff({ id: staff.id, manages }, filters);
  return {
    manages,
    // Reported published questions, for officers to review (hidden ones first).
    reported: manages ? listReported() : [],
    status: filters.status ?? "",
    threads: rows.map((r) => ({ ...r, due: formatDate(r.dueOn, lang) })),
  };
}

export default function Questions({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("questions.title")} />
      <h1>{t("questions.title")}</h1>
      <p>{t(p.manages ? "questions.introOfficer" : "questions.introAnswerer")}</p>
      {p.reported.length > 0 && (
        <section className="notice warn" aria-labelledby="reported-title">
          <h2 id="reported-title" style={{ marginTop: 0, fontSize: "1.1rem" }}>
            {t("questions.reported.title")}
          </h2>
          <p>{t("questions.reported.intro")}</p>
          <ul>
            {p.reported.map((r) => (
              <li key={r.id}>
                <a href={`/staff/questions/${r.id}`} dir="auto">
                  {r.question}
                </a>{" "}
                · {t("questions.reported.count", { count: r.reports })}
                {r.hiddenAt && (
                  <>
                    {" "}
                    <strong className="tag escalated">{t("questions.reported.hiddenTag")}</strong>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Form method="get" className="filter-bar" aria-label={t("questions.filters")}>
        <FilterSelect
          name="status"
          label={t("questions.statusLabel")}
          value={p.status}
          options={threadStatuses.map((s) => ({ value: s, label: t(`questions.status.${s}`) }))}
        />
        <button type="submit" className="button secondary small">
          {t("moderation.filter.apply")}
        </button>
      </Form>
      <p role="status">{t("questions.count", { count: p.threads.length })}</p>
      {p.threads.length > 0 && (
        <TableScroll label={t("questions.title")}>
          <table>
            <caption className="visually-hidden">{t("questions.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("questions.question")}</th>
                <th scope="col">{t("questions.statusLabel")}</th>
                <th scope="col">{t("questions.answerer")}</th>
                <th scope="col">{t("questions.due")}</th>
              </tr>
            </thead>
            <tbody>
              {p.threads.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/staff/questions/${r.id}`}>
                      {r.text ? (
                        <span dir="auto">{r.text.length > 120 ? `${r.text.slice(0, 117)}…` : r.text}</span>
                      ) : (
                        t(
                          `questions.hiddenText.${r.firstState === "escalated" ? "escalated" : r.firstState === "hidden" ? "hidden" : "pending"}`,
                        )
                      )}
                    </a>
                  </td>
                  <td>{t(`questions.status.${r.status}`)}</td>
                  <td>{r.assignee ?? t("questions.nobody")}</td>
                  <td>
                    {r.due || t("questions.noDate")}
                    {r.overdue && (
                      <>
                        {" "}
                        <strong className="tag escalated">{t("questions.overdue")}</strong>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
