import type { Span } from "./index";
import { categories } from "./lists";

/** A piece of a text: plain, or something the check found (a possible harm, or a personal detail that is masked). */
export type HighlightPart = { text: string; kind?: string; harm?: boolean };

const HARM = new Set<string>(categories);

/**
 * The text cut into plain pieces and the pieces the check found, for a moderator who reads the original: spans that
 * overlap or touch become one piece, named by its harm category when one of them is a harm (what matters most), else by
 * the first personal detail.
 */
export function highlightParts(text: string, spans: Span[]): HighlightPart[] {
  const sorted = spans
    .filter((s) => s.start < s.end && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: { start: number; end: number; kinds: string[] }[] = [];
  for (const s of sorted) {
    const last = groups.at(-1);
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.kinds.push(s.kind);
    } else groups.push({ start: s.start, end: s.end, kinds: [s.kind] });
  }
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const g of groups) {
    if (g.start > at) parts.push({ text: text.slice(at, g.start) });
    const harm = g.kinds.find((k) => HARM.has(k));
    parts.push({ text: text.slice(g.start, g.end), kind: harm ?? g.kinds[0], harm: harm !== undefined });
    at = g.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
