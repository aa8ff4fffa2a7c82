import { describe, expect, it } from "vitest";
import {
  CodePointIndex,
  codePointLength,
  codePointToUtf16,
  findLoneSurrogate,
  sliceCodePoints,
  splitsSurrogatePair,
  utf16ToCodePoint,
} from "@/lib/text/code-points";
import { PIECES, randomText, seededRandom } from "./random-text";

/** The obvious, slow reference: an array of code points. */
const reference = (s: string) => Array.from(s);

describe("known cases (code points, as Python's len() counts them)", () => {
  it.each([
    ["", 0, 0],
    ["abc", 3, 3],
    ["👩‍👩‍👧", 5, 8], // woman ZWJ woman ZWJ girl
    ["🇦🇫", 2, 4],
    ["𠀋", 1, 2],
    ["مُحَمَّد", 8, 8], // 4 letters, 4 harakat
    ["e\u0301", 2, 2],
    ["👍🏽", 2, 4],
  ])("%j has %i code points and %i UTF-16 units", (s, cps, units) => {
    expect(codePointLength(s)).toBe(cps);
    expect(s.length).toBe(units);
  });

  it("converts around astral characters", () => {
    const s = "a😀b𠀋c";
    // units:  a=0, 😀=1-2, b=3, 𠀋=4-5, c=6   code points: a=0, 😀=1, b=2, 𠀋=3, c=4
    expect([0, 1, 3, 4, 6, 7].map((u) => utf16ToCodePoint(s, u))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((cp) => codePointToUtf16(s, cp))).toEqual([0, 1, 3, 4, 6, 7]);
    expect(sliceCodePoints(s, 1, 4)).toBe("😀b𠀋");
    expect(sliceCodePoints(s, 5, 5)).toBe("");
  });

  it("slices inside ZWJ sequences and flags by code point, as Python would", () => {
    const s = "x👩‍👩‍👧🇦🇫y";
    expect(sliceCodePoints(s, 1, 2)).toBe("👩");
    expect(sliceCodePoints(s, 1, 6)).toBe("👩‍👩‍👧");
    expect(sliceCodePoints(s, 6, 8)).toBe("🇦🇫");
    expect(sliceCodePoints(s, 7, 9)).toBe("🇫y");
  });

  it("refuses offsets outside the text, inside a surrogate pair, or not integers", () => {
    const s = "a😀";
    expect(() => utf16ToCodePoint(s, 2)).toThrow(/splits a surrogate pair/);
    expect(() => utf16ToCodePoint(s, 4)).toThrow(RangeError);
    expect(() => utf16ToCodePoint(s, -1)).toThrow(RangeError);
    expect(() => codePointToUtf16(s, 3)).toThrow(RangeError);
    expect(() => codePointToUtf16(s, 1.5)).toThrow(/integer/);
    expect(() => sliceCodePoints(s, 1, 3)).toThrow(RangeError);
    expect(() => sliceCodePoints(s, 2, 1)).toThrow(RangeError);
    expect(() => sliceCodePoints(s, -1, 1)).toThrow(RangeError);
  });

  it("counts a lone surrogate as one code point, and finds it", () => {
    expect(codePointLength("a\uD800b")).toBe(3);
    expect(codePointLength("\uDC00\uD800")).toBe(2);
    expect(findLoneSurrogate("a😀b")).toBe(-1);
    expect(findLoneSurrogate("a😀\uD800b")).toBe(3);
    expect(findLoneSurrogate("\uDE00")).toBe(0);
    expect(findLoneSurrogate("ab\uD83D")).toBe(2);
  });

  it("says where an offset splits a surrogate pair, and nowhere else", () => {
    const text = "a😀\uD800\uDE00b\uDC00";
    const splits = [...Array(text.length + 1).keys()].filter((u) => splitsSurrogatePair(text, u));
    // Inside 😀 (units 1–2) and inside the pair written as escapes (units 3–4); the lone
    // \uDC00 at 6 follows "b", so nothing is split there.
    expect(splits).toEqual([2, 4]);
  });
});

describe("properties over seeded random texts mixing the hard cases", () => {
  const rand = seededRandom(20240501);
  const texts = Array.from({ length: 60 }, (_, i) => randomText(rand, i === 0 ? 0 : 1 + Math.floor(rand() * 120)));
  // Long enough to span several 512-unit blocks of CodePointIndex, pairs straddling block edges.
  texts.push(randomText(rand, 3000), "😀".repeat(1500), "a" + "😀".repeat(1500), "x".repeat(1100));

  it("codePointLength equals Array.from length", () => {
    for (const s of texts) expect(codePointLength(s)).toBe(reference(s).length);
  });

  it("code point ⇄ UTF-16 round-trips at every code point boundary, plain and indexed", () => {
    for (const s of texts) {
      const cps = reference(s);
      const index = new CodePointIndex(s);
      expect(index.length).toBe(cps.length);
      let unit = 0;
      for (let cp = 0; cp <= cps.length; cp++) {
        expect(codePointToUtf16(s, cp)).toBe(unit);
        expect(utf16ToCodePoint(s, unit)).toBe(cp);
        expect(index.toUtf16(cp)).toBe(unit);
        expect(index.toCodePoint(unit)).toBe(cp);
        unit += cps[cp]?.length ?? 0;
      }
    }
  });

  it("slices equal the reference for random ranges, plain and indexed", () => {
    const r = seededRandom(99);
    for (const s of texts) {
      const cps = reference(s);
      const index = new CodePointIndex(s);
      for (let k = 0; k < 25; k++) {
        const a = Math.floor(r() * (cps.length + 1));
        const b = a + Math.floor(r() * (cps.length - a + 1));
        const expected = cps.slice(a, b).join("");
        expect(sliceCodePoints(s, a, b)).toBe(expected);
        expect(index.slice(a, b)).toBe(expected);
      }
    }
  });

  it("the index refuses what the plain functions refuse", () => {
    const s = "ab😀";
    const index = new CodePointIndex(s);
    expect(() => index.toCodePoint(3)).toThrow(/splits a surrogate pair/);
    expect(() => index.toUtf16(4)).toThrow(RangeError);
    expect(() => index.slice(2, 4)).toThrow(RangeError);
    expect(new CodePointIndex("abc").toUtf16(3)).toBe(3);
  });

  it("every piece survives a slice at its own boundaries", () => {
    const s = PIECES.join("");
    let start = 0;
    for (const piece of PIECES) {
      const end = start + codePointLength(piece);
      expect(sliceCodePoints(s, start, end)).toBe(piece);
      start = end;
    }
  });
});

describe("on a 5 MB text", () => {
  const rand = seededRandom(5);
  let big = "";
  while (big.length < 5_000_000) big += randomText(rand, 1000);

  it("converts 10,000 random offsets through one index quickly and exactly", () => {
    const index = new CodePointIndex(big);
    const r = seededRandom(6);
    const started = performance.now();
    for (let k = 0; k < 10_000; k++) {
      const cp = Math.floor(r() * index.length);
      const unit = index.toUtf16(cp);
      expect(index.toCodePoint(unit)).toBe(cp);
    }
    expect(performance.now() - started).toBeLessThan(2000);
    // Spot-check against the plain (scanning) functions.
    for (const cp of [0, 1, 4_000_000 / 3, index.length].map(Math.floor)) {
      expect(index.toUtf16(cp)).toBe(codePointToUtf16(big, cp));
    }
  });

  it("counts code points in one linear scan", () => {
    const started = performance.now();
    const n = codePointLength(big);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(n).toBe(new CodePointIndex(big).length);
  });
});
