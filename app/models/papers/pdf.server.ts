import PDFDocument from "pdfkit";
import { getT } from "~/i18n/i18n.server";
import type { TFunction } from "~/i18n/index";
import type { SummaryContent } from "~/models/summaries/types";
import { drawBidiParagraph, hasRightToLeft } from "./bidi.server";
import { CHART, FONTS, layoutChart } from "./chart.server";
import { type Block, type Paper, type PaperMeta, paperOutline } from "./outline.server";

/**
 * Papers as tagged PDF (PDF/UA's checklist as pdfkit documents it: tagged, a title shown in the window, the language,
 * every piece of content in the structure tree or marked as an artefact), drawn on the server with no browser.
 */

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const MARGIN = 56;
const INK = "#1a1a1a";
const MUTED = "#4d4d4d";
const RULE = "#595959";

export function newPdf(title: string, subject: string, lang: string) {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    pdfVersion: "1.7",
    subset: "PDF/UA",
    tagged: true,
    displayTitle: true,
    lang: lang === "en" ? "en-GB" : lang,
    bufferPages: true,
    info: { Title: title, Subject: subject, Author: "Sounding Board", Creator: "Sounding Board" },
    font: FONTS.regular,
  } as unknown as PDFKit.PDFDocumentOptions);
  doc.registerFont("Body", FONTS.regular);
  doc.registerFont("Bold", FONTS.bold);
  doc.font("Body").fontSize(11).fillColor(INK);
  return doc;
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page when fewer than `space` points are left, so a heading never ends a page alone. */
function ensureSpace(doc: Doc, space: number) {
  if (doc.y + space > bottom(doc)) doc.addPage();
}

export function tagged(doc: Doc, parent: Struct, tag: string, draw: () => void, options: { alt?: string } = {}) {
  const element = doc.struct(tag, options, draw);
  parent.add(element);
  return element;
}

type Pause = (() => Promise<void> | void) | undefined;

/** Draws a table a row at a time, pausing between rows: a long table is the slowest thing a paper draws. */
async function drawTable(
  pause: Pause,
  doc: Doc,
  parent: Struct,
  head: string[] | null,
  rows: string[][],
  numeric: boolean[],
  rowHeads = false,
) {
  const width = contentWidth(doc);
  const numCols = numeric.filter(Boolean).length;
  const numWidth = Math.min(100, (width * 0.74) / Math.max(1, numCols));
  const data: PDFKit.Mixins.CellOptions[][] = [];
  if (head) data.push(head.map((text) => ({ text, type: "TH", scope: "column", font: { src: FONTS.bold } })));
  for (const row of rows)
    data.push(
      row.map((text, i) =>
        i === 0 && rowHeads
          ? { text, type: "TH", scope: "row", font: { src: FONTS.bold } }
          : { text, type: "TD", align: { x: numeric[i] ? "right" : "left", y: "top" } },
      ),
    );
  doc.fontSize(9.5);
  ensureSpace(doc, 40);
  const table = doc.table({
    structParent: parent,
    defaultStyle: { padding: 4, border: 0.5, borderColor: RULE },
    columnStyles: (i: number) => (numeric[i] ? { width: numWidth, align: { x: "right", y: "top" } } : { width: "*" }),
  } as PDFKit.Mixins.TableOptions) as unknown as { row(cells: unknown[]): void; end(): void };
  for (const row of data) {
    table.row(row);
    await pause?.();
  }
  table.end();
  doc.fontSize(11);
  doc.x = doc.page.margins.left;
  doc.moveDown(0.6);
}

function drawChart(doc: Doc, parent: Struct, block: Extract<Block, { kind: "chart" }>) {
  const layout = layoutChart(block.chart, block.valueText);
  const scale = contentWidth(doc) / layout.width;
  const height = layout.height * scale;
  ensureSpace(doc, height + 8);
  const x0 = doc.page.margins.left;
  const y0 = doc.y;
  const f = CHART.fontSize * scale;
  tagged(
    doc,
    parent,
    "Figure",
    () => {
      doc.save();
      for (const b of layout.bars)
        doc.rect(x0 + b.x * scale, y0 + b.y * scale, b.w * scale, b.h * scale).fill(b.colour);
      doc
        .moveTo(x0 + layout.axis.x * scale, y0 + layout.axis.y1 * scale)
        .lineTo(x0 + layout.axis.x * scale, y0 + layout.axis.y2 * scale)
        .lineWidth(0.75)
        .stroke(INK);
      doc.restore();
      doc.font("Body").fontSize(f).fillColor(INK);
      if (block.chart.series.length > 1)
        for (const item of layout.legend) {
          doc.rect(x0 + item.x * scale, y0 + item.y * scale, f, f).fill(item.colour);
          doc.fillColor(INK).text(item.text, x0 + item.x * scale + f + 4, y0 + item.y * scale, { lineBreak: false });
        }
      for (const label of layout.labels) {
        const first = label.y * scale - (label.lines.length * (f + 2)) / 2;
        label.lines.forEach((line, i) => {
          doc.text(line, x0 + label.x * scale, y0 + first + i * (f + 2), { lineBreak: false });
        });
      }
      for (const v of layout.values) doc.text(v.text, x0 + v.x * scale, y0 + v.y * scale - f / 2, { lineBreak: false });
    },
    { alt: block.alt },
  );
  doc.font("Body").fontSize(11).fillColor(INK);
  doc.x = x0;
  doc.y = y0 + height + 6;
}

/** Draws one block of a paper into `parent` (a Sect of the structure tree). */
async function drawBlock(doc: Doc, parent: Struct, block: Block, next: Block | undefined, pause: Pause) {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case "title":
      ensureSpace(doc, 60);
      tagged(doc, parent, "H1", () => doc.font("Bold").fontSize(20).text(block.text, left, doc.y));
      doc.moveDown(0.4);
      break;
    case "heading":
      // a chart's heading goes to the next page with its chart
      ensureSpace(
        doc,
        (block.level === 2 ? 90 : 70) +
          (next?.kind === "chart"
            ? layoutChart(next.chart, next.valueText).height * (contentWidth(doc) / CHART.width)
            : 0),
      );
      doc.moveDown(block.level === 2 ? 0.6 : 0.3);
      tagged(doc, parent, block.level === 2 ? "H2" : "H3", () =>
        doc
          .font("Bold")
          .fontSize(block.level === 2 ? 15 : 12.5)
          .text(block.text, left, doc.y),
      );
      doc.moveDown(0.3);
      break;
    case "facts":
      await drawTable(
        pause,
        doc,
        parent,
        null,
        block.rows.map(([k, v]) => [k, v]),
        [false, false],
        true,
      );
      break;
    case "para":
      tagged(doc, parent, "P", () =>
        doc
          .font("Body")
          .fontSize(block.tone === "lead" ? 12.5 : block.tone === "note" ? 9.5 : 11)
          .fillColor(block.tone === "note" ? MUTED : INK)
          .text(block.text, left, doc.y),
      );
      doc.fillColor(INK);
      doc.moveDown(0.5);
      break;
    case "list": {
      const list = doc.struct("L");
      parent.add(list);
      doc.font("Body").fontSize(11);
      doc.list(block.items, left + 4, doc.y, {
        structParent: list,
        listType: block.ordered ? "numbered" : "bullet",
        bulletRadius: 2,
        textIndent: 14,
        paragraphGap: 4,
      });
      list.end();
      doc.x = left;
      doc.moveDown(0.5);
      break;
    }
    case "quote": {
      ensureSpace(doc, 40);
      const quote = doc.struct("BlockQuote");
      parent.add(quote);
      const words = `“${block.text}”`;
      tagged(doc, quote, "P", () => {
        doc.font("Body").fontSize(11);
        // Arabic (or any right-to-left writing) set out by the bidirectional algorithm; pdfkit alone reverses its words
        if (hasRightToLeft(words)) drawBidiParagraph(doc, words, left + 24, contentWidth(doc) - 24, bottom(doc));
        else doc.text(words, left + 24, doc.y, { width: contentWidth(doc) - 24 });
      });
      tagged(doc, quote, "P", () =>
        doc
          .fontSize(9.5)
          .fillColor(MUTED)
          .text(`— ${block.who}`, left + 24, doc.y, { width: contentWidth(doc) - 24 }),
      );
      quote.end();
      doc.fillColor(INK).fontSize(11);
      doc.x = left;
      doc.moveDown(0.6);
      break;
    }
    case "table":
      ensureSpace(doc, 60);
      tagged(doc, parent, "Caption", () => doc.font("Bold").fontSize(10).text(block.caption, left, doc.y));
      doc.font("Body");
      await drawTable(pause, doc, parent, block.head, block.rows, block.numeric);
      break;
    case "chart":
      drawChart(doc, parent, block);
      break;
  }
}

/** Called between blocks: an export job moves its progress bar and lets other requests run. */
export type Step = (done: number, total: number) => Promise<void> | void;

/** Draws a paper as one Sect of the document; returns the page it started on (0-based). */
export async function drawPaper(doc: Doc, root: Struct, paper: Paper, newPage: boolean, step?: Step) {
  if (newPage) doc.addPage();
  const start = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const sect = doc.struct("Sect");
  root.add(sect);
  for (const [i, block] of paper.blocks.entries()) {
    await drawBlock(doc, sect, block, paper.blocks[i + 1], step && (() => step(i, paper.blocks.length)));
    await step?.(i + 1, paper.blocks.length);
  }
  sect.end();
  return start;
}

/** A turn of the event loop for other requests, when the paper is drawn for an export job (one with a `step`). */
export const pauseFor = (step?: Step) =>
  step ? () => new Promise<void>((resolve) => setImmediate(resolve)) : undefined;

/**
 * "Page n of N" at the foot of every page, marked as pagination so assistive technology skips it. A long paper's
 * footers take tens of ms, so `pause` (when given) lets other requests run every few pages.
 */
export async function addPageNumbers(doc: Doc, t: TFunction, title: string, pause?: () => Promise<void>) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (pause && i > range.start && (i - range.start) % 4 === 0) await pause();
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    doc
      .font("Body")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        `${title} · ${t("exports.doc.pageOf", { n: i + 1, total: range.count })}`,
        MARGIN,
        doc.page.height - MARGIN + 10,
        { width: doc.page.width - 2 * MARGIN, align: "center", lineBreak: false },
      );
    doc.endMarkedContent();
    doc.page.margins.bottom = keep;
  }
}

/**
 * Ends the document: writing out every page, then the fonts and the structure tree, take about 60 ms for a long paper,
 * so with `pause` each is a turn of the event loop of its own.
 */
export async function endPdf(doc: Doc, pause?: () => Promise<void>) {
  await pause?.();
  doc.flushPages();
  await pause?.();
  doc.end();
}

/** The bytes of the document once `doc.end()` is called (listen first: pdfkit streams as it draws). */
export function pdfBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/** A frozen summary as a tagged PDF committee paper. */
export async function renderPdf(content: SummaryContent, meta: PaperMeta = {}, step?: Step): Promise<Buffer> {
  const pause = pauseFor(step);
  const paper = paperOutline(content, meta);
  await pause?.();
  // the first document of a process also reads and parses its fonts: a turn of its own
  const doc = newPdf(paper.title, paper.subject, paper.lang);
  const done = pdfBuffer(doc);
  await pause?.();
  const root = doc.struct("Document");
  doc.addStructure(root);
  await drawPaper(doc, root, paper, false, step);
  root.end();
  await addPageNumbers(doc, getT(paper.lang), paper.title, pause);
  await endPdf(doc, pause);
  return done;
}
