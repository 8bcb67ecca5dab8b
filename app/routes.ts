import { index, layout, prefix, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  // Participants and the public
  index("routes/public/home.tsx"),
  route("language", "routes/public/language.ts"),
  route("healthz", "routes/public/healthz.ts"),
  route("privacy", "routes/public/privacy.tsx"),
  route("accessibility", "routes/public/accessibility.tsx"),
  route("you-said-we-did", "routes/public/you-said-we-did.tsx"),
  route("questions", "routes/public/coming-soon.tsx", { id: "questions" }),
  route("ask", "routes/ask/ask.tsx"),
  route("pass/questions/:id", "routes/ask/thread.tsx"),
  route("sessions", "routes/public/coming-soon.tsx", { id: "sessions" }),
  route("join", "routes/public/coming-soon.tsx", { id: "join" }),
  route("pass", "routes/public/coming-soon.tsx", { id: "pass" }),

  ...prefix("consultations", [
    index("routes/consultations/list.tsx"),
    route(":slug", "routes/consultations/start.tsx"),
    route(":slug/question/:number", "routes/consultations/question.tsx"),
    route(":slug/about-you", "routes/consultations/about-you.tsx"),
    route(":slug/check", "routes/consultations/check.tsx"),
    route(":slug/done", "routes/consultations/done.tsx"),
  ]),

  // Staff
  route("staff/sign-in", "routes/staff/sign-in.tsx"),
  route("staff/sign-out", "routes/staff/sign-out.ts"),
  layout("routes/staff/layout.tsx", [
    ...prefix("staff", [
      index("routes/staff/home.tsx"),
      route("consultations", "routes/staff/consultations/list.tsx"),
      route("consultations/new", "routes/staff/consultations/new.tsx"),
      route("consultations/:id", "routes/staff/consultations/edit.tsx"),
      route("consultations/:id/results", "routes/staff/consultations/results.tsx"),
      route("consultations/:id/translate", "routes/staff/consultations/translate.tsx"),
      route("consultations/:id/preview", "routes/staff/consultations/preview.tsx"),
      route("consultations/:id/paper", "routes/staff/consultations/paper.tsx"),
      route("consultations/:id/import", "routes/staff/consultations/import.tsx"),
      route("consultations/:id/import/template.csv", "routes/staff/consultations/import-template.ts"),
      route("consultations/:id/import/:jobId", "routes/staff/consultations/import-job.tsx"),
      route("moderation", "routes/staff/moderation.tsx"),
      route("moderation/record", "routes/staff/moderation-record.tsx"),
      route("moderation/:id", "routes/staff/moderation-item.tsx"),
      route("safeguarding", "routes/staff/safeguarding/queue.tsx"),
      route("safeguarding/settings", "routes/staff/safeguarding/settings.tsx"),
      route("safeguarding/:id", "routes/staff/safeguarding/case.tsx"),
      route("summaries/new", "routes/staff/summaries/new.tsx"),
      route("questions", "routes/staff/questions/list.tsx"),
      route("questions/:id", "routes/staff/questions/show.tsx"),
      route("meetings", "routes/staff/meetings/list.tsx"),
      route("meetings/:id", "routes/staff/meetings/show.tsx"),
      route("agenda-items/:id", "routes/staff/meetings/item.tsx"),
    ]),
  ]),

  route("__bench/floor", "routes/bench/floor.ts"),
  route("*", "routes/public/not-found.tsx"),
] satisfies RouteConfig;
