import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { TextField } from "~/components/ui/TextField";
import { isLang, languageNames, languages } from "~/i18n";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getConsultationForStaff } from "~/models/consultations/builder.server";
import { saveWording, type Wording } from "~/models/consultations/wording.server";
import { recordAudit } from "~/models/staff.server";
import type { Route } from "./+types/translate";

const MAX = 1000;

/** The fields a language can carry: English holds only the easy-read versions; others translate everything. */
function fieldsFor(lang: string) {
  return lang === "en"
    ? { consultation: ["easySummary"], question: ["easyPrompt"], option: ["easyLabel"] }
    : {
        consultation: ["title", "summary", "easySummary"],
        question: ["prompt", "easyPrompt", "why"],
        option: ["label", "easyLabel"],
      };
}

function load(request: Request, idParam: string) {
  const id = Number(idParam);
  const c = Number.isInteger(id) ? getConsultationForStaff(id) : null;
  if (!c) throw data(null, { status: 404 });
  const lang = new URL(request.url).searchParams.get("lang") ?? "pl";
  if (!isLang(lang)) throw data(null, { status: 404 });
  const fields = fieldsFor(lang);
  const current = (entity: { translations: Record<string, Record<string, string>> } & object, field: string) => {
    if (lang === "en") return String((entity as Record<string, unknown>)[field] ?? "");
    return entity.translations[lang]?.[field] ?? "";
  };
  return {
    id: c.id,
    title: c.title,
    lang,
    fields,
    consultation: {
      english: { title: c.title, summary: c.summary, easySummary: c.easySummary ?? "" } as Record<string, string>,
      values: Object.fromEntries(fields.consultation.map((f) => [f, current(c, f)])),
    },
    questions: c.questions.map((q, i) => ({
      id: q.id,
      number: i + 1,
      english: { prompt: q.prompt, easyPrompt: q.easyPrompt ?? "", why: q.why ?? "" } as Record<string, string>,
      values: Object.fromEntries(fields.question.map((f) => [f, current(q, f)])),
      options: q.options.map((o) => ({
        id: o.id,
        english: { label: o.label, easyLabel: o.easyLabel ?? "" } as Record<string, string>,
        values: Object.fromEntries(fields.option.map((f) => [f, current(o, f)])),
      })),
    })),
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "consultations");
  return {
    ...load(request, params.id),
    errors: null as Record<string, string> | null,
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "consultations");
  const page = load(request, params.id);
  const t = getT(request);
  const form = await request.formData();
  const wording: Wording = { consultation: {}, questions: {}, options: {} };
  const errors: Record<string, string> = {};
  const read = (name: string) => {
    const v = String(form.get(name) ?? "").trim();
    if (v.length > MAX) errors[name] = t("translate.tooLong", { max: MAX });
    return v;
  };
  for (const f of page.fields.consultation) wording.consultation[f] = read(`c.${f}`);
  for (const q of page.questions) {
    wording.questions[q.id] = Object.fromEntries(page.fields.question.map((f) => [f, read(`q.${q.id}.${f}`)]));
    for (const o of q.options)
      wording.options[o.id] = Object.fromEntries(page.fields.option.map((f) => [f, read(`o.${o.id}.${f}`)]));
  }
  if (Object.keys(errors).length) {
    const keep = <T extends { values: Record<string, string> }>(entity: T, prefix: string, fields: string[]) => ({
      ...entity,
      values: Object.fromEntries(fields.map((f) => [f, String(form.get(`${prefix}.${f}`) ?? "")])),
    });
    return data(
      {
        ...page,
        consultation: keep(page.consultation, "c", page.fields.consultation),
        questions: page.questions.map((q) => ({
          ...keep(q, `q.${q.id}`, page.fields.question),
          options: q.options.map((o) => keep(o, `o.${o.id}`, page.fields.option)),
        })),
        errors,
        saved: false,
      },
      { status: 400 },
    );
  }
  saveWording(page.id, page.lang, wording);
  recordAudit(staff.id, "consultation_wording_saved", "consultation", page.id, { lang: page.lang });
  return redirect(`/staff/consultations/${page.id}/translate?lang=${page.lang}&saved=1`);
}

export default function Translate({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const e: Record<string, string> = p.errors ?? {};
  const english = (text: string) => (text ? t("translate.english", { text }) : t("translate.noEnglish"));
  const field = (name: string, label: string, englishText: string, value: string, long = false) => (
    <TextField
      key={name}
      id={name}
      name={name}
      label={label}
      description={english(englishText)}
      defaultValue={value}
      error={e[name]}
      multiline={long}
      rows={3}
      inputLang={p.lang === "en" ? undefined : p.lang}
      inputDir={p.lang === "ar" ? "rtl" : undefined}
    />
  );
  const fieldLabel = (f: string) => t(`translate.field.${f}`);
  return (
    <>
      <PageTitle title={t("translate.title", { title: p.title })} error={Boolean(p.errors)} />
      <a href={`/staff/consultations/${p.id}`} className="back-link">
        {p.title}
      </a>
      <ErrorSummary errors={p.errors} />
      <h1>{t("translate.title", { title: p.title })}</h1>
      <nav aria-label={t("translate.languages")}>
        <ul className="action-links">
          {languages.map((l) => (
            <li key={l}>
              <a href={`?lang=${l}`} aria-current={l === p.lang ? "page" : undefined}>
                {l === "en" ? t("translate.easyEnglish") : languageNames[l]}
              </a>
            </li>
          ))}
          <li>
            <a href={`/staff/consultations/${p.id}/preview?lang=${p.lang}`}>{t("builder.preview")}</a>
          </li>
        </ul>
      </nav>
      {p.saved && (
        <p className="notice" role="status">
          {t("translate.saved")}
        </p>
      )}
      <p>{p.lang === "en" ? t("translate.introEasy") : t("translate.intro", { language: languageNames[p.lang] })}</p>
      <Form method="post" noValidate>
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>{t("translate.about")}</h2>
          {p.fields.consultation.map((f) =>
            field(
              `c.${f}`,
              fieldLabel(f),
              p.consultation.english[f] ?? "",
              p.consultation.values[f] ?? "",
              f !== "title",
            ),
          )}
        </section>
        {p.questions.map((q) => (
          <section key={q.id} className="panel">
            <h2 style={{ marginTop: 0 }}>{t("results.questionN", { number: q.number })}</h2>
            {p.fields.question.map((f) =>
              field(`q.${q.id}.${f}`, fieldLabel(f), q.english[f] ?? "", q.values[f] ?? "", f === "why"),
            )}
            {q.options.map((o, i) => (
              <fieldset key={o.id} className="field">
                <legend>{t("translate.choiceN", { number: i + 1 })}</legend>
                {p.fields.option.map((f) =>
                  field(`o.${o.id}.${f}`, fieldLabel(f), o.english[f] ?? "", o.values[f] ?? ""),
                )}
              </fieldset>
            ))}
          </section>
        ))}
        <Button>{t("translate.save")}</Button>
      </Form>
    </>
  );
}
