import { useEffect, useState } from "react";
import { data, redirect } from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import { getPass } from "~/models/passes/session.server";
import { safeBack } from "~/utils/http";
import type { Route } from "./+types/words";
import "./pass.css";
import { clearWordsCookie, readWordsCookie } from "./shared.server";

/** The one time the words are shown: the cookie that carried them is cleared by this response. */
export async function loader({ request }: Route.LoaderArgs) {
  const pass = getPass(request);
  const words = readWordsCookie(request);
  if (!pass || !words) throw redirect("/pass", { headers: { "Set-Cookie": clearWordsCookie() } });
  return data(
    { nickname: pass.nickname, words, next: safeBack(new URL(request.url).searchParams.get("next"), "/pass") },
    { headers: { "Set-Cookie": clearWordsCookie(), "Cache-Control": "no-store" } },
  );
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export default function Words({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  // Printing is offered as a button only when scripts run; without them the browser's own Print works the same.
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <>
      <PageTitle title={t("pass.words.title")} />
      <h1>{t("pass.words.title")}</h1>
      <p>{t("pass.words.intro")}</p>
      <div className="pass-card">
        <dl>
          <dt>{t("pass.words.nickname")}</dt>
          <dd className="pass-nickname">
            <span lang="en" dir="ltr">
              {p.nickname}
            </span>
          </dd>
          <dt>{t("pass.words.secret")}</dt>
          <dd>
            <ol className="pass-words" lang="en" dir="ltr">
              {p.words.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same word may come twice
                <li key={i}>{w}</li>
              ))}
            </ol>
          </dd>
        </dl>
      </div>
      <div className="notice warn">
        <p style={{ margin: 0 }}>{t("pass.words.once")}</p>
      </div>
      <ul>
        <li>{t("pass.words.tip1")}</li>
        <li>{t("pass.words.tip2")}</li>
        <li>{t("pass.words.tip3")}</li>
      </ul>
      <div className="button-row no-print">
        {canPrint ? (
          <button type="button" className="button secondary" onClick={() => window.print()}>
            {t("pass.words.print")}
          </button>
        ) : (
          <p className="hint">{t("pass.words.printHint")}</p>
        )}
      </div>
      <div className="button-row no-print">
        <a href={p.next} className="button">
          {t("pass.words.done")}
        </a>
      </div>
    </>
  );
}
