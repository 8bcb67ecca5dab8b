import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { ChoiceGroup } from "~/components/ChoiceGroup";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { linkReceipts } from "~/models/passes/holder.server";
import { createPass } from "~/models/passes/passes.server";
import { getPass, receiptHashesOf, startPassSession } from "~/models/passes/session.server";
import { passAgeBands } from "~/models/passes/types";
import { shownAgeBands } from "~/models/reference.server";
import { safeBack } from "~/utils/http";
import type { Route } from "./+types/new";
import { mayCreatePass, wordsCookie } from "./shared.server";

const schema = z.object({ age: z.enum([...passAgeBands, "prefer_not", "parent"]) });

/** The bands an administrator shows, in their order, then "rather not say" and "parent or carer". */
const choicesNow = () => [...shownAgeBands(), "prefer_not", "parent"];

/** Where to go once the pass is made (a join link, a session): a path on this site, else the pass page. */
const nextOf = (value: unknown) => safeBack(typeof value === "string" ? value : null, "/pass");

export async function loader({ request }: Route.LoaderArgs) {
  const next = nextOf(new URL(request.url).searchParams.get("next"));
  if (getPass(request)) throw redirect(next);
  return { errors: null as Record<string, string> | null, next, choices: choicesNow() };
}

export async function action({ request, context }: Route.ActionArgs) {
  if (getPass(request)) throw redirect("/pass");
  const t = getT(request);
  if (!mayCreatePass(context?.ip)) {
    throw data({ message: t("error.tooMany.body") }, { status: 429, headers: { "Retry-After": "900" } });
  }
  const form = Object.fromEntries(await request.formData());
  const next = nextOf(form.next);
  const choices = choicesNow();
  const parsed = schema.refine((v) => choices.includes(v.age)).safeParse(form);
  if (!parsed.success) return data({ errors: { age: t("pass.new.error.age") }, next, choices }, { status: 400 });
  const isParent = parsed.data.age === "parent";
  const age = parsed.data.age;
  const made = await createPass({ ageBand: age === "parent" || age === "prefer_not" ? null : age, isParent });
  // Answers this browser already sent are the holder's: linked now, so "you said, we did" can find them.
  linkReceipts(made.id, receiptHashesOf(request));
  const headers = new Headers();
  headers.append("Set-Cookie", startPassSession(made.id));
  headers.append("Set-Cookie", wordsCookie(made.words));
  return redirect(next === "/pass" ? "/pass/words" : `/pass/words?next=${encodeURIComponent(next)}`, { headers });
}

export default function NewPass({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = actionData?.errors ?? null;
  const next = actionData?.next ?? loaderData.next;
  const choices = actionData?.choices ?? loaderData.choices;
  return (
    <>
      <PageTitle title={t("pass.new.title")} error={Boolean(errors)} />
      <a href="/pass" className="back-link">
        {t("common.back")}
      </a>
      <ErrorSummary errors={errors} />
      <h1>{t("pass.new.title")}</h1>
      <p>{t("pass.new.intro")}</p>
      <Form method="post" noValidate>
        {next !== "/pass" && <input type="hidden" name="next" value={next} />}
        <ChoiceGroup
          type="radio"
          name="age"
          id="age"
          legend={t("pass.new.ageLegend")}
          hint={t("pass.new.ageHint")}
          error={errors?.age}
          choices={choices.map((c) => ({
            value: c,
            label: c === "parent" ? t("pass.new.parent") : t(`ageBand.${c}`),
          }))}
          checked={[]}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t("pass.new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
