// No typing lost to a timeout: while a member of staff types into a form, each text field is kept in this tab's
// sessionStorage (never a password field; nothing reaches the server). A form sent while signed in clears its fields'
// copies; after signing in again the copies for the page come back, with a notice.
import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { useTranslation } from "~/i18n/react";

const STORE = "sounding-board:typing";
const SENT = "sounding-board:typing-sent";
const RESTORE = "sounding-board:typing-restore";
const KEEP_MS = 24 * 3600_000;
const MAX_CHARS = 100_000;
const KEPT_TYPES = new Set(["text", "search", "email", "url", "tel", "number"]);

type Kept = Record<string, { v: string; at: number }>;

function read<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(window.sessionStorage.getItem(key) ?? "null") as T) ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown) {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused (private mode): the typing is simply not kept.
  }
}

type Field = HTMLInputElement | HTMLTextAreaElement;

function keptField(el: EventTarget | null): el is Field {
  if (el instanceof HTMLTextAreaElement) return Boolean(el.name && el.form);
  return (
    el instanceof HTMLInputElement &&
    KEPT_TYPES.has(el.type) &&
    Boolean(el.name && el.form) &&
    el.autocomplete !== "one-time-code" &&
    !el.closest("[data-keep-typing='off']")
  );
}

function formKey(form: HTMLFormElement) {
  const action = new URL(form.action || window.location.href, window.location.href);
  return `${window.location.pathname}|${action.pathname}${action.search}`;
}

/** Called by the sign-in page when a session ended: the forms sent just before were refused, so keep their typing. */
export function keepTypingAfterSignIn() {
  window.sessionStorage.removeItem(SENT);
  window.sessionStorage.setItem(RESTORE, "1");
}

/** Drops every kept field (signing out on purpose: nothing of it stays in the tab). */
export function forgetTyping() {
  for (const key of [STORE, SENT, RESTORE]) window.sessionStorage.removeItem(key);
}

function setValue(el: Field, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  // The native setter, then an input event, so react-aria's and React's own state see the change too.
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

export function KeepTyping() {
  const { t } = useTranslation();
  const location = useLocation();
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const onInput = (e: Event) => {
      const el = e.target;
      if (!keptField(el) || !el.form) return;
      const kept = read<Kept>(STORE, {});
      const key = `${formKey(el.form)}|${el.name}`;
      if (el.value && el.value.length <= MAX_CHARS) kept[key] = { v: el.value, at: Date.now() };
      else delete kept[key];
      write(STORE, kept);
    };
    const onSubmit = (e: Event) => {
      const form = e.target;
      if (!(form instanceof HTMLFormElement)) return;
      if (new URL(form.action, window.location.href).pathname === "/staff/sign-out") {
        forgetTyping();
        return;
      }
      write(SENT, [...new Set([...read<string[]>(SENT, []), formKey(form)])]);
    };
    document.addEventListener("input", onInput, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("input", onInput, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, []);

  // Every page shown inside the staff layout means the session still worked: the forms sent before it went through.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per page shown
  useEffect(() => {
    const kept = read<Kept>(STORE, {});
    const sent = read<string[]>(SENT, []);
    const now = Date.now();
    for (const key of Object.keys(kept))
      if (now - kept[key].at > KEEP_MS || sent.some((form) => key.startsWith(`${form}|`))) delete kept[key];
    window.sessionStorage.removeItem(SENT);
    let put = 0;
    if (window.sessionStorage.getItem(RESTORE)) {
      window.sessionStorage.removeItem(RESTORE);
      for (const form of Array.from(document.forms)) {
        const prefix = `${formKey(form)}|`;
        for (const [key, { v }] of Object.entries(kept)) {
          if (!key.startsWith(prefix)) continue;
          const el = form.elements.namedItem(key.slice(prefix.length)) as Element | null;
          if (keptField(el) && el.value !== v) {
            setValue(el, v);
            put++;
          }
        }
      }
    }
    write(STORE, kept);
    setRestored(put > 0);
  }, [location.key]);

  // Rendered only when there is something to say: other pages' own status messages stay the only ones.
  return restored ? (
    <div role="status" className="notice">
      {t("sessionTimeout.restored")}
    </div>
  ) : null;
}
