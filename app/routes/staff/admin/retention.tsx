import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { lastRetentionRun, previewRetention, runRetention } from "~/models/retention.server";
import { getSetting, setSetting } from "~/models/settings.server";
import { recordAudit } from "~/models/staff.server";
import type { Route } from "./+types/retention";
import { Done } from "./parts";
import { doneParam } from "./shared.server";

const whole = (min: number, max: number, optional = false) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (optional && s === "") return null;
      if (!/^\d{1,3}$/.test(s) || Number(s) < min || Number(s) > max) {
        ctx.addIssue({ code: "custom", message: "range" });
        return z.NEVER;
      }
      return Number(s);
    });

const limitsSchema = z.object({
  idleMinutes: whole(5, 240).pipe(z.number()),
  absoluteHours: whole(1, 24).pipe(z.number()),
});
const keepSchema = z.object({ freeTextMonths: whole(1, 120, true), safeguardingMonths: whole(12, 300, true) });
const ranges: Record<string, { min: number; max: number }> = {
  idleMinutes: { min: 5, max: 240 },
  absoluteHours: { min: 1, max: 24 },
  freeTextMonths: { min: 1, max: 120 },
  safeguardingMonths: { min: 12, max: 300 },
};

type Values = { idleMinutes: string; absoluteHours: string; freeTextMonths: string; safeguardingMonths: string };

function page(
  request: Request,
  values?: Values,
  errors: Record<string, string> | null = null,
): {
  values: Values;
  saved: ReturnType<typeof getSetting<"retention">>;
  preview: ReturnType<typeof previewRetention>;
  last: (NonNullable<ReturnType<typeof lastRetentionRun>> & { when: string }) | null;
  done: string | null;
  errors: Record<string, string> | null;
} {
  const limits = getSetting("staffSession");
  const keep = getSetting("retention");
  const last = lastRetentionRun();
  const lang = getLang(request);
  return {
    values: values ?? {
      idleMinutes: String(limits.idleMinutes),
      absoluteHours: String(limits.absoluteHours),
      freeTextMonths: keep.freeTextMonths === null ? "" : String(keep.freeTextMonths),
      safeguardingMonths: keep.safeguardingMonths === null ? "" : String(keep.safeguardingMonths),
    },
    saved: keep,
    preview: previewRetention(),
    last: last && { ...last, when: formatWhen(last.at, lang) },
    done: doneParam(request),
    errors,
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  requirePermission(request, "administer");
  return page(request);
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "administer");
  const t = getT(request);
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? "");
  if (intent === "run") {
    await runRetention({ trigger: "admin", staffId: staff.id });
    return redirect("/staff/admin/retention?done=ran");
  }
  const text = (k: string) => (typeof form[k] === "string" ? (form[k] as string).slice(0, 10) : "");
  const values = {
    idleMinutes: text("idleMinutes"),
    absoluteHours: text("absoluteHours"),
    freeTextMonths: text("freeTextMonths"),
    safeguardingMonths: text("safeguardingMonths"),
  };
  const schema = intent === "limits" ? limitsSchema : intent === "keep" ? keepSchema : null;
  if (!schema) throw data(t("retention.error.intent"), { status: 400 });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field] = t(`retention.error.${field}`, ranges[field]);
    }
    const current = page(request).values;
    // Only the form that was sent keeps what was typed; the other shows what is saved.
    const shown = Object.fromEntries(
      (Object.keys(values) as (keyof Values)[]).map((k) => [k, k in schema.shape ? values[k] : current[k]]),
    ) as Values;
    return data(page(request, shown, errors), { status: 400 });
  }
  if (intent === "limits") {
    const value = parsed.data as z.infer<typeof limitsSchema>;
    setSetting("staffSession", value, staff.id);
    recordAudit(staff.id, "session_limits_saved", "setting", undefined, value);
    return redirect("/staff/admin/retention?done=limitsSaved");
  }
  const value = parsed.data as z.infer<typeof keepSchema>;
  setSetting("retention", value, staff.id);
  recordAudit(staff.id, "retention_saved", "setting", undefined, value);
  return redirect("/staff/admin/retention?done=keepSaved");
}

export default function Retention({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const e = p.errors ?? {};
  const field = (name: keyof Values, label: string, hint: string) => (
    <div className={`field${e[name] ? " has-error" : ""}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <p className="hint" id={`${name}-hint`}>
        {hint}
      </p>
      <FieldError id={name} message={e[name]} />
      <input
        type="text"
        inputMode="numeric"
        id={name}
        name={name}
        defaultValue={p.values[name]}
        aria-invalid={e[name] ? true : undefined}
        aria-describedby={`${name}-hint${e[name] ? ` ${name}-error` : ""}`}
        style={{ maxWidth: "7rem" }}
      />
    </div>
  );
  const who = (last: NonNullable<typeof p.last>) =>
    last.trigger === "admin" && last.staff ? last.staff : t(`retention.trigger.${last.trigger}`);
  return (
    <>
      <PageTitle title={t("retention.title")} error={Boolean(p.errors)} />
      <p>
        <a href="/staff/admin">{t("admin.title")}</a>
      </p>
      <h1>{t("retention.title")}</h1>
      <Done message={p.done ? t(`retention.done.${p.done}`, { defaultValue: "" }) : null} />
      <ErrorSummary errors={p.errors} />

      <section aria-labelledby="limits-title">
        <h2 id="limits-title">{t("retention.limitsTitle")}</h2>
        <p>{t("retention.limitsIntro")}</p>
        <Form method="post" noValidate>
          {field("idleMinutes", t("retention.idleMinutes"), t("retention.idleHint"))}
          {field("absoluteHours", t("retention.absoluteHours"), t("retention.absoluteHint"))}
          <button type="submit" name="intent" value="limits" className="button">
            {t("retention.saveLimits")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="keep-title">
        <h2 id="keep-title">{t("retention.keepTitle")}</h2>
        <p>{t("retention.keepIntro")}</p>
        <ul>
          <li>{t("retention.keepCounts")}</li>
          <li>{t("retention.keepQuotes")}</li>
          <li>{t("retention.keepSafeguarding")}</li>
          <li>{t("retention.keepDrafts")}</li>
        </ul>
        <Form method="post" noValidate>
          {field("freeTextMonths", t("retention.freeTextMonths"), t("retention.freeTextHint"))}
          {field("safeguardingMonths", t("retention.safeguardingMonths"), t("retention.safeguardingHint"))}
          <button type="submit" name="intent" value="keep" className="button">
            {t("retention.saveKeep")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="now-title" className="panel" style={{ marginTop: "2rem" }}>
        <h2 id="now-title" style={{ marginTop: 0 }}>
          {t("retention.nowTitle")}
        </h2>
        <p>
          <strong>{t("retention.preview", { count: p.preview.contributions })}</strong>
        </p>
        <ul>
          <li>{t("retention.previewNotes", { count: p.preview.sessionNotes })}</li>
          <li>{t("retention.previewSafeguarding", { count: p.preview.safeguardingWords })}</li>
          <li>{t("retention.previewDrafts", { count: p.preview.drafts })}</li>
          <li>{t("retention.previewImports", { count: p.preview.importFiles })}</li>
        </ul>
        <p>{t("retention.daily")}</p>
        <p>
          <span>
            {p.last
              ? t("retention.last", { when: p.last.when, who: who(p.last), count: p.last.contributions })
              : t("retention.never")}
          </span>{" "}
          <a href="/staff/audit?action=retention_run">{t("retention.auditLink")}</a>
        </p>
        <Form method="post">
          <button type="submit" name="intent" value="run" className="button secondary">
            {t("retention.runNow")}
          </button>
        </Form>
      </section>
    </>
  );
}
