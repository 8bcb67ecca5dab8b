import { FormDataParseError, parseFormData } from "@remix-run/form-data-parser";

/** Reading a CSV upload: its text, or the locale key (under import.fileError) that says why it cannot be read. */
export type CsvUpload = { ok: true; name: string; text: string } | { ok: false; error: string };

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Bytes decoded before other requests get their turn: a few milliseconds of work. */
const SLICE = 256 * 1024;

/**
 * Reads the one CSV file of a multipart form without holding up the server: the form is parsed as it arrives (a
 * maintained streaming parser, with the size limit enforced while reading, not after), then the file is checked and
 * decoded as UTF-8 a slice at a time, other requests taking their turn in between.
 */
export async function readCsvUpload(request: Request, field: string, maxBytes: number): Promise<CsvUpload> {
  let file: File | null = null;
  try {
    await parseFormData(request, { maxFiles: 1, maxFileSize: maxBytes, maxParts: 20 }, (upload) => {
      if (upload.fieldName === field) file = upload;
      return null;
    });
  } catch (error) {
    if (error instanceof Error && /MaxFileSize|MaxTotalSize/.test(error.name)) return { ok: false, error: "tooBig" };
    if (error instanceof FormDataParseError || error instanceof Error) return { ok: false, error: "noFile" };
    throw error;
  }
  const upload = file as File | null;
  if (!upload || upload.size === 0) return { ok: false, error: "noFile" };
  if (upload.size > maxBytes) return { ok: false, error: "tooBig" };
  if (!/\.csv$/i.test(upload.name) && upload.type !== "text/csv") return { ok: false, error: "notCsv" };
  const bytes = new Uint8Array(await upload.arrayBuffer());
  // A spreadsheet saved as .xlsx (a zip) is not text.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { ok: false, error: "notCsv" };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  try {
    for (let i = 0; i < bytes.length; i += SLICE) {
      const slice = bytes.subarray(i, i + SLICE);
      // Anything with NUL bytes is not text.
      if (slice.includes(0)) return { ok: false, error: "notCsv" };
      parts.push(decoder.decode(slice, { stream: true }));
      await turn();
    }
    parts.push(decoder.decode());
  } catch {
    return { ok: false, error: "encoding" };
  }
  return { ok: true, name: upload.name, text: parts.join("") };
}
