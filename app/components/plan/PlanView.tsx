import { TableScroll } from "~/components/ui/TableScroll";
import { useTranslation } from "~/i18n/react";

type Target = {
  id: number;
  indicator: string;
  code: string | null;
  baseline: string | null;
  target: string | null;
  currentValue: string | null;
  latestOnText: string;
  leadGroup: string | null;
};
export type PlanViewData = {
  id: number;
  title: string;
  period: string;
  active: boolean;
  outcomes: {
    id: number;
    title: string;
    childTitle: string;
    priorities: { id: number; title: string; targets: Target[] }[];
  }[];
};
export type PlanListItem = { id: number; title: string; period: string; active: boolean };

function Blank() {
  const { t } = useTranslation();
  return <span className="meta">{t("plan.none")}</span>;
}

// The plan's own words are stored in one language; <bdi> keeps "14–19 learning" reading left to right on an Arabic page.

/** The plan as the Board reads it: per outcome, each priority with its targets. Editing links only when `canEdit`. */
export function PlanView({
  plan,
  plans,
  canEdit,
  canTheme,
  done,
}: {
  plan: PlanViewData;
  plans: PlanListItem[];
  canEdit: boolean;
  canTheme: boolean;
  done: string | null;
}) {
  const { t } = useTranslation();
  const others = plans.filter((p) => p.id !== plan.id);
  return (
    <>
      <h1>
        <bdi>{plan.title}</bdi>
      </h1>
      <p className="meta">
        {plan.period} ·{" "}
        <span className={`tag${plan.active ? "" : " muted"}`}>{t(plan.active ? "plan.active" : "plan.ended")}</span>
      </p>
      {done && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t(`plan.done.${done}`, { defaultValue: "" })}</p>
        </div>
      )}
      {plan.active ? (
        <p>{t("plan.intro")}</p>
      ) : (
        <div className="notice">
          <p style={{ margin: 0 }}>{t("plan.retiredNotice")}</p>
        </div>
      )}
      {plan.outcomes.length === 0 && <p>{t("plan.noOutcomes")}</p>}
      {plan.outcomes.map((o) => (
        <section key={o.id} aria-labelledby={`outcome-${o.id}`}>
          <div className="page-head">
            <h2 id={`outcome-${o.id}`}>
              <bdi>{o.title}</bdi>
            </h2>
            {canEdit && (
              <a href={`/staff/plan/outcomes/${o.id}`}>
                {t("plan.change")}
                <span className="visually-hidden"> {t("plan.outcomeHidden", { title: o.title })}</span>
              </a>
            )}
          </div>
          <p className="meta">{t("plan.childTitle", { title: o.childTitle })}</p>
          {o.priorities.length === 0 ? (
            <p>{t("plan.noPriorities")}</p>
          ) : (
            <TableScroll label={t("plan.tableLabel", { outcome: o.title })}>
              {/* Positioned, so the hidden words of links in its last column stay inside the scrolling box at 320 px. */}
              <table style={{ position: "relative" }}>
                <caption className="visually-hidden">{t("plan.tableLabel", { outcome: o.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("plan.col.priority")}</th>
                    <th scope="col">{t("plan.col.code")}</th>
                    <th scope="col">{t("plan.col.indicator")}</th>
                    <th scope="col" className="num">
                      {t("plan.col.baseline")}
                    </th>
                    <th scope="col" className="num">
                      {t("plan.col.target")}
                    </th>
                    <th scope="col" className="num">
                      {t("plan.col.latest")}
                    </th>
                    <th scope="col">{t("plan.col.lead")}</th>
                    {canEdit && (
                      <th scope="col">
                        <span className="visually-hidden">{t("plan.col.actions")}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                {o.priorities.map((p) => {
                  const rows = Math.max(1, p.targets.length);
                  const head = (
                    <th scope="rowgroup" rowSpan={rows} style={{ minWidth: "12rem" }}>
                      <bdi>{p.title}</bdi>
                      {canEdit && (
                        <span style={{ display: "block", fontWeight: "normal", marginTop: "0.25rem" }}>
                          <a href={`/staff/plan/priorities/${p.id}`}>
                            {t("plan.change")}
                            <span className="visually-hidden"> {t("plan.priorityHidden", { title: p.title })}</span>
                          </a>
                          {" · "}
                          <a href={`/staff/plan/priorities/${p.id}/targets/new`}>
                            {t("plan.addTarget")}
                            <span className="visually-hidden"> {t("plan.toPriority", { title: p.title })}</span>
                          </a>
                        </span>
                      )}
                    </th>
                  );
                  return (
                    <tbody key={p.id} data-priority={p.id}>
                      {p.targets.length === 0 ? (
                        <tr>
                          {head}
                          <td colSpan={canEdit ? 7 : 6}>
                            <span className="meta">{t("plan.noTargets")}</span>
                          </td>
                        </tr>
                      ) : (
                        p.targets.map((tg, i) => (
                          <tr key={tg.id} data-target={tg.id}>
                            {i === 0 && head}
                            <td style={{ whiteSpace: "nowrap" }}>{tg.code ? <bdi>{tg.code}</bdi> : <Blank />}</td>
                            <td style={{ minWidth: "14rem" }}>
                              <bdi>{tg.indicator}</bdi>
                            </td>
                            <td className="num">{tg.baseline ?? <Blank />}</td>
                            <td className="num">{tg.target ?? <Blank />}</td>
                            <td className="num" style={{ whiteSpace: "nowrap" }}>
                              {tg.currentValue === null ? (
                                <Blank />
                              ) : (
                                <>
                                  {tg.currentValue}
                                  <span className="meta" style={{ display: "block" }}>
                                    {tg.latestOnText}
                                  </span>
                                </>
                              )}
                            </td>
                            <td>{tg.leadGroup ? <bdi>{tg.leadGroup}</bdi> : <Blank />}</td>
                            {canEdit && (
                              <td>
                                <a href={`/staff/plan/targets/${tg.id}`}>
                                  {t("plan.change")}
                                  <span className="visually-hidden">
                                    {" "}
                                    {t("plan.targetHidden", { indicator: tg.indicator })}
                                  </span>
                                </a>
                              </td>
                            )}
                          </tr>
                        ))
                      )}
                    </tbody>
                  );
                })}
              </table>
            </TableScroll>
          )}
          {canEdit && (
            <p>
              <a href={`/staff/plan/outcomes/${o.id}/priorities/new`} className="button secondary small">
                {t("plan.addPriority")}
                <span className="visually-hidden"> {t("plan.toOutcome", { title: o.title })}</span>
              </a>
            </p>
          )}
        </section>
      ))}

      {canTheme && (
        <section aria-labelledby="themes-title">
          <h2 id="themes-title">{t("themes.title")}</h2>
          <p>{t("themes.blurb")}</p>
          <p>
            <a href="/staff/plan/themes">{t("themes.open")}</a>
          </p>
        </section>
      )}

      {(others.length > 0 || canEdit) && (
        <section aria-labelledby="plans-title">
          <h2 id="plans-title">{plan.active ? t("plan.earlier") : t("plan.otherPlans")}</h2>
          {others.length > 0 && (
            <ul>
              {others.map((p) => (
                <li key={p.id}>
                  <a href={p.active ? "/staff/plan" : `/staff/plan/${p.id}`}>
                    <bdi>{p.title}</bdi>
                  </a>{" "}
                  · {p.period} · {t(p.active ? "plan.active" : "plan.ended")}
                </li>
              ))}
            </ul>
          )}
          {/* Rare and far-reaching, so at the foot of the page rather than beside the title. */}
          {canEdit && (
            <p>
              <a href="/staff/plan/new">{t("plan.newPlan.link")}</a>
            </p>
          )}
        </section>
      )}
    </>
  );
}
