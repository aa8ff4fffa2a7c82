import { CodePointIndex, codePointToUtf16, isHighSurrogate as isHigh, isLowSurrogate as isLow } from "./code-points";

/**
 * Quote selectors (ARCHITECTURE.md, the text contract, point 4; W3C TextQuoteSelector): the
 * annotated characters plus a little context either side, so an annotation can always be
 * re-verified and re-anchored. Everything here counts Unicode code points.
 *
 * `source` is the canonical text, or a `CodePointIndex` over it when many quotes are taken from
 * one long text (each call is then O(block) instead of O(offset)).
 */

/** A half-open range `[start, end)` in Unicode code points over the canonical text. */
export interface CodePointRange {
  start: number;
  end: number;
}

export interface TextQuote {
  /** The text in [start, end), exactly. */
  exact: string;
  /** Up to `context` code points right before `start` (fewer at the start of the text). */
  prefix: string;
  /** Up to `context` code points right after `end`. */
  suffix: string;
}

export const QUOTE_CONTEXT = 32;

export type TextSource = string | CodePointIndex;

/** The unit `n` code points after unit `u`, or -1 when the text ends first. */
export function stepForward(s: string, u: number, n: number): number {
  for (let k = 0; k < n; k++) {
    if (u >= s.length) return -1;
    u += isHigh(s.charCodeAt(u)) && isLow(s.charCodeAt(u + 1)) ? 2 : 1;
  }
  return u;
}

/** The unit `n` code points before unit `u`, stopping at 0. */
export function stepBack(s: string, u: number, n: number): number {
  for (let k = 0; k < n && u > 0; k++) {
    u -= u > 1 && isLow(s.charCodeAt(u - 1)) && isHigh(s.charCodeAt(u - 2)) ? 2 : 1;
  }
  return u;
}

function checkRange(start: number, end: number, length?: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || (length !== undefined && end > length)) {
    throw new RangeError(`code point range [${start}, ${end}) is outside the text (0–${length ?? "?"})`);
  }
}

/** UTF-16 offsets of code-point offsets start ≤ end; RangeError when outside the text. */
export function toUtf16Range(source: TextSource, start: number, end: number): { from: number; to: number } {
  if (typeof source !== "string") {
    checkRange(start, end, source.length);
    return { from: source.toUtf16(start), to: source.toUtf16(end) };
  }
  checkRange(start, end);
  const from = codePointToUtf16(source, start);
  const to = stepForward(source, from, end - start);
  if (to < 0) throw new RangeError(`code point range [${start}, ${end}) is outside the text`);
  return { from, to };
}

/** The W3C-style quote of [start, end); throws RangeError for a range outside the text. */
export function quoteSelector(source: TextSource, start: number, end: number, context: number = QUOTE_CONTEXT): TextQuote {
  if (!Number.isInteger(context) || context < 0) throw new RangeError(`context must be a non-negative integer, got ${context}`);
  const text = typeof source === "string" ? source : source.text;
  const { from, to } = toUtf16Range(source, start, end);
  const before = stepBack(text, from, context);
  const after = stepForward(text, to, context);
  return {
    exact: text.slice(from, to),
    prefix: text.slice(before, from),
    suffix: text.slice(to, after < 0 ? text.length : after),
  };
}

/** True when [start, end) is inside the text and its characters are exactly `exact`; never throws. */
export function verifyQuote(source: TextSource, start: number, end: number, exact: string): boolean {
  try {
    const { from, to } = toUtf16Range(source, start, end);
    const text = typeof source === "string" ? source : source.text;
    return to - from === exact.length && text.startsWith(exact, from);
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}
