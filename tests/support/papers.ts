import { strFromU8, unzipSync } from "fflate";
import { extractText, getDocumentProxy } from "unpdf";

/** What a DOCX says: its document.xml, its paragraphs' text (a table cell's paragraph is one line), and its files. */
export function readDocx(buffer: Uint8Array) {
  const files = unzipSync(new Uint8Array(buffer));
  const xml = strFromU8(files["word/document.xml"]);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")),
  );
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((tbl) =>
    [...tbl[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) =>
        decode([...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")),
      ),
    ),
  );
  return { files: Object.keys(files), xml, paragraphs, tables, text: paragraphs.join("\n") };
}

/** A PDF's text, page by page and as one string with its white space made single spaces (lines wrap anywhere). */
export async function readPdf(buffer: Uint8Array) {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  const flat = text.join("\n").replace(/\s+/g, " ");
  return { pages: totalPages, text, flat };
}
