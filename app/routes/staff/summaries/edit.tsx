import { data, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { DraftDownloads } from "~/components/papers/DraftDownloads";
import { ComposeForm } from "~/components/summaries/ComposeForm";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { recordAudit } from "~/models/staff.server";
import {
  ComposeError,
  checkValues,
  composeChoices,
  composeErrorField,
  readValues,
  valuesOf,
} from "~/models/summaries/compose-form.server";
import { saveSummary } from "~/models/summaries.server";
import { offLoop } from "~/utils/off-loop.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/edit";

const REFUSALS = new Set(["past_meeting", "empty_scope", "no_meeting", "no_kind", "bad_quote"]);

async function page(request: Request, id: number) {
  const t = getT(request);
  const lang = getLang(request);
  // Seconds of counting over a million contributions: done in a worker thread, so other people's pages go on.
  const figures = await offLoop("composeFigures", id, lang);
  if (!figures) throw new Response("Not found", { status: 404 });
  const { summary } = figures;
  return {
    id,
    status: summary.status,
    versions: summary.versions.map((v) => ({
      version: v.version,
      label: t("summary.versionLink", {
        version: v.version,
        date: formatDate(v.sentAt, lang),
        meeting: v.meeting ?? "",
      }),
    })),
    stored: valuesOf(summary),
    content: figures.content,
    quotes: figures.quotes,
    choices: composeChoices(lang),
  };
}

function idOf(params: { id: string }) {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "summaries");
  const id = idOf(params);
  const p = await page(request, id);
  const url = new URL(request.url);
  const refused = url.searchParams.get("refused") ?? "";
  const errors: Record<string, string> = REFUSALS.has(refused)
    ? composeErrorField(new ComposeError(refused as ComposeError["code"]), getT(request))
    : {};
  return { ...p, values: p.stored, errors, saved: url.searchParams.has("saved") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "summaries");
  const id = idOf(params);
  const t = getT(request);
  const form = await request.formData();
  const values = readValues(form);
  const intent = form.get("intent") === "send" ? "send" : "save";
  const { errors, draft } = checkValues(values, intent, t);
  const refuse = async (errs: Record<string, string>) =>
    data({ ...(await page(request, id)), values, errors: errs, saved: false }, { status: 400 });
  if (!draft) return refuse(errors);
  try {
    saveSummary(id, draft, staff.id);
    recordAudit(staff.id, "summary_edited", "summary", id);
    if (intent === "save") return redirect(`/staff/summaries/${id}?saved=1`);
    const sent = await offLoop("sendSummary", id, staff.id);
    recordAudit(staff.id, "summary_sent", "summary", id);
    return redirect(`/staff/summaries/${id}/versions/${sent.version}`);
  } catch (error) {
    if (error instanceof ComposeError) {
      if (error.code === "not_found") throw new Response("Not found", { status: 404 });
      return refuse(composeErrorField(error, t));
    }
    throw error;
  }
}

export default function EditSummary({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const hasErrors = Object.keys(p.errors).length > 0;
  return (
    <>
      <PageTitle title={`${t("summary.editTitle")}: ${p.stored.title}`} error={hasErrors} />
      <a href="/staff/summaries" className="back-link">
        {t("summary.backToList")}
      </a>
      <ErrorSummary errors={hasErrors ? p.errors : null} />
      <h1>
        {t("summary.editTitle")}: {p.stored.title}
      </h1>
      {p.saved && !hasErrors && (
        <p className="panel" role="status">
          {t("summary.saved")}
        </p>
      )}
      {p.versions.length > 0 && (
        <>
          <h2>{t("summary.versions")}</h2>
          <ul>
            {p.versions.map((v) => (
              <li key={v.version}>
                <a href={`/staff/summaries/${p.id}/versions/${v.version}`}>{v.label}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href={`/staff/summaries/${p.id}/contributions.csv`} download>
              {t("summary.contributionsCsv")}
            </a>
          </p>
        </>
      )}
      <section aria-labelledby="draft-heading" className="panel">
        <h2 id="draft-heading">{t("summary.draft.heading")}</h2>
        <p className="hint">{t("summary.draft.hint")}</p>
        <p>
          <a href={`/staff/summaries/${p.id}/preview`} className="button secondary">
            {t("summary.draft.preview")}
          </a>
        </p>
        <DraftDownloads id={p.id} />
      </section>
      <ComposeForm values={p.values} errors={p.errors} choices={p.choices} content={p.content} quotes={p.quotes} />
    </>
  );
}
