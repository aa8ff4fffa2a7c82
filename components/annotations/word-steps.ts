import type { CodePointIndex } from "@/lib/text/code-points";
import type { CodePointRange } from "@/lib/text/quote";

/**
 * Moving one edge of a span by a word or a character (a grapheme cluster, so a flag or a ZWJ
 * family moves as one), for the boundary buttons of the side panel. Never leaves whitespace at
 * an edge and never empties the span: a step that cannot be taken returns null.
 * Intl.Segmenter only sees a short window around the edge (it is slow on long non-ASCII text).
 */

export type Edge = "start" | "end";
export type Unit = "word" | "character";

const WINDOW = 400;
const segmenters = {
  word: new Intl.Segmenter(undefined, { granularity: "word" }),
  character: new Intl.Segmenter(undefined, { granularity: "grapheme" }),
};

interface Segment {
  start: number;
  end: number;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Word-like (or, for characters, non-blank) segments in a window around UTF-16 offset u. */
function segmentsAround(text: string, u: number, unit: Unit): Segment[] {
  let from = Math.max(0, u - WINDOW);
  let to = Math.min(text.length, u + WINDOW);
  if (from > 0 && isLow(text.charCodeAt(from))) from--;
  if (to < text.length && isLow(text.charCodeAt(to))) to++;
  const out: Segment[] = [];
  for (const s of segmenters[unit].segment(text.slice(from, to))) {
    const keep = unit === "word" ? s.isWordLike : !/^[\s\u200B\u2060]+$/u.test(s.segment);
    if (keep) out.push({ start: from + s.index, end: from + s.index + s.segment.length });
  }
  return out;
}

/** The span with one edge moved outwards (extend) or inwards (shrink) by one unit. */
export function stepEdge(index: CodePointIndex, span: CodePointRange, edge: Edge, direction: "extend" | "shrink", unit: Unit): CodePointRange | null {
  const text = index.text;
  const a = index.toUtf16(span.start);
  const b = index.toUtf16(span.end);
  let next: number | undefined;
  if (edge === "start") {
    const segs = segmentsAround(text, a, unit);
    next = direction === "extend" ? segs.findLast((s) => s.start < a)?.start : segs.find((s) => s.start > a)?.start;
    if (next !== undefined && next >= b) return null;
  } else {
    const segs = segmentsAround(text, b, unit);
    next = direction === "extend" ? segs.find((s) => s.end > b)?.end : segs.findLast((s) => s.end < b)?.end;
    if (next !== undefined && next <= a) return null;
  }
  if (next === undefined) return null;
  const moved = index.toCodePoint(next);
  return edge === "start" ? { start: moved, end: span.end } : { start: span.start, end: moved };
}
