import { CodePointIndex, splitsSurrogatePair } from "./code-points";
import type { CodePointRange } from "./quote";

/**
 * Code points ⇄ ProseMirror positions for the reader's document (STYLE.md convention 1).
 *
 * The reader shows the canonical text as `doc > block+ > paragraph+`, one paragraph per line,
 * with the lines grouped in blocks of `linesPerBlock` (the browser can then skip laying out and
 * painting whole blocks that are off screen). The text is split on "\n", an empty line is an
 * empty paragraph, and a trailing "\n" yields a final empty paragraph, so there are always
 * (number of "\n") + 1 paragraphs. Every opening and closing token takes one position, and each
 * UTF-16 unit one more. Line k, in block b = ⌊k / linesPerBlock⌋, opens at
 *
 *   P_k = utf16Start_k + k + 2b + 1
 *
 * (k earlier paragraphs have closed and opened, b earlier blocks too, plus this block's opening),
 * and its text starts at P_k + 1.
 *
 * Every code-point offset has exactly one position, inside its line's text; a line end (the
 * offset just before a "\n") and the next line's start are different offsets with different
 * positions. The "\n" itself spans the positions from the end of line k's text to the start of
 * line k + 1's text: one position between them (P_{k+1}) inside a block, three where a block
 * ends. Those lie *inside* that character, just as a position between the halves of a surrogate
 * pair lies inside an astral character. A position inside a character is rounded by an explicit
 * `Bias`: -1 to the offset before the character, +1 to the offset after it. Positions before the
 * first line's text are offset 0, and those after the last line's text are the text's length,
 * whatever the bias.
 */

/** Lines per block in the reader; small enough to skip most of a long text, big enough to be few. */
export const LINES_PER_BLOCK = 32;

/** -1 leans to the text before, +1 to the text after. */
export type Bias = -1 | 1;

/** A ProseMirror position range, `from ≤ to`. */
export interface PosRange {
  from: number;
  to: number;
}

export interface SegmentTable {
  readonly text: string;
  /** For code point ⇄ UTF-16 over the whole text; reusable by callers (quote, snap). */
  readonly index: CodePointIndex;
  /** Number of lines (= paragraphs), at least 1. */
  readonly lineCount: number;
  /** Lines per block (the last block may hold fewer). */
  readonly linesPerBlock: number;
  /**
   * Per line k < lineCount: the code-point offset, UTF-16 offset and opening ProseMirror position
   * (P_k) of its start. Entry lineCount is a sentinel: length + 1 and text.length + 1, as if the
   * text ended with one more "\n" (so a line's length is always start[k + 1] - start[k] - 1), and
   * the doc's content size.
   */
  readonly cpStart: Uint32Array;
  readonly utf16Start: Uint32Array;
  readonly pmStart: Uint32Array;
  /** doc.content.size: the position after the last block. */
  readonly docSize: number;
}

export function buildSegmentTable(text: string, { linesPerBlock = LINES_PER_BLOCK }: { linesPerBlock?: number } = {}): SegmentTable {
  if (!Number.isInteger(linesPerBlock) || linesPerBlock < 1) throw new RangeError(`linesPerBlock must be a positive whole number (got ${linesPerBlock})`);
  let lineCount = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineCount++;
  const cpStart = new Uint32Array(lineCount + 1);
  const utf16Start = new Uint32Array(lineCount + 1);
  const pmStart = new Uint32Array(lineCount + 1);
  pmStart[0] = 1;
  let line = 0;
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      utf16Start[line] = i + 1;
      cpStart[line] = i + 1 - pairs;
      pmStart[line] = i + 1 + line + 2 * Math.floor(line / linesPerBlock) + 1;
    } else if (splitsSurrogatePair(text, i)) {
      pairs++;
    }
  }
  const blocks = Math.ceil(lineCount / linesPerBlock);
  const docSize = text.length + 1 + lineCount + 2 * blocks;
  utf16Start[lineCount] = text.length + 1;
  cpStart[lineCount] = text.length - pairs + 1;
  pmStart[lineCount] = docSize;
  return { text, index: new CodePointIndex(text), lineCount, linesPerBlock, cpStart, utf16Start, pmStart, docSize };
}

/** The last k in [0, lineCount] with starts[k] ≤ value. */
function findLine(starts: Uint32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function checkPosition(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${value} is outside the document (0–${max})`);
  }
}

/** The line holding code-point offset `cp` (a line end belongs to its own line). */
export function lineOfCodePoint(table: SegmentTable, cp: number): number {
  checkPosition(cp, table.index.length, "code point offset");
  return findLine(table.cpStart, table.lineCount - 1, cp);
}

/** The ProseMirror position of code-point offset `cp` (0 ≤ cp ≤ length); always inside a line's text. */
export function codePointToPos(table: SegmentTable, cp: number): number {
  const line = lineOfCodePoint(table, cp);
  return table.index.toUtf16(cp) - table.utf16Start[line]! + table.pmStart[line]! + 1;
}

/** The code-point offset at ProseMirror position `pos` (0 ≤ pos ≤ docSize); see the module comment for `bias`. */
export function posToCodePoint(table: SegmentTable, pos: number, bias: Bias = 1): number {
  checkPosition(pos, table.docSize, "position");
  const line = findLine(table.pmStart, table.lineCount - 1, pos);
  const textStart = table.pmStart[line]! + 1;
  const textEnd = textStart + table.utf16Start[line + 1]! - table.utf16Start[line]! - 1;
  if (pos < textStart) {
    // Before line 0's text, or inside the "\n" that ends line - 1.
    if (line === 0) return 0;
    return bias < 0 ? table.cpStart[line]! - 1 : table.cpStart[line]!;
  }
  if (pos > textEnd) {
    // After the last line's text, or inside the "\n" that ends this line.
    if (line === table.lineCount - 1) return table.index.length;
    return bias < 0 ? table.cpStart[line + 1]! - 1 : table.cpStart[line + 1]!;
  }
  let u = pos - textStart + table.utf16Start[line]!;
  const t = table.text;
  if (u > table.utf16Start[line]! && splitsSurrogatePair(t, u)) u += bias < 0 ? -1 : 1;
  return table.index.toCodePoint(u);
}

/** ProseMirror positions for code-point range [start, end). */
export function rangeToPos(table: SegmentTable, start: number, end: number): PosRange {
  if (end < start) throw new RangeError(`invalid code point range [${start}, ${end})`);
  return { from: codePointToPos(table, start), to: codePointToPos(table, end) };
}

/**
 * The code-point range of ProseMirror range [from, to]. "outward" (the default, so a selection
 * never loses a character it touches) rounds `from` back and `to` forward when they fall inside a
 * character; "inward" does the opposite, and a range that rounds to nothing collapses at `from`.
 */
export function posRangeToCodePoints(
  table: SegmentTable,
  from: number,
  to: number,
  round: "outward" | "inward" = "outward",
): CodePointRange {
  if (to < from) throw new RangeError(`invalid position range [${from}, ${to}]`);
  const outward = round === "outward";
  const start = posToCodePoint(table, from, outward ? -1 : 1);
  const end = posToCodePoint(table, to, outward ? 1 : -1);
  return { start, end: Math.max(start, end) };
}

/** Line k's text (without its "\n"). */
export function lineText(table: SegmentTable, k: number): string {
  if (!Number.isInteger(k) || k < 0 || k >= table.lineCount) throw new RangeError(`line ${k} does not exist`);
  return table.text.slice(table.utf16Start[k], table.utf16Start[k + 1]! - 1);
}

export interface EditorText {
  type: "text";
  text: string;
}
export interface EditorParagraph {
  type: "paragraph";
  content?: [EditorText];
}
export interface EditorBlock {
  type: "lineBlock";
  content: EditorParagraph[];
}
export interface EditorDoc {
  type: "doc";
  content: EditorBlock[];
}

/** The reader's document as Tiptap JSON; an empty line is a paragraph with no content (PM has no empty text nodes). */
export function toEditorDoc(table: SegmentTable): EditorDoc {
  const blocks: EditorBlock[] = [];
  for (let first = 0; first < table.lineCount; first += table.linesPerBlock) {
    const content: EditorParagraph[] = [];
    for (let k = first; k < Math.min(first + table.linesPerBlock, table.lineCount); k++) {
      const line = lineText(table, k);
      content.push(line === "" ? { type: "paragraph" } : { type: "paragraph", content: [{ type: "text", text: line }] });
    }
    blocks.push({ type: "lineBlock", content });
  }
  return { type: "doc", content: blocks };
}
