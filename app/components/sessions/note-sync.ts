// Keeps a facilitator's notes safe: every change goes into a queue kept in localStorage (so a closed tab or a lost
// connection loses nothing), and the queue is sent in order, one at a time, whenever the network is there. The server
// keys notes by the browser's id and keeps only a higher rev, so a save sent twice is one note and an older save never
// overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from "react";

export type Note = {
  clientId: string;
  rev: number;
  agendaQuestionId: number;
  body: string;
  outcomeIds: number[];
  marker: string | null;
  fromFlipchart: boolean;
};

export type ServerNote = Note & { id: number; updatedAt: string };

export type SyncState = "saved" | "saving" | "offline" | "error" | "signedOut";

type Queued = Note;

// Each tab keeps its own queue under its own key (a tab id kept in sessionStorage, so a reload is the same tab): two
// tabs on one session never overwrite each other's unsent notes. A tab that opens takes over every queue left for
// the session, by any tab, and sends them with its own; sending twice is harmless (notes are keyed by id and rev).
const prefix = (sessionId: number) => `sounding-board:notes:${sessionId}:`;

function tabId() {
  try {
    let id = window.sessionStorage.getItem("sounding-board:tab");
    if (!id) {
      id = newClientId();
      window.sessionStorage.setItem("sounding-board:tab", id);
    }
    return id;
  } catch {
    return "tab";
  }
}

const storageKey = (sessionId: number) => `${prefix(sessionId)}${tabId()}`;

/** Every queue left for this session, oldest note first within each, one save per note (its highest rev). */
function readQueue(sessionId: number): Queued[] {
  try {
    const keys = Object.keys(window.localStorage).filter((k) => k.startsWith(prefix(sessionId)));
    const byId = new Map<string, Queued>();
    for (const key of keys) {
      const parsed = JSON.parse(window.localStorage.getItem(key) ?? "[]") as Queued[];
      if (!Array.isArray(parsed)) continue;
      for (const q of parsed) {
        const have = byId.get(q.clientId);
        if (!have || have.rev < q.rev) byId.set(q.clientId, q);
      }
      if (key !== storageKey(sessionId)) window.localStorage.removeItem(key);
    }
    return [...byId.values()];
  } catch {
    return [];
  }
}

function writeQueue(sessionId: number, queue: Queued[]) {
  try {
    if (queue.length) window.localStorage.setItem(storageKey(sessionId), JSON.stringify(queue));
    else window.localStorage.removeItem(storageKey(sessionId));
  } catch {
    // Private mode or a full store: the queue still lives in memory for this page.
  }
}

function toForm(n: Note) {
  const form = new URLSearchParams();
  form.set("agendaQuestionId", String(n.agendaQuestionId));
  form.set("clientId", n.clientId);
  form.set("rev", String(n.rev));
  form.set("body", n.body);
  for (const o of n.outcomeIds) form.append("outcome", String(o));
  form.set("marker", n.marker ?? "");
  form.set("fromFlipchart", n.fromFlipchart ? "1" : "");
  return form;
}

export function newClientId() {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `n-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * The notes of a session as this screen knows them, and `save` to change one. `onRejected` is told of a note the
 * server refused (too long: the note stays on screen with its words).
 */
export function useNoteSync(opts: {
  sessionId: number;
  initial: ServerNote[];
  endpoint: string;
  pollMs?: number;
  onRejected?: (clientId: string, reason: string) => void;
}) {
  const { sessionId, endpoint, pollMs = 3000 } = opts;
  const [notes, setNotes] = useState<Note[]>(opts.initial);
  const [state, setState] = useState<SyncState>("saved");
  const [pending, setPending] = useState(0);
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const queue = useRef<Queued[]>([]);
  const sending = useRef(false);
  const since = useRef<string>(opts.initial.reduce((m, n) => (n.updatedAt > m ? n.updatedAt : m), ""));
  const onRejected = useRef(opts.onRejected);
  onRejected.current = opts.onRejected;

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      while (queue.current.length) {
        if (!navigator.onLine) {
          setState("offline");
          return;
        }
        const next = queue.current[0];
        setState("saving");
        let response: Response;
        try {
          response = await fetch(endpoint, {
            method: "POST",
            body: toForm(next),
            headers: { Accept: "application/json" },
            credentials: "same-origin",
            // A redirect here means the staff session ended (sign-in page): not a save. Keep the note and say so.
            redirect: "manual",
          });
        } catch {
          setState("offline");
          return;
        }
        if (response.type === "opaqueredirect" || response.status === 401) {
          setState("signedOut");
          return;
        }
        const final =
          response.status === 400 || response.status === 403 || response.status === 404 || response.status === 409;
        let saved: ServerNote | null = null;
        let refusal: string | null = null;
        if (response.ok) {
          try {
            saved = ((await response.json()) as { note: ServerNote }).note;
          } catch {
            saved = null;
          }
          if (!saved) {
            setState("error");
            return;
          }
        } else if (final) {
          refusal = ((await response.json().catch(() => ({}))) as { error?: string }).error ?? "invalid";
        } else {
          // 5xx, 429 and anything unexpected: kept, tried again.
          setState("error");
          return;
        }
        // Stored (or refused for good): only now off the queue, in order.
        queue.current.shift();
        writeQueue(sessionId, queue.current);
        setPending(queue.current.length);
        if (saved) {
          setLastSaved(new Date().toISOString());
          const server = saved;
          // Someone else's edit of this note won (a higher rev, or the same rev first): show what is kept.
          if (server.rev !== next.rev || server.body !== next.body)
            setNotes((current) =>
              current.map((n) => (n.clientId === server.clientId && n.rev <= server.rev ? server : n)),
            );
        } else if (refusal) onRejected.current?.(next.clientId, refusal);
      }
      setState("saved");
    } finally {
      sending.current = false;
    }
  }, [endpoint, sessionId]);

  // Notes typed before the page was last closed, or while it was offline, are sent first, in order.
  useEffect(() => {
    const stored = readQueue(sessionId);
    if (stored.length) {
      queue.current = stored;
      setPending(stored.length);
      setNotes((current) => {
        const byId = new Map(current.map((n) => [n.clientId, n]));
        for (const q of stored) {
          const have = byId.get(q.clientId);
          if (!have || have.rev < q.rev) byId.set(q.clientId, q);
        }
        return [...byId.values()];
      });
      void flush();
    }
    const online = () => void flush();
    const offline = () => setState("offline");
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    // A lost request (no "online" event) is tried again.
    const retry = window.setInterval(() => {
      if (queue.current.length) void flush();
    }, 4000);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      window.clearInterval(retry);
    };
  }, [sessionId, flush]);

  // Another facilitator's notes, and their edits, appear here.
  useEffect(() => {
    const poll = window.setInterval(async () => {
      if (!navigator.onLine || document.hidden) return;
      try {
        const url = `${endpoint}?since=${encodeURIComponent(since.current)}`;
        const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok) return;
        const { notes: changed } = (await response.json()) as { notes: ServerNote[] };
        if (!changed.length) return;
        for (const n of changed) if (n.updatedAt > since.current) since.current = n.updatedAt;
        setNotes((current) => {
          const byId = new Map(current.map((n) => [n.clientId, n]));
          for (const n of changed) {
            const have = byId.get(n.clientId);
            const queued = queue.current.some((q) => q.clientId === n.clientId);
            if (!have || (have.rev < n.rev && !queued)) byId.set(n.clientId, n);
          }
          return [...byId.values()];
        });
      } catch {
        // Offline: the next poll tries again.
      }
    }, pollMs);
    return () => window.clearInterval(poll);
  }, [endpoint, pollMs]);

  /** Changes a note (or adds it) here at once, and queues it for the server. */
  const save = useCallback(
    (note: Note) => {
      setNotes((current) => {
        const i = current.findIndex((n) => n.clientId === note.clientId);
        if (i === -1) return [...current, note];
        const copy = current.slice();
        copy[i] = note;
        return copy;
      });
      // One queued save per note: a newer one replaces an older one still waiting, keeping its place in the line.
      const at = queue.current.findIndex((q) => q.clientId === note.clientId);
      if (at >= 0 && !(sending.current && at === 0)) queue.current[at] = note;
      else queue.current.push(note);
      writeQueue(sessionId, queue.current);
      setPending(queue.current.length);
      void flush();
    },
    [flush, sessionId],
  );

  const isQueued = useCallback((clientId: string) => queue.current.some((q) => q.clientId === clientId), []);

  return { notes, save, state, pending, lastSaved, isQueued };
}
