/**
 * Code points ⇄ UTF-16 code units — the one place offsets change unit (ARCHITECTURE.md, the text
 * contract, point 3).
 *
 * Stored offsets count Unicode code points (what Python, brat and spaCy count); JavaScript strings
 * index UTF-16 code units, where a character outside the Basic Multilingual Plane (emoji, astral
 * CJK such as 𠀋) takes two. Offsets are half-open `[start, end)`. A lone surrogate (impossible in
 * canonical text, which comes from valid UTF-8/UTF-16) counts as one code point.
 *
 * Pure and dependency-free, so the browser editor can use it too. The plain functions scan from
 * the start of the string (O(n), no allocation); for many conversions over one long text build a
 * `CodePointIndex` once.
 */

/** The first half of a surrogate pair (U+D800–U+DBFF), by UTF-16 code unit. */
export const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
/** The second half of a surrogate pair (U+DC00–U+DFFF), by UTF-16 code unit. */
export const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
const isHigh = isHighSurrogate;
const isLow = isLowSurrogate;

/**
 * True when unit `i` is the second half of a surrogate pair: offset `i` splits a character, so no
 * code point starts there (every check of "is this a character boundary" is this one).
 */
export function splitsSurrogatePair(s: string, i: number): boolean {
  return i > 0 && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1));
}
const isTrailingLow = splitsSurrogatePair;

function pairsBetween(s: string, from: number, to: number): number {
  let pairs = 0;
  for (let i = from; i < to; i++) if (isTrailingLow(s, i)) pairs++;
  return pairs;
}

export function codePointLength(s: string): number {
  return s.length - pairsBetween(s, 0, s.length);
}

function checkInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

/** The code-point offset of UTF-16 offset `utf16Index` (0 ≤ index ≤ s.length). */
export function utf16ToCodePoint(s: string, utf16Index: number): number {
  checkInteger(utf16Index, "utf16Index");
  if (utf16Index < 0 || utf16Index > s.length) {
    throw new RangeError(`UTF-16 offset ${utf16Index} is outside the text (0–${s.length})`);
  }
  if (utf16Index < s.length && isTrailingLow(s, utf16Index)) {
    throw new RangeError(`UTF-16 offset ${utf16Index} splits a surrogate pair`);
  }
  return utf16Index - pairsBetween(s, 0, utf16Index);
}

/** Advances `count` code points from unit `from`; -1 when the text ends first. */
function advance(s: string, from: number, count: number): number {
  let u = from;
  for (let k = 0; k < count; k++) {
    if (u >= s.length) return -1;
    u += isHigh(s.charCodeAt(u)) && isLow(s.charCodeAt(u + 1)) ? 2 : 1;
  }
  return u;
}

/** The UTF-16 offset of code-point offset `cpIndex` (0 ≤ index ≤ codePointLength(s)). */
export function codePointToUtf16(s: string, cpIndex: number): number {
  checkInteger(cpIndex, "cpIndex");
  const u = cpIndex < 0 ? -1 : advance(s, 0, cpIndex);
  if (u < 0) throw new RangeError(`code point offset ${cpIndex} is outside the text (0–${codePointLength(s)})`);
  return u;
}

/** `s[start, end)` in code points. Throws RangeError unless 0 ≤ start ≤ end ≤ length. */
export function sliceCodePoints(s: string, start: number, end: number): string {
  checkInteger(start, "start");
  checkInteger(end, "end");
  if (start < 0 || end < start) throw new RangeError(`invalid code point range [${start}, ${end})`);
  const a = advance(s, 0, start);
  const b = a < 0 ? -1 : advance(s, a, end - start);
  if (b < 0) throw new RangeError(`code point range [${start}, ${end}) is outside the text (0–${codePointLength(s)})`);
  return s.slice(a, b);
}

/**
 * The UTF-16 index of the first lone surrogate, or -1 for well-formed text: the one check of
 * "is this valid Unicode" (a lone surrogate has no UTF-8 form, so PostgreSQL, sha256 and RFC 8785
 * cannot take it as itself).
 */
export function findLoneSurrogate(s: string): number {
  if (s.isWellFormed()) return -1; // native and fast: the usual answer for long texts
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (isLow(s.charCodeAt(i + 1))) i++;
      else return i;
    } else if (isLow(c)) {
      return i;
    }
  }
  return -1;
}

const BLOCK_BITS = 9;
const BLOCK = 1 << BLOCK_BITS;

/**
 * A segment table over one text: the code-point count at every 512th code unit, so each
 * conversion scans at most one block. Build once per text (O(n), ~4 bytes per 512 units), then
 * convert as often as needed — exporting thousands of annotations over a 5 MB text, say.
 */
export class CodePointIndex {
  readonly text: string;
  /** Length in code points. */
  readonly length: number;
  /** blockStart[b] = code points that start before unit b·512. */
  private readonly blockStart: Uint32Array;
  /** No surrogate pairs: both units agree and conversions are the identity. */
  private readonly bmpOnly: boolean;

  constructor(text: string) {
    this.text = text;
    const blocks = (text.length >>> BLOCK_BITS) + 1;
    this.blockStart = new Uint32Array(blocks);
    let pairs = 0;
    for (let b = 0; b < blocks; b++) {
      const from = b << BLOCK_BITS;
      this.blockStart[b] = from - pairs;
      pairs += pairsBetween(text, from, Math.min(from + BLOCK, text.length));
    }
    this.length = text.length - pairs;
    this.bmpOnly = pairs === 0;
  }

  toCodePoint(utf16Index: number): number {
    const s = this.text;
    checkInteger(utf16Index, "utf16Index");
    if (utf16Index < 0 || utf16Index > s.length) {
      throw new RangeError(`UTF-16 offset ${utf16Index} is outside the text (0–${s.length})`);
    }
    if (this.bmpOnly) return utf16Index;
    if (utf16Index < s.length && isTrailingLow(s, utf16Index)) {
      throw new RangeError(`UTF-16 offset ${utf16Index} splits a surrogate pair`);
    }
    const b = utf16Index >>> BLOCK_BITS;
    const from = b << BLOCK_BITS;
    return this.blockStart[b]! + (utf16Index - from) - pairsBetween(s, from, utf16Index);
  }

  toUtf16(cpIndex: number): number {
    checkInteger(cpIndex, "cpIndex");
    if (cpIndex < 0 || cpIndex > this.length) {
      throw new RangeError(`code point offset ${cpIndex} is outside the text (0–${this.length})`);
    }
    if (this.bmpOnly) return cpIndex;
    // The last block starting at or before cpIndex; counts strictly increase block to block.
    let lo = 0;
    let hi = this.blockStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.blockStart[mid]! <= cpIndex) lo = mid;
      else hi = mid - 1;
    }
    let u = lo << BLOCK_BITS;
    // A pair straddling the block boundary was counted at its high half, in the previous block.
    if (u < this.text.length && isTrailingLow(this.text, u)) u++;
    return advance(this.text, u, cpIndex - this.blockStart[lo]!);
  }

  slice(start: number, end: number): string {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > this.length) {
      throw new RangeError(`code point range [${start}, ${end}) is outside the text (0–${this.length})`);
    }
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}
