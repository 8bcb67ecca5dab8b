import { useEffect, useState } from "react";
import { Form } from "react-router";
import { FieldError } from "~/components/ErrorSummary";
import { useTranslation } from "~/i18n/react";

/**
 * The QR code to scan and the same secret as text for anyone who cannot scan it, then the field for the first code.
 * The SVG is made on the server by the qrcode library from our own data; nothing else is put in it.
 */
export function EnrolPanel(props: { svg: string; secret: string; error?: string; intent?: string }) {
  const { t } = useTranslation();
  const error = props.error;
  return (
    <>
      <ol className="steps">
        <li>{t("twoFactor.enrolStep1")}</li>
        <li>
          {t("twoFactor.enrolStep2")}
          <div
            className="qr-code"
            role="img"
            aria-label={t("twoFactor.qrLabel")}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG string the server drew with qrcode, no user input
            dangerouslySetInnerHTML={{ __html: props.svg }}
          />
          <p id="secret-hint">{t("twoFactor.secretIntro")}</p>
          <p>
            <code className="secret-text" dir="ltr" aria-describedby="secret-hint">
              {props.secret}
            </code>
          </p>
        </li>
        <li>{t("twoFactor.enrolStep3")}</li>
      </ol>
      <Form method="post" noValidate style={{ maxWidth: "28rem" }}>
        {props.intent && <input type="hidden" name="intent" value={props.intent} />}
        <div className={`field${error ? " has-error" : ""}`}>
          <label htmlFor="code">{t("twoFactor.codeLabel")}</label>
          <p className="hint" id="code-hint">
            {t("twoFactor.codeHint")}
          </p>
          <FieldError id="code" message={error} />
          <input
            id="code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            dir="ltr"
            maxLength={7}
            className="input-code input-code-short"
            aria-describedby={error ? "code-hint code-error" : "code-hint"}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t("twoFactor.turnOn")}
        </button>
      </Form>
    </>
  );
}

/** Recovery codes, shown once: to print, to download as text, then "I've saved them". */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string }) {
  const { t } = useTranslation();
  // Printing needs JavaScript; without it the button would do nothing, so it appears only once scripts run.
  const [scripts, setScripts] = useState(false);
  useEffect(() => setScripts(true), []);
  const text = `${t("twoFactor.codesFileTitle")}\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="codes-title" className="panel recovery-codes">
      <h2 id="codes-title">{t("twoFactor.codesTitle")}</h2>
      <p>{t("twoFactor.codesIntro", { count: codes.length })}</p>
      <ol className="code-list" dir="ltr">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <ul className="action-links no-print">
        <li>
          <a
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
            download="sounding-board-recovery-codes.txt"
          >
            {t("twoFactor.download")}
          </a>
        </li>
        {scripts && (
          <li>
            <button type="button" className="link-button" onClick={() => window.print()}>
              {t("twoFactor.print")}
            </button>
          </li>
        )}
      </ul>
      <p className="no-print">
        <a className="button" href={continueTo}>
          {t("twoFactor.saved")}
        </a>
      </p>
    </section>
  );
}
