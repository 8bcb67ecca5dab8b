import { data, Link, useSearchParams } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { TagForm } from "~/components/feedback/InboxList";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getInboxItem, taggingVocabulary, tagHistory, tagTitles } from "~/models/inbox.server";
import { formatDate, formatTime } from "~/utils/time";
import type { Route } from "./+types/show";

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "tag");
  const lang = getLang(request);
  const id = Number(params.id);
  const item = Number.isSafeInteger(id) && id > 0 ? getInboxItem(id) : null;
  if (!item) throw data("Not found", { status: 404 });
  const titles = tagTitles(
    item.tags.map((t) => t.outcomeId),
    item.tags.flatMap((t) => (t.priorityId ? [t.priorityId] : [])),
  );
  return {
    item: { ...item, createdOn: formatDate(item.createdAt, lang) },
    titles: { outcomes: Object.fromEntries(titles.outcomes), priorities: Object.fromEntries(titles.priorities) },
    history: tagHistory(id).map((e) => ({
      ...e,
      when: `${formatDate(e.createdAt, lang)} ${formatTime(e.createdAt, lang)}`,
    })),
    vocabulary: taggingVocabulary(),
  };
}

export default function FeedbackItem({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const item = p.item;
  const saved = useSearchParams()[0].get("done") === "saved";
  const themeName = (id: number) => p.vocabulary.themes.find((x) => x.id === id)?.name ?? String(id);
  return (
    <>
      <PageTitle title={t("inbox.detail.title", { id: item.id })} />
      <ErrorSummary errors={null} />
      <p>
        <Link to="/staff/feedback">{t("inbox.detail.back")}</Link>
      </p>
      <h1 id="main">{t("inbox.detail.title", { id: item.id })}</h1>
      {saved && (
        <p className="notice" role="status">
          {t("inbox.saved")}
        </p>
      )}
      <h2>{t("inbox.detail.words")}</h2>
      <blockquote dir="auto">{item.text}</blockquote>
      <h2>{t("inbox.detail.about")}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t("inbox.detail.from")}</dt>
          <dd>{t(`inbox.source.${item.source}`)}</dd>
        </div>
        <div>
          <dt>{t("inbox.detail.context")}</dt>
          <dd>{[item.consultation, item.question, item.session, item.group].filter(Boolean).join(" · ") || "—"}</dd>
        </div>
        <div>
          <dt>{t("inbox.detail.who")}</dt>
          <dd>{item.ageBand ? t(`ageBand.${item.ageBand}`) : t(`audienceShort.${item.audience}`)}</dd>
        </div>
        <div>
          <dt>{t("inbox.detail.where")}</dt>
          <dd>
            <bdi>{item.locality ?? "—"}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("inbox.detail.when")}</dt>
          <dd>{item.createdOn}</dd>
        </div>
        <div>
          <dt>{t("inbox.filter.state")}</dt>
          <dd>{t(`inbox.state.${item.state}`)}</dd>
        </div>
        <div>
          <dt>{t("inbox.tags")}</dt>
          <dd data-tags>
            {item.tags.length === 0 && item.themeIds.length === 0
              ? t("inbox.noTags")
              : [
                  ...item.tags.map(
                    (x) =>
                      `${p.titles.outcomes[x.outcomeId] ?? x.outcomeId}${x.priorityId ? `: ${p.titles.priorities[x.priorityId] ?? x.priorityId}` : ""}${x.source === "question" ? ` (${t("inbox.detail.inherited")})` : ""}`,
                  ),
                  ...item.themeIds.map(themeName),
                ].join(" · ")}
          </dd>
        </div>
      </dl>
      {item.state === "approved" ? (
        <section aria-labelledby="change-title">
          <h2 id="change-title">{t("inbox.changeTags")}</h2>
          <TagForm
            formId={`tags-${item.id}`}
            action="/staff/feedback"
            returnTo="detail"
            rowId={item.id}
            tags={item.tags}
            themeIds={item.themeIds}
            vocabulary={p.vocabulary}
          />
        </section>
      ) : (
        <p className="notice">{t(`inbox.notTaggable.${item.state}`)}</p>
      )}
      <h2 id="history">{t("inbox.history")}</h2>
      {p.history.length === 0 ? (
        <p>{t("inbox.detail.historyEmpty")}</p>
      ) : (
        <TableScroll label={t("inbox.history")}>
          <table id="tag-history">
            <caption className="visually-hidden">{t("inbox.detail.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("inbox.detail.at")}</th>
                <th scope="col">{t("inbox.detail.by")}</th>
                <th scope="col">{t("inbox.detail.change")}</th>
                <th scope="col">{t("inbox.detail.how")}</th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((e) => (
                <tr key={e.id}>
                  <td>{e.when}</td>
                  <td>{e.staff ?? "—"}</td>
                  <td>
                    {t(`inbox.detail.action.${e.action}`)}: {e.fromLabel ?? ""}
                    {e.fromLabel && e.toLabel ? " → " : ""}
                    {e.toLabel ?? ""}
                  </td>
                  <td>{t(`inbox.detail.via.${e.via}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
