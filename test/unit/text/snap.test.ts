import { describe, expect, it } from "vitest";
import { CodePointIndex, codePointLength, sliceCodePoints, utf16ToCodePoint } from "@/lib/text/code-points";
import { snapToWords } from "@/lib/text/snap";
import { randomText, seededRandom } from "./random-text";

/** Snaps a selection given as a substring occurrence and returns the snapped text. */
function snapText(text: string, selected: string, exact = false, occurrence = 0): string | null {
  let u = -1;
  for (let k = 0; k <= occurrence; k++) u = text.indexOf(selected, u + 1);
  if (u < 0) throw new Error(`"${selected}" is not in the text`);
  const start = utf16ToCodePoint(text, u);
  const r = snapToWords(text, start, start + codePointLength(selected), { exact });
  return r && sliceCodePoints(text, r.start, r.end);
}

describe("snapToWords, known cases", () => {
  it("extends partial words to whole words and trims whitespace", () => {
    const text = "More than 6,000 fighters crossed the border.";
    expect(snapText(text, "ore than 6,0")).toBe("More than 6,000");
    expect(snapText(text, " than ")).toBe("than");
    expect(snapText("a \t b", " \t ")).toBeNull();
    expect(snapText(text, "ghters crossed the border.")).toBe("fighters crossed the border.");
    expect(snapText(text, "r.")).toBe("border.");
  });

  it("keeps the exact characters with exact, still trimmed and on grapheme boundaries", () => {
    const text = "More than 6,000 fighters";
    expect(snapText(text, "ore than 6,0", true)).toBe("ore than 6,0");
    expect(snapText(text, " than 6,000 f", true)).toBe("than 6,000 f");
    expect(snapText("a e\u0301b", "e", true)).toBe("e\u0301"); // never a base without its mark
    expect(snapText("x👩‍👩‍👧y", "👩", true)).toBe("👩‍👩‍👧"); // never part of a ZWJ sequence
    expect(snapText("🇦🇫🇺🇸", "🇫🇺", true)).toBe("🇦🇫🇺🇸"); // a selection across two flags' halves
    expect(snapText("a 👍🏽 b", "🏽", true)).toBe("👍🏽");
  });

  it("returns null for whitespace only, including no-break, ideographic and zero-width spaces", () => {
    expect(snapToWords("a \u00A0\u3000\u200B\n\t b", 1, 8)).toBeNull();
    expect(snapToWords("abc", 1, 1)).toBeNull();
    expect(snapToWords("", 0, 0)).toBeNull();
  });

  it("handles Arabic script with harakat, CJK words and emoji", () => {
    const arabic = "قال مُحَمَّد إن أكثر من ٦٠٠٠ مقاتل";
    expect(snapText(arabic, "حَمَّ")).toBe("مُحَمَّد");
    expect(snapText(arabic, "ُحَ", true)).toBe("مُحَ"); // the preceding letter comes with its damma
    expect(snapText(arabic, "٠٠ مقا")).toBe("٦٠٠٠ مقاتل");
    expect(snapText("中华人民共和国成立了", "民共")).toBe("人民共和国");
    expect(snapText("中华人民共和国成立了", "民共", true)).toBe("民共");
    expect(snapText("日本語のテキストです", "キス")).toBe("テキスト");
    expect(snapText("hello👩‍👩‍👧world", "o👩")).toBe("hello👩‍👩‍👧");
    expect(snapText("𠀋𠀋 text", "𠀋 te")).toBe("𠀋 text");
    expect(snapText("ISIS-K fighters", "SIS-K f")).toBe("ISIS-K fighters");
  });

  it("pairs flags correctly inside a run of regional indicators longer than its window", () => {
    const flags = "🇦🇫".repeat(100);
    expect(snapToWords(flags, 101, 102, { exact: true })).toEqual({ start: 100, end: 102 });
    expect(snapToWords(flags, 100, 101, { exact: true })).toEqual({ start: 100, end: 102 });
    expect(snapToWords("x" + flags, 102, 103, { exact: true })).toEqual({ start: 101, end: 103 });
  });

  it("stays within the line and within reach on very long words", () => {
    expect(snapText("first\nsecond", "t\ns")).toBe("first\nsecond");
    const long = "x".repeat(1000);
    const r = snapToWords(long, 500, 501)!;
    expect(r.end - r.start).toBeGreaterThan(200);
    expect(r.end - r.start).toBeLessThanOrEqual(513);
  });

  it("refuses a range outside the text and accepts a prebuilt index", () => {
    expect(() => snapToWords("abc", 2, 4)).toThrow(RangeError);
    const text = "😀".repeat(700) + " word " + "😀".repeat(10);
    expect(snapToWords(text, 703, 704, { index: new CodePointIndex(text) })).toEqual({ start: 701, end: 705 });
  });
});

describe("snapToWords on 1 MB single-line texts (Intl.Segmenter only ever sees small windows)", () => {
  it.each([
    ["CJK", "中华人民共和国成立了𠀋"],
    ["Arabic", "مُحَمَّد رسول الله 👩‍👩‍👧 "],
  ])("%s: 500 snaps in well under two seconds (whole-line segmentation would take minutes)", (_, unit) => {
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const index = new CodePointIndex(text);
    const rand = seededRandom(5);
    const t0 = performance.now();
    for (let n = 0; n < 500; n++) {
      const s = Math.floor(rand() * (index.length - 50));
      const r = snapToWords(text, s, s + 1 + Math.floor(rand() * 40), { index, exact: n % 2 === 0 });
      if (r && r.start > s + 1) throw new Error("snapped past the selection");
    }
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const words = new Intl.Segmenter(undefined, { granularity: "word" });

/** Code-point boundaries of every grapheme cluster, and the insides of word-like segments. */
function reference(text: string) {
  const cp = (u: number) => utf16ToCodePoint(text, u);
  const clusterEdges = new Set<number>([codePointLength(text)]);
  const blank = new Map<number, boolean>();
  for (const g of graphemes.segment(text)) {
    clusterEdges.add(cp(g.index));
    blank.set(cp(g.index), /^[\s\u200B\u2060]+$/u.test(g.segment));
  }
  const insideWord = new Set<number>();
  for (const w of words.segment(text)) {
    if (!w.isWordLike) continue;
    const a = cp(w.index);
    const b = a + codePointLength(w.segment);
    for (let k = a + 1; k < b; k++) insideWord.add(k);
  }
  return { clusterEdges, blank, insideWord };
}

describe("properties over seeded random texts", () => {
  it("never splits a cluster, never starts or ends with whitespace, keeps every selected character", () => {
    const rand = seededRandom(4242);
    const texts = Array.from({ length: 120 }, () => randomText(rand, 1 + Math.floor(rand() * 100)));
    const refs = texts.map(reference);
    let snapped = 0;
    for (let n = 0; n < 3000; n++) {
      const text = texts[n % texts.length]!;
      const ref = refs[n % texts.length]!;
      const length = codePointLength(text);
      const s = Math.floor(rand() * (length + 1));
      const e = s + Math.floor(rand() * Math.min(40, length - s + 1));
      const exact = n % 2 === 0;
      const r = snapToWords(text, s, e, { exact });
      if (s === e) {
        expect(r).toBeNull();
        continue;
      }
      // Non-blank selected clusters, by their starts.
      const kept = [...ref.blank].filter(([at, isBlank]) => !isBlank && at < e && nextEdge(ref.clusterEdges, at) > s);
      if (!r) {
        expect(kept).toEqual([]);
        continue;
      }
      snapped++;
      expect(r.start).toBeLessThan(r.end);
      expect(ref.clusterEdges.has(r.start) && ref.clusterEdges.has(r.end)).toBe(true);
      expect(ref.blank.get(r.start)).toBe(false);
      expect(ref.blank.get(lastClusterStart(ref.clusterEdges, r.end))).toBe(false);
      expect(r.start).toBeLessThanOrEqual(kept[0]![0]);
      expect(r.end).toBeGreaterThanOrEqual(nextEdge(ref.clusterEdges, kept[kept.length - 1]![0]));
      if (exact) {
        // Nothing beyond the clusters the selection touched.
        expect(r.start).toBeGreaterThanOrEqual(lastClusterStart(ref.clusterEdges, s + 1));
        expect(r.end).toBeLessThanOrEqual(nextEdge(ref.clusterEdges, Math.max(e - 1, 0)));
      } else {
        expect(ref.insideWord.has(r.start) || ref.insideWord.has(r.end)).toBe(false);
      }
    }
    expect(snapped).toBeGreaterThan(1500);
  });
});

function nextEdge(edges: Set<number>, at: number): number {
  let k = at + 1;
  while (!edges.has(k)) k++;
  return k;
}

function lastClusterStart(edges: Set<number>, end: number): number {
  let k = end - 1;
  while (!edges.has(k)) k--;
  return k;
}
