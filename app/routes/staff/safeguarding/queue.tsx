import { Link } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { CaseContext, formatWhen, minutesToFirstAction } from "~/components/CaseContext";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listSafeguardingQueue } from "~/models/safeguarding.server";
import type { Route } from "./+types/queue";

const PER_PAGE = 25;

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "safeguard");
  const lang = getLang(request);
  const pageNo = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { total, rows } = listSafeguardingQueue({ page: pageNo, perPage: PER_PAGE });
  return {
    total,
    page: pageNo,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    rows: rows.map((r) => ({
      ...r,
      arrivedOn: formatWhen(r.arrivedAt, lang),
      minutes: minutesToFirstAction(r.arrivedAt, r.firstActionAt),
    })),
  };
}

export default function SafeguardingQueue({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("safeguarding.title")} />
      <h1 id="main">{t("safeguarding.title")}</h1>
      <p>{t("safeguarding.intro")}</p>
      <p>
        <Link to="/staff/safeguarding/settings">{t("safeguarding.settings.link")}</Link>
      </p>
      <p role="status">{t("safeguarding.count", { count: p.total })}</p>
      {p.rows.length === 0 ? (
        <p className="notice">{t("safeguarding.empty")}</p>
      ) : (
        <ol className="card-list">
          {p.rows.map((r) => (
            <li key={r.contributionId} className="card">
              <article aria-labelledby={`case-${r.contributionId}`}>
                <h2 id={`case-${r.contributionId}`} style={{ fontSize: "1.1rem" }}>
                  <Link to={`/staff/safeguarding/${r.contributionId}`}>
                    {t("safeguarding.caseLink", { date: r.arrivedOn })}
                  </Link>{" "}
                  <span className={`tag ${r.status === "closed" ? "" : "escalated"}`}>
                    {t(`safeguarding.status.${r.status}`)}
                  </span>
                </h2>
                <blockquote>{r.body}</blockquote>
                <CaseContext row={r} />
              </article>
            </li>
          ))}
        </ol>
      )}
      {p.pages > 1 && (
        <nav aria-label={t("moderation.pages")} className="action-links">
          {p.page > 1 && <Link to={`?page=${p.page - 1}`}>{t("moderation.previousPage")}</Link>}
          {p.page < p.pages && <Link to={`?page=${p.page + 1}`}>{t("moderation.nextPage")}</Link>}
        </nav>
      )}
    </>
  );
}
