import { Form } from "react-router";
import { Helped } from "~/components/Helped";
import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPass } from "~/models/passes/session.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { listPublished } from "~/models/threads/published.server";
import { protectCount } from "~/utils/suppression";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/list";

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const lang = getLang(request);
  const outcomes = listActiveOutcomes().map((o) => ({ id: o.id, title: o.childTitle ?? o.title }));
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const outcomeParam = url.searchParams.get("outcome") ?? "";
  // An outcome that is not in the plan is ignored, never an error.
  const outcome = outcomes.find((o) => String(o.id) === outcomeParam) ?? null;
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const found = listPublished({
    q,
    outcomeId: outcome?.id ?? null,
    page: Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1,
  });
  return {
    q,
    outcome: outcome ? String(outcome.id) : "",
    outcomes,
    signedIn: Boolean(getPass(request)),
    reported: url.searchParams.get("reported") === "1",
    total: found.total,
    page: found.page,
    pages: found.pages,
    items: found.rows.map((r) => ({
      id: r.id,
      question: r.question ?? "",
      answer: r.answer ?? "",
      outcome: r.outcome,
      role: r.answererRole === "board" ? "board" : r.answererRole === "partnership" ? "partnership" : "officer",
      date: formatDate(r.publishedAt, lang),
      // A count of people: never shown from 1 to 4.
      helped: protectCount(r.helped),
    })),
  };
}

export default function PublishedQuestions({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const filtered = Boolean(p.q || p.outcome);
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    if (p.q) params.set("q", p.q);
    if (p.outcome) params.set("outcome", p.outcome);
    params.set("page", String(n));
    return `/questions?${params}`;
  };
  return (
    <>
      <PageTitle title={t("qa.title")} />
      {p.reported && (
        <div className="panel confirm" role="status">
          <p style={{ margin: 0 }}>{t("qa.done.hidden")}</p>
        </div>
      )}
      <h1>{t("qa.title")}</h1>
      <p className="lead">{t("qa.lead")}</p>
      <p>
        <a href="/ask">{t("qa.askYours")}</a>
      </p>
      <Form method="get" className="filter-bar" role="search">
        <div className="field">
          <label className="label" htmlFor="q">
            {t("qa.searchLabel")}
          </label>
          <input id="q" name="q" type="search" defaultValue={p.q} maxLength={100} />
        </div>
        <div className="field">
          <label className="label" htmlFor="outcome">
            {t("qa.outcomeLabel")}
          </label>
          <select id="outcome" name="outcome" defaultValue={p.outcome}>
            <option value="">{t("qa.anyOutcome")}</option>
            {p.outcomes.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary">
          {t("qa.search")}
        </button>
      </Form>
      <p aria-live="polite">
        {filtered ? t("qa.found", { count: p.total }) : t("qa.count", { count: p.total })}
        {filtered && (
          <>
            {" "}
            <a href="/questions">{t("qa.clear")}</a>
          </>
        )}
      </p>
      {p.items.length > 0 && (
        <ul className="card-list">
          {p.items.map((q) => (
            <li key={q.id} className="card">
              <article aria-labelledby={`qa-${q.id}`}>
                <h2 id={`qa-${q.id}`} style={{ fontSize: "1.2rem" }}>
                  <a href={`/questions/${q.id}`} dir="auto">
                    {q.question}
                  </a>
                </h2>
                <p className="meta">
                  {q.outcome && (
                    <>
                      <span className="tag">{q.outcome}</span>{" "}
                    </>
                  )}
                  {t(`qa.answeredBy.${q.role}`)} · {q.date}
                </p>
                <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                  {q.answer}
                </p>
                <Helped helped={q.helped} />
              </article>
            </li>
          ))}
        </ul>
      )}
      {p.pages > 1 && (
        <nav aria-label={t("qa.pages")} className="button-row">
          {p.page > 1 && <a href={pageLink(p.page - 1)}>{t("qa.previous")}</a>}
          <span>{t("qa.pageOf", { page: p.page, pages: p.pages })}</span>
          {p.page < p.pages && <a href={pageLink(p.page + 1)}>{t("qa.next")}</a>}
        </nav>
      )}
    </>
  );
}
