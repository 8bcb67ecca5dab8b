import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { CoverageTable } from "~/components/feedback/CoverageTable";
import { InboxList } from "~/components/feedback/InboxList";
import { PageTitle } from "~/components/PageTitle";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import type { InboxPageData } from "~/models/inbox/page.server";
import { BULK_LIMIT, INBOX_PER_PAGE, inboxQuery, inboxSources, inboxStates } from "~/models/inbox/types";
import {
  type BulkTag,
  type BulkTarget,
  bulkTag,
  changeTag,
  previewBulk,
  setTags,
  TagError,
  taggingVocabulary,
} from "~/models/inbox.server";
import { AGE_BANDS, AUDIENCES } from "~/models/reference/types";
import { offLoop } from "~/utils/off-loop.server";
import { periodKeys } from "~/utils/periods";
import type { Route } from "./+types/list";
import { readInboxFilters } from "./filters.server";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const tagValue = z.string().regex(/^[opt]:\d{1,12}$/);

/** The page's data, counted in a worker thread (app/models/inbox/page.server.ts). */
function page(request: Request) {
  return offLoop("inboxPage", request.url, getLang(request));
}

type Extra = {
  errors: Record<string, string> | null;
  bulk?: {
    tag: string;
    tagLabel: string;
    scope: "selected" | "all";
    ids: number[];
    count: number;
    skipped: number;
    maxId?: number;
  };
  bulkTooMany?: boolean;
};

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "tag");
  // The filter form sends every field, the empty ones too: the address keeps only the filters chosen.
  const url = new URL(request.url);
  const kept = [...url.searchParams].filter(([, v]) => v.trim() !== "");
  if (kept.length < [...url.searchParams].length) {
    const s = new URLSearchParams(kept).toString();
    throw redirect(`${url.pathname}${s ? `?${s}` : ""}`);
  }
  return { ...(await page(request)), errors: null } as InboxPageData & Extra;
}

function parseTag(value: string): BulkTag | null {
  const parsed = tagValue.safeParse(value);
  if (!parsed.success) return null;
  const [kind, raw] = parsed.data.split(":");
  const n = Number(raw);
  if (kind === "t") return { themeId: n };
  if (kind === "o") return { outcomeId: n, priorityId: null };
  return null; // p:ID is turned into its outcome below
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "tag");
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = async (errors: Record<string, string>, status = 400, extra: Partial<Extra> = {}) =>
    data({ ...(await page(request)), errors, ...extra } as InboxPageData & Extra, { status });
  const back = new URL(request.url);
  back.searchParams.delete("done");
  const refusal = (error: unknown, field = "main") => {
    if (error instanceof TagError) {
      const status = error.reason === "not_found" ? 404 : error.reason.startsWith("unknown") ? 400 : 409;
      return fail({ [field]: t(`inbox.error.${error.reason}`) }, status);
    }
    throw error;
  };

  if (intent === "tags" || intent === "suggestion") {
    const contributionId = id.safeParse(form.get("contributionId"));
    if (!contributionId.success) return fail({ main: t("inbox.error.invalid") });
    try {
      if (intent === "suggestion") {
        const outcomeId = id.safeParse(form.get("outcomeId"));
        if (!outcomeId.success) return fail({ main: t("inbox.error.unknown_outcome") });
        changeTag({
          staffId: staff.id,
          contributionId: contributionId.data,
          outcomeId: outcomeId.data,
          op: "add",
          via: "suggestion",
        });
      } else {
        const outcomeIds = form.getAll("outcome").map((v) => id.safeParse(v));
        const themeIds = form.getAll("theme").map((v) => id.safeParse(v));
        if (outcomeIds.some((o) => !o.success) || themeIds.some((o) => !o.success))
          return fail({ [`tags-${contributionId.data}`]: t("inbox.error.invalid") });
        // No priority chosen is an empty or missing field; anything else must be a priority's id.
        const chosen = outcomeIds.map((o) => {
          const outcomeId = o.data as number;
          const raw = form.get(`priority-${outcomeId}`);
          return { outcomeId, priority: raw === null || raw === "" ? null : id.safeParse(raw) };
        });
        if (chosen.some((c) => c.priority && !c.priority.success))
          return fail({ [`tags-${contributionId.data}`]: t("inbox.error.invalid") });
        setTags({
          staffId: staff.id,
          contributionId: contributionId.data,
          wanted: chosen.map((c) => ({ outcomeId: c.outcomeId, priorityId: c.priority?.data ?? null })),
          themeIds: themeIds.map((x) => x.data as number),
        });
      }
    } catch (error) {
      return refusal(error, `tags-${contributionId.data}`);
    }
    if (form.get("returnTo") === "detail") return redirect(`/staff/feedback/${contributionId.data}?done=saved`);
    back.searchParams.set("done", "saved");
    return redirect(`${back.pathname}${back.search}#c-${contributionId.data}`);
  }

  if (intent === "bulk_check" || intent === "bulk_apply") {
    const tagRaw = String(form.get("tag") ?? "");
    const scope = form.get("scope") === "all" ? "all" : "selected";
    let tag = parseTag(tagRaw);
    const vocabulary = taggingVocabulary();
    let tagLabel = "";
    if (tagRaw.startsWith("p:")) {
      const pid = Number(tagRaw.slice(2));
      const outcome = vocabulary.outcomes.find((o) => o.priorities.some((p) => p.id === pid));
      const priority = outcome?.priorities.find((p) => p.id === pid);
      if (outcome && priority) {
        tag = { outcomeId: outcome.id, priorityId: priority.id };
        tagLabel = `${outcome.title}: ${priority.title}`;
      } else tag = null;
    } else if (tag && "themeId" in tag) {
      const themeId = tag.themeId;
      tagLabel = vocabulary.themes.find((x) => x.id === themeId)?.name ?? "";
    } else if (tag) {
      const outcomeId = tag.outcomeId;
      tagLabel = vocabulary.outcomes.find((o) => o.id === outcomeId)?.title ?? "";
    }
    if (!tag || !tagLabel) return fail({ "bulk-tag": t("inbox.bulk.noTag") });
    const parsedIds = form.getAll("ids").map((v) => id.safeParse(v));
    if (parsedIds.some((r) => !r.success)) return fail({ "bulk-scope": t("inbox.error.invalid") });
    const ids = parsedIds.map((r) => r.data as number);
    if (scope === "selected" && !ids.length) return fail({ "bulk-scope": t("inbox.bulk.noneSelected") });
    if (ids.length > 500) return fail({ "bulk-scope": t("inbox.error.invalid") });
    // Applying everything matching takes the count's newest contribution back from the confirmation: what arrived
    // since is not tagged unseen.
    let maxId: number | undefined;
    if (intent === "bulk_apply" && scope === "all") {
      const parsedMax = id.safeParse(form.get("maxId"));
      if (!parsedMax.success) return fail({ "bulk-scope": t("inbox.error.invalid") });
      maxId = parsedMax.data;
    }
    const target: BulkTarget = scope === "all" ? { filters: readInboxFilters(back).filters, maxId } : { ids };
    try {
      if (intent === "bulk_check") {
        const preview = previewBulk(target);
        if (preview.tooMany)
          return fail(
            {
              "bulk-scope": t("inbox.bulk.tooMany", {
                limit: new Intl.NumberFormat(getLang(request)).format(BULK_LIMIT),
              }),
            },
            400,
            {
              bulkTooMany: true,
            },
          );
        return data({
          ...(await page(request)),
          errors: null,
          bulk: {
            tag: tagRaw,
            tagLabel,
            scope,
            ids,
            count: preview.count,
            skipped: preview.skipped,
            maxId: scope === "all" ? preview.maxId : undefined,
          },
        } as InboxPageData & Extra);
      }
      const result = bulkTag({ staffId: staff.id, target, tag });
      if (result.tooMany)
        return fail({
          "bulk-scope": t("inbox.bulk.tooMany", { limit: new Intl.NumberFormat(getLang(request)).format(BULK_LIMIT) }),
        });
      back.searchParams.set("done", `bulk:${result.tagged}:${result.already}:${result.skipped}`);
      return redirect(`${back.pathname}${back.search}`);
    } catch (error) {
      return refusal(error, "bulk-tag");
    }
  }
  return fail({ main: t("inbox.error.invalid") });
}

export default function FeedbackInbox({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t, lang } = useTranslation();
  const errors = p.errors ?? null;
  const bulkDone = p.done?.startsWith("bulk:") ? p.done.slice(5).split(":").map(Number) : null;
  const here = `/staff/feedback${p.search}`;
  const moreOpen = Boolean(
    p.raw.priority || p.raw.theme || p.raw.state || p.raw.consultation || p.raw.group || p.raw.session,
  );
  const optionsOf = (list: { id: number; name?: string; title?: string }[]) =>
    list.map((x) => ({ value: String(x.id), label: x.name ?? x.title ?? "" }));
  return (
    <>
      <PageTitle title={t("inbox.title")} error={Boolean(errors)} />
      <ErrorSummary errors={errors} />
      <h1 id="main">{t("inbox.title")}</h1>
      <p>{t("inbox.intro")}</p>
      {p.ignored.length > 0 && (
        <p className="notice warn" role="status">
          {t("inbox.ignored", {
            count: p.ignored.length,
            names: p.ignored.map((n) => t(`inbox.filter.${n}`)).join(", "),
          })}
        </p>
      )}
      {p.done === "saved" && !errors && (
        <p className="notice" role="status">
          {t("inbox.saved")}
        </p>
      )}
      {bulkDone && !errors && (
        <p className="notice" role="status">
          {t("inbox.bulk.done", { tagged: bulkDone[0], already: bulkDone[1], skipped: bulkDone[2] })}
        </p>
      )}

      <Form method="get" className="filter-bar" aria-label={t("inbox.filters")}>
        <FilterSelect
          name="source"
          label={t("inbox.filter.source")}
          value={p.raw.source}
          options={inboxSources.map((s) => ({ value: s, label: t(`inbox.source.${s}`) }))}
        />
        <FilterSelect
          name="audience"
          label={t("inbox.filter.audience")}
          value={p.raw.audience}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`audienceShort.${a}`) }))}
        />
        <FilterSelect
          name="age"
          label={t("inbox.filter.age")}
          value={p.raw.age}
          options={AGE_BANDS.map((a) => ({ value: a, label: t(`ageBand.${a}`) }))}
        />
        <FilterSelect
          name="area"
          label={t("inbox.filter.area")}
          value={p.raw.area}
          options={optionsOf(p.options.areas)}
        />
        <FilterSelect
          name="locality"
          label={t("inbox.filter.locality")}
          value={p.raw.locality}
          options={optionsOf(p.options.localities)}
        />
        <FilterSelect
          name="period"
          label={t("inbox.filter.period")}
          value={p.raw.period}
          options={periodKeys.map((k) => ({ value: k, label: t(`inbox.period.${k}`) }))}
        />
        <FilterSelect
          name="tagged"
          label={t("inbox.filter.tagged")}
          value={p.raw.tagged}
          options={(["untagged", "tagged"] as const).map((k) => ({ value: k, label: t(`inbox.tagged.${k}`) }))}
        />
        <FilterSelect
          name="outcome"
          label={t("inbox.filter.outcome")}
          value={p.raw.outcome}
          options={optionsOf(p.vocabulary.outcomes)}
        />
        <div className="field" style={{ maxWidth: "100%", minWidth: 0 }}>
          <label className="label" htmlFor="filter-q">
            {t("inbox.filter.q")}
          </label>
          <p className="hint" id="filter-q-hint">
            {t("inbox.filter.qHint")}
          </p>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={p.raw.q ?? ""}
            maxLength={200}
            aria-describedby="filter-q-hint"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button small">
            {t("inbox.filter.apply")}
          </button>
          <Link to="/staff/feedback" className="button secondary small">
            {t("inbox.filter.clear")}
          </Link>
        </div>
        <details className="more-filters" open={moreOpen || undefined}>
          <summary>{t("inbox.filter.more")}</summary>
          <div className="filter-bar">
            <div className="field" style={{ maxWidth: "100%", minWidth: 0 }}>
              <label className="label" htmlFor="filter-priority">
                {t("inbox.filter.priority")}
              </label>
              <select
                id="filter-priority"
                name="priority"
                defaultValue={p.raw.priority ?? ""}
                style={{ maxWidth: "100%" }}
              >
                <option value="">{t("moderation.filter.any")}</option>
                {p.vocabulary.outcomes.map((o) => (
                  <optgroup key={o.id} label={o.title}>
                    {o.priorities.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <FilterSelect
              name="theme"
              label={t("inbox.filter.theme")}
              value={p.raw.theme}
              options={p.vocabulary.themes.map((x) => ({ value: String(x.id), label: x.name }))}
            />
            <FilterSelect
              name="state"
              label={t("inbox.filter.state")}
              value={p.raw.state}
              options={inboxStates.map((s) => ({ value: s, label: t(`inbox.state.${s}`) }))}
            />
            <FilterSelect
              name="consultation"
              label={t("inbox.filter.consultation")}
              value={p.raw.consultation}
              options={optionsOf(p.options.consultations)}
            />
            <FilterSelect
              name="group"
              label={t("inbox.filter.group")}
              value={p.raw.group}
              options={optionsOf(p.options.groups)}
            />
            <FilterSelect
              name="session"
              label={t("inbox.filter.session")}
              value={p.raw.session}
              options={optionsOf(p.options.sessions)}
            />
          </div>
        </details>
      </Form>

      <CoverageTable coverage={p.coverage} linkUntagged />

      <p role="status" id="inbox-count">
        {p.more
          ? t("inbox.countMore", { limit: new Intl.NumberFormat(lang).format(p.total) })
          : t("inbox.count", { count: p.total })}
        {p.total > 0 && <> · {t("inbox.pageOf", { page: p.page })}</>}
      </p>

      {p.bulk && (
        <section className="panel" aria-labelledby="bulk-confirm-title">
          <h2 id="bulk-confirm-title" style={{ marginTop: 0 }}>
            {t("inbox.bulk.confirmTitle", { count: p.bulk.count, tag: p.bulk.tagLabel })}
          </h2>
          {p.bulk.skipped > 0 && <p>{t("inbox.bulk.skipped", { count: p.bulk.skipped })}</p>}
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value="bulk_apply" />
            <input type="hidden" name="tag" value={p.bulk.tag} />
            <input type="hidden" name="scope" value={p.bulk.scope} />
            {p.bulk.maxId !== undefined && <input type="hidden" name="maxId" value={p.bulk.maxId} />}
            {p.bulk.ids.map((x) => (
              <input key={x} type="hidden" name="ids" value={x} />
            ))}
            <div className="button-row">
              <button type="submit" className="button" disabled={p.bulk.count === 0}>
                {t("inbox.bulk.confirm")}
              </button>
              <Link to={here} className="button secondary">
                {t("inbox.bulk.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      )}

      <Form method="post" id="bulk" action={here} className="panel bulk-form" aria-labelledby="bulk-title">
        <h2 id="bulk-title" style={{ marginTop: 0, fontSize: "1.1rem" }}>
          {t("inbox.bulk.title")}
        </h2>
        <input type="hidden" name="intent" value="bulk_check" />
        <div className={`field${errors?.["bulk-tag"] ? " has-error" : ""}`}>
          <label className="label" htmlFor="bulk-tag">
            {t("inbox.bulk.tag")}
          </label>
          {errors?.["bulk-tag"] && (
            <p className="field-error" id="bulk-tag-error">
              <span className="visually-hidden">{t("error.prefix")}</span>
              {errors["bulk-tag"]}
            </p>
          )}
          <select
            id="bulk-tag"
            name="tag"
            defaultValue={p.bulk?.tag ?? ""}
            aria-invalid={errors?.["bulk-tag"] ? true : undefined}
            aria-describedby={errors?.["bulk-tag"] ? "bulk-tag-error" : undefined}
          >
            <option value="">{t("inbox.bulk.choose")}</option>
            {p.vocabulary.outcomes.map((o) => (
              <optgroup key={o.id} label={o.title}>
                <option value={`o:${o.id}`}>{t("inbox.bulk.outcomeOnly", { outcome: o.title })}</option>
                {o.priorities.map((x) => (
                  <option key={x.id} value={`p:${x.id}`}>
                    {x.title}
                  </option>
                ))}
              </optgroup>
            ))}
            {p.vocabulary.themes.length > 0 && (
              <optgroup label={t("inbox.bulk.themesGroup")}>
                {p.vocabulary.themes.map((x) => (
                  <option key={x.id} value={`t:${x.id}`}>
                    {x.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <fieldset
          className={`field${errors?.["bulk-scope"] ? " has-error" : ""}`}
          id="bulk-scope"
          aria-describedby={errors?.["bulk-scope"] ? "bulk-scope-error" : undefined}
        >
          <legend className="label">{t("inbox.bulk.scope")}</legend>
          {errors?.["bulk-scope"] && (
            <p className="field-error" id="bulk-scope-error">
              <span className="visually-hidden">{t("error.prefix")}</span>
              {errors["bulk-scope"]}
            </p>
          )}
          <label className="choice">
            <input type="radio" name="scope" value="selected" defaultChecked={p.bulk?.scope !== "all"} />{" "}
            {t("inbox.bulk.selected")}
          </label>
          <label className="choice">
            <input type="radio" name="scope" value="all" defaultChecked={p.bulk?.scope === "all"} />{" "}
            {t("inbox.bulk.all")} {!p.more && <>({t("inbox.count", { count: p.total })})</>}
          </label>
        </fieldset>
        <button type="submit" className="button secondary small">
          {t("inbox.bulk.check")}
        </button>
      </Form>

      {p.rows.length === 0 ? (
        <p className="notice">{t("inbox.empty")}</p>
      ) : (
        <InboxList
          rows={p.rows}
          vocabulary={p.vocabulary}
          olderTitles={p.olderTitles}
          action={here}
          errors={errors}
          selected={p.bulk?.ids ?? []}
        />
      )}
      {(p.page > 1 || p.pages === null || p.page < p.pages) && (
        <nav aria-label={t("inbox.pages")} className="action-links">
          {p.page > 1 && (
            <Link to={`/staff/feedback${inboxQuery(p.raw, { page: String(p.page - 1) })}`}>
              {t("inbox.previousPage")}
            </Link>
          )}
          {(p.pages === null ? p.rows.length === INBOX_PER_PAGE : p.page < p.pages) && (
            <Link to={`/staff/feedback${inboxQuery(p.raw, { page: String(p.page + 1) })}`}>{t("inbox.nextPage")}</Link>
          )}
        </nav>
      )}
    </>
  );
}
