import { data, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import {
  codeFailed,
  finishSignIn,
  nextOf,
  requirePendingTwoFactor,
  throwIfCodeThrottled,
} from "~/auth/two-factor.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { confirmEnrolment, enrolmentView } from "~/models/staff-accounts.server";
import type { Route } from "./+types/sign-in-enrol";
import { EnrolPanel, RecoveryCodes } from "./TwoFactorParts";

async function view(staffId: number) {
  const shown = await enrolmentView(staffId);
  // No secret being enrolled (an admin reset it meanwhile): start the sign-in again, which makes a new one.
  if (!shown) throw redirect("/staff/sign-in");
  return shown;
}

export async function loader({ request }: Route.LoaderArgs) {
  const pending = requirePendingTwoFactor(request);
  if (pending.enrolled) throw redirect(`/staff/sign-in/code?next=${encodeURIComponent(nextOf(request))}`);
  return { ...(await view(pending.id)), errors: null as Record<string, string> | null, codes: null, next: "" };
}

export async function action({ request }: Route.ActionArgs) {
  const pending = requirePendingTwoFactor(request);
  if (pending.enrolled) throw redirect(`/staff/sign-in/code?next=${encodeURIComponent(nextOf(request))}`);
  throwIfCodeThrottled(request, pending.id);
  const t = getT(request);
  const code = String((await request.formData()).get("code") ?? "").slice(0, 100);
  const fail = async (message: string) =>
    data({ ...(await view(pending.id)), errors: { code: message }, codes: null, next: "" }, { status: 400 });
  if (!code.trim()) return fail(t("twoFactor.error.codeEmpty"));
  const codes = confirmEnrolment(pending.id, code);
  if (!codes) {
    codeFailed(pending.id, "enrol");
    return fail(t("twoFactor.error.enrolWrong"));
  }
  // The session opens here, with the codes on the page that answers: they are shown this once and never stored.
  return data(
    { svg: "", secret: "", errors: null, codes, next: nextOf(request) },
    { headers: finishSignIn(pending, "enrolled") },
  );
}

// Once the codes are shown the pending session is gone, so this route's loader would send the person on before they
// had saved them: the page stays as the action answered.
export function shouldRevalidate({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return actionResult?.codes ? false : defaultShouldRevalidate;
}

export default function SignInEnrol({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  if (p.codes)
    return (
      <>
        <PageTitle title={t("twoFactor.codesTitle")} />
        <h1>{t("twoFactor.enrolledTitle")}</h1>
        <RecoveryCodes codes={p.codes} continueTo={p.next} />
      </>
    );
  return (
    <>
      <PageTitle title={t("twoFactor.enrolTitle")} error={Boolean(p.errors)} />
      <ErrorSummary errors={p.errors} />
      <h1>{t("twoFactor.enrolTitle")}</h1>
      <p>{t("twoFactor.enrolIntro")}</p>
      <EnrolPanel svg={p.svg} secret={p.secret} error={p.errors?.code} />
    </>
  );
}
