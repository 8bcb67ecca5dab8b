import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { flagLabel } from "~/components/CaseContext";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Highlighted } from "~/components/Highlighted";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { Checkbox } from "~/components/ui/Checkbox";
import { TextField } from "~/components/ui/TextField";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPendingContribution, ModerationError, moderateContribution } from "~/models/feedback.server";
import { withHighlights } from "~/models/moderation/page.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { listsInForce } from "~/models/safeguarding-lists.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/moderation-item";

const schema = z.object({ text: z.string().trim().min(1).max(5000) });

function load(request: Request, id: string) {
  const contributionId = Number(id);
  const item = Number.isSafeInteger(contributionId) ? getPendingContribution(contributionId) : null;
  if (!item) throw new Response("Not found", { status: 404 });
  return {
    item: {
      ...item,
      createdOn: formatDate(item.createdAt, getLang(request)),
      parts: withHighlights(item.body, item.flags, item.flags.length ? listsInForce() : null),
    },
    outcomes: listActiveOutcomes().map((o) => ({ id: o.id, title: o.title })),
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "moderate");
  return { ...load(request, params.id), errors: null as Record<string, string> | null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "moderate");
  const t = getT(request);
  const view = load(request, params.id);
  const form = await request.formData();
  const parsed = schema.safeParse({ text: form.get("text") ?? "" });
  const outcomeIds = form.getAll("outcomeIds").map(Number);
  const valid = new Set(view.outcomes.map((o) => o.id));
  if (!parsed.success) return data({ ...view, errors: { text: t("moderation.error.editEmpty") } }, { status: 400 });
  if (outcomeIds.some((o) => !valid.has(o))) {
    return data({ ...view, errors: { main: t("moderation.error.invalid") } }, { status: 400 });
  }
  try {
    moderateContribution({
      staffId: staff.id,
      contributionId: view.item.id,
      decision: "approve",
      editedText: parsed.data.text,
      outcomeIds,
    });
  } catch (error) {
    if (error instanceof ModerationError) {
      const field = error.code === "edit_escalates" || error.code === "edit_adds" ? "text" : "main";
      return data({ ...view, errors: { [field]: t(`moderation.error.${error.code}`) } }, { status: 409 });
    }
    throw error;
  }
  return redirect("/staff/moderation?done=approve");
}

export default function ModerationItem({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const item = p.item;
  return (
    <>
      <PageTitle title={t("moderation.editTitle")} error={Boolean(p.errors)} />
      <Link to="/staff/moderation" className="back-link">
        {t("moderation.backToQueue")}
      </Link>
      <ErrorSummary errors={p.errors} />
      <h1 id="main">{t("moderation.editTitle")}</h1>
      <p className="meta">
        {item.threadKind
          ? t(`moderation.thread.${item.threadKind}`)
          : item.sessionTitle
            ? t("moderation.sessionView", { title: item.sessionTitle })
            : (item.consultation ?? t("moderation.noSource"))}
        {(item.question ?? item.agendaQuestion) && <> · {item.question ?? item.agendaQuestion}</>} ·{" "}
        {item.ageBand ? t(`ageBand.${item.ageBand}`) : t(`audienceShort.${item.audience}`)}
        {item.locality && <> · {item.locality}</>} · {item.createdOn}
      </p>
      <h2>{t("moderation.original")}</h2>
      <blockquote>{item.parts ? <Highlighted parts={item.parts} /> : item.body}</blockquote>
      {item.flags.length > 0 && (
        <p className="meta">
          {t("moderation.flags")}: {item.flags.map((f) => flagLabel(t, f)).join(", ")}
        </p>
      )}
      <Form method="post">
        <TextField
          id="text"
          name="text"
          label={t("moderation.editLabel")}
          description={t("moderation.editHint")}
          defaultValue={item.maskedBody ?? ""}
          error={(p.errors as Record<string, string> | null)?.text}
          multiline
          maxLength={5000}
        />
        <fieldset>
          <legend>{t("moderation.tagLegend")}</legend>
          <ul className="checkbox-grid">
            {p.outcomes.map((o) => (
              <li key={o.id}>
                <Checkbox name="outcomeIds" value={String(o.id)} defaultSelected={item.outcomeIds.includes(o.id)}>
                  {o.title}
                </Checkbox>
              </li>
            ))}
          </ul>
        </fieldset>
        <Button>{t("moderation.approveEdited")}</Button>
      </Form>
    </>
  );
}
