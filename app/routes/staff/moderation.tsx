import { useEffect, useRef, useState } from "react";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { flagLabel } from "~/components/CaseContext";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Highlighted } from "~/components/Highlighted";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { approveMany, ModerationError, moderateContribution, previewPending } from "~/models/feedback.server";
import type { ModerationPageData } from "~/models/moderation/page.server";
import { escalateContribution, notifyEscalation, SafeguardingError } from "~/models/safeguarding.server";
import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/moderation";

const reason = z.string().trim().min(1).max(500);
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), contributionId: id }),
  z.object({ intent: z.literal("hide"), contributionId: id, reason }),
  z.object({ intent: z.literal("escalate"), contributionId: id, reason }),
  z.object({ intent: z.literal("bulk_confirm") }),
  z.object({ intent: z.literal("bulk_approve") }),
]);

/** The page's data, counted in a worker thread (app/models/moderation/page.server.ts). */
function page(request: Request, role: string) {
  return offLoop("moderationPage", request.url, getLang(request), role);
}

type ActionExtra = {
  errors: Record<string, string> | null;
  failedId?: number;
  confirm?: { ids: number[]; previews: { id: number; maskedBody: string | null }[] };
};

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "moderate");
  return { ...(await page(request, staff.role)), errors: null } as ModerationPageData & ActionExtra;
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "moderate");
  const t = getT(request);
  const form = await request.formData();
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  const fail = async (errors: Record<string, string>, status = 400, extra: Partial<ActionExtra> = {}) =>
    data({ ...(await page(request, staff.role)), errors, ...extra } as ModerationPageData & ActionExtra, { status });
  if (!parsed.success) {
    const id = Number(form.get("contributionId")) || undefined;
    const intent = form.get("intent");
    if (id && (intent === "hide" || intent === "escalate")) {
      return fail({ [`${intent}-reason-${id}`]: t(`moderation.error.${intent}Reason`) }, 400, { failedId: id });
    }
    return fail({ main: t("moderation.error.invalid") });
  }
  const back = new URL(request.url);
  const ids = form
    .getAll("ids")
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  // a page shows 20; far more than that is not a selection a person made
  if (ids.length > 200) return fail({ "bulk-select": t("moderation.error.tooMany") });
  try {
    switch (parsed.data.intent) {
      case "approve":
      case "hide":
        moderateContribution({
          staffId: staff.id,
          contributionId: parsed.data.contributionId,
          decision: parsed.data.intent,
          reason: parsed.data.intent === "hide" ? parsed.data.reason : undefined,
        });
        back.searchParams.set("done", parsed.data.intent);
        break;
      case "escalate":
        if (escalateContribution({ staffId: staff.id, ...parsed.data })) void notifyEscalation();
        back.searchParams.set("done", "escalate");
        break;
      case "bulk_confirm": {
        if (!ids.length) return fail({ "bulk-select": t("moderation.error.noneSelected") });
        const previews = previewPending(ids);
        return data({
          ...(await page(request, staff.role)),
          errors: null,
          confirm: { ids, previews },
        } as ModerationPageData & ActionExtra);
      }
      case "bulk_approve":
        if (!ids.length) return fail({ "bulk-select": t("moderation.error.noneSelected") });
        approveMany({ staffId: staff.id, contributionIds: ids });
        back.searchParams.set("done", `bulk:${ids.length}`);
        break;
    }
  } catch (error) {
    if (error instanceof SafeguardingError) return fail({ main: t("moderation.error.not_found") }, 404);
    if (error instanceof ModerationError) {
      return fail({ main: t(`moderation.error.${error.code}`) }, error.code === "not_found" ? 404 : 409);
    }
    throw error;
  }
  return redirect(back.pathname + back.search);
}

export default function Moderation({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const [current, setCurrent] = useState<number | null>(null);
  // The shortcuts need JavaScript: they are offered only once it runs.
  const [keysReady, setKeysReady] = useState(false);
  const itemIds = p.items.map((i) => i.id).join(",");

  // After an action by key, the list reloads without the item: keep the place, so the next one has focus.
  // biome-ignore lint/correctness/useExhaustiveDependencies: itemIds is what changes when the list reloads
  useEffect(() => {
    if (current === null) return;
    const items = listRef.current?.querySelectorAll<HTMLElement>("[data-queue-item]");
    if (!items?.length) return;
    items[Math.min(current, items.length - 1)]?.focus();
  }, [itemIds, current]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      const items = [...(listRef.current?.querySelectorAll<HTMLElement>("[data-queue-item]") ?? [])];
      if (!items.length) return;
      const at = items.findIndex((el) => el.contains(document.activeElement));
      const index = at === -1 ? (current ?? 0) : at;
      const item = items[Math.min(index, items.length - 1)];
      const move = (to: number) => {
        const next = Math.max(0, Math.min(items.length - 1, to));
        setCurrent(next);
        items[next].focus();
      };
      switch (event.key) {
        case "j":
          event.preventDefault();
          move(at === -1 ? 0 : index + 1);
          break;
        case "k":
          event.preventDefault();
          move(at === -1 ? 0 : index - 1);
          break;
        case "a":
          event.preventDefault();
          setCurrent(index);
          item.querySelector<HTMLFormElement>("form[data-action=approve]")?.requestSubmit();
          break;
        case "h":
        case "e": {
          event.preventDefault();
          setCurrent(index);
          const details = item.querySelector<HTMLDetailsElement>(
            `details[data-action=${event.key === "h" ? "hide" : "escalate"}]`,
          );
          if (details) {
            details.open = true;
            details.querySelector("textarea")?.focus();
          }
          break;
        }
        case "x": {
          event.preventDefault();
          item.querySelector<HTMLInputElement>("input[name=ids]")?.click();
          break;
        }
      }
    }
    document.addEventListener("keydown", onKey);
    setKeysReady(true);
    return () => document.removeEventListener("keydown", onKey);
  }, [current]);

  const query = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const all = { ...p.filters, ...changes } as Record<string, unknown>;
    for (const [k, v] of Object.entries(all))
      if (v !== undefined && v !== "" && !(k === "page" && v === 1) && !(k === "show" && v === "pending"))
        params.set(k, String(v));
    const s = params.toString();
    return s ? `?${s}` : "?";
  };
  const errors = p.errors ?? null;
  const approvedView = p.filters.show === "approved";
  const doneMessage = p.done
    ? p.done.startsWith("bulk:")
      ? t("moderation.done.bulk", { count: Number(p.done.slice(5)) })
      : ["approve", "hide", "escalate"].includes(p.done)
        ? t(`moderation.done.${p.done}`)
        : ""
    : "";

  return (
    <>
      <PageTitle title={t("moderation.title")} error={Boolean(errors)} />
      <ErrorSummary errors={errors} />
      <h1 id="main">{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      {doneMessage && !errors && (
        <p className="notice" role="status">
          {doneMessage}
        </p>
      )}
      {p.withLead > 0 && (
        <p className="notice warn">
          {t("moderation.withLead", { count: p.withLead })}{" "}
          {p.isLead && <Link to="/staff/safeguarding">{t("moderation.openSafeguarding")}</Link>}
        </p>
      )}

      {p.confirm && (
        <section className="panel" aria-labelledby="confirm-title">
          <h2 id="confirm-title" style={{ marginTop: 0 }}>
            {t("moderation.confirmTitle", { count: p.confirm.previews.length })}
          </h2>
          <ul>
            {p.confirm.previews.map((c) => (
              <li key={c.id}>{c.maskedBody}</li>
            ))}
          </ul>
          <Form method="post" action={`/staff/moderation${p.search}`}>
            <input type="hidden" name="intent" value="bulk_approve" />
            {p.confirm.previews.map((c) => (
              <input key={c.id} type="hidden" name="ids" value={c.id} />
            ))}
            <div className="button-row">
              <Button>{t("moderation.confirmYes", { count: p.confirm.previews.length })}</Button>
              <Link to={`/staff/moderation${p.search}`} className="button secondary">
                {t("moderation.confirmNo")}
              </Link>
            </div>
          </Form>
        </section>
      )}

      <Form method="get" className="filter-bar" aria-label={t("moderation.filters")}>
        {p.filters.show === "approved" && <input type="hidden" name="show" value="approved" />}
        <FilterSelect
          name="source"
          label={t("moderation.filter.source")}
          value={p.filters.source}
          options={["online", "paper", "import", "question", "session"].map((s) => ({
            value: s,
            label: t(`moderation.channel.${s}`),
          }))}
        />
        <FilterSelect
          name="consultation"
          label={t("moderation.filter.consultation")}
          value={p.filters.consultation}
          options={p.options.consultations.map((c) => ({ value: String(c.id), label: c.title }))}
        />
        <FilterSelect
          name="age"
          label={t("moderation.filter.age")}
          value={p.filters.age}
          options={["under_8", "8_11", "12_15", "16_19", "20_25"].map((a) => ({ value: a, label: t(`ageBand.${a}`) }))}
        />
        <FilterSelect
          name="locality"
          label={t("moderation.filter.locality")}
          value={p.filters.locality}
          options={p.options.localities.map((l) => ({ value: String(l.id), label: l.name }))}
        />
        <FilterSelect
          name="flag"
          label={t("moderation.filter.flag")}
          value={p.filters.flag}
          options={[
            { value: "none", label: t("moderation.filter.noFlag") },
            ...p.options.flags.map((f) => ({ value: f, label: flagLabel(t, f) })),
          ]}
        />
        <button type="submit" className="button secondary small">
          {t("moderation.filter.apply")}
        </button>
      </Form>

      {keysReady && (
        <p className="meta" id="shortcuts">
          {t("moderation.shortcuts")} <kbd className="kbd">j</kbd> {t("moderation.key.next")} ·{" "}
          <kbd className="kbd">k</kbd> {t("moderation.key.previous")} · <kbd className="kbd">a</kbd>{" "}
          {t("moderation.key.approve")} · <kbd className="kbd">h</kbd> {t("moderation.key.hide")} ·{" "}
          <kbd className="kbd">e</kbd> {t("moderation.key.escalate")} · <kbd className="kbd">x</kbd>{" "}
          {t("moderation.key.select")}
        </p>
      )}

      <nav aria-label={t("moderation.views")}>
        <ul className="action-links">
          {(["pending", "approved"] as const).map((view) => (
            <li key={view}>
              <Link
                to={view === "pending" ? "/staff/moderation" : "?show=approved"}
                aria-current={p.filters.show === view ? "page" : undefined}
              >
                {t(`moderation.view.${view}`)}
              </Link>
            </li>
          ))}
          <li>
            <Link to="/staff/moderation/record">{t("moderationRecord.link")}</Link>
          </li>
        </ul>
      </nav>
      {approvedView && <p>{t("moderation.approvedIntro")}</p>}

      <p role="status">
        {t(approvedView ? "moderation.countApproved" : "moderation.count", {
          count: p.total,
          page: p.page,
          pages: p.pages,
        })}
      </p>

      {p.items.length === 0 ? (
        <p className="notice">{t("moderation.empty")}</p>
      ) : (
        <>
          {!approvedView && (
            <Form method="post" id="bulk" action={`/staff/moderation${p.search}`}>
              <input type="hidden" name="intent" value="bulk_confirm" />
              <div className="button-row" id="bulk-select" tabIndex={-1}>
                <Button variant="secondary" size="small">
                  {t("moderation.bulkApprove")}
                </Button>
              </div>
            </Form>
          )}
          <ol
            className="card-list"
            data-keeps-focus
            ref={listRef}
            aria-describedby={keysReady ? "shortcuts" : undefined}
          >
            {p.items.map((item, index) => (
              <li key={item.id}>
                <article
                  className="card"
                  data-queue-item
                  tabIndex={-1}
                  aria-labelledby={`c-${item.id}-title`}
                  onFocus={() => setCurrent(index)}
                >
                  <h2 id={`c-${item.id}-title`} style={{ fontSize: "1.1rem" }}>
                    {item.threadKind
                      ? t(`moderation.thread.${item.threadKind}`)
                      : item.sessionTitle
                        ? t("moderation.sessionView", { title: item.sessionTitle })
                        : (item.consultation ?? t("moderation.noSource"))}
                    {(item.question ?? item.agendaQuestion) && (
                      <span className="meta"> · {item.question ?? item.agendaQuestion}</span>
                    )}
                  </h2>
                  <p className="meta">
                    <span className={`tag ${approvedView ? "" : "pending"}`}>
                      {t(`moderationState.${approvedView ? "approved" : "pending"}`)}
                    </span>{" "}
                    {item.channel ? t(`moderation.channel.${item.channel}`) : ""} ·{" "}
                    {item.ageBand ? t(`ageBand.${item.ageBand}`) : t(`audienceShort.${item.audience}`)}
                    {item.locality && <> · {item.locality}</>} · {item.createdOn}
                  </p>
                  <blockquote>{item.parts ? <Highlighted parts={item.parts} /> : item.body}</blockquote>
                  {item.outcomes && (
                    <p className="meta">
                      {t("moderation.tagLegend")}: {item.outcomes}
                    </p>
                  )}
                  {item.flags.length > 0 && (
                    <p className="meta">
                      {t("moderation.flags")}: {item.flags.map((f) => flagLabel(t, f)).join(", ")}
                      <br />
                      {t("moderation.published")}: {item.maskedBody}
                    </p>
                  )}
                  {!approvedView && (
                    <>
                      <p style={{ margin: "0.5rem 0" }}>
                        {item.readAlone ? (
                          <span className="meta">{t("moderation.readAlone")}</span>
                        ) : (
                          <label>
                            <input type="checkbox" name="ids" value={item.id} form="bulk" /> {t("moderation.select")}
                            <span className="visually-hidden"> {item.maskedBody}</span>
                          </label>
                        )}
                      </p>
                      <div className="button-row" style={{ marginTop: 0, alignItems: "start" }}>
                        <Form method="post" action={`/staff/moderation${p.search}`} data-action="approve">
                          <input type="hidden" name="intent" value="approve" />
                          <input type="hidden" name="contributionId" value={item.id} />
                          {/* plain buttons in the repeated cards: twenty react-aria Buttons cost the page a third of its time */}
                          <button type="submit" className="button small">
                            {t("moderation.approve")}
                          </button>
                        </Form>
                        <Link to={`/staff/moderation/${item.id}`} className="button secondary small">
                          {t("moderation.editApprove")}
                        </Link>
                      </div>
                      <ReasonForm
                        item={item.id}
                        intent="hide"
                        hint={item.threadKind ? t("moderation.thread.reasonShown") : undefined}
                        search={p.search}
                        error={errors?.[`hide-reason-${item.id}`]}
                        open={p.failedId === item.id && Boolean(errors?.[`hide-reason-${item.id}`])}
                      />
                    </>
                  )}
                  <ReasonForm
                    item={item.id}
                    intent="escalate"
                    search={p.search}
                    error={errors?.[`escalate-reason-${item.id}`]}
                    open={p.failedId === item.id && Boolean(errors?.[`escalate-reason-${item.id}`])}
                  />
                </article>
              </li>
            ))}
          </ol>
        </>
      )}
      {p.pages > 1 && (
        <nav aria-label={t("moderation.pages")} className="action-links">
          {p.page > 1 && <Link to={query({ page: p.page - 1 })}>{t("moderation.previousPage")}</Link>}
          {p.page < p.pages && <Link to={query({ page: p.page + 1 })}>{t("moderation.nextPage")}</Link>}
        </nav>
      )}
    </>
  );
}

function ReasonForm(props: {
  item: number;
  intent: "hide" | "escalate";
  hint?: string;
  search: string;
  error?: string;
  open: boolean;
}) {
  const { t } = useTranslation();
  const id = `${props.intent}-reason-${props.item}`;
  return (
    <details data-action={props.intent} open={props.open || undefined}>
      <summary>{t(`moderation.${props.intent}`)}</summary>
      <Form method="post" action={`/staff/moderation${props.search}`}>
        <input type="hidden" name="intent" value={props.intent} />
        <input type="hidden" name="contributionId" value={props.item} />
        <div className={`field${props.error ? " has-error" : ""}`}>
          <label className="label" htmlFor={id}>
            {t(`moderation.${props.intent}Reason`)}
          </label>
          <p className="hint" id={`${id}-hint`}>
            {t(`moderation.${props.intent}ReasonHint`)}
            {props.hint && <> {props.hint}</>}
          </p>
          {props.error && (
            <p className="field-error" id={`${id}-error`}>
              <span className="visually-hidden">{t("error.prefix")}</span>
              {props.error}
            </p>
          )}
          <textarea
            id={id}
            name="reason"
            rows={2}
            maxLength={500}
            aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ""}`}
            aria-invalid={props.error ? true : undefined}
          />
        </div>
        <button type="submit" className={`button small${props.intent === "hide" ? " danger" : ""}`}>
          {t(`moderation.${props.intent}Confirm`)}
        </button>
      </Form>
    </details>
  );
}
