import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { can } from "~/auth/roles";
import { requirePermission } from "~/auth/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { Button } from "~/components/ui/Button";
import { Checkbox } from "~/components/ui/Checkbox";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { listModerationQueue, ModerationError, moderateContribution } from "~/models/feedback.server";
import { listActiveOutcomes } from "~/models/reference.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/moderation";

const schema = z.object({
  contributionId: z.coerce.number().int().positive(),
  decision: z.enum(["approve", "hide"]),
  reason: z.string().trim().max(500).optional(),
});

function page(request: Request, role: string) {
  const lang = getLang(request);
  return {
    outcomes: listActiveOutcomes().map((o) => ({ id: o.id, title: o.title })),
    mayActOnEscalated: can(role, "safeguard"),
    items: listModerationQueue().map((i) => ({ ...i, createdOn: formatDate(i.createdAt, lang) })),
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "moderate");
  return { ...page(request, staff.role), errors: null as Record<string, string> | null };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "moderate");
  const t = getT(request);
  const form = await request.formData();
  const parsed = schema.safeParse(Object.fromEntries(form));
  const outcomeIds = form.getAll("outcomeIds").map(Number);
  const valid = new Set(listActiveOutcomes().map((o) => o.id));
  if (!parsed.success || outcomeIds.some((id) => !valid.has(id))) {
    return data({ ...page(request, staff.role), errors: { main: t("moderation.error.invalid") } }, { status: 400 });
  }
  try {
    moderateContribution({
      staffId: staff.id,
      mayActOnEscalated: can(staff.role, "safeguard"),
      contributionId: parsed.data.contributionId,
      decision: parsed.data.decision,
      outcomeIds,
      reason: parsed.data.reason,
    });
  } catch (error) {
    if (error instanceof ModerationError) {
      return data(
        { ...page(request, staff.role), errors: { main: t(`moderation.error.${error.code}`) } },
        { status: error.code === "needs_safeguarding" ? 403 : 400 },
      );
    }
    throw error;
  }
  return redirect(`/staff/moderation?done=${parsed.data.contributionId}`);
}

export default function Moderation({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("moderation.title")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1 id="main">{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      {p.items.length === 0 ? (
        <p className="notice">{t("moderation.empty")}</p>
      ) : (
        <ul className="card-list">
          {p.items.map((item) => {
            const locked = item.state === "escalated" && !p.mayActOnEscalated;
            return (
              <li key={item.id} className="card">
                <article aria-labelledby={`c-${item.id}-title`}>
                  <h2 id={`c-${item.id}-title`} style={{ fontSize: "1.1rem" }}>
                    {item.consultation ?? t("moderation.noSource")}
                    {item.question && <span className="meta"> · {item.question}</span>}
                  </h2>
                  <p className="meta">
                    <span className={`tag ${item.state}`}>{t(`moderationState.${item.state}`)}</span>{" "}
                    {item.ageBand ? t(`ageBand.${item.ageBand}`) : t(`audienceShort.${item.audience}`)}
                    {item.locality && <> · {item.locality}</>} · {item.createdOn}
                  </p>
                  <blockquote>{item.body}</blockquote>
                  {item.flags.length > 0 && (
                    <p className="meta">
                      {t("moderation.flags")}: {item.flags.map((f) => t(`flag.${f}`)).join(", ")}
                      <br />
                      {t("moderation.published")}: {item.maskedBody}
                    </p>
                  )}
                  {locked ? (
                    <p className="notice warn">{t("moderation.withSafeguarding")}</p>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="contributionId" value={item.id} />
                      <fieldset>
                        <legend>{t("moderation.tagLegend")}</legend>
                        <ul className="checkbox-grid">
                          {p.outcomes.map((o) => (
                            <li key={o.id}>
                              <Checkbox
                                name="outcomeIds"
                                value={String(o.id)}
                                defaultSelected={item.outcomeIds.includes(o.id)}
                              >
                                {o.title}
                              </Checkbox>
                            </li>
                          ))}
                        </ul>
                      </fieldset>
                      <div className="button-row" style={{ marginTop: 0 }}>
                        <Button name="decision" value="approve" size="small">
                          {t("moderation.approve")}
                        </Button>
                        <Button name="decision" value="hide" variant="danger" size="small">
                          {t("moderation.hide")}
                        </Button>
                      </div>
                    </Form>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
