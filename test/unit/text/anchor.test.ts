import { describe, expect, it } from "vitest";
import { anchorQuote } from "@/lib/text/anchor";
import { CodePointIndex, codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { quoteSelector } from "@/lib/text/quote";
import { randomText, seededRandom } from "./random-text";

const report =
  "The UN said more than 6,000 fighters crossed. Officials said more than 6,000 fighters remained, " +
  "and 👩‍👩‍👧 families reported more than 6,000 fighters nearby.";
/** Code-point offsets of every occurrence of `s` in `text`. */
function occurrences(text: string, s: string): number[] {
  const out: number[] = [];
  for (let u = text.indexOf(s); u !== -1; u = text.indexOf(s, u + 1)) out.push(codePointLength(text.slice(0, u)));
  return out;
}

describe("anchorQuote", () => {
  const exact = "more than 6,000 fighters";
  const [first, second, third] = occurrences(report, exact) as [number, number, number];
  const selectorAt = (start: number) => ({ start, end: start + codePointLength(exact), ...quoteSelector(report, start, start + codePointLength(exact)) });

  it("anchors at the stored position when the quote is still there", () => {
    expect(anchorQuote(report, selectorAt(second))).toEqual({ status: "anchored", start: second, end: second + 24 });
    expect(anchorQuote(new CodePointIndex(report), selectorAt(third))).toMatchObject({ status: "anchored", start: third });
  });

  it("moves to the occurrence whose context matches best, even when another is nearer", () => {
    const stored = { ...selectorAt(second), start: first + 1, end: first + 25 };
    expect(anchorQuote(report, stored)).toEqual({ status: "moved", start: second, end: second + 24 });
    // The third occurrence comes after an emoji: its offsets are code points, not UTF-16 units.
    const last = { ...selectorAt(third), start: 0, end: 24 };
    expect(anchorQuote(report, last)).toEqual({ status: "moved", start: third, end: third + 24 });
    expect(sliceCodePoints(report, third, third + 24)).toBe(exact);
  });

  it("breaks ties in context by distance from the old start", () => {
    const noContext = { start: third - 3, end: third + 21, exact };
    expect(anchorQuote(report, noContext)).toMatchObject({ status: "moved", start: third });
    expect(anchorQuote(report, { start: first + 2, end: first + 26, exact })).toMatchObject({ start: first });
    expect(anchorQuote(report, { ...noContext, start: second - 1 })).toMatchObject({ start: second });
  });

  it("re-anchors after text was inserted before it (an import from an older version)", () => {
    const old = "Kabul: nearly 400 civilians were displaced.";
    const selector = { start: 7, end: 26, ...quoteSelector(old, 7, 26) };
    expect(selector.exact).toBe("nearly 400 civilian");
    const edited = "🇦🇫 Updated 2 May. " + old;
    expect(anchorQuote(edited, selector)).toEqual({ status: "moved", start: 25, end: 44 });
  });

  it("orphans a quote that is not in the text, and never throws on bad offsets", () => {
    expect(anchorQuote(report, { start: 0, end: 5, exact: "7,000 fighters" })).toEqual({ status: "orphaned" });
    expect(anchorQuote(report, { start: 0, end: 0, exact: "" })).toEqual({ status: "anchored", start: 0, end: 0 });
    expect(anchorQuote(report, { start: -5, end: 0, exact: "" })).toEqual({ status: "orphaned" });
    expect(anchorQuote(report, { start: Number.NaN, end: 9, exact })).toMatchObject({ status: "moved", start: first });
    expect(anchorQuote(report, { start: 1e9, end: 1e9 + 24, exact })).toMatchObject({ status: "moved", start: third });
    expect(anchorQuote("a😀b", { start: 0, end: 1, exact: "\uDE00" })).toEqual({ status: "orphaned" });
  });
});

describe("properties over seeded random texts", () => {
  it("always lands on a range holding the quote, and keeps a correct position", () => {
    const rand = seededRandom(2718);
    let unique = 0;
    for (let n = 0; n < 1500; n++) {
      const text = randomText(rand, 1 + Math.floor(rand() * 120));
      const length = codePointLength(text);
      const s = Math.floor(rand() * length);
      const e = s + 1 + Math.floor(rand() * Math.min(12, length - s));
      const selector = { start: s, end: e, ...quoteSelector(text, s, e) };
      expect(anchorQuote(text, selector)).toEqual({ status: "anchored", start: s, end: e });
      // Shifted by an insertion before it: found again, on the same characters.
      const shift = Math.floor(rand() * 5);
      const shifted = "😀".repeat(shift) + "x".repeat(n % 3) + text;
      const moved = anchorQuote(n % 2 ? shifted : new CodePointIndex(shifted), selector);
      // Position checked by quote comes first, so a repeat of the quote at the old offsets wins.
      const stillThere = sliceCodePoints(shifted, s, e) === selector.exact;
      expect(moved.status).toBe(stillThere ? "anchored" : "moved");
      expect(sliceCodePoints(shifted, moved.start!, moved.end!)).toBe(selector.exact);
      // Where prefix + exact + suffix occurs once, context picks out this very occurrence.
      if (occurrences(shifted, selector.prefix + selector.exact + selector.suffix).length === 1) {
        expect(moved.start).toBe(stillThere ? s : s + shift + (n % 3));
        unique++;
      }
    }
    expect(unique).toBeGreaterThan(1000);
  });
});
