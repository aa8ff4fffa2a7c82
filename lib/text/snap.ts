import { codePointLength, isLowSurrogate as isLow, type CodePointIndex } from "./code-points";
import { stepBack, stepForward, toUtf16Range, type CodePointRange } from "./quote";

/**
 * Snapping a selection (issue 4): never leading or trailing whitespace, never half a grapheme
 * cluster (ZWJ emoji, flags, base + combining marks, Arabic letters with harakat), and — unless
 * `exact` — never half a word.
 *
 * Intl.Segmenter is quadratic on long non-ASCII strings in Node 20's V8 (see profile.ts), so it
 * only ever sees a short window around an edge:
 * - graphemes: from the nearest ASCII character at or before the edge to the nearest one after
 *   it, at most GRAPHEME_REACH units each way. UAX #29 breaks before every ASCII character
 *   (ignoring the rare Prepend characters), so such a window starts and ends on true boundaries;
 *   where the reach cuts a run of regional indicators, the cut keeps their pairing. A cluster
 *   longer than the reach (a pile of 60+ combining marks) may be cut;
 * - words: the edge's own line, at most WORD_REACH code points each way. A word longer than that
 *   is cut at the window's edge (then re-rounded to a grapheme boundary).
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const words = new Intl.Segmenter(undefined, { granularity: "word" });

const GRAPHEME_REACH = 64;
const WORD_REACH = 256;

/** JavaScript's \s plus the zero-width space and word joiner: nothing anyone means to annotate. */
const BLANK = /^[\s\u200B\u2060]+$/u;
const BLANK_CHAR = /^[\s\u200B\u2060]$/u;
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** U+1F1E6–U+1F1FF at unit u. */
export const isRegionalIndicator = (s: string, u: number) =>
  s.charCodeAt(u) === 0xd83c && s.charCodeAt(u + 1) >= 0xdde6 && s.charCodeAt(u + 1) <= 0xddff;

/** Moves a window's start off the second half of a surrogate pair. */
const unsplit = (s: string, u: number) => (u > 0 && u < s.length && isLow(s.charCodeAt(u)) ? u - 1 : u);

/** The grapheme cluster holding unit u (0 ≤ u < text.length), as UTF-16 [start, end). */
function clusterAt(text: string, u: number): [number, number] {
  const floor = Math.max(0, u - GRAPHEME_REACH);
  let w = u;
  while (w > floor && text.charCodeAt(w) >= 0x80) w--;
  w = unsplit(text, w);
  // Regional indicators pair up from the start of their run (flags): keep the window's parity.
  if (isRegionalIndicator(text, w)) {
    let run = 0;
    for (let k = w - 2; k >= 0 && isRegionalIndicator(text, k); k -= 2) run++;
    if (run % 2 === 1) w -= 2;
  }
  const ceil = Math.min(text.length, u + 1 + GRAPHEME_REACH);
  let q = u + 1;
  while (q < ceil && text.charCodeAt(q) >= 0x80) q++;
  if (q < text.length && isLow(text.charCodeAt(q))) q++;
  for (const { index, segment } of graphemes.segment(text.slice(w, q))) {
    const end = w + index + segment.length;
    if (end > u) return [w + index, end];
  }
  return [u, u + 1];
}

const clusterStart = (text: string, u: number) => (u >= text.length ? u : clusterAt(text, u)[0]);
const clusterEnd = (text: string, u: number) => (u <= 0 ? u : clusterAt(text, u - 1)[1]);

/** True when no grapheme cluster straddles unit u (0 ≤ u ≤ text.length): a find match may start or end there. */
export function isGraphemeBoundary(text: string, u: number): boolean {
  return u <= 0 || u >= text.length || clusterAt(text, u)[0] === u;
}

/** The word-like segment holding unit u, within its line and WORD_REACH code points. */
function wordAt(text: string, u: number): [number, number] | null {
  const floor = stepBack(text, u, WORD_REACH);
  let w = u;
  while (w > floor && text.charCodeAt(w - 1) !== 10) w--;
  const reach = stepForward(text, u, WORD_REACH);
  const ceil = reach < 0 ? text.length : reach;
  let q = u;
  while (q < ceil && text.charCodeAt(q) !== 10) q++;
  for (const s of words.segment(text.slice(w, q))) {
    const end = w + s.index + s.segment.length;
    if (end > u) return s.isWordLike ? [w + s.index, end] : null;
  }
  return null;
}

function isBlankAt(text: string, a: number, b: number): boolean {
  return BLANK.test(text.slice(a, b));
}

export interface SnapOptions {
  /** Keep the selected characters (only rounded out to whole grapheme clusters and trimmed). */
  exact?: boolean;
  /** A prebuilt index over `text`, for speed on long texts. */
  index?: CodePointIndex;
}

/**
 * Snaps code-point range [start, end) of `text`; null when it holds nothing but whitespace (or
 * nothing at all). Throws RangeError for a range outside the text.
 */
export function snapToWords(text: string, start: number, end: number, options: SnapOptions = {}): CodePointRange | null {
  const { from, to } = toUtf16Range(options.index ?? text, start, end);
  if (from === to) return null;
  let a = clusterStart(text, from);
  let b = clusterEnd(text, to);
  if (a >= b) return null;

  // Trim whole blank clusters; an ASCII character never joins the character before it, so an
  // ASCII space followed by ASCII is a cluster on its own.
  while (a < b) {
    const c = text.charCodeAt(a);
    if (c < 0x80 && (a + 1 >= text.length || text.charCodeAt(a + 1) < 0x80)) {
      if (!isAsciiSpace(c)) break;
      a++;
      continue;
    }
    if (!BLANK_CHAR.test(text[a]!)) break;
    const [, ce] = clusterAt(text, a);
    if (!isBlankAt(text, a, ce)) break;
    a = ce;
  }
  while (b > a) {
    const c = text.charCodeAt(b - 1);
    if (c < 0x80) {
      if (!isAsciiSpace(c)) break;
      b--;
      continue;
    }
    if (!BLANK_CHAR.test(text[b - 1]!)) break;
    const [cs] = clusterAt(text, b - 1);
    if (!isBlankAt(text, Math.max(a, cs), b)) break;
    b = Math.max(a, cs);
  }
  if (a >= b) return null;

  if (!options.exact) {
    const first = wordAt(text, a);
    if (first && first[0] < a) a = clusterStart(text, first[0]);
    const last = wordAt(text, b - 1);
    if (last && last[1] > b) b = clusterEnd(text, last[1]);
  }

  const startCp = a <= from ? start - codePointLength(text.slice(a, from)) : start + codePointLength(text.slice(from, a));
  const endCp = b >= to ? end + codePointLength(text.slice(to, b)) : end - codePointLength(text.slice(b, to));
  return { start: startCp, end: endCp };
}

/** Which edge of a span a boundary step moves, and by what. */
export type Edge = "start" | "end";
export type StepUnit = "word" | "character";

/** How far, in UTF-16 units each way, a boundary step looks for the next word or character. */
const STEP_REACH = 400;

/** Word-like (or, for characters, non-blank) segments near unit u, as UTF-16 [start, end). */
function stepTargets(text: string, u: number, unit: StepUnit): [number, number][] {
  const from = unsplit(text, Math.max(0, u - STEP_REACH));
  let to = Math.min(text.length, u + STEP_REACH);
  if (to < text.length && isLow(text.charCodeAt(to))) to++;
  const targets: [number, number][] = [];
  for (const s of (unit === "word" ? words : graphemes).segment(text.slice(from, to))) {
    const keep = unit === "word" ? s.isWordLike : !BLANK.test(s.segment);
    if (keep) targets.push([from + s.index, from + s.index + s.segment.length]);
  }
  return targets;
}

/**
 * The span with one edge moved outwards (extend) or inwards (shrink) by one word or one
 * character (a grapheme cluster, so a flag or a ZWJ family moves as one) — the boundary buttons
 * of the side panel. Never leaves whitespace at an edge and never empties the span: a step that
 * cannot be taken returns null.
 */
export function stepEdge(
  index: CodePointIndex,
  span: CodePointRange,
  edge: Edge,
  direction: "extend" | "shrink",
  unit: StepUnit,
): CodePointRange | null {
  const text = index.text;
  const a = index.toUtf16(span.start);
  const b = index.toUtf16(span.end);
  let next: number | undefined;
  if (edge === "start") {
    const starts = stepTargets(text, a, unit).map(([s]) => s);
    next = direction === "extend" ? starts.findLast((s) => s < a) : starts.find((s) => s > a);
    if (next !== undefined && next >= b) return null;
  } else {
    const ends = stepTargets(text, b, unit).map(([, e]) => e);
    next = direction === "extend" ? ends.find((e) => e > b) : ends.findLast((e) => e < b);
    if (next !== undefined && next <= a) return null;
  }
  if (next === undefined) return null;
  const moved = index.toCodePoint(next);
  return edge === "start" ? { start: moved, end: span.end } : { start: span.start, end: moved };
}
