import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { verifyPassSignIn } from "~/models/passes/passes.server";
import { getPass, startPassSession } from "~/models/passes/session.server";
import { safeBack } from "~/utils/http";
import type { Route } from "./+types/sign-in";
import { addressMayTry, countFailedTry, tooManyMessage } from "./shared.server";

const schema = z.object({
  nickname: z.string().trim().min(1, "nickname").max(60, "nicknameLong"),
  words: z.string().trim().min(1, "words").max(200, "wordsLong"),
});

type Errors = Record<string, string> | null;

/** Where to go once signed in (a join link, a session): a path on this site, else the pass page. */
const nextOf = (value: unknown) => safeBack(typeof value === "string" ? value : null, "/pass");

export async function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const next = nextOf(search.get("next"));
  if (getPass(request)) throw redirect(next);
  return { values: { nickname: "" }, errors: null as Errors, signedOut: search.has("signed-out"), next };
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = getT(request);
  const form = Object.fromEntries(await request.formData());
  // What was typed comes back, except the secret words: they are never written into a page.
  const values = { nickname: typeof form.nickname === "string" ? form.nickname.slice(0, 60) : "" };
  const next = nextOf(form.next);
  const address = addressMayTry(context?.ip);
  if (!address.ok) {
    return data(
      { values, errors: { nickname: tooManyMessage(request, address.minutes) } as Errors, signedOut: false, next },
      { status: 429, headers: { "Retry-After": String(address.minutes * 60) } },
    );
  }
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) === "words" ? "words" : "nickname";
      errors[field] ??= t(`pass.signIn.error.${issue.message}`);
    }
    return data({ values, errors: errors as Errors, signedOut: false, next }, { status: 400 });
  }
  const result = await verifyPassSignIn(parsed.data.nickname, parsed.data.words);
  if (!result.ok) {
    if (result.reason === "wrong") countFailedTry(context?.ip);
    const minutes = Math.ceil(result.waitSeconds / 60);
    const message = result.reason === "wait" ? tooManyMessage(request, minutes) : t("pass.signIn.error.wrong");
    return data(
      { values, errors: { nickname: message } as Errors, signedOut: false, next },
      result.reason === "wait"
        ? { status: 429, headers: { "Retry-After": String(result.waitSeconds) } }
        : { status: 400 },
    );
  }
  return redirect(next, { headers: { "Set-Cookie": startPassSession(result.passId) } });
}

export default function PassSignIn({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  const errors: Record<string, string> = p.errors ?? {};
  return (
    <>
      <PageTitle title={t("pass.signIn.title")} error={Boolean(p.errors)} />
      <a href="/pass" className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={p.errors} />
      {p.signedOut && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t("pass.signIn.signedOut")}</p>
        </div>
      )}
      <h1>{t("pass.signIn.title")}</h1>
      <p>{t("pass.signIn.intro")}</p>
      <Form method="post" noValidate>
        {p.next !== "/pass" && <input type="hidden" name="next" value={p.next} />}
        <div className={`field${errors.nickname ? " has-error" : ""}`}>
          <label htmlFor="nickname">{t("pass.signIn.nickname")}</label>
          <p className="hint" id="nickname-hint">
            {t("pass.signIn.nicknameHint")}
          </p>
          <FieldError id="nickname" message={errors.nickname} />
          <input
            type="text"
            id="nickname"
            name="nickname"
            defaultValue={p.values.nickname}
            autoComplete="username"
            autoCapitalize="words"
            spellCheck={false}
            dir="ltr"
            lang="en"
            aria-describedby={errors.nickname ? "nickname-hint nickname-error" : "nickname-hint"}
            aria-invalid={errors.nickname ? true : undefined}
          />
        </div>
        <div className={`field${errors.words ? " has-error" : ""}`}>
          <label htmlFor="words">{t("pass.signIn.words")}</label>
          <p className="hint" id="words-hint">
            {t("pass.signIn.wordsHint")}
          </p>
          <FieldError id="words" message={errors.words} />
          <input
            type="text"
            id="words"
            name="words"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            dir="ltr"
            lang="en"
            aria-describedby={errors.words ? "words-hint words-error" : "words-hint"}
            aria-invalid={errors.words ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t("pass.signIn.submit")}
          </button>
        </div>
      </Form>
      <h2>{t("pass.signIn.lostTitle")}</h2>
      <p>{t("pass.signIn.lostBody")}</p>
      <p>
        <a
          href={p.next === "/pass" ? "/pass/new" : `/pass/new?next=${encodeURIComponent(p.next)}`}
          className="button secondary"
        >
          {t("pass.landing.get")}
        </a>
      </p>
    </>
  );
}
