import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getMeeting } from "~/models/board.server";
import { countOverdueThreads } from "~/models/threads.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/show";

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "summaries", "respond");
  const meeting = getMeeting(Number(params.id));
  if (!meeting) throw data(null, { status: 404 });
  // A promise to answer that is broken is worse than none: the Board sees how many answers are late.
  return { ...meeting, date: formatDate(meeting.meetsOn, getLang(request)), overdueQuestions: countOverdueThreads() };
}

export default function Meeting({ loaderData: m }: Route.ComponentProps) {
  const { t } = useTranslation();
  const groups = ["decision", "information"] as const;
  return (
    <>
      <PageTitle title={m.title} />
      <a href="/staff/meetings" className="back-link">
        {t("meetings.title")}
      </a>
      <h1>{m.title}</h1>
      <p className="meta">
        {m.body} · {m.date}
        {m.place && <> · {m.place}</>}
      </p>
      {m.overdueQuestions > 0 && (
        <p className="notice warn">
          <a href="/staff/questions">{t("questions.overdueCount", { count: m.overdueQuestions })}</a>
        </p>
      )}
      {groups.map((kind) => {
        const items = m.items.filter((i) => i.kind === kind);
        return (
          <section key={kind} aria-labelledby={`items-${kind}`}>
            <h2 id={`items-${kind}`}>{t(`meetings.itemsFor.${kind}`)}</h2>
            {items.length === 0 ? (
              <p>{t("meetings.noItems")}</p>
            ) : (
              <ol className="card-list">
                {items.map((i) => (
                  <li key={i.id} className="card">
                    <h3 style={{ margin: 0 }}>
                      <a href={`/staff/agenda-items/${i.id}`}>{i.title}</a>
                    </h3>
                    <p className="meta" style={{ margin: "0.4rem 0 0" }}>
                      {i.responded ? (
                        <span className="tag">{t("meetings.responded")}</span>
                      ) : (
                        <span className="tag pending">{t("meetings.awaiting")}</span>
                      )}{" "}
                      {i.exceptionFlags.length > 0 && <span className="tag escalated">{t("meetings.exception")}</span>}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        );
      })}
    </>
  );
}
