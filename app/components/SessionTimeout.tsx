// WCAG 2.2.1: two minutes before the session would end, a dialog says so and lets the person stay signed in. Before it
// shows, and after "Stay signed in", the end is read again from the server, so requests from other tabs count.
import { useCallback, useEffect, useRef, useState } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "~/i18n/react";
import type { SessionStatus } from "~/routes/staff/session";
import { Button } from "./ui/Button";

export const WARN_BEFORE_MS = 2 * 60_000;

export type SessionTimeoutProps = {
  endsAt: string;
  /** The server's clock when endsAt was read: the browser's clock may differ. */
  now: string;
  absolute: boolean;
  idleMinutes: number;
  absoluteHours: number;
};

type Phase = "waiting" | "warning" | "capped" | "acknowledged";

async function readStatus(method: "GET" | "POST"): Promise<SessionStatus> {
  const res = await fetch("/staff/session", {
    method,
    headers: {
      Accept: "application/json",
      ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: method === "POST" ? "extend=1" : undefined,
    credentials: "same-origin",
  });
  if (res.status === 401) return { ended: true };
  if (!res.ok) throw new Error(String(res.status));
  return (await res.json()) as SessionStatus;
}

export function SessionTimeout(props: SessionTimeoutProps) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>("waiting");
  const [left, setLeft] = useState(WARN_BEFORE_MS);
  const [limits, setLimits] = useState({ absolute: props.absolute, hours: props.absoluteHours });
  const deadline = useRef(Date.now() + (Date.parse(props.endsAt) - Date.parse(props.now)));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const signedOut = useCallback((absolute: boolean) => {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(`/staff/sign-in?next=${next}&ended=${absolute ? "absolute" : "idle"}`);
  }, []);

  const adopt = useCallback((s: Extract<SessionStatus, { ended: false }>) => {
    deadline.current = Date.now() + (Date.parse(s.endsAt) - Date.parse(s.now));
    setLimits({ absolute: s.absolute, hours: s.absoluteHours });
    return s;
  }, []);

  // Waits until two minutes before the end, asks the server, and either waits again or warns.
  const arm = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      async () => {
        try {
          const s = await readStatus("GET");
          if (s.ended) return signedOut(limits.absolute);
          adopt(s);
          if (deadline.current - Date.now() > WARN_BEFORE_MS + 5000) return arm();
          setPhase(s.absolute ? "capped" : "warning");
        } catch {
          // Offline or the server restarting: try again shortly rather than warn on a guess.
          timer.current = setTimeout(arm, 30_000);
        }
      },
      Math.max(0, deadline.current - Date.now() - WARN_BEFORE_MS),
    );
  }, [adopt, signedOut, limits.absolute]);

  // A new page's data (after a navigation or a form) carries a fresh end.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-armed when the server's figures change
  useEffect(() => {
    deadline.current = Date.now() + (Date.parse(props.endsAt) - Date.parse(props.now));
    setPhase((p) => (p === "waiting" ? p : "waiting"));
    arm();
    return () => clearTimeout(timer.current);
  }, [props.endsAt, props.now]);

  // While the dialog is open: the time left, and at the end, the sign-in page (once the server agrees).
  useEffect(() => {
    if (phase === "waiting") return;
    const tick = setInterval(async () => {
      const ms = deadline.current - Date.now();
      setLeft(Math.max(0, ms));
      if (ms > -1500) return;
      clearInterval(tick);
      const s = await readStatus("GET").catch(() => null);
      if (!s || s.ended) signedOut(limits.absolute);
      else {
        adopt(s);
        setPhase("waiting");
        arm();
      }
    }, 1000);
    setLeft(Math.max(0, deadline.current - Date.now()));
    return () => clearInterval(tick);
  }, [phase, adopt, arm, signedOut, limits.absolute]);

  const stay = async () => {
    const s = await readStatus("POST").catch(() => null);
    if (!s || s.ended) return signedOut(limits.absolute);
    adopt(s);
    if (s.absolute && deadline.current - Date.now() <= WARN_BEFORE_MS + 5000) {
      setLeft(Math.max(0, deadline.current - Date.now()));
      setPhase("capped");
      return;
    }
    setPhase("waiting");
    arm();
  };

  const open = phase === "warning" || phase === "capped";
  // Announced when the minute changes, not every second.
  const minutes = Math.ceil(left / 60_000);
  const countdown =
    phase === "capped"
      ? left < 60_000
        ? t("sessionTimeout.absoluteSoon", { hours: limits.hours })
        : t("sessionTimeout.absolute", { count: minutes, hours: limits.hours })
      : left < 60_000
        ? t("sessionTimeout.idleSoon")
        : t("sessionTimeout.idle", { count: minutes });

  return (
    <ModalOverlay
      isOpen={open}
      isDismissable={false}
      onOpenChange={(isOpen) => {
        // Escape: stay signed in (or, when that cannot help, close the notice).
        if (isOpen) return;
        if (phase === "warning") void stay();
        else setPhase("acknowledged");
      }}
      className="timeout-overlay"
    >
      <Modal className="timeout-modal">
        <Dialog role="alertdialog" className="timeout-dialog" aria-describedby="timeout-countdown">
          <Heading slot="title">
            {phase === "capped" ? t("sessionTimeout.absoluteTitle") : t("sessionTimeout.title")}
          </Heading>
          <p id="timeout-countdown" aria-live="polite">
            {countdown}
          </p>
          <p>{t("sessionTimeout.kept")}</p>
          <div className="button-row">
            {phase === "warning" ? (
              <Button type="button" autoFocus onPress={() => void stay()}>
                {t("sessionTimeout.stay")}
              </Button>
            ) : (
              <Button type="button" autoFocus onPress={() => setPhase("acknowledged")}>
                {t("sessionTimeout.close")}
              </Button>
            )}
            <form method="post" action="/staff/sign-out">
              <Button variant="secondary">{t("staff.signOut")}</Button>
            </form>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
