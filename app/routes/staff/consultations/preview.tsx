import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { AnswerControl } from "~/components/answers/AnswerControl";
import { PageTitle } from "~/components/PageTitle";
import { dirOf, isLang, languageNames, languages } from "~/i18n";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getConsultationForStaff } from "~/models/consultations/builder.server";
import { localize } from "~/utils/localize";
import type { Route } from "./+types/preview";

/** Each question exactly as a participant sees it, in any language and reading level, drafts included. */
export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  const id = Number(params.id);
  const c = Number.isInteger(id) ? getConsultationForStaff(id) : null;
  if (!c) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const langParam = url.searchParams.get("lang") ?? "en";
  const lang = isLang(langParam) ? langParam : "en";
  const easy = url.searchParams.get("read") === "easy";
  const total = c.questions.length;
  const n = Math.min(Math.max(1, Number(url.searchParams.get("n")) || 1), Math.max(total, 1));
  const q = c.questions[n - 1];
  const tt = getT(lang);
  const title = localize(c, "title", lang);
  const summary = localize(c, "summary", lang, easy);
  const prompt = q ? localize(q, "prompt", lang, easy) : null;
  const options = q
    ? q.options.map((o) => ({ id: o.id, isOther: o.isOther, ...localize(o, "label", lang, easy) }))
    : [];
  return {
    id: c.id,
    englishTitle: c.title,
    lang,
    dir: dirOf(lang),
    easy,
    n,
    total,
    title: title.text,
    summary: summary.text,
    question: q
      ? {
          id: q.id,
          kind: q.kind,
          prompt: prompt?.text ?? "",
          why: q.why ? localize(q, "why", lang).text : null,
          options: options.map((o) => ({ id: o.id, label: o.text, isOther: o.isOther })),
          maxLength: q.kind === "short_text" ? Math.min(q.maxLength, 200) : q.maxLength,
        }
      : null,
    fallback: title.fallback || summary.fallback || Boolean(prompt?.fallback) || options.some((o) => o.fallback),
    strings: {
      progress: tt("consultation.progress", { number: n, total }),
      why: tt("consultation.whyAsking"),
      fallback: tt("consultation.fallbackNotice"),
      faces: [1, 2, 3, 4, 5].map((v) => tt(`scale.${v}`)),
      continue: tt("common.continue"),
    },
  };
}

export default function Preview({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const link = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams({ lang: p.lang, n: String(p.n), ...(p.easy ? { read: "easy" } : {}) });
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) params.delete(k);
      else params.set(k, String(v));
    }
    return `?${params}`;
  };
  return (
    <>
      <PageTitle title={t("preview.title", { title: p.englishTitle })} />
      <a href={`/staff/consultations/${p.id}`} className="back-link">
        {p.englishTitle}
      </a>
      <h1>{t("preview.title", { title: p.englishTitle })}</h1>
      <nav aria-label={t("preview.options")} className="no-print">
        <ul className="action-links">
          {languages.map((l) => (
            <li key={l}>
              <a href={link({ lang: l })} aria-current={l === p.lang ? "page" : undefined}>
                {languageNames[l]}
              </a>
            </li>
          ))}
          <li>
            <a href={link({ read: p.easy ? undefined : "easy" })}>
              {p.easy ? t("preview.standard") : t("preview.easy")}
            </a>
          </li>
        </ul>
      </nav>
      <p className="hint">{t("preview.note")}</p>
      <div className="panel" lang={p.lang} dir={p.dir} style={{ background: "#fff", border: "2px dashed var(--line)" }}>
        {p.fallback && <p className="notice warn">{p.strings.fallback}</p>}
        <p className="progress">
          {p.strings.progress} · {p.title}
        </p>
        {p.question ? (
          <fieldset disabled>
            <AnswerControl
              kind={p.question.kind}
              fieldId={`preview-${p.question.id}`}
              legend={p.question.prompt}
              options={p.question.options}
              values={{}}
              maxLength={p.question.maxLength}
              faceLabels={p.strings.faces}
              headingLevel={2}
            />
            {p.question.why && (
              <details>
                <summary>{p.strings.why}</summary>
                <p>{p.question.why}</p>
              </details>
            )}
            <span className="button" aria-hidden="true">
              {p.strings.continue}
            </span>
          </fieldset>
        ) : (
          <p>{t("builder.noQuestions")}</p>
        )}
      </div>
      <nav aria-label={t("preview.questions")} className="button-row no-print">
        {p.n > 1 && (
          <a className="button secondary small" href={link({ n: p.n - 1 })}>
            {t("preview.previous")}
          </a>
        )}
        {p.n < p.total && (
          <a className="button secondary small" href={link({ n: p.n + 1 })}>
            {t("preview.next")}
          </a>
        )}
      </nav>
    </>
  );
}
