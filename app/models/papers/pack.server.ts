import { getT } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/index";
import type { SummaryContent } from "~/models/summaries/types";
import { formatDate } from "~/utils/time";
import { type Paper, paperOutline } from "./outline.server";
import { addPageNumbers, drawPaper, endPdf, newPdf, pauseFor, pdfBuffer, type Step, tagged } from "./pdf.server";

export type PackInput = {
  meeting: { title: string; meetsOn: string; body: string };
  /** in agenda order */
  items: { kind: "decision" | "information"; content: SummaryContent }[];
};

type Doc = PDFKit.PDFDocument;

/**
 * The contents page: items for decision, then items for information, each with the page its paper starts on and a
 * link to it. `pages` is null on the first pass, when the page numbers are not yet known.
 */
function drawContents(
  doc: Doc,
  root: PDFKit.PDFStructureElement,
  input: PackInput,
  papers: Paper[],
  pages: number[] | null,
  lang: Lang,
) {
  const t = getT(lang);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const sect = doc.struct("Sect");
  root.add(sect);
  tagged(doc, sect, "H1", () => {
    doc.font("Bold").fontSize(20).text(t("exports.pack.title"), left, doc.y);
  });
  doc.moveDown(0.3);
  const intro = t("exports.pack.intro", {
    meeting: input.meeting.title,
    body: input.meeting.body,
    date: formatDate(input.meeting.meetsOn, lang),
  });
  tagged(doc, sect, "P", () => {
    doc.font("Body").fontSize(12).text(intro, left, doc.y);
  });
  doc.moveDown(0.6);
  tagged(doc, sect, "H2", () => {
    doc.font("Bold").fontSize(15).text(t("exports.pack.contents"), left, doc.y);
  });
  doc.moveDown(0.3);
  for (const kind of ["decision", "information"] as const) {
    const of = input.items.map((item, i) => ({ item, i })).filter(({ item }) => item.kind === kind);
    if (!of.length) continue;
    const heading = t(kind === "decision" ? "exports.pack.forDecision" : "exports.pack.forInformation");
    tagged(doc, sect, "H3", () => {
      doc.font("Bold").fontSize(12.5).text(heading, left, doc.y);
    });
    doc.moveDown(0.2);
    const list = doc.struct("L");
    sect.add(list);
    for (const { item, i } of of) {
      const line = t("exports.pack.itemLine", {
        n: item.content.sent?.itemNumber ?? i + 1,
        title: papers[i].title,
      });
      const page = pages ? String(pages[i] + 1) : "";
      const li = doc.struct("LI");
      list.add(li);
      tagged(doc, li, "Link", () => {
        const y = doc.y;
        doc
          .font("Body")
          .fontSize(11)
          .text(line, left, y, { width: width - 40, goTo: `paper-${i}` });
        const end = doc.y;
        doc.text(page, left + width - 36, y, { width: 36, align: "right", lineBreak: false });
        doc.y = end;
      });
      li.end();
      doc.moveDown(0.25);
    }
    list.end();
    doc.moveDown(0.5);
  }
  sect.end();
}

async function draw(input: PackInput, papers: Paper[], pages: number[] | null, lang: Lang, step?: Step) {
  // both passes report one progress bar: the first is its first half
  const total = papers.reduce((n, p) => n + p.blocks.length, 0);
  const offset = pages ? total : 0;
  const t = getT(lang);
  const title = `${t("exports.pack.title")}: ${input.meeting.title}`;
  const doc = newPdf(title, input.meeting.body, lang);
  const done = pdfBuffer(doc);
  const root = doc.struct("Document");
  doc.addStructure(root);
  drawContents(doc, root, input, papers, pages, lang);
  const starts: number[] = [];
  let before = 0;
  for (const [i, paper] of papers.entries()) {
    doc.addPage();
    doc.addNamedDestination(`paper-${i}`);
    starts.push(await drawPaper(doc, root, paper, false, step && ((d) => step(offset + before + d, 2 * total))));
    before += paper.blocks.length;
  }
  root.end();
  const pause = pauseFor(step);
  await addPageNumbers(doc, t, title, pause);
  await endPdf(doc, pause);
  return { buffer: await done, starts };
}

/**
 * A meeting's participation papers as one PDF: a contents page, then every paper in agenda order. Drawn twice: the
 * first pass finds the page each paper starts on, the second writes those pages into the contents.
 */
export async function renderPack(input: PackInput, options: { lang?: Lang; step?: Step } = {}): Promise<Buffer> {
  const lang = options.lang ?? "en";
  const papers = input.items.map((item) => paperOutline(item.content, { lang }));
  const first = await draw(input, papers, null, lang, options.step);
  const second = await draw(input, papers, first.starts, lang, options.step);
  return second.buffer;
}
