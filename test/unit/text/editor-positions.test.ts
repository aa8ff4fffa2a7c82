import { Node as PMNode, Schema } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/text/canonical";
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import {
  buildSegmentTable,
  codePointToPos,
  lineOfCodePoint,
  lines,
  posRangeToCodePoints,
  posToCodePoint,
  rangeToPos,
  toEditorDoc,
  type SegmentTable,
} from "@/lib/text/editor-positions";
import { randomText, seededRandom } from "./random-text";

/** The reader's structure (Tiptap's Document + Paragraph + Text), checked by ProseMirror itself. */
const schema = new Schema({
  nodes: { doc: { content: "paragraph+" }, paragraph: { content: "text*" }, text: {} },
});
const docs = new Map<string, PMNode>();
function pmDoc(text: string): PMNode {
  let doc = docs.get(text);
  if (!doc) docs.set(text, (doc = PMNode.fromJSON(schema, toEditorDoc(text))));
  return doc;
}

/**
 * The slow reference: walk the text character by character, giving each code-point offset its
 * position, exactly as the layout is described (open = 1, each unit = 1, close = 1).
 */
function referencePositions(text: string): number[] {
  const pos: number[] = [];
  let p = 1;
  for (const ch of text) {
    pos.push(p);
    p += ch === "\n" ? 2 : ch.length;
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

  it("builds one paragraph per line, empty ones without content", () => {
    expect(lines(table)).toEqual(["ab", "", "c😀d", ""]);
    expect(toEditorDoc(text)).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "ab" }] },
        { type: "paragraph" },
        { type: "paragraph", content: [{ type: "text", text: "c😀d" }] },
        { type: "paragraph" },
      ],
    });
    expect(toEditorDoc(table)).toEqual(toEditorDoc(text));
    expect(toEditorDoc("")).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("keeps per-line starts in three units, with a sentinel", () => {
    expect(table.lineCount).toBe(4);
    expect([...table.cpStart]).toEqual([0, 3, 4, 8, 9]);
    expect([...table.utf16Start]).toEqual([0, 3, 4, 9, 10]);
    expect([...table.pmStart]).toEqual([0, 4, 6, 12, 14]);
    expect(table.docSize).toBe(14);
    expect(pmDoc(text).content.size).toBe(14);
  });

  it("maps every code point offset to one position inside its line's text", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((cp) => codePointToPos(table, cp))).toEqual([1, 2, 3, 5, 7, 8, 10, 11, 13]);
    expect([0, 2, 3, 4, 7, 8].map((cp) => lineOfCodePoint(table, cp))).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it("rounds positions inside a character by bias: the boundary between paragraphs, mid surrogate pair", () => {
    expect(posToCodePoint(table, 0)).toBe(0); // before the first paragraph
    expect(posToCodePoint(table, 14, -1)).toBe(8); // after the last
    expect([posToCodePoint(table, 4, -1), posToCodePoint(table, 4, 1)]).toEqual([2, 3]); // inside the first "\n"
    expect([posToCodePoint(table, 6, -1), posToCodePoint(table, 6)]).toEqual([3, 4]);
    expect([posToCodePoint(table, 9, -1), posToCodePoint(table, 9, 1)]).toEqual([5, 6]); // between 😀's halves
    expect(posRangeToCodePoints(table, 9, 9)).toEqual({ start: 5, end: 6 });
    expect(posRangeToCodePoints(table, 9, 9, "inward")).toEqual({ start: 6, end: 6 });
    expect(posRangeToCodePoints(table, 0, 14)).toEqual({ start: 0, end: 8 });
    expect(posRangeToCodePoints(table, 4, 6, "inward")).toEqual({ start: 3, end: 3 });
    expect(posRangeToCodePoints(table, 4, 6)).toEqual({ start: 2, end: 4 });
  });

  it("refuses what is outside the document", () => {
    expect(() => codePointToPos(table, 9)).toThrow(RangeError);
    expect(() => codePointToPos(table, -1)).toThrow(RangeError);
    expect(() => posToCodePoint(table, 15)).toThrow(RangeError);
    expect(() => posToCodePoint(table, 1.5)).toThrow(RangeError);
    expect(() => rangeToPos(table, 3, 2)).toThrow(RangeError);
    expect(() => posRangeToCodePoints(table, 5, 4)).toThrow(RangeError);
  });
});

describe("properties over seeded random texts (emoji, ZWJ, flags, astral CJK, Arabic, marks, empty lines, CRLF)", () => {
  const texts = randomTexts(20260404, 400);

  it("matches the reference layout and ProseMirror's own document", () => {
    for (const text of texts) {
      const table = buildSegmentTable(text);
      const ref = referencePositions(text);
      const doc = pmDoc(text);
      expect(table.docSize).toBe(doc.content.size);
      expect(doc.childCount).toBe(table.lineCount);
      doc.forEach((_, offset, k) => expect(table.pmStart[k]).toBe(offset));
      for (let cp = 0; cp < ref.length; cp++) {
        expect(codePointToPos(table, cp)).toBe(ref[cp]);
        expect(posToCodePoint(table, ref[cp]!, -1)).toBe(cp);
        expect(posToCodePoint(table, ref[cp]!, 1)).toBe(cp);
      }
    }
  });

  it("maps every position to a code point and back, rounding only positions inside a character", () => {
    for (const text of texts) {
      const table = buildSegmentTable(text);
      const valid = new Set(referencePositions(text));
      for (let pos = 0; pos <= table.docSize; pos++) {
        const back = posToCodePoint(table, pos, -1);
        const fwd = posToCodePoint(table, pos, 1);
        if (valid.has(pos)) {
          expect([back, fwd]).toEqual([posToCodePoint(table, pos), posToCodePoint(table, pos)]);
          expect(codePointToPos(table, back)).toBe(pos);
        } else if (pos === 0 || pos === table.docSize) {
          expect(back).toBe(fwd);
        } else {
          // Inside a "\n" (a paragraph boundary) or a surrogate pair: one character apart.
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
      const table: SegmentTable = buildSegmentTable(text);
      const length = codePointLength(text);
      const s = Math.floor(rand() * (length + 1));
      const e = s + Math.floor(rand() * (length - s + 1));
      const { from, to } = rangeToPos(table, s, e);
      expect(posRangeToCodePoints(table, from, to)).toEqual({ start: s, end: e });
      expect(posRangeToCodePoints(table, from, to, "inward")).toEqual({ start: s, end: e });
      const slice = sliceCodePoints(text, s, e);
      if (slice.includes("\n")) crossing++;
      // Within a line the text is the slice itself; across lines ProseMirror joins blocks with "\n".
      expect(pmDoc(text).textBetween(from, to, "\n")).toBe(slice);
    }
    expect(crossing).toBeGreaterThan(100);
  });
});

describe("a 1 MB text with 20,000 lines", () => {
  const rand = seededRandom(99);
  const parts: string[] = [];
  for (let i = 0; i < 20_000; i++) parts.push(randomText(rand, 20).replace(/\n/g, " ") + " مُحَمَّد 👩‍👩‍👧 lorem ipsum");
  const text = parts.join("\n");

  it("builds its table and converts 20,000 spans quickly", () => {
    const t0 = performance.now();
    const table = buildSegmentTable(text);
    const built = performance.now() - t0;
    expect(table.lineCount).toBe(20_000);
    const length = table.index.length;
    const t1 = performance.now();
    for (let n = 0; n < 20_000; n++) {
      const s = Math.floor(rand() * length);
      const e = Math.min(length, s + Math.floor(rand() * 300));
      const { from, to } = rangeToPos(table, s, e);
      const back = posRangeToCodePoints(table, from, to);
      if (back.start !== s || back.end !== e) throw new Error(`mismatch at ${s}-${e}`);
    }
    const converted = performance.now() - t1;
    expect(text.length).toBeGreaterThan(1_000_000);
    // Generous bounds against a loaded machine; a linear scan per lookup would take ~20 s.
    expect(built).toBeLessThan(1000);
    expect(converted).toBeLessThan(2000);
  });
});
