import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import { keepTypingAfterSignIn } from "./KeepTyping";

/** On the sign-in page after a session ended: why, and that the typing comes back (kept in this tab, never sent). */
export function SignedOutNotice(props: {
  reason: "idle" | "absolute" | "ended";
  sent: boolean;
  kept: boolean;
  minutes: number;
  hours: number;
}) {
  const { t } = useTranslation();
  useEffect(() => keepTypingAfterSignIn(), []);
  return (
    <div className="notice warn" role="status">
      <p style={{ marginTop: 0 }}>
        {t(`sessionTimeout.signedOut.${props.reason}`, { minutes: props.minutes, hours: props.hours })}
      </p>
      {props.sent && (
        <p style={{ marginBottom: 0 }}>
          {t(props.kept ? "sessionTimeout.signedOut.kept" : "sessionTimeout.signedOut.sent")}
        </p>
      )}
    </div>
  );
}
