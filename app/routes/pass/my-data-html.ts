import { data } from "react-router";
import { getLang, getT } from "~/i18n/i18n.server";
import { exportPassData, type PassExport } from "~/models/passes/holder.server";
import { requirePass } from "~/models/passes/session.server";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/my-data-html";

/** The same data as the JSON file, as a page anyone can open and read, in the language they use here. */
export async function loader({ request }: Route.LoaderArgs) {
  const pass = requirePass(request);
  const exported = exportPassData(pass.id);
  if (!exported) throw data(null, { status: 404 });
  return new Response(renderExport(exported, getLang(request)), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-sounding-board-data.html"',
      "Cache-Control": "no-store",
    },
  });
}

function esc(value: unknown) {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function renderExport(d: PassExport, lang: "en" | "pl" | "ar") {
  const t = getT(lang);
  const dir = lang === "ar" ? "rtl" : "ltr";
  const ageGroup =
    d.pass.ageGroup === "parent_or_carer" ? t("pass.new.parent") : t(`ageBand.${d.pass.ageGroup ?? "prefer_not"}`);
  const row = (label: string, value: string, valueLang?: string) =>
    `<tr><th scope="row">${esc(label)}</th><td${valueLang ? ` lang="${valueLang}" dir="ltr"` : ""}>${esc(value)}</td></tr>`;
  const answer = (a: PassExport["consultations"][number]["answers"][number]) => {
    const given =
      "text" in a && a.text !== undefined
        ? a.text
        : "chosen" in a && a.chosen
          ? a.chosen.join(", ")
          : "value" in a && a.value !== undefined
            ? `${a.value} / 5`
            : "";
    return `<dt lang="en">${esc(a.question)}</dt><dd dir="auto">${esc(given)}</dd>`;
  };
  const consultations = d.consultations.length
    ? d.consultations
        .map(
          (c) =>
            `<section><h3 lang="en">${esc(c.title)}</h3><p>${esc(t("pass.home.answeredOn", { date: formatDate(c.answeredAt, lang) }))}</p><dl>${c.answers.map(answer).join("")}</dl></section>`,
        )
        .join("")
    : `<p>${esc(t("pass.home.answeredNone"))}</p>`;
  const questions = d.questions.length
    ? d.questions
        .map(
          (q) =>
            `<section><p><strong>${esc(t(`ask.status.${q.status}`))}</strong> · ${esc(formatDate(q.askedAt, lang))}</p><ul>${q.messages.map((m) => `<li><span dir="auto">${esc(m.text)}</span></li>`).join("")}</ul></section>`,
        )
        .join("")
    : `<p>${esc(t("pass.home.questionsNone"))}</p>`;
  const messages = d.messages.length
    ? `<ul>${d.messages.map((m) => `<li><strong dir="auto">${esc(m.title)}</strong><br><span dir="auto">${esc(m.body)}</span></li>`).join("")}</ul>`
    : `<p>${esc(t("pass.home.messagesNone"))}</p>`;
  const ysdw = d.youSaidWeDid.length
    ? `<ul>${d.youSaidWeDid.map((y) => `<li><strong>${esc(t("ysdw.youSaid"))}:</strong> <span dir="auto">${esc(y.youSaid)}</span><br><strong>${esc(t("ysdw.weDid"))}:</strong> <span dir="auto">${esc(y.weDid)}</span></li>`).join("")}</ul>`
    : `<p>${esc(t("pass.home.ysdwNone"))}</p>`;
  const helped = d.helped.length
    ? `<ul>${d.helped.map((h) => `<li><span dir="auto">${esc(h.question ?? "")}</span> · ${esc(formatDate(h.at, lang))}</li>`).join("")}</ul>`
    : "";
  const reported = d.reported.length
    ? `<ul>${d.reported.map((r) => `<li><span dir="auto">${esc(r.question ?? "")}</span> · ${esc(t(`qa.report.reasons.${r.reason}`))} · ${esc(formatDate(r.at, lang))}</li>`).join("")}</ul>`
    : "";
  const groups = d.groups.length
    ? `<ul>${d.groups.map((g) => `<li><strong dir="auto">${esc(g.name)}</strong> · ${esc(t("pass.groups.gave", { age: g.ageBand ? t(`ageBand.${g.ageBand}`) : t("ageBand.unknown"), place: g.locality ?? t("ageBand.unknown") }))} · ${esc(formatDate(g.joinedAt, lang))}</li>`).join("")}</ul>`
    : `<p>${esc(t("pass.groups.none"))}</p>`;
  const views = d.sessionViews.length
    ? `<dl>${d.sessionViews.map((v) => `<dt dir="auto">${esc(v.session)} · ${esc(v.question)}</dt><dd dir="auto">${esc(v.text ?? "")}</dd>`).join("")}</dl>`
    : "";
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t("pass.export.title"))}</title>
<style>
body { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
th { text-align: start; padding-inline-end: 1rem; vertical-align: top; }
dt { font-weight: 700; margin-top: 0.75rem; }
dd { margin: 0.25rem 0 0; white-space: pre-wrap; }
section { border-top: 1px solid #8a8a8a; margin-top: 1rem; }
</style>
</head>
<body>
<main>
<h1>${esc(t("pass.export.title"))}</h1>
<p>${esc(t("pass.export.made", { date: formatDate(d.exportedAt, lang) }))}</p>
<h2>${esc(t("pass.export.passTitle"))}</h2>
<table>
${row(t("pass.words.nickname"), d.pass.nickname, "en")}
${row(t("pass.export.ageGroup"), ageGroup)}
${d.pass.email ? row(t("pass.email.label"), d.pass.email, "en") : ""}
${row(t("pass.export.created"), formatDate(d.pass.createdAt, lang))}
</table>
<h2>${esc(t("pass.home.answeredTitle"))}</h2>
${consultations}
<h2>${esc(t("pass.home.questionsTitle"))}</h2>
${questions}
<h2>${esc(t("pass.home.messagesTitle"))}</h2>
${messages}
<h2>${esc(t("pass.home.ysdwTitle"))}</h2>
${ysdw}
<h2>${esc(t("pass.groups.title"))}</h2>
${groups}
${views ? `<h2>${esc(t("pass.groups.viewsTitle"))}</h2>\n${views}` : ""}
${helped ? `<h2>${esc(t("qa.helpedButton"))}</h2>\n${helped}` : ""}
${reported ? `<h2>${esc(t("qa.report.button"))}</h2>\n${reported}` : ""}
</main>
</body>
</html>
`;
}
