import { Node as PMNode, Schema } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/text/canonical";
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import {
  buildSegmentTable,
  codePointToPos,
  lineOfCodePoint,
  lineText,
  LINES_PER_BLOCK,
  posRangeToCodePoints,
  posToCodePoint,
  rangeToPos,
  toEditorDoc,
  type SegmentTable,
} from "@/lib/text/editor-positions";
import { randomText, seededRandom } from "./random-text";

/** The reader's structure (Tiptap's Document, line blocks, Paragraph, Text), checked by ProseMirror itself. */
const schema = new Schema({
  nodes: { doc: { content: "lineBlock+" }, lineBlock: { content: "paragraph+" }, paragraph: { content: "text*" }, text: {} },
});
const docs = new Map<string, PMNode>();
function pmDoc(text: string, linesPerBlock = LINES_PER_BLOCK): PMNode {
  const key = `${linesPerBlock}:${text}`;
  let doc = docs.get(key);
  if (!doc) docs.set(key, (doc = PMNode.fromJSON(schema, toEditorDoc(buildSegmentTable(text, { linesPerBlock })))));
  return doc;
}

/** Every paragraph's opening position, in order. */
function paragraphStarts(doc: PMNode): number[] {
  const starts: number[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === "paragraph") starts.push(pos);
    return node.type.name !== "paragraph";
  });
  return starts;
}

/**
 * The slow reference: walk the text character by character, giving each code-point offset its
 * position, exactly as the layout is described (open = 1, each unit = 1, close = 1).
 */
function referencePositions(text: string, linesPerBlock = LINES_PER_BLOCK): number[] {
  const pos: number[] = [];
  let p = 2; // the first block's and the first paragraph's opening tokens
  let line = 0;
  for (const ch of text) {
    pos.push(p);
    if (ch === "\n") {
      line++;
      // Close the paragraph and open the next; at a block boundary close and open the block too.
      p += line % linesPerBlock === 0 ? 4 : 2;
    } else {
      p += ch.length;
    }
  }
  pos.push(p);
  return pos;
}

function randomTexts(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const texts = ["", "\n", "\n\n", "a\n", "😀", "\n😀\n"];
  for (let i = 0; i < count; i++) {
    const t = randomText(rand, Math.floor(rand() * 80));
    // Every fourth text as it would arrive from Windows: CRLF and lone CR, then canonicalized.
    texts.push(i % 4 === 0 ? canonicalize(t.replace(/\n/g, rand() < 0.5 ? "\r\n" : "\r")) : t);
  }
  return texts;
}

describe("known positions", () => {
  // lines: "ab" | "" | "c😀d" | ""   (cp offsets: a0 b1 \n2 \n3 c4 😀5 d6 \n7, end 8)
  const text = "ab\n\nc😀d\n";
  const table = buildSegmentTable(text);

  it("builds one paragraph per line, empty ones without content, in blocks of lines", () => {
    expect(Array.from({ length: table.lineCount }, (_, k) => lineText(table, k))).toEqual(["ab", "", "c😀d", ""]);
    const paragraphs = [
      { type: "paragraph", content: [{ type: "text", text: "ab" }] },
      { type: "paragraph" },
      { type: "paragraph", content: [{ type: "text", text: "c😀d" }] },
      { type: "paragraph" },
    ];
    expect(toEditorDoc(table)).toEqual({ type: "doc", content: [{ type: "lineBlock", content: paragraphs }] });
    expect(toEditorDoc(buildSegmentTable(text, { linesPerBlock: 3 }))).toEqual({
      type: "doc",
      content: [
        { type: "lineBlock", content: paragraphs.slice(0, 3) },
        { type: "lineBlock", content: paragraphs.slice(3) },
      ],
    });
    expect(toEditorDoc(buildSegmentTable(""))).toEqual({ type: "doc", content: [{ type: "lineBlock", content: [{ type: "paragraph" }] }] });
    expect(() => buildSegmentTable(text, { linesPerBlock: 0 })).toThrow(RangeError);
  });

  it("keeps per-line starts in three units, with a sentinel", () => {
    expect(table.lineCount).toBe(4);
    expect([...table.cpStart]).toEqual([0, 3, 4, 8, 9]);
    expect([...table.utf16Start]).toEqual([0, 3, 4, 9, 10]);
    expect([...table.pmStart]).toEqual([1, 5, 7, 13, 16]);
    expect(table.docSize).toBe(16);
    expect(pmDoc(text).content.size).toBe(16);
  });

  it("maps every code point offset to one position inside its line's text", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((cp) => codePointToPos(table, cp))).toEqual([2, 3, 4, 6, 8, 9, 11, 12, 14]);
    expect([0, 2, 3, 4, 7, 8].map((cp) => lineOfCodePoint(table, cp))).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it("rounds positions inside a character by bias: the boundary between paragraphs, mid surrogate pair", () => {
    expect([posToCodePoint(table, 0, -1), posToCodePoint(table, 1, 1)]).toEqual([0, 0]); // before the first line's text
    expect([posToCodePoint(table, 15, -1), posToCodePoint(table, 16, 1)]).toEqual([8, 8]); // after the last
    expect([posToCodePoint(table, 5, -1), posToCodePoint(table, 5, 1)]).toEqual([2, 3]); // inside the first "\n"
    expect([posToCodePoint(table, 7, -1), posToCodePoint(table, 7)]).toEqual([3, 4]);
    expect([posToCodePoint(table, 10, -1), posToCodePoint(table, 10, 1)]).toEqual([5, 6]); // between 😀's halves
    expect(posRangeToCodePoints(table, 10, 10)).toEqual({ start: 5, end: 6 });
    expect(posRangeToCodePoints(table, 10, 10, "inward")).toEqual({ start: 6, end: 6 });
    expect(posRangeToCodePoints(table, 0, 16)).toEqual({ start: 0, end: 8 });
    expect(posRangeToCodePoints(table, 5, 7, "inward")).toEqual({ start: 3, end: 3 });
    expect(posRangeToCodePoints(table, 5, 7)).toEqual({ start: 2, end: 4 });
  });

  it("spans a block boundary with three positions inside the \"\n\" there", () => {
    // Two lines per block: "ab" "" | "c😀d" "". Line 2 opens a block.
    const blocks = buildSegmentTable(text, { linesPerBlock: 2 });
    expect([...blocks.pmStart]).toEqual([1, 5, 9, 15, 18]);
    expect(pmDoc(text, 2).content.size).toBe(18);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((cp) => codePointToPos(blocks, cp))).toEqual([2, 3, 4, 6, 10, 11, 13, 14, 16]);
    for (const pos of [7, 8, 9]) expect([posToCodePoint(blocks, pos, -1), posToCodePoint(blocks, pos, 1)]).toEqual([3, 4]);
    expect(pmDoc(text, 2).textBetween(6, 10, "\n")).toBe("\n");
  });

  it("refuses what is outside the document", () => {
    expect(() => codePointToPos(table, 9)).toThrow(RangeError);
    expect(() => codePointToPos(table, -1)).toThrow(RangeError);
    expect(() => posToCodePoint(table, 17)).toThrow(RangeError);
    expect(() => posToCodePoint(table, 1.5)).toThrow(RangeError);
    expect(() => rangeToPos(table, 3, 2)).toThrow(RangeError);
    expect(() => posRangeToCodePoints(table, 5, 4)).toThrow(RangeError);
  });
});

describe("properties over seeded random texts (emoji, ZWJ, flags, astral CJK, Arabic, marks, empty lines, CRLF)", () => {
  const texts = randomTexts(20260404, 400);

  it.each([1, 2, 3, LINES_PER_BLOCK])("matches the reference layout and ProseMirror's own document (%i lines per block)", (linesPerBlock) => {
    for (const text of texts) {
      const table = buildSegmentTable(text, { linesPerBlock });
      const ref = referencePositions(text, linesPerBlock);
      const doc = pmDoc(text, linesPerBlock);
      expect(table.docSize).toBe(doc.content.size);
      expect(doc.childCount).toBe(Math.ceil(table.lineCount / linesPerBlock));
      expect(paragraphStarts(doc)).toEqual([...table.pmStart.slice(0, table.lineCount)]);
      for (let cp = 0; cp < ref.length; cp++) {
        expect(codePointToPos(table, cp)).toBe(ref[cp]);
        expect(posToCodePoint(table, ref[cp]!, -1)).toBe(cp);
        expect(posToCodePoint(table, ref[cp]!, 1)).toBe(cp);
      }
    }
  });

  it.each([1, 2, LINES_PER_BLOCK])("maps every position to a code point and back, rounding only positions inside a character (%i lines per block)", (linesPerBlock) => {
    for (const text of texts) {
      const table = buildSegmentTable(text, { linesPerBlock });
      const ref = referencePositions(text, linesPerBlock);
      const valid = new Set(ref);
      for (let pos = 0; pos <= table.docSize; pos++) {
        const back = posToCodePoint(table, pos, -1);
        const fwd = posToCodePoint(table, pos, 1);
        if (valid.has(pos)) {
          expect([back, fwd]).toEqual([posToCodePoint(table, pos), posToCodePoint(table, pos)]);
          expect(codePointToPos(table, back)).toBe(pos);
        } else if (pos < ref[0]! || pos > ref[ref.length - 1]!) {
          expect(back).toBe(fwd);
        } else {
          // Inside a "\n" (a paragraph or block boundary) or a surrogate pair: one character apart.
          expect(fwd).toBe(back + 1);
          expect(codePointToPos(table, back)).toBeLessThan(pos);
          expect(codePointToPos(table, fwd)).toBeGreaterThan(pos);
        }
      }
    }
  });

  it("round-trips 2000 random spans, and ProseMirror's text between the positions is the slice", () => {
    const rand = seededRandom(7);
    let crossing = 0;
    for (let n = 0; n < 2000; n++) {
      const text = texts[n % texts.length]!;
      const linesPerBlock = [1, 2, LINES_PER_BLOCK][n % 3]!;
      const table: SegmentTable = buildSegmentTable(text, { linesPerBlock });
      const length = codePointLength(text);
      const s = Math.floor(rand() * (length + 1));
      const e = s + Math.floor(rand() * (length - s + 1));
      const { from, to } = rangeToPos(table, s, e);
      expect(posRangeToCodePoints(table, from, to)).toEqual({ start: s, end: e });
      expect(posRangeToCodePoints(table, from, to, "inward")).toEqual({ start: s, end: e });
      const slice = sliceCodePoints(text, s, e);
      if (slice.includes("\n")) crossing++;
      // Within a line the text is the slice itself; across lines ProseMirror joins blocks with "\n".
      expect(pmDoc(text, linesPerBlock).textBetween(from, to, "\n")).toBe(slice);
    }
    expect(crossing).toBeGreaterThan(100);
  });
});

describe("a 1 MB text with 20,000 lines", () => {
  const rand = seededRandom(99);
  const parts: string[] = [];
  for (let i = 0; i < 20_000; i++) parts.push(randomText(rand, 20).replace(/\n/g, " ") + " مُحَمَّد 👩‍👩‍👧 lorem ipsum");
  const text = parts.join("\n");

  // Speed is bench:editor's business; this checks the conversions at scale, across 625 blocks.
  it("converts 20,000 random spans there and back", () => {
    const table = buildSegmentTable(text);
    expect(table.lineCount).toBe(20_000);
    const length = table.index.length;
    for (let n = 0; n < 20_000; n++) {
      const s = Math.floor(rand() * length);
      const e = Math.min(length, s + Math.floor(rand() * 300));
      const { from, to } = rangeToPos(table, s, e);
      const back = posRangeToCodePoints(table, from, to);
      if (back.start !== s || back.end !== e) throw new Error(`mismatch at ${s}-${e}`);
    }
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(table.docSize).toBe(text.length + 1 + 20_000 + 2 * Math.ceil(20_000 / LINES_PER_BLOCK));
  });
});
