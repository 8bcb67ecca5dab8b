import { getT } from "~/i18n/i18n.server";
import { intlLocale, type Lang, type TFunction } from "~/i18n/index";
import type { ChartSpec, ProtectedCount, ReachGap, ReachRow, SummaryContent } from "~/models/summaries/types";
import { SUPPRESS_BELOW } from "~/utils/suppression";
import { formatDate, formatPeriod } from "~/utils/time";

/**
 * A committee paper as a list of blocks, built once from a frozen summary so the DOCX and the PDF say exactly the same
 * thing in the same order: each renderer only decides how a block looks.
 */
export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; level: 2 | 3; text: string }
  | { kind: "facts"; caption: string; rows: [string, string][] }
  | { kind: "para"; text: string; tone?: "lead" | "note" }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "quote"; text: string; who: string }
  | { kind: "table"; caption: string; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: "chart"; chart: ChartSpec; alt: string; valueText: (v: number | null) => string; series: string[] };

/** `draft`: a paper drawn from live figures before it is sent, headed so that no one can take it for the paper sent. */
export type PaperMeta = { lang?: Lang; generatedAt?: Date; draft?: boolean };

/** `header`: words repeated at the top of every page (a draft's "not sent"). */
export type Paper = { title: string; subject: string; lang: Lang; blocks: Block[]; header?: string };

/**
 * A count shown in a paper. The summary already holds null for 1–4 people; a number from 1 to 4 that reached here
 * anyway (a bug upstream, an old version) is still never printed.
 */
export function countText(n: ProtectedCount, t: TFunction, lang: Lang) {
  if (n === null || (n > 0 && n < SUPPRESS_BELOW)) return t("exports.doc.fewerThan5");
  return n.toLocaleString(intlLocale(lang));
}

function shareText(n: number | null, t: TFunction) {
  return n === null ? t("exports.doc.tooFewToShow") : t("exports.doc.percent", { value: n });
}

/** A chart value in words, by the unit the chart counts. */
export function chartValueText(chart: ChartSpec, t: TFunction, lang: Lang) {
  return (v: number | null) => (chart.unit === "percent" ? shareText(v, t) : countText(v, t, lang));
}

/** An age band, audience or locality key in words where the locale files know it; anything else as it came. */
function keyLabel(t: TFunction, section: "ageBand" | "audienceShort", value: string) {
  return t(`${section}.${value}`, { defaultValue: value });
}

export function gapText(gap: ReachGap, t: TFunction) {
  const none = gap.people === 0;
  const who = gap.audience
    ? keyLabel(t, "audienceShort", gap.audience).toLocaleLowerCase()
    : t(none ? "exports.doc.gapAnyone" : "exports.doc.gapPeople");
  const where = [
    gap.ageBand ? t("exports.doc.gapAged", { band: keyLabel(t, "ageBand", gap.ageBand).toLocaleLowerCase() }) : "",
    gap.locality ? t("exports.doc.gapIn", { place: gap.locality }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return t(none ? "exports.doc.gapNone" : "exports.doc.gapFew", { who, where })
    .replace(/\s+/g, " ")
    .replace(" .", ".");
}

function reachTable(caption: string, first: string, rows: ReachRow[], t: TFunction, lang: Lang): Block {
  const locale = intlLocale(lang);
  return {
    kind: "table",
    caption,
    head: [
      first,
      t("exports.doc.colPeople"),
      t("exports.doc.colContributions"),
      t("exports.doc.colPopulation"),
      t("exports.doc.colPer1000"),
    ],
    numeric: [false, true, true, true, true],
    rows: rows.map((r) => [
      r.label,
      countText(r.people, t, lang),
      countText(r.contributions, t, lang),
      r.population === null ? t("exports.doc.notEntered") : r.population.toLocaleString(locale),
      r.per1000 === null
        ? t("exports.doc.notWorkedOut")
        : r.per1000.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    ]),
  };
}

/** The data table of a chart: one row per bar group, one column per series. */
export function chartTable(chart: ChartSpec, t: TFunction, lang: Lang): Block {
  const value = chartValueText(chart, t, lang);
  return {
    kind: "table",
    caption: t("exports.doc.chartTable", { title: chart.title }),
    head: [t(`exports.doc.unit.${chart.unit}`), ...chart.series],
    numeric: [false, ...chart.series.map(() => true)],
    rows: chart.rows.map((r) => [r.label, ...chart.series.map((_, i) => value(r.values[i] ?? null))]),
  };
}

export function paperOutline(content: SummaryContent, meta: PaperMeta = {}): Paper {
  const lang = meta.lang ?? "en";
  const t = getT(lang);
  const count = (n: ProtectedCount) => countText(n, t, lang);
  const blocks: Block[] = [];
  const sent = content.sent;
  let section = 0;
  const h2 = (key: string) => {
    section += 1;
    blocks.push({ kind: "heading", level: 2, text: t("exports.doc.numbered", { n: section, text: t(key) }) });
  };

  const facts: [string, string][] = sent
    ? [
        [t("exports.doc.body"), sent.body],
        [t("exports.doc.meeting"), `${sent.meeting}, ${formatDate(sent.meetsOn, lang)}`],
        [t("exports.doc.item"), String(sent.itemNumber)],
        [t("exports.doc.kind"), t(`exports.doc.kind_${sent.itemKind}`)],
      ]
    : [[t("exports.doc.status"), t("exports.doc.notSent")]];
  if (meta.draft && sent) facts.unshift([t("exports.doc.status"), t("exports.doc.draftStatus")]);
  facts.push([t("exports.doc.reportOf"), content.reportOf ?? t("exports.doc.notGiven")]);
  facts.push([t("exports.doc.version"), String(content.version)]);
  const title = meta.draft ? t("exports.doc.draftTitle", { title: content.title }) : content.title;
  blocks.push({ kind: "facts", caption: t("exports.doc.factsCaption"), rows: facts });
  blocks.push({ kind: "title", text: title });
  if (meta.draft) blocks.push({ kind: "para", tone: "lead", text: t("exports.doc.draftNote") });
  blocks.push({
    kind: "para",
    tone: "lead",
    text: t("exports.doc.period", {
      period: formatPeriod(content.scope.from, content.scope.to, lang),
      previous: formatPeriod(content.previousPeriod.from, content.previousPeriod.to, lang),
    }),
  });

  h2("exports.doc.purpose");
  blocks.push({ kind: "para", text: content.purpose ?? t("exports.doc.notGiven") });

  h2("exports.doc.recommendations");
  if (content.recommendations.length) {
    blocks.push({ kind: "para", text: t(`exports.doc.askedTo_${sent?.itemKind ?? "decision"}`) });
    blocks.push({ kind: "list", ordered: true, items: content.recommendations });
  } else blocks.push({ kind: "para", text: t("exports.doc.noRecommendations") });

  h2("exports.doc.summary");
  if (content.keyMessages.length) blocks.push({ kind: "list", ordered: false, items: content.keyMessages });
  else blocks.push({ kind: "para", text: t("exports.doc.notGiven") });

  h2("exports.doc.reach");
  blocks.push({
    kind: "para",
    text: t("exports.doc.reachTotal", {
      people: count(content.reach.people),
      contributions: count(content.reach.contributions),
    }),
  });
  const reachTables: [string, string, ReachRow[]][] = [
    [t("exports.doc.byAudience"), t("exports.doc.colAudience"), content.reach.byAudience],
    [t("exports.doc.byAgeBand"), t("exports.doc.colAgeBand"), content.reach.byAgeBand],
    [t("exports.doc.byLocality"), t("exports.doc.colLocality"), content.reach.byLocality],
  ];
  for (const [caption, first, rows] of reachTables) {
    if (!rows.length) continue;
    blocks.push(reachTable(caption, first, rows, t, lang));
  }
  blocks.push({ kind: "heading", level: 3, text: t("exports.doc.gaps") });
  if (content.reach.gaps.length)
    blocks.push({ kind: "list", ordered: false, items: content.reach.gaps.map((g) => gapText(g, t)) });
  else blocks.push({ kind: "para", text: t("exports.doc.noGaps") });

  h2("exports.doc.whatTheySaid");
  for (const o of content.outcomes) {
    blocks.push({ kind: "heading", level: 3, text: o.title });
    blocks.push({
      kind: "para",
      text: t("exports.doc.outcomeCounts", {
        people: count(o.people),
        contributions: count(o.contributions),
        previous: count(o.previousContributions),
      }),
    });
    blocks.push({
      kind: "para",
      text:
        o.positiveShare === null
          ? t("exports.doc.positiveTooFew")
          : o.previousPositiveShare === null
            ? t("exports.doc.positiveShare", { share: o.positiveShare })
            : t("exports.doc.positiveChange", { share: o.positiveShare, previous: o.previousPositiveShare }),
    });
    if (o.faces.length)
      blocks.push({
        kind: "table",
        caption: t("exports.doc.facesCaption", { outcome: o.title }),
        head: [t("exports.doc.colFace"), t("exports.doc.colAnswers")],
        numeric: [false, true],
        rows: o.faces.map((f) => [t(`exports.doc.face_${f.value}`), count(f.count)]),
      });
    if (o.priorities.length)
      blocks.push({
        kind: "table",
        caption: t("exports.doc.prioritiesCaption", { outcome: o.title }),
        head: [t("exports.doc.colPriority"), t("exports.doc.colContributions")],
        numeric: [false, true],
        rows: o.priorities.map((p) => [p.title, count(p.contributions)]),
      });
    if (o.themes.length)
      blocks.push({
        kind: "table",
        caption: t("exports.doc.themesCaption", { outcome: o.title }),
        head: [t("exports.doc.colTheme"), t("exports.doc.colContributions")],
        numeric: [false, true],
        rows: o.themes.map((th) => [th.name, count(th.contributions)]),
      });
  }

  h2("exports.doc.exceptions");
  blocks.push({
    kind: "para",
    tone: "note",
    text: t("exports.doc.exceptionRule", {
      points: content.exceptionRule.points,
      answers: content.exceptionRule.minAnswers,
    }),
  });
  if (content.exceptions.length)
    blocks.push({
      kind: "list",
      ordered: false,
      items: content.exceptions.map((e) =>
        t(`exports.doc.exception_${e.direction}`, {
          outcome: e.outcome,
          share: e.share,
          earlier: e.earlierShare,
          points: Math.abs(e.points),
          answers: count(e.answers),
          previousAnswers: count(e.previousAnswers),
        }),
      ),
    });
  else blocks.push({ kind: "para", text: t("exports.doc.noExceptions") });

  if (content.paired.length) {
    h2("exports.doc.paired");
    for (const p of content.paired) {
      blocks.push({ kind: "heading", level: 3, text: p.question });
      blocks.push({
        kind: "para",
        text: t("exports.doc.pairedWho", {
          consultation: p.consultation,
          young: count(p.youngPeople),
          parents: count(p.parents),
        }),
      });
      blocks.push({
        kind: "table",
        caption: t("exports.doc.pairedCaption", { question: p.question }),
        head: [t("exports.doc.colAnswer"), t("exports.doc.colYoung"), t("exports.doc.colParents")],
        numeric: [false, true, true],
        rows: p.rows.map((r) => [r.label, shareText(r.youngShare, t), shareText(r.parentShare, t)]),
      });
      if (p.differences.length) blocks.push({ kind: "list", ordered: false, items: p.differences });
    }
  }

  if (content.charts.length) {
    h2("exports.doc.figures");
    for (const chart of content.charts) {
      blocks.push({ kind: "heading", level: 3, text: chart.title });
      blocks.push({
        kind: "chart",
        chart,
        alt: chart.description,
        valueText: chartValueText(chart, t, lang),
        series: chart.series,
      });
      blocks.push({ kind: "para", tone: "note", text: chart.description });
      blocks.push(chartTable(chart, t, lang));
    }
  }

  h2("exports.doc.quotes");
  if (content.quotes.length)
    for (const q of content.quotes) {
      const who = [keyLabel(t, "audienceShort", q.audience), q.ageBand ? keyLabel(t, "ageBand", q.ageBand) : null]
        .filter(Boolean)
        .join(", ");
      blocks.push({ kind: "quote", text: q.text, who });
    }
  else blocks.push({ kind: "para", text: t("exports.doc.noQuotes") });
  blocks.push({ kind: "para", tone: "note", text: t("exports.doc.quotesMasked") });

  h2("exports.doc.contact");
  blocks.push({ kind: "para", text: content.contactOfficer ?? t("exports.doc.notGiven") });
  if (meta.generatedAt)
    blocks.push({
      kind: "para",
      tone: "note",
      text: t("exports.doc.generated", { date: formatDate(meta.generatedAt.toISOString(), lang) }),
    });

  const subject = sent
    ? t("exports.doc.subject", {
        body: sent.body,
        date: formatDate(sent.meetsOn, lang),
        item: sent.itemNumber,
      })
    : t("exports.doc.notSent");
  return { title, subject, lang, blocks, header: meta.draft ? t("exports.doc.draftStatus") : undefined };
}
