import { splitsSurrogatePair } from "./code-points";
import type { CodePointRange } from "./quote";
import { isGraphemeBoundary, isRegionalIndicator } from "./snap";

/**
 * Find in the document (issue 12): the occurrences of a query in the canonical text, as
 * code-point ranges (ARCHITECTURE.md, the text contract, point 3).
 *
 * - Case-insensitive unless `caseSensitive`, by full case folding done one code point at a time
 *   (lower(upper(lower(c))), which is Unicode's full folding for every cased letter a text is
 *   likely to hold): "ß", "ẞ" and "SS" all match "ss", "ς" matches "σ", "ﬁ" matches "fi", and "İ"
 *   folds to "i̇" (i + U+0307). Dotless "ı" stays itself, as in CaseFolding.txt (no Turkic rules).
 *   Folding changes lengths ("İ" is one UTF-16 unit, "i̇" two), so no offset is ever taken from the
 *   folded copy: each folded unit remembers the code point it came from, and a match must cover
 *   whole code points ("i" finds nothing in "İ", "s" nothing in "ß").
 * - A match starts and ends on grapheme cluster boundaries (UAX #29), as a selection does
 *   (snap.ts): "e" is not found inside a decomposed "é", nor "👩" inside a ZWJ family, nor a
 *   regional indicator inside a flag, nor a letter without its harakat.
 * - Matches do not overlap; the leftmost wins ("aa" in "aaaa": two), as in VS Code and matchAll.
 * - At most `limit` matches; `truncated` says there are more.
 */

/** Enough for any count a person reads; beyond it the box says "10,000+". */
export const FIND_LIMIT = 10_000;

export interface FindOptions {
  caseSensitive?: boolean;
  limit?: number;
}

export interface FindResult {
  matches: CodePointRange[];
  /** More matches exist after the last one reported. */
  truncated: boolean;
}

/** A text with its case-folded copy; fold once, search many times (every keystroke in the find box). */
export interface FoldedText {
  readonly text: string;
  readonly folded: string;
  /**
   * For each unit of `folded`, the UTF-16 offset in `text` of the code point it came from; null
   * when folding kept every length (then the two agree unit for unit).
   */
  readonly origin: Uint32Array | null;
}

const ASCII_UPPER = /[A-Z]+/g;
const lowerAscii = (s: string) => s.replace(ASCII_UPPER, (m) => m.toLowerCase());

const foldCache = new Map<string, string>();

/** One code point's full case folding (see the module comment). */
function foldCodePoint(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = ch === "\u0131" ? ch : ch.toLowerCase().toUpperCase().toLowerCase();
    foldCache.set(ch, folded);
  }
  return folded;
}

/** A growable Uint32Array; only built for texts whose folding changes a length. */
class OriginMap {
  data: Uint32Array;
  size = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(capacity);
  }
  private reserve(count: number): void {
    if (this.size + count <= this.data.length) return;
    const grown = new Uint32Array(Math.max(this.data.length * 2, this.size + count));
    grown.set(this.data.subarray(0, this.size));
    this.data = grown;
  }
  /** `count` folded units that all came from the code point at `unit`. */
  push(unit: number, count: number): void {
    this.reserve(count);
    this.data.fill(unit, this.size, this.size + count);
    this.size += count;
  }
  /** Units [from, to) copied unchanged. */
  pushIdentity(from: number, to: number): void {
    this.reserve(to - from);
    const { data } = this;
    for (let u = from, k = this.size; u < to; u++, k++) data[k] = u;
    this.size += to - from;
  }
}

/**
 * What may fold to something else, beyond ASCII capitals (lowered in bulk): Unicode's own list of
 * what case folding or lowercasing changes, so long runs of uncased script (CJK, Arabic) are
 * copied without a look at each character.
 */
const FOLDABLE = /(?![A-Z])[\p{Changes_When_Casefolded}\p{Changes_When_Lowercased}]/gu;

export function foldText(text: string): FoldedText {
  const parts: string[] = [];
  let origin: OriginMap | null = null;
  let size = 0;
  let run = 0;
  const copy = (to: number) => {
    if (to <= run) return;
    parts.push(lowerAscii(text.slice(run, to)));
    origin?.pushIdentity(run, to);
    size += to - run;
  };
  FOLDABLE.lastIndex = 0;
  for (let m = FOLDABLE.exec(text); m; m = FOLDABLE.exec(text)) {
    const ch = m[0];
    const folded = foldCodePoint(ch);
    if (folded === ch) continue;
    copy(m.index);
    if (!origin && folded.length !== ch.length) {
      origin = new OriginMap(text.length + 64);
      origin.pushIdentity(0, size);
    }
    parts.push(folded);
    origin?.push(m.index, folded.length);
    size += folded.length;
    run = m.index + ch.length;
  }
  copy(text.length);
  return { text, folded: parts.join(""), origin: origin ? origin.data.subarray(0, origin.size) : null };
}

/**
 * Characters between which UAX #29 always breaks, whatever surrounds them, so Intl.Segmenter
 * (slow: ~20 µs a call) is only asked about the rest. Letters, digits, punctuation, symbols and
 * spaces, except what can join its neighbour: Hangul (GB6–8), regional indicators (GB12–13),
 * the Lo/Lm/Sk characters that are Extend or SpacingMark (halfwidth voiced marks, Thai and Lao
 * AM, skin tones; GB9, GB9a) or Prepend (Malayalam dot reph; GB9b), and the historic scripts of
 * plane 1, which hold more of those. Marks, ZWJ and other format characters are never here, so
 * GB9c and GB11 cannot apply either.
 */
const PLAIN_AFTER = /(?![\p{Script=Hangul}\p{Regional_Indicator}\p{Emoji_Modifier}\uFF9E\uFF9F\u0E33\u0EB3\u{10000}-\u{1EFFF}])[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/uy;
const PLAIN_BEFORE = /(?![\u0D4E\u{10000}-\u{1EFFF}])[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/uy;

const test = (pattern: RegExp, text: string, u: number) => {
  pattern.lastIndex = u;
  return pattern.test(text);
};

/** A match may start or end at unit u. */
function isBoundary(text: string, u: number): boolean {
  if (u <= 0 || u >= text.length) return true;
  const before = text.charCodeAt(u - 1);
  const after = text.charCodeAt(u);
  if (before === 13 && after === 10) return false;
  if ((before < 0x80 && after < 0x80) || before === 10 || after === 10) return true;
  if (splitsSurrogatePair(text, u)) return false; // only a query with a lone surrogate gets here
  const previous = splitsSurrogatePair(text, u - 1) ? u - 2 : u - 1;
  if (test(PLAIN_AFTER, text, u) && test(PLAIN_BEFORE, text, previous)) return true;
  // Flags: regional indicators pair up from the start of their run.
  if (isRegionalIndicator(text, u) && (isRegionalIndicator(text, previous) || test(PLAIN_BEFORE, text, previous))) {
    let run = 0;
    for (let k = previous; k >= 0 && isRegionalIndicator(text, k); k -= 2) run++;
    return run % 2 === 0;
  }
  return isGraphemeBoundary(text, u);
}

/** Code points in text[from, to): units minus the surrogate pairs that end inside it. */
function codePointsBetween(text: string, from: number, to: number): number {
  let count = to - from;
  for (let u = from; u < to; u++) if (splitsSurrogatePair(text, u)) count--;
  return count;
}

/**
 * The matches of `query` in `source` (the canonical text, or its `foldText` for repeated
 * case-insensitive searches), in text order. An empty query matches nothing.
 */
export function findMatches(source: string | FoldedText, query: string, { caseSensitive = false, limit = FIND_LIMIT }: FindOptions = {}): FindResult {
  const text = typeof source === "string" ? source : source.text;
  const matches: CodePointRange[] = [];
  if (query === "") return { matches, truncated: false };
  let haystack = text;
  let needle = query;
  let origin: Uint32Array | null = null;
  if (!caseSensitive) {
    const folded = typeof source === "string" ? foldText(text) : source;
    haystack = folded.folded;
    origin = folded.origin;
    needle = foldText(query).folded;
  }
  // Matches come in text order, so code points are counted once, from the previous match on.
  let unit = 0;
  let codePoint = 0;
  const toCodePoint = (u: number) => {
    codePoint += codePointsBetween(text, unit, u);
    unit = u;
    return codePoint;
  };
  for (let i = haystack.indexOf(needle); i !== -1; ) {
    const e = i + needle.length;
    const from = origin ? origin[i]! : i;
    const to = origin && e < haystack.length ? origin[e]! : origin ? text.length : e;
    const wholeCodePoints = !origin || ((i === 0 || origin[i - 1] !== from) && (e === haystack.length || origin[e - 1] !== to));
    if (!wholeCodePoints || !isBoundary(text, from) || !isBoundary(text, to)) {
      i = haystack.indexOf(needle, i + 1);
      continue;
    }
    if (matches.length === limit) return { matches, truncated: true };
    const start = toCodePoint(from);
    matches.push({ start, end: toCodePoint(to) });
    i = haystack.indexOf(needle, e);
  }
  return { matches, truncated: false };
}
