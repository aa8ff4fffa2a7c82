import { describe, expect, it } from "vitest";
import { CodePointIndex, codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { quoteSelector, verifyQuote } from "@/lib/text/quote";
import { randomText, seededRandom } from "./random-text";

describe("quoteSelector", () => {
  it("takes the exact characters and up to 32 code points of context, counted in code points", () => {
    const text = "Reports: 👩‍👩‍👧 more than 6,000 fighters 🇦🇫 crossed.";
    // 👩‍👩‍👧 is 5 code points, so "more" starts at code point 9 + 5 + 1.
    expect(quoteSelector(text, 15, 30)).toEqual({
      exact: "more than 6,000",
      prefix: "Reports: 👩‍👩‍👧 ",
      suffix: " fighters 🇦🇫 crossed.",
    });
    expect(quoteSelector(text, 15, 30, 2)).toEqual({ exact: "more than 6,000", prefix: "👧 ", suffix: " f" });
    expect(quoteSelector("𠀋𠀋abc𠀋", 2, 3, 1)).toEqual({ exact: "a", prefix: "𠀋", suffix: "b" });
    expect(quoteSelector("abc", 0, 3, 0)).toEqual({ exact: "abc", prefix: "", suffix: "" });
    expect(quoteSelector("abc", 1, 1)).toEqual({ exact: "", prefix: "a", suffix: "bc" });
  });

  it("accepts a prebuilt index with the same answers", () => {
    const text = "x".repeat(600) + "😀".repeat(600) + "مُحَمَّد".repeat(50);
    const index = new CodePointIndex(text);
    for (const [s, e] of [[0, 0], [590, 610], [1190, 1250], [1200, 1600], [1600, 1600]] as const) {
      expect(quoteSelector(index, s, e)).toEqual(quoteSelector(text, s, e));
    }
  });

  it("refuses ranges outside the text", () => {
    expect(() => quoteSelector("a😀", 1, 3)).toThrow(RangeError);
    expect(() => quoteSelector(new CodePointIndex("a😀"), 1, 3)).toThrow(RangeError);
    expect(() => quoteSelector("abc", 2, 1)).toThrow(RangeError);
    expect(() => quoteSelector("abc", -1, 1)).toThrow(RangeError);
    expect(() => quoteSelector("abc", 0, 1, -1)).toThrow(RangeError);
  });
});

describe("verifyQuote", () => {
  it("is true exactly when the code-point slice equals exact, and never throws", () => {
    const text = "a😀b مُحَمَّد";
    expect(verifyQuote(text, 1, 3, "😀b")).toBe(true);
    expect(verifyQuote(new CodePointIndex(text), 1, 3, "😀b")).toBe(true);
    expect(verifyQuote(text, 1, 3, "😀")).toBe(false);
    expect(verifyQuote(text, 2, 4, "😀b")).toBe(false);
    expect(verifyQuote(text, 4, 12, "مُحَمَّد")).toBe(true);
    expect(verifyQuote(text, 4, 12, "محمد")).toBe(false); // no harakat: different characters
    expect(verifyQuote(text, 4, 13, "مُحَمَّد")).toBe(false);
    expect(verifyQuote(text, -1, 2, "a")).toBe(false);
    expect(verifyQuote(text, 0, 1.5, "a")).toBe(false);
    expect(verifyQuote(new CodePointIndex(text), 0, 99, "a")).toBe(false);
  });
});

describe("properties over seeded random texts", () => {
  it("exact is the code-point slice and the context is what surrounds it, for 3000 random spans", () => {
    const rand = seededRandom(31337);
    const texts = Array.from({ length: 100 }, () => randomText(rand, Math.floor(rand() * 150)));
    const indexes = texts.map((t) => new CodePointIndex(t));
    for (let n = 0; n < 3000; n++) {
      const text = texts[n % texts.length]!;
      const length = codePointLength(text);
      const s = Math.floor(rand() * (length + 1));
      const e = s + Math.floor(rand() * (length - s + 1));
      const q = quoteSelector(text, s, e);
      expect(q.exact).toBe(sliceCodePoints(text, s, e));
      expect(q.prefix).toBe(sliceCodePoints(text, Math.max(0, s - 32), s));
      expect(q.suffix).toBe(sliceCodePoints(text, e, Math.min(length, e + 32)));
      expect(quoteSelector(indexes[n % texts.length]!, s, e)).toEqual(q);
      expect(verifyQuote(text, s, e, q.exact)).toBe(true);
      expect(verifyQuote(text, s, e, q.exact + "x")).toBe(false);
    }
  });
});
