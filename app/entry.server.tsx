import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { AppLoadContext, EntryContext } from "react-router";
import { isRouteErrorResponse, ServerRouter } from "react-router";
import { scheduleNightlyBackups } from "~/models/backups.server";
import { scheduleExportCleanup } from "~/models/papers/jobs.server";
import { scheduleDailyRetention } from "~/models/retention.server";
import { checkText } from "~/safeguarding";
import { getDb } from "~db/client";

// server.js keeps a form sent without JavaScript after a staff session ended (app/auth/kept-form.server.ts).
export { keepSignedOutForm } from "~/auth/kept-form.server";
// server.js hands its worker pool over; server/worker.js runs these tasks.
export { setWorkerPool, workerPoolSize } from "~/utils/off-loop.server";
export { workerStreams, workerTasks } from "~/workers/tasks.server";

export const streamTimeout = 5_000;

/** Called by server.js before it listens: opens the database and applies migrations. */
export function warmUp() {
  getDb();
  // The safeguarding check loads its model and lists on first use (a few hundred ms): pay that now, not while the
  // first child waits or an import is checked.
  checkText("warm up");
  scheduleNightlyBackups();
  scheduleExportCleanup();
  scheduleDailyRetention();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.nonce;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Wait for everything for crawlers and for our own no-JS pages: the whole document arrives at once.
    const readyOption = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} nonce={nonce} />,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * Errors React Router logs. A request it answers itself with a 4xx (a POST to a page that takes none: 405) is the
 * person's mistake, not ours: not logged, so a script cannot fill the log. Anything else is logged without the
 * request's body (no child's words in server logs).
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
