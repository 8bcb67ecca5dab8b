import { useEffect, useRef, useState } from "react";
import { Form, Link } from "react-router";
import { useTranslation } from "~/i18n/react";
import { type InboxTag, outcomeKeys, priorityKeys } from "~/models/inbox/types";

type Vocabulary = {
  outcomes: { id: number; title: string; priorities: { id: number; title: string }[] }[];
  themes: { id: number; name: string }[];
};

export type InboxCardRow = {
  id: number;
  source: string;
  text: string;
  audience: string;
  ageBand: string | null;
  locality: string | null;
  consultation: string | null;
  question: string | null;
  group: string | null;
  session: string | null;
  state: string;
  createdOn: string;
  tags: InboxTag[];
  themeIds: number[];
  suggestions?: { outcomeId: number; confidence: number }[];
};

type Props = {
  rows: InboxCardRow[];
  vocabulary: Vocabulary;
  olderTitles: { outcomes: Record<string, string>; priorities: Record<string, string> };
  action: string;
  errors: Record<string, string> | null;
  selected: number[];
};

/**
 * The inbox's contributions. Without JavaScript each card has a checkbox form for its tags. With it, the keyboard tags:
 * a number toggles an outcome, a letter then picks a priority within it, arrows move; each change is saved at once by
 * POST to /staff/feedback/tag and announced.
 */
export function InboxList(props: Props) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const [keysReady, setKeysReady] = useState(false);
  const [current, setCurrent] = useState<number | null>(null);
  // Outcome last toggled on, per contribution: the letters pick a priority within it.
  const [armed, setArmed] = useState<Record<number, number>>({});
  const [tagState, setTagState] = useState<Record<number, { tags: InboxTag[]; themeIds: number[] }>>({});
  const [cardError, setCardError] = useState<Record<number, string>>({});
  const [announcement, setAnnouncement] = useState("");
  const rowsKey = props.rows
    .map((r) => `${r.id}:${r.tags.map((x) => `${x.outcomeId}.${x.priorityId}`).join("+")}`)
    .join(",");
  // A reload (after a form, a bulk action or a page change) brings the server's tags: they win over local ones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowsKey is what changes when the rows reload
  useEffect(() => setTagState({}), [rowsKey]);

  const outcomeTitle = (id: number) =>
    props.vocabulary.outcomes.find((o) => o.id === id)?.title ?? props.olderTitles.outcomes[id] ?? String(id);
  const priorityTitle = (id: number) =>
    props.vocabulary.outcomes.flatMap((o) => o.priorities).find((p) => p.id === id)?.title ??
    props.olderTitles.priorities[id] ??
    String(id);
  const tagsOf = (row: InboxCardRow) => tagState[row.id] ?? { tags: row.tags, themeIds: row.themeIds };

  const stateRef = useRef({ rows: props.rows, armed, tagState });
  stateRef.current = { rows: props.rows, armed, tagState };

  useEffect(() => {
    async function send(row: InboxCardRow, body: Record<string, string | number>, says: string) {
      try {
        const res = await fetch("/staff/feedback/tag", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])),
        });
        const json = (await res.json().catch(() => ({}))) as {
          tags?: InboxTag[];
          themeIds?: number[];
          message?: string;
        };
        if (!res.ok || !json.tags) {
          const reason = json.message ?? t("inbox.error.invalid");
          setCardError((e) => ({ ...e, [row.id]: reason }));
          setAnnouncement(t("inbox.announce.failed", { reason }));
          return;
        }
        setCardError((e) => ({ ...e, [row.id]: "" }));
        setTagState((s) => ({ ...s, [row.id]: { tags: json.tags ?? [], themeIds: json.themeIds ?? [] } }));
        setAnnouncement(says);
      } catch {
        setCardError((e) => ({ ...e, [row.id]: t("inbox.error.network") }));
        setAnnouncement(t("inbox.announce.failed", { reason: t("inbox.error.network") }));
      }
    }

    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, button, summary, a, [contenteditable]")) return;
      const items = [...(listRef.current?.querySelectorAll<HTMLElement>("[data-inbox-item]") ?? [])];
      if (!items.length) return;
      const at = items.findIndex((el) => el.contains(document.activeElement));
      const { rows, armed, tagState } = stateRef.current;
      const move = (to: number) => {
        const next = Math.max(0, Math.min(items.length - 1, to));
        setCurrent(next);
        items[next].focus();
      };
      if (event.key === "ArrowDown" || event.key === "j") {
        event.preventDefault();
        move(at === -1 ? 0 : at + 1);
        return;
      }
      if (event.key === "ArrowUp" || event.key === "k") {
        event.preventDefault();
        move(at === -1 ? 0 : at - 1);
        return;
      }
      if (at === -1) return;
      const row = rows[at];
      if (!row || row.state !== "approved") return;
      const have = (tagState[row.id] ?? { tags: row.tags }).tags;
      const outcomeIndex = (outcomeKeys as readonly string[]).indexOf(event.key);
      if (outcomeIndex !== -1) {
        const outcome = props.vocabulary.outcomes[outcomeIndex];
        if (!outcome) return;
        event.preventDefault();
        const on = have.some((x) => x.outcomeId === outcome.id);
        setArmed((a) => ({ ...a, [row.id]: outcome.id }));
        void send(
          row,
          { contributionId: row.id, op: "toggle", outcomeId: outcome.id },
          t(on ? "inbox.announce.removed" : "inbox.announce.added", { tag: outcome.title }),
        );
        return;
      }
      const priorityIndex = (priorityKeys as readonly string[]).indexOf(event.key);
      if (priorityIndex !== -1) {
        const outcome = props.vocabulary.outcomes.find((o) => o.id === armed[row.id]);
        const priority = outcome?.priorities[priorityIndex];
        if (!outcome || !priority) return;
        event.preventDefault();
        void send(
          row,
          { contributionId: row.id, op: "priority", outcomeId: outcome.id, priorityId: priority.id },
          t("inbox.announce.added", { tag: `${outcome.title}: ${priority.title}` }),
        );
        return;
      }
      if (event.key === "s") {
        const first = row.suggestions?.find((x) => !have.some((h) => h.outcomeId === x.outcomeId));
        if (!first) return;
        event.preventDefault();
        setArmed((a) => ({ ...a, [row.id]: first.outcomeId }));
        void send(
          row,
          { contributionId: row.id, op: "add", outcomeId: first.outcomeId, via: "suggestion" },
          t("inbox.announce.added", {
            tag: props.vocabulary.outcomes.find((o) => o.id === first.outcomeId)?.title ?? "",
          }),
        );
        return;
      }
      if (event.key === "x") {
        event.preventDefault();
        items[at].querySelector<HTMLInputElement>("input[name=ids]")?.click();
      }
    }
    document.addEventListener("keydown", onKey);
    setKeysReady(true);
    return () => document.removeEventListener("keydown", onKey);
  }, [props.vocabulary, t]);

  const currentRow = current !== null ? props.rows[current] : undefined;
  const armedOutcome = currentRow ? props.vocabulary.outcomes.find((o) => o.id === armed[currentRow.id]) : undefined;

  return (
    <>
      {keysReady && (
        <section className="panel keys-panel" aria-labelledby="keys-title" id="inbox-keys">
          <h2 id="keys-title" style={{ marginTop: 0, fontSize: "1.1rem" }}>
            {t("inbox.keys.title")}
          </h2>
          <p className="meta" style={{ margin: 0 }}>
            {t("inbox.keys.intro")} <kbd>↑</kbd> <kbd>↓</kbd> {t("inbox.keys.move")} ·{" "}
            {props.vocabulary.outcomes.slice(0, outcomeKeys.length).map((o, i) => (
              <span key={o.id} className="key-item">
                <kbd>{outcomeKeys[i]}</kbd> {o.title}{" "}
              </span>
            ))}
            ({t("inbox.keys.outcome")}) · <kbd>a</kbd>–<kbd>{priorityKeys[4]}</kbd> {t("inbox.keys.priority")} ·{" "}
            <kbd>s</kbd> {t("inbox.keys.suggestion")} · <kbd>x</kbd> {t("inbox.keys.select")}
          </p>
          <p className="meta" style={{ margin: "0.3rem 0 0" }} id="inbox-keys-priorities">
            {armedOutcome ? (
              <>
                {t("inbox.keys.prioritiesOf", { outcome: armedOutcome.title })}{" "}
                {armedOutcome.priorities.slice(0, priorityKeys.length).map((p, i) => (
                  <span key={p.id} className="key-item">
                    <kbd>{priorityKeys[i]}</kbd> {p.title}{" "}
                  </span>
                ))}
              </>
            ) : (
              t("inbox.keys.pressOutcome")
            )}
          </p>
        </section>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ol className="card-list inbox-list" ref={listRef} aria-describedby={keysReady ? "inbox-keys" : undefined}>
        {props.rows.map((row, index) => {
          const { tags, themeIds } = tagsOf(row);
          const error = cardError[row.id] || props.errors?.[`tags-${row.id}`];
          const formId = `tags-${row.id}`;
          const suggestions = (row.suggestions ?? []).filter((s) => !tags.some((x) => x.outcomeId === s.outcomeId));
          return (
            <li key={row.id} id={`c-${row.id}`}>
              <article
                className={`card inbox-card${current === index ? " is-current" : ""}`}
                data-inbox-item
                data-id={row.id}
                tabIndex={-1}
                aria-labelledby={`c-${row.id}-title`}
                onFocus={() => setCurrent(index)}
              >
                <h2 id={`c-${row.id}-title`} className="inbox-card-title">
                  {t(`inbox.source.${row.source}`)}
                  {(row.consultation ?? row.session ?? row.group) && (
                    <span className="meta">
                      {" "}
                      · <bdi>{row.consultation ?? row.session ?? row.group}</bdi>
                    </span>
                  )}
                </h2>
                <p className="meta">
                  {row.state !== "approved" && (
                    <>
                      <span className="tag pending">{t(`inbox.state.${row.state}`)}</span>{" "}
                    </>
                  )}
                  {row.ageBand ? t(`ageBand.${row.ageBand}`) : t(`audienceShort.${row.audience}`)}
                  {row.locality && (
                    <>
                      {" "}
                      · <bdi>{row.locality}</bdi>
                    </>
                  )}{" "}
                  · {row.createdOn}
                  {row.question && (
                    <>
                      {" "}
                      · <bdi>{row.question}</bdi>
                    </>
                  )}
                </p>
                <blockquote dir="auto">{row.text}</blockquote>
                <p className="meta inbox-tags" data-tags>
                  <span className="visually-hidden">{t("inbox.tags")}: </span>
                  {tags.length === 0 && themeIds.length === 0 ? (
                    <span>{t("inbox.noTags")}</span>
                  ) : (
                    <>
                      {tags.map((x) => (
                        <bdi key={x.outcomeId} className="tag outcome-tag" data-outcome={x.outcomeId}>
                          {outcomeTitle(x.outcomeId)}
                          {x.priorityId ? `: ${priorityTitle(x.priorityId)}` : ""}
                        </bdi>
                      ))}
                      {themeIds.map((id) => (
                        <bdi key={id} className="tag theme-tag">
                          {props.vocabulary.themes.find((x) => x.id === id)?.name ?? id}
                        </bdi>
                      ))}
                    </>
                  )}
                </p>
                {error && (
                  <p className="field-error" role="alert">
                    {error}
                  </p>
                )}
                {row.state === "approved" ? (
                  <>
                    {suggestions.length > 0 && (
                      <Form method="post" action={props.action} className="suggestions">
                        <input type="hidden" name="intent" value="suggestion" />
                        <input type="hidden" name="contributionId" value={row.id} />
                        <span className="meta">{t("inbox.suggested")}:</span>{" "}
                        {suggestions.map((s) => (
                          <button
                            key={s.outcomeId}
                            type="submit"
                            name="outcomeId"
                            value={s.outcomeId}
                            className="button small secondary"
                          >
                            {t("inbox.suggestionAdd", {
                              outcome: outcomeTitle(s.outcomeId),
                              // Never "100% sure": a suggestion is a guess.
                              confidence: Math.min(99, Math.max(1, Math.round(s.confidence * 100))),
                            })}
                          </button>
                        ))}
                      </Form>
                    )}
                    <div className="inbox-card-actions">
                      <label className="choice small-choice">
                        <input
                          type="checkbox"
                          name="ids"
                          value={row.id}
                          form="bulk"
                          defaultChecked={props.selected.includes(row.id)}
                        />{" "}
                        {t("inbox.select")}
                        <span className="visually-hidden"> {row.text.slice(0, 60)}</span>
                      </label>
                      <Link to={`/staff/feedback/${row.id}`} className="button small secondary">
                        {t("inbox.history")}
                        <span className="visually-hidden"> ({row.text.slice(0, 60)})</span>
                      </Link>
                    </div>
                    <details open={Boolean(props.errors?.[formId]) || undefined}>
                      <summary>{t("inbox.changeTags")}</summary>
                      <TagForm
                        formId={formId}
                        action={props.action}
                        rowId={row.id}
                        tags={tags}
                        themeIds={themeIds}
                        vocabulary={props.vocabulary}
                      />
                    </details>
                  </>
                ) : (
                  <p className="meta">
                    {t(`inbox.notTaggable.${row.state}`)}{" "}
                    {row.state === "pending" && <Link to="/staff/moderation">{t("staff.navLinks.moderation")}</Link>}
                  </p>
                )}
              </article>
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** The checkbox form: every outcome of the plan with a priority choice under each, and the themes. */
export function TagForm(props: {
  formId: string;
  action: string;
  rowId: number;
  tags: InboxTag[];
  themeIds: number[];
  vocabulary: Vocabulary;
  /** "detail": after saving, come back to the contribution's own page. */
  returnTo?: "detail";
}) {
  const { t } = useTranslation();
  // Remounting on a change of tags keeps the defaults in step with keyboard changes.
  const key = props.tags.map((x) => `${x.outcomeId}.${x.priorityId}`).join("+") + props.themeIds.join("+");
  return (
    <Form method="post" action={props.action} key={key} className="tag-form">
      <input type="hidden" name="intent" value="tags" />
      <input type="hidden" name="contributionId" value={props.rowId} />
      {props.returnTo && <input type="hidden" name="returnTo" value={props.returnTo} />}
      <fieldset className="tag-fieldset">
        <legend className="label">{t("inbox.tags")}</legend>
        {props.vocabulary.outcomes.map((o) => {
          const tag = props.tags.find((x) => x.outcomeId === o.id);
          const id = `${props.formId}-o${o.id}`;
          return (
            <div key={o.id} className="tag-row">
              <label className="choice small-choice" htmlFor={id}>
                <input type="checkbox" id={id} name="outcome" value={o.id} defaultChecked={Boolean(tag)} /> {o.title}
              </label>
              {o.priorities.length > 0 && (
                <div className="field tag-priority">
                  <label className="visually-hidden" htmlFor={`${id}-p`}>
                    {t("inbox.priorityOf", { outcome: o.title })}
                  </label>
                  <select id={`${id}-p`} name={`priority-${o.id}`} defaultValue={tag?.priorityId ?? ""}>
                    <option value="">{t("inbox.noPriority")}</option>
                    {o.priorities.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
      {props.vocabulary.themes.length > 0 && (
        <fieldset className="tag-fieldset">
          <legend className="label">{t("inbox.themes")}</legend>
          {props.vocabulary.themes.map((th) => (
            <label key={th.id} className="choice small-choice">
              <input type="checkbox" name="theme" value={th.id} defaultChecked={props.themeIds.includes(th.id)} />{" "}
              {th.name}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="button small">
        {t("inbox.saveTags")}
      </button>
    </Form>
  );
}
