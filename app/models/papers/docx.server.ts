import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { getT } from "~/i18n/i18n.server";
import type { ChartSpec, SummaryContent } from "~/models/summaries/types";
import { readsRightToLeft } from "./bidi.server";
import { chartPng } from "./chart.server";
import { type Block, type Paper, type PaperMeta, paperOutline } from "./outline.server";

const FONT = "Arial";
const NUMBERS = "paper-numbers";
/** Pixels (at 96 to the inch) the chart images take on an A4 page with 2.5 cm margins. */
const CHART_WIDTH_PX = 600;

function cell(text: string, options: { header?: boolean; numeric?: boolean }) {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: options.numeric ? AlignmentType.END : AlignmentType.START,
        children: [new TextRun({ text, bold: options.header })],
      }),
    ],
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: "595959" };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function table(head: string[] | null, rows: string[][], numeric: boolean[], caption: string) {
  const header = head
    ? [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: head.map((h, i) => cell(h, { header: true, numeric: numeric[i] })),
        }),
      ]
    : [];
  return [
    new Paragraph({ style: "Caption", keepNext: true, children: [new TextRun(caption)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: [
        ...header,
        ...rows.map(
          (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { numeric: numeric[i] })) }),
        ),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}

/** The paragraphs of one block; `lists` counts numbered lists so each one starts again at 1. */
function render(block: Block, lists: { n: number }, images: Images): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.text)] })];
    case "heading":
      return [
        new Paragraph({
          heading: block.level === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          keepNext: true,
          children: [new TextRun(block.text)],
        }),
      ];
    case "facts":
      return table(
        null,
        block.rows.map(([k, v]) => [k, v]),
        [false, false],
        block.caption,
      );
    case "para":
      return [
        new Paragraph({
          children: [
            new TextRun({
              text: block.text,
              size: block.tone === "lead" ? 26 : block.tone === "note" ? 20 : undefined,
              italics: block.tone === "note",
            }),
          ],
        }),
      ];
    case "list": {
      const instance = block.ordered ? ++lists.n : 0;
      return block.items.map(
        (item) =>
          new Paragraph({
            children: [new TextRun(item)],
            ...(block.ordered ? { numbering: { reference: NUMBERS, level: 0, instance } } : { bullet: { level: 0 } }),
          }),
      );
    }
    case "quote": {
      // A quote in Arabic is a right-to-left paragraph (Word sets it against the right margin, in reading order).
      const rtl = readsRightToLeft(block.text);
      return [
        new Paragraph({
          style: "Quote",
          bidirectional: rtl,
          children: [new TextRun({ text: `“${block.text}”`, rightToLeft: rtl })],
        }),
        new Paragraph({ style: "Quote", children: [new TextRun({ text: `— ${block.who}`, italics: false })] }),
      ];
    }
    case "table":
      return table(block.head, block.rows, block.numeric, block.caption);
    case "chart": {
      const { png, width, height } = images.get(block.chart) ?? chartPng(block.chart, block.valueText);
      const scale = CHART_WIDTH_PX / width;
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: { width: CHART_WIDTH_PX, height: Math.round(height * scale) },
              altText: { name: block.chart.id, title: block.chart.title, description: block.alt },
            }),
          ],
        }),
      ];
    }
  }
}

type Images = Map<ChartSpec, ReturnType<typeof chartPng>>;
/** Called between pieces of work: an export job moves its progress bar and lets other requests run. */
export type Step = (done: number, total: number) => Promise<void> | void;

/** Every chart of the papers drawn as a PNG, one at a time, with `step` between them. */
async function chartImages(papers: Paper[], step?: Step): Promise<Images> {
  const charts = papers.flatMap((p) => p.blocks.filter((b) => b.kind === "chart"));
  const images: Images = new Map();
  for (const [i, block] of charts.entries()) {
    images.set(block.chart, chartPng(block.chart, block.valueText));
    await step?.(i + 1, charts.length + 1);
  }
  return images;
}

/** The Word document of a paper (or of several, for an agenda pack: each paper after the first on a new page). */
export function paperDocument(papers: Paper[], images: Images = new Map(), front: (Paragraph | Table)[] = []) {
  const first = papers[0];
  const t = getT(first.lang);
  const lists = { n: 0 };
  const children: (Paragraph | Table)[] = [...front];
  papers.forEach((paper, i) => {
    const blocks = paper.blocks.flatMap((b) => render(b, lists, images));
    if ((i > 0 || front.length) && blocks[0] instanceof Paragraph)
      children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
    children.push(...blocks);
  });
  const language = { value: first.lang === "en" ? "en-GB" : first.lang };
  return new Document({
    title: first.title,
    subject: first.subject,
    creator: "Sounding Board",
    description: t("exports.doc.factsCaption"),
    styles: {
      default: {
        document: { run: { font: FONT, size: 24, language } },
        title: { run: { font: FONT, size: 40, bold: true, color: "1a1a1a" } },
        heading1: {
          run: { font: FONT, size: 32, bold: true, color: "1a1a1a" },
          paragraph: { spacing: { before: 360 } },
        },
        heading2: {
          run: { font: FONT, size: 26, bold: true, color: "1a1a1a" },
          paragraph: { spacing: { before: 240 } },
        },
      },
      paragraphStyles: [
        {
          id: "Caption",
          name: "Caption",
          basedOn: "Normal",
          run: { bold: true, size: 22 },
          paragraph: { spacing: { before: 120, after: 60 } },
        },
        {
          id: "Quote",
          name: "Quote",
          basedOn: "Normal",
          run: { italics: true },
          paragraph: { indent: { left: 720 }, spacing: { after: 60 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: NUMBERS,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children,
        ...(first.header
          ? {
              headers: {
                default: new Header({
                  children: [
                    new Paragraph({ children: [new TextRun({ text: first.header, bold: true, color: "b00020" })] }),
                  ],
                }),
              },
            }
          : {}),
      },
    ],
  });
}

/** A frozen summary as a committee paper in Word: real headings, tables with header rows, charts with alt text. */
export async function renderDocx(content: SummaryContent, meta: PaperMeta = {}, step?: Step): Promise<Buffer> {
  const paper = paperOutline(content, meta);
  const images = await chartImages([paper], step);
  const document = paperDocument([paper], images);
  await step?.(0, 1);
  const buffer = await Packer.toBuffer(document);
  await step?.(1, 1);
  return buffer;
}
