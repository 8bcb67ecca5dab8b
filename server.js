// Production server: static files, security headers, a cross-origin POST guard, then React Router.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import { parse as parseCookie } from "cookie";
import express from "express";
import { requestGuard } from "./server/request-guard.js";
import { createWorkerPool, defaultWorkerCount } from "./server/worker-pool.js";

const port = Number(process.env.PORT || 3000);
const build = await import("./build/server/index.js");
// Open the database and apply migrations before taking requests.
build.entry.module.warmUp?.();
// Long work (a summary's figures over a million contributions, packing a DOCX) runs in worker threads, so no request
// holds the event loop for others. WORKER_THREADS=0 runs it here instead.
const workerCount = defaultWorkerCount();
if (workerCount > 0) build.entry.module.setWorkerPool(createWorkerPool({ size: workerCount }));

// The one message this file shows people, in their language (the same cookie as the language switch).
const crossSiteMessage = Object.fromEntries(
  ["en", "pl", "ar"].map((lang) => [
    lang,
    JSON.parse(fs.readFileSync(`public/locales/${lang}/common.json`, "utf8")).error.crossSite,
  ]),
);
const languageOf = (req) => {
  const lang = parseCookie(req.get("cookie") ?? "").sb_lang;
  return lang === "pl" || lang === "ar" ? lang : "en";
};

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  // Over HTTPS (directly, or behind a proxy trusted with TRUST_PROXY=1): browsers never come back over plain HTTP.
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader(
    "Permissions-Policy",
    "geolocation=(), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()",
  );
  next();
});

// Mutations only from our own pages: a POST from another site is refused before it reaches any action.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const origin = req.get("origin");
  const host = req.get("host");
  let sameOrigin;
  if (origin && origin !== "null") {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  } else {
    const site = req.get("sec-fetch-site");
    sameOrigin = !site || site === "same-origin" || site === "none";
  }
  if (!sameOrigin) {
    res.status(403).type("text/plain").send(crossSiteMessage[languageOf(req)]);
    return;
  }
  next();
});

app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));

app.use(requestGuard);

// A staff form sent without JavaScript after the session ended: its fields are kept for an hour for that person
// (app/auth/kept-form.server.ts) and the sign-in page comes back to the page, which offers to send them again. With
// JavaScript the form goes to a .data address and the browser keeps the typing itself. Sign-in pages are not forms of a
// session, so they pass.
const KEPT_COOKIE = "sb_kept";
app.use((req, res, next) => {
  if (req.method !== "POST" || !req.path.startsWith("/staff/") || req.path.endsWith(".data")) return next();
  if (/^\/staff\/(sign-in|sign-out|invite|session)(\/|$)/.test(req.path)) return next();
  if (!(req.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return next();
  const session = parseCookie(req.get("cookie") ?? "").sb_staff;
  if (!session) return next();
  const ended = build.entry.module.keepSignedOutForm(session, req.path, "");
  if (!ended) return next();
  // the body's size was checked by requestGuard; read it all, then keep what it holds
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("error", next);
  req.on("end", () => {
    let kept = ended;
    try {
      kept = build.entry.module.keepSignedOutForm(session, req.path, Buffer.concat(chunks).toString("utf8")) ?? ended;
    } catch (error) {
      // keeping is a kindness: if it fails, the person is still sent to sign in, as before
      console.error("A form sent after a session ended could not be kept:", error.message);
    }
    const { reason, token } = kept;
    const secure = process.env.NODE_ENV === "production" ? "; Secure" : "";
    if (token)
      res.setHeader(
        "Set-Cookie",
        `${KEPT_COOKIE}=${token}; Path=/staff; HttpOnly; SameSite=Lax; Max-Age=${60 * 60}${secure}`,
      );
    const back = encodeURIComponent(req.originalUrl);
    res.redirect(303, `/staff/sign-in?next=${back}&ended=${reason}&sent=1${token ? "&kept=1" : ""}`);
  });
});

// Pages hold answers, drafts and staff data: no browser or proxy keeps a copy unless a route says it may (open data).
app.use((_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!this.getHeader("Cache-Control")) this.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  };
  next();
});

app.all(
  "/{*splat}",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({ nonce: res.locals.nonce, ip: req.ip ?? "unknown" }),
  }),
);

const server = app.listen(port, () => {
  console.log(`Sounding Board is ready on http://localhost:${port}`);
});
// Keep idle connections longer than browsers and proxies do (Node's 5 s default closes them under people's feet).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
