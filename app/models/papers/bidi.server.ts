/**
 * Text that holds right-to-left writing (a quote in Arabic) in a PDF paper. pdfkit lays a line out word by word in the
 * order the words were typed, so an Arabic sentence came out with its words left to right: each word right, the
 * sentence backwards. Here a paragraph is wrapped into lines, each line split into runs of one direction by the
 * Unicode bidirectional algorithm (bidi-js), the runs set out in the order they are seen, right-to-left runs shaped and
 * turned by fontkit as a whole, and a right-to-left paragraph set against the right margin.
 */
import bidiFactory from "bidi-js";

type Doc = PDFKit.PDFDocument;

const bidi = bidiFactory();
const RTL_SCRIPT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

export const hasRightToLeft = (text: string) => RTL_SCRIPT.test(text);

/** Whether a paragraph reads right to left: its first letter that has a direction is Arabic (or Hebrew). */
export const readsRightToLeft = (text: string) =>
  hasRightToLeft(text) && (bidi.getEmbeddingLevels(text).paragraphs[0]?.level ?? 0) % 2 === 1;

export type Run = { text: string; rtl: boolean };
export type Line = { runs: Run[] };

/**
 * A paragraph as lines of runs in the order they are seen, left to right. `measure` gives a piece's width; lines break
 * between words (a word wider than the line stands alone on its line).
 */
export function bidiLayout(
  text: string,
  width: number,
  measure: (s: string, rtl: boolean) => number,
): { rtl: boolean; lines: Line[] } {
  const levels = bidi.getEmbeddingLevels(text);
  const rtl = (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
  // Wrap in typed order: whole words, measured as typed (a word's width does not depend on its neighbours' order).
  const lines: [number, number][] = [];
  const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length - 1] as [number, number]);
  let start = -1;
  let end = -1;
  for (const [ws, we] of words) {
    if (start < 0) {
      start = ws;
      end = we;
      continue;
    }
    if (measure(text.slice(start, we + 1), rtl) <= width) end = we;
    else {
      lines.push([start, end]);
      start = ws;
      end = we;
    }
  }
  if (start >= 0) lines.push([start, end]);

  return {
    rtl,
    lines: lines.map(([ls, le]) => {
      // Visual order of the line's characters: apply each flip, in order.
      const order: number[] = [];
      for (let i = ls; i <= le; i++) order.push(i);
      for (const [fs, fe] of bidi.getReorderSegments(text, levels, ls, le)) {
        const part = order.slice(fs - ls, fe - ls + 1).reverse();
        order.splice(fs - ls, part.length, ...part);
      }
      // Runs: neighbours in the visual order that are of one direction and next to each other as typed.
      const runs: Run[] = [];
      let i = 0;
      while (i < order.length) {
        const odd = levels.levels[order[i]] % 2 === 1;
        let j = i + 1;
        while (
          j < order.length &&
          levels.levels[order[j]] % 2 === (odd ? 1 : 0) &&
          order[j] === order[j - 1] + (odd ? -1 : 1)
        )
          j++;
        const from = Math.min(order[i], order[j - 1]);
        const to = Math.max(order[i], order[j - 1]);
        // Brackets in a right-to-left run mirrored ("(" drawn as ")"), as the algorithm says (fontkit does not).
        let piece = "";
        for (let k = from; k <= to; k++) piece += (odd && bidi.getMirroredCharacter(text[k])) || text[k];
        // fontkit turns a run round only when it holds right-to-left letters; one of only spaces and punctuation is
        // turned here.
        if (odd && !RTL_SCRIPT.test(piece)) runs.push({ text: [...piece].reverse().join(""), rtl: false });
        else runs.push({ text: piece, rtl: odd });
        i = j;
      }
      return { runs };
    }),
  };
}

/**
 * Draws a paragraph that holds right-to-left writing at (x, doc.y), `width` wide, in the current font and size,
 * continuing on a new page when it reaches the bottom margin; leaves doc.y under it.
 */
export function drawBidiParagraph(doc: Doc, text: string, x: number, width: number, bottom: number) {
  // features given (even none) make pdfkit lay a piece out as one run, which fontkit shapes and turns right to left
  const features = (rtl: boolean) => (rtl ? ([] as PDFKit.Mixins.OpenTypeFeatures[]) : undefined);
  const measure = (s: string, rtl: boolean) => doc.widthOfString(s, { features: features(rtl) });
  const { rtl, lines } = bidiLayout(text, width, measure);
  const lineHeight = doc.currentLineHeight(true);
  for (const line of lines) {
    if (doc.y + lineHeight > bottom) doc.continueOnNewPage();
    const y = doc.y;
    const widths = line.runs.map((r) => measure(r.text, r.rtl));
    let cx = rtl ? x + width - widths.reduce((s, w) => s + w, 0) : x;
    line.runs.forEach((r, i) => {
      doc.text(r.text, cx, y, { lineBreak: false, features: features(r.rtl) });
      cx += widths[i];
    });
    doc.x = x;
    doc.y = y + lineHeight;
  }
}
