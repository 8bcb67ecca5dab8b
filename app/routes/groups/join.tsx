import { data, Form, redirect } from "react-router";
import { ChoiceGroup } from "~/components/ChoiceGroup";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import {
  findGroupByCode,
  formatJoinCode,
  GroupError,
  joinGroup,
  joinRetryAfter,
  normalizeJoinCode,
  recordJoinFailure,
} from "~/models/groups.server";
import { getPass } from "~/models/passes/session.server";
import { listLocalities, shownAgeBands } from "~/models/reference.server";
import type { Route } from "./+types/join";

type Found = {
  id: number;
  name: string;
  parents: boolean;
  place: string | null;
  accessInfo: string | null;
};
type State =
  | { step: "type"; typed: string; error: "not_found" | null; minutes?: undefined }
  | { step: "closed"; typed: string }
  | { step: "wait"; minutes: number }
  | {
      step: "found";
      code: string;
      group: Found;
      signedIn: boolean;
      localities: { id: number; name: string }[];
      bands: string[];
      next: string;
    };

// Rate-limited per address, whether the code came in a link or was typed: looking a code up is what a guesser does.
const attemptKey = (ip: string | undefined) => `join:${ip ?? "unknown"}`;

function lookUp(typed: string, ip: string | undefined, signedIn: boolean) {
  const key = attemptKey(ip);
  const wait = joinRetryAfter(key);
  if (wait > 0) {
    return data({ step: "wait", minutes: Math.ceil(wait / 60) } as State, {
      status: 429,
      headers: { "Retry-After": String(wait) },
    });
  }
  const found = findGroupByCode(typed);
  if (found === null) {
    recordJoinFailure(key);
    return data({ step: "type", typed, error: "not_found" } as State, { status: 400 });
  }
  if (found === "closed") return data({ step: "closed", typed } as State, { status: 410 });
  const code = normalizeJoinCode(typed);
  return data({
    step: "found",
    code: formatJoinCode(code),
    group: {
      id: found.id,
      name: found.name,
      parents: found.audience === "parents_carers",
      place: found.place,
      accessInfo: found.accessInfo,
    },
    signedIn,
    localities: listLocalities().map((l) => ({ id: l.id, name: l.name })),
    bands: shownAgeBands(),
    next: `/join?code=${formatJoinCode(code)}`,
  } as State);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const typed = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40);
  if (!typed.trim()) return data({ step: "type", typed: "", error: null } as State);
  return lookUp(typed, context?.ip, Boolean(getPass(request)));
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const typed = String(form.get("code") ?? "").slice(0, 40);
  const pass = getPass(request);
  if (!pass) throw redirect(`/pass/sign-in?next=${encodeURIComponent(`/join?code=${typed}`)}`);
  const looked = lookUp(typed, context?.ip, true);
  if (looked.data.step !== "found") return looked;
  const age = String(form.get("age") ?? "");
  const locality = String(form.get("locality") ?? "");
  try {
    joinGroup({
      groupId: looked.data.group.id,
      passId: pass.id,
      // A band no longer shown is kept as not given, like anything else that is not on the list.
      ageBand: looked.data.bands.includes(age) ? age : null,
      localityId: /^\d{1,9}$/.test(locality) ? Number(locality) : null,
    });
  } catch (error) {
    // Closed between the look-up and the join.
    if (error instanceof GroupError && error.code === "closed")
      return data({ step: "closed", typed } as State, { status: 410 });
    throw error;
  }
  return redirect(`/pass?joined=${looked.data.group.id}`);
}

/** Retry-After, from whichever of the loader and the action answered. */
export function headers({ loaderHeaders, actionHeaders }: Route.HeadersArgs) {
  const out = new Headers(loaderHeaders);
  for (const [name, value] of actionHeaders ?? []) out.set(name, value);
  return out;
}

export default function Join({ loaderData, actionData }: Route.ComponentProps) {
  const p = actionData ?? loaderData;
  const { t } = useTranslation();
  if (p.step === "wait") {
    return (
      <>
        <PageTitle title={t("join.wait.title")} />
        <h1>{t("join.wait.title")}</h1>
        <p>{t("join.wait.body")}</p>
        <p>{t("join.wait.when", { count: p.minutes })}</p>
        <p>
          <a href="/">{t("error.home")}</a>
        </p>
      </>
    );
  }
  if (p.step === "closed") {
    return (
      <>
        <PageTitle title={t("join.closed.title")} />
        <h1>{t("join.closed.title")}</h1>
        <p>{t("join.closed.body")}</p>
        <p>
          <a href="/join" className="button secondary">
            {t("join.tryAnother")}
          </a>
        </p>
      </>
    );
  }
  if (p.step === "type") {
    const errors = p.error ? { code: t("join.notFound") } : null;
    return (
      <>
        <PageTitle title={p.error ? t("join.notFoundTitle") : t("join.title")} error={Boolean(errors)} />
        <ErrorSummary errors={errors} />
        <h1>{p.error ? t("join.notFoundTitle") : t("join.title")}</h1>
        <p>{t("join.intro")}</p>
        {/* GET, so a typed code lands on the same address as the poster's QR code. */}
        <Form method="get" action="/join" noValidate>
          <div className={`field${errors ? " has-error" : ""}`}>
            <label className="label" htmlFor="code">
              {t("join.codeLabel")}
            </label>
            <p className="hint" id="code-hint">
              {t("join.codeHint")}
            </p>
            <FieldError id="code" message={errors?.code} />
            <input
              type="text"
              id="code"
              name="code"
              defaultValue={p.typed}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              dir="ltr"
              lang="en"
              className="join-code-input"
              aria-describedby={errors ? "code-hint code-error" : "code-hint"}
              aria-invalid={errors ? true : undefined}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button">
              {t("join.find")}
            </button>
          </div>
        </Form>
      </>
    );
  }
  const g = p.group;
  const next = encodeURIComponent(p.next);
  return (
    <>
      <PageTitle title={t("join.found.title", { name: g.name })} />
      <h1 dir="auto">{g.name}</h1>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t("join.found.where")}</dt>
          <dd dir="auto">{g.place ?? t("join.found.whereNone")}</dd>
        </div>
        {g.accessInfo && (
          <div className="summary-row">
            <dt>{t("join.found.access")}</dt>
            <dd dir="auto" style={{ whiteSpace: "pre-wrap" }}>
              {g.accessInfo}
            </dd>
          </div>
        )}
      </dl>
      {!p.signedIn ? (
        <>
          <h2>{t("join.needPass.title")}</h2>
          <p>{t("join.needPass.body")}</p>
          <div className="button-row">
            <a href={`/pass/new?next=${next}`} className="button">
              {t("join.needPass.get")}
            </a>
            <a href={`/pass/sign-in?next=${next}`} className="button secondary">
              {t("join.needPass.signIn")}
            </a>
          </div>
        </>
      ) : (
        <Form method="post" action={`/join?code=${p.code}`} noValidate>
          <input type="hidden" name="code" value={p.code} />
          <p>{t("join.found.optional")}</p>
          <ChoiceGroup
            type="radio"
            name="age"
            id="age"
            legend={t("join.found.ageLegend")}
            hint={t("join.found.ageHint")}
            choices={[
              ...(g.parents ? [{ value: "parent", label: t("join.found.parent") }] : []),
              ...p.bands.map((b) => ({ value: b, label: t(`ageBand.${b}`) })),
              { value: "prefer_not", label: t("ageBand.prefer_not") },
            ]}
            checked={[]}
          />
          <div className="field">
            <label className="label" htmlFor="locality">
              {t("join.found.localityLabel")}
            </label>
            <p className="hint" id="locality-hint">
              {t("join.found.localityHint")}
            </p>
            <select id="locality" name="locality" defaultValue="" aria-describedby="locality-hint">
              <option value="">{t("ageBand.prefer_not")}</option>
              {p.localities.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" className="button">
              {t("join.found.submit")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
