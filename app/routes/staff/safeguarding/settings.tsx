import { useEffect, useRef } from "react";
import { data, Form, Link, redirect } from "react-router";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import type { TFunction } from "~/i18n";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  builtInLists,
  checkDigest,
  type Effect,
  listsInForceWithVersion,
  listVersionHistory,
  type PartEffect,
  StaleListsError,
  saveListsVersion,
} from "~/models/safeguarding-lists.server";
import {
  addField,
  type BuiltIns,
  builtInField,
  builtInsOf,
  countEdits,
  type ListKey,
  type ListsEdits,
  type ListsError,
  listId,
  MAX_NOTE,
  readListsForm,
  type TypedLists,
  typedFromEdits,
} from "~/schemas/safeguarding-lists";
import { offLoop } from "~/utils/off-loop.server";
import type { Route } from "./+types/settings";

type Score = { total: number; hit: number };

/** The page as the loader and every action return it; the action adds the effect or the errors. */
function view(request: Request, typed: TypedLists | null) {
  const staff = requirePermission(request, "safeguard");
  const lang = getLang(request);
  const inForce = listsInForceWithVersion();
  const builtIns = builtInLists();
  return {
    builtIns,
    typed: typed ?? typedFromEdits(inForce.edits, builtIns),
    canSave: can(staff.role, "safeguard_settings"),
    inForce: inForce.version && {
      id: inForce.version.id,
      savedBy: inForce.version.savedBy,
      savedOn: formatWhen(inForce.version.savedAt, lang),
    },
    history: listVersionHistory().map((v) => ({ ...v, savedOn: formatWhen(v.savedAt, lang) })),
    saved: new URL(request.url).searchParams.has("saved"),
    errors: null as Record<string, string> | null,
    effect: null as Effect | null,
    checked: null as { digest: string; base: string; added: number; off: number } | null,
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "safeguard");
  return view(request, null);
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "safeguard");
  const form = await request.formData();
  const intent = form.get("intent") === "save" ? "save" : "check";
  // Only an administrator saves; the safeguarding lead may try lists and read their effect.
  if (intent === "save") requirePermission(request, "safeguard_settings");
  const t = getT(request);
  const builtIns = builtInLists();
  const { edits, errors, typed, note } = readListsForm(form, builtIns);
  const page = view(request, typed);
  if (errors.length) {
    return data({ ...page, saved: false, errors: wordErrors(errors, builtIns, t) }, { status: 400 });
  }
  const base = String(listsInForceWithVersion().version?.id ?? "");
  const digest = checkDigest(edits, base ? Number(base) : null);
  const checked = { digest, base, ...countEdits(edits) };
  if (intent === "save") {
    // The lists saved are the lists whose effect was shown: anything else is shown first.
    const problem =
      String(form.get("base") ?? "") !== base ? "stale" : form.get("digest") !== digest ? "changed" : null;
    if (!problem) {
      try {
        saveListsVersion({ staffId: staff.id, edits, note, baseVersionId: base ? Number(base) : null });
        return redirect("/staff/safeguarding/settings?saved=1");
      } catch (error) {
        if (!(error instanceof StaleListsError)) throw error;
      }
    }
    const message = t(`safeguarding.settings.error.${problem ?? "stale"}`);
    return data(
      { ...page, saved: false, effect: await listsEffect(edits), checked, errors: { effect: message } },
      { status: 409 },
    );
  }
  return { ...page, saved: false, effect: await listsEffect(edits), checked };
}

/** The effect of the lists on the evaluation corpus (hundreds of messages checked twice): in a worker thread. */
function listsEffect(edits: ListsEdits): Promise<Effect> {
  return offLoop("listsEffect", edits);
}

function listLabel(t: TFunction, key: ListKey) {
  if (key.list === "schools") return t("safeguarding.settings.schools");
  const list = key.list === "ordinary" ? t("safeguarding.settings.ordinary") : t(`safeguarding.category.${key.list}`);
  return t("safeguarding.settings.listName", { language: t(`safeguarding.settings.language.${key.lang}`), list });
}

function wordErrors(errors: ListsError[], b: BuiltIns, t: TFunction) {
  const byField: Record<string, string> = {};
  for (const e of errors) {
    const key = e.field === "note" ? null : keyOfField(e.field, b);
    const list = key ? listLabel(t, key) : "";
    byField[e.field] ??= t(`safeguarding.settings.error.${e.code}`, { ...e.values, list });
  }
  return byField;
}

function keyOfField(field: string, b: BuiltIns): ListKey | null {
  for (const lang of b.langs)
    for (const list of [...b.categories, "ordinary" as const])
      if (addField({ lang, list }) === field) return { lang, list };
  return field === addField({ lang: null, list: "schools" }) ? { lang: null, list: "schools" } : null;
}

export default function SafeguardingSettings({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t, lang } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const b = p.builtIns;
  const formKey = `${p.inForce?.id ?? 0}-${p.saved}`;
  return (
    <>
      <PageTitle title={t("safeguarding.settings.title")} error={Boolean(p.errors)} />
      <Link to="/staff/safeguarding" className="back-link">
        {t("safeguarding.settings.back")}
      </Link>
      <ErrorSummary errors={p.errors} />
      <h1 id="main">{t("safeguarding.settings.title")}</h1>
      {p.saved && (
        <p className="notice" role="status">
          {t("safeguarding.settings.saved")}
        </p>
      )}
      <p>{t("safeguarding.settings.intro")}</p>
      <p>
        {p.inForce
          ? t("safeguarding.settings.inForce", { id: p.inForce.id, name: p.inForce.savedBy, date: p.inForce.savedOn })
          : t("safeguarding.settings.inForceBuiltIn")}
      </p>
      {!p.canSave && <p className="notice">{t("safeguarding.settings.leadOnly")}</p>}

      {p.checked && (
        <EffectPanel effect={p.effect} checked={p.checked} canSave={p.canSave} lang={lang} error={e.effect} />
      )}

      <Form method="post" id="lists-form" key={formKey} noValidate>
        {p.checked && (
          <>
            <input type="hidden" name="digest" value={p.checked.digest} />
            <input type="hidden" name="base" value={p.checked.base} />
          </>
        )}
        <details className="field">
          <summary>{t("safeguarding.settings.syntaxTitle")}</summary>
          <p>{t("safeguarding.settings.syntax1")}</p>
          <p>{t("safeguarding.settings.syntax2")}</p>
        </details>
        {b.langs.map((lang) => (
          <section key={lang} aria-labelledby={`lists-${lang}`}>
            <h2 id={`lists-${lang}`}>
              {t("safeguarding.settings.langHeading", { language: t(`safeguarding.settings.language.${lang}`) })}
            </h2>
            {b.categories.map((list) => (
              <ListEditor key={list} listKey={{ lang, list }} builtIns={b} typed={p.typed} errors={e} />
            ))}
            <ListEditor listKey={{ lang, list: "ordinary" }} builtIns={b} typed={p.typed} errors={e} />
          </section>
        ))}
        <section aria-labelledby="lists-schools">
          <h2 id="lists-schools">{t("safeguarding.settings.schoolsHeading")}</h2>
          <p>{t("safeguarding.settings.schoolsIntro")}</p>
          <ListEditor listKey={{ lang: null, list: "schools" }} builtIns={b} typed={p.typed} errors={e} />
        </section>
        <div className={`field${e.note ? " has-error" : ""}`}>
          <label className="label" htmlFor="note">
            {t("safeguarding.settings.note")}
          </label>
          <p className="hint" id="note-hint">
            {t("safeguarding.settings.noteHint")}
          </p>
          <FieldError id="note" message={e.note} />
          <textarea
            id="note"
            name="note"
            rows={2}
            defaultValue={p.typed.note}
            aria-describedby={`note-hint${e.note ? " note-error" : ""}`}
            aria-invalid={e.note ? true : undefined}
            maxLength={MAX_NOTE * 2}
          />
        </div>
        <button type="submit" className="button" name="intent" value="check">
          {t("safeguarding.settings.check")}
        </button>
      </Form>

      <h2>{t("safeguarding.settings.history")}</h2>
      {p.history.length === 0 ? (
        <p>{t("safeguarding.settings.historyEmpty")}</p>
      ) : (
        <TableScroll label={t("safeguarding.settings.historyLabel")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("safeguarding.settings.col.version")}</th>
                <th scope="col">{t("safeguarding.settings.col.savedBy")}</th>
                <th scope="col">{t("safeguarding.settings.col.when")}</th>
                <th scope="col" className="num">
                  {t("safeguarding.settings.col.added")}
                </th>
                <th scope="col" className="num">
                  {t("safeguarding.settings.col.off")}
                </th>
                <th scope="col">{t("safeguarding.settings.col.why")}</th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((v) => (
                <tr key={v.id}>
                  <td>{v.id}</td>
                  <td>
                    <bdi>{v.savedBy}</bdi>
                  </td>
                  <td>{v.savedOn}</td>
                  <td className="num">{v.added}</td>
                  <td className="num">{v.off}</td>
                  <td>
                    <bdi>{v.note ?? "–"}</bdi>
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

/** One list: its built-in phrases as checkboxes (ticked = in use), and a box for phrases of one's own. */
function ListEditor({
  listKey,
  builtIns,
  typed,
  errors,
}: {
  listKey: ListKey;
  builtIns: BuiltIns;
  typed: TypedLists;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const id = listId(listKey);
  const field = addField(listKey);
  const builtIn = builtInsOf(builtIns, listKey);
  const on = new Set(typed.on[id] ?? []);
  const onCount = builtIn.filter((p) => on.has(p)).length;
  const added = typed.added[id] ?? "";
  const addedCount = added.split("\n").filter((l) => l.trim()).length;
  const error = errors[field];
  const label = listLabel(t, listKey);
  const changed = addedCount > 0 || onCount < builtIn.length;
  const inputLang = listKey.lang ?? undefined;
  const inputDir = listKey.lang === "ar" ? "rtl" : listKey.lang ? "ltr" : "auto";
  const title =
    listKey.list === "schools"
      ? t("safeguarding.settings.schools")
      : listKey.list === "ordinary"
        ? t("safeguarding.settings.ordinary")
        : t(`safeguarding.category.${listKey.list}`);
  return (
    <details
      className={error ? "field has-error" : undefined}
      style={{ marginBottom: "0.5rem" }}
      open={Boolean(error) || changed || undefined}
    >
      <summary>
        <span>
          {title}{" "}
          <span className="meta">
            ({t("safeguarding.settings.counts", { on: onCount, total: builtIn.length, added: addedCount })})
          </span>
        </span>
      </summary>
      {listKey.list === "ordinary" && <p className="hint">{t("safeguarding.settings.ordinaryIntro")}</p>}
      <fieldset className="field">
        <legend>{t("safeguarding.settings.builtInLegend", { list: label })}</legend>
        {builtIn.length === 0 ? (
          <p className="hint">{t("safeguarding.settings.noBuiltIn")}</p>
        ) : (
          <>
            <p className="hint">{t("safeguarding.settings.builtInHint")}</p>
            <ul className="checkbox-grid">
              {builtIn.map((phrase, i) => (
                <li key={phrase}>
                  <label className="choice" htmlFor={`${id}-${i}`}>
                    <input
                      type="checkbox"
                      id={`${id}-${i}`}
                      name={builtInField(listKey)}
                      value={phrase}
                      defaultChecked={on.has(phrase)}
                    />
                    <span lang={inputLang} dir={inputDir} style={{ overflowWrap: "anywhere" }}>
                      {phrase}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      <label className="label" htmlFor={field}>
        {t("safeguarding.settings.added", { list: label })}
      </label>
      <p className="hint" id={`${field}-hint`}>
        {t("safeguarding.settings.addedHint")}
      </p>
      <FieldError id={field} message={error} />
      <textarea
        id={field}
        name={field}
        rows={3}
        defaultValue={added}
        lang={inputLang}
        dir={inputDir}
        aria-describedby={`${field}-hint${error ? ` ${field}-error` : ""}`}
        aria-invalid={error ? true : undefined}
      />
    </details>
  );
}

/** Recall and false positives now and with the proposed lists; the messages that would change (development only). */
function EffectPanel({
  effect,
  checked,
  canSave,
  lang,
  error,
}: {
  effect: Effect | null;
  checked: { added: number; off: number };
  canSave: boolean;
  lang: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!error) heading.current?.focus();
  }, [error]);
  return (
    <section className="panel" aria-labelledby="effect">
      {/* biome-ignore lint/a11y/noAutofocus: after "Check the effect" the reader is taken to what it found */}
      <h2 id="effect" tabIndex={-1} ref={heading} autoFocus={!error} style={{ marginTop: 0 }}>
        {t("safeguarding.settings.effectTitle")}
      </h2>
      <p>{t("safeguarding.settings.effectIntro", { added: checked.added, off: checked.off })}</p>
      {effect ? (
        <>
          <PartFigures part="dev" effect={effect.dev} lang={lang} />
          <PartFigures part="heldout" effect={effect.heldout} lang={lang} />
        </>
      ) : (
        <p className="notice">{t("safeguarding.settings.noCorpus")}</p>
      )}
      {canSave ? (
        <>
          <p>{t("safeguarding.settings.saveIntro")}</p>
          <button type="submit" className="button" form="lists-form" name="intent" value="save">
            {t("safeguarding.settings.save")}
          </button>
        </>
      ) : (
        <p className="notice">{t("safeguarding.settings.leadOnly")}</p>
      )}
    </section>
  );
}

function formatScore(t: TFunction, s: Score, lang: string) {
  if (!s.total) return "–";
  const pct = new Intl.NumberFormat(lang === "ar" ? "ar-u-nu-latn" : lang, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(s.hit / s.total);
  return t("safeguarding.settings.score", { pct, hit: s.hit, total: s.total });
}

function PartFigures({ part, effect, lang }: { part: "dev" | "heldout"; effect: PartEffect; lang: string }) {
  const { t } = useTranslation();
  const partName = t(`safeguarding.settings.part.${part}`);
  const score = (s: Score) => formatScore(t, s, lang);
  const langName = (key: string) => t(`safeguarding.settings.language.${key}`);
  return (
    <>
      <h3>{partName}</h3>
      <TableScroll label={t("safeguarding.settings.figures", { part: partName })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("safeguarding.settings.col.language")}</th>
              <th scope="col" className="num">
                {t("safeguarding.settings.col.recallCurrent")}
              </th>
              <th scope="col" className="num">
                {t("safeguarding.settings.col.recallProposed")}
              </th>
              <th scope="col" className="num">
                {t("safeguarding.settings.col.fpCurrent")}
              </th>
              <th scope="col" className="num">
                {t("safeguarding.settings.col.fpProposed")}
              </th>
            </tr>
          </thead>
          <tbody>
            {effect.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{langName(r.key)}</th>
                <td className="num">{score(r.recallCurrent)}</td>
                <td className="num">{score(r.recallProposed)}</td>
                <td className="num">{score(r.fpCurrent)}</td>
                <td className="num">{score(r.fpProposed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {part === "dev" && (
        <TableScroll label={t("safeguarding.settings.masking")}>
          <table>
            <caption>{t("safeguarding.settings.masking")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("safeguarding.settings.col.language")}</th>
                <th scope="col" className="num">
                  {t("safeguarding.settings.col.maskCurrent")}
                </th>
                <th scope="col" className="num">
                  {t("safeguarding.settings.col.maskProposed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {effect.masking.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{langName(r.key)}</th>
                  <td className="num">{score(r.current)}</td>
                  <td className="num">{score(r.proposed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        {t("safeguarding.settings.changes", {
          count: effect.nowEscalated + effect.noLongerEscalated,
          up: effect.nowEscalated,
          down: effect.noLongerEscalated,
        })}
      </p>
      {effect.changed === null ? (
        <p className="hint">{t("safeguarding.settings.heldoutTextHidden")}</p>
      ) : (
        effect.changed.length > 0 && (
          <TableScroll label={t("safeguarding.settings.changedTable")}>
            <table>
              <caption>{t("safeguarding.settings.changedTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("safeguarding.settings.col.language")}</th>
                  <th scope="col">{t("safeguarding.settings.col.kind")}</th>
                  <th scope="col">{t("safeguarding.settings.col.current")}</th>
                  <th scope="col">{t("safeguarding.settings.col.proposed")}</th>
                  <th scope="col">{t("safeguarding.settings.col.message")}</th>
                </tr>
              </thead>
              <tbody>
                {effect.changed.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the corpus may hold the same text twice
                  <tr key={i}>
                    <td>{langName(m.lang)}</td>
                    <td>
                      {t(`safeguarding.settings.kind.${m.label}`, {
                        category: t(`safeguarding.category.${m.detail}`),
                      })}
                    </td>
                    <td>
                      {m.current ? t("safeguarding.settings.escalated") : t("safeguarding.settings.notEscalated")}
                    </td>
                    <td>
                      {m.proposed ? t("safeguarding.settings.escalated") : t("safeguarding.settings.notEscalated")}
                    </td>
                    <td lang={m.lang} dir="auto">
                      {m.text}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )
      )}
    </>
  );
}
