import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/text/canonical";
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { FIND_LIMIT, findMatches, foldText } from "@/lib/text/find-matches";
import { PIECES, randomText, seededRandom } from "./random-text";

/** [start, end] pairs, for short expectations. */
const found = (text: string, query: string, caseSensitive = false) =>
  findMatches(text, query, { caseSensitive }).matches.map((m) => [m.start, m.end]);

/** What each match covers, as text. */
const quotes = (text: string, query: string, caseSensitive = false) =>
  findMatches(text, query, { caseSensitive }).matches.map((m) => sliceCodePoints(text, m.start, m.end));

describe("findMatches, known cases", () => {
  it("finds nothing for an empty query, or in an empty text", () => {
    expect(findMatches("some text", "")).toEqual({ matches: [], truncated: false });
    expect(findMatches("", "a")).toEqual({ matches: [], truncated: false });
    expect(findMatches("", "")).toEqual({ matches: [], truncated: false });
  });

  it("ignores case by default and respects it on request", () => {
    const text = "Kandahar, KANDAHAR and kandahar";
    expect(quotes(text, "kandahar")).toEqual(["Kandahar", "KANDAHAR", "kandahar"]);
    expect(found(text, "kandahar")).toEqual([[0, 8], [10, 18], [23, 31]]);
    expect(quotes(text, "Kandahar", true)).toEqual(["Kandahar"]);
    expect(found(text, "kandahar", true)).toEqual([[23, 31]]);
  });

  it("reports non-overlapping matches, leftmost first", () => {
    expect(found("aaaa", "aa")).toEqual([[0, 2], [2, 4]]);
    expect(found("aaa", "aa")).toEqual([[0, 2]]);
    expect(found("abababa", "aba")).toEqual([[0, 3], [4, 7]]);
  });

  it("counts offsets in code points after astral characters", () => {
    // "😀" and "𠀋" are two UTF-16 units each, one code point.
    expect(found("😀 fighters 𠀋 fighters", "fighters")).toEqual([[2, 10], [13, 21]]);
    expect(found("中𠀋文𠀋", "𠀋")).toEqual([[1, 2], [3, 4]]);
    expect(found("𠀋𠀋𠀋", "𠀋𠀋")).toEqual([[0, 2]]);
  });

  it("never matches part of an emoji: skin tones, ZWJ sequences, flags", () => {
    expect(found("👍🏽 and 👍", "👍")).toEqual([[7, 8]]);
    expect(found("👍🏽 and 👍", "👍🏽")).toEqual([[0, 2]]);
    const family = "a 👩‍👩‍👧 b 👩";
    expect(found(family, "👩")).toEqual([[10, 11]]);
    expect(found(family, "👩‍👩‍👧")).toEqual([[2, 7]]);
    expect(found(family, "👩‍👩")).toEqual([]);
    // 🇦🇫🇺🇸 is two flags; its middle "🇫🇺" is no flag at all.
    expect(found("🇦🇫🇺🇸", "🇫🇺")).toEqual([]);
    expect(found("🇦🇫🇺🇸", "🇺🇸")).toEqual([[2, 4]]);
    expect(found("🇦🇫🇺🇸 🇦🇫", "🇦🇫")).toEqual([[0, 2], [5, 7]]);
    expect(found("x🇦", "🇦")).toEqual([[1, 2]]); // a lone indicator is a cluster of its own
  });

  it("never separates a letter from its combining marks; no normalization", () => {
    const decomposed = "cafe\u0301 cafe";
    expect(found(decomposed, "cafe")).toEqual([[6, 10]]);
    expect(found(decomposed, "cafe\u0301")).toEqual([[0, 5]]);
    expect(found(decomposed, "CAFE\u0301")).toEqual([[0, 5]]);
    // Canonical text is never normalized, and neither is the query: precomposed "é" is another text.
    expect(found(decomposed, "café")).toEqual([]);
    expect(found("a\u0301\u0302b", "a\u0301")).toEqual([]);
  });

  it("finds Arabic words with and without harakat, as written", () => {
    const text = "المتحدث ذبيح الله مُجاهد denied it";
    expect(found(text, "الله")).toEqual([[13, 17]]);
    expect(quotes(text, "مُجاهد")).toEqual(["مُجاهد"]);
    expect(found(text, "مُجاهد")).toEqual([[18, 24]]);
    expect(found(text, "مجاهد")).toEqual([]); // the damma is part of the text
    expect(found("مُحَمَّد", "م")).toEqual([]); // each letter carries a mark
    expect(found(text, "DENIED")).toEqual([[25, 31]]);
  });

  it("takes no offset from a lower-cased copy: İ lower-cases to two code points", () => {
    expect("İ".toLowerCase().length).toBe(2);
    // Offsets from "İİİ abc".toLowerCase() would put "abc" at 7.
    expect(found("İİİ abc", "abc")).toEqual([[4, 7]]);
    const text = "İstanbul and istanbul";
    expect(found(text, "İstanbul")).toEqual([[0, 8]]);
    expect(found(text, "İSTANBUL")).toEqual([[0, 8]]);
    expect(found(text, "istanbul")).toEqual([[13, 21]]); // "i" is not "İ"…
    expect(found(text, "i")).toEqual([[13, 14]]); // …not even half of it
    expect(found("i\u0307x", "İ")).toEqual([[0, 2]]); // "İ" folds to i + combining dot above
    expect(found("ılık ILIK", "ılık")).toEqual([[0, 4]]); // dotless ı folds to itself (no Turkic rules)
  });

  it("folds German ß, ẞ and SS alike, and never matches half of ß", () => {
    const text = "Straße STRASSE Strasse STRAẞE";
    for (const query of ["straße", "STRASSE", "strasse", "STRAẞE"]) {
      expect(quotes(text, query)).toEqual(["Straße", "STRASSE", "Strasse", "STRAẞE"]);
    }
    expect(found(text, "straße")).toEqual([[0, 6], [7, 14], [15, 22], [23, 29]]);
    expect(found("ß", "s")).toEqual([]);
    expect(found("aßb", "sb")).toEqual([]);
    expect(found("Straße", "straße", true)).toEqual([]);
    expect(found("Straße", "Straße", true)).toEqual([[0, 6]]);
  });

  it("folds Greek final sigma, ligatures and other full foldings", () => {
    expect(found("ΟΔΟΣ οδος", "οδοσ")).toEqual([[0, 4], [5, 9]]);
    expect(found("ﬁnal FINAL", "final")).toEqual([[0, 4], [5, 10]]);
    expect(found("ﬁnal", "f")).toEqual([]); // half of a ligature
    expect(found("KELVIN \u212A", "k")).toEqual([[0, 1], [7, 8]]); // the Kelvin sign is a K
  });

  it("counts on canonical text: CRLF-origin line ends are one code point", () => {
    const text = canonicalize("line one\r\nline two\r\n\r\nthree two");
    expect(found(text, "two")).toEqual([[14, 17], [25, 28]]);
    expect(found(text, "one\nline")).toEqual([[5, 13]]);
    expect(found(text, "\n\n")).toEqual([[17, 19]]);
    // A CR LF pair is one cluster; in text that still holds one, neither half is found alone.
    expect(found("a\r\nb", "\n")).toEqual([]);
    expect(found("a\r\nb", "\r\n")).toEqual([[1, 3]]);
  });

  it("finds nothing for half a surrogate pair", () => {
    expect(found("😀", "\ud83d")).toEqual([]);
    expect(found("😀", "\ude00", true)).toEqual([]);
    expect(found("\ud83d x", "\ud83d")).toEqual([[0, 1]]); // a lone surrogate is a character of its own
  });

  it("stops at the limit and says there is more", () => {
    expect(findMatches("a".repeat(20), "a", { limit: 5 })).toEqual({
      matches: [0, 1, 2, 3, 4].map((i) => ({ start: i, end: i + 1 })),
      truncated: true,
    });
    expect(findMatches("a".repeat(5), "a", { limit: 5 }).truncated).toBe(false);
    expect(FIND_LIMIT).toBe(10_000);
    const many = findMatches("x ".repeat(FIND_LIMIT + 1), "X");
    expect(many.matches).toHaveLength(FIND_LIMIT);
    expect(many.truncated).toBe(true);
    expect(findMatches("x ".repeat(FIND_LIMIT), "X").truncated).toBe(false);
  });
});

describe("foldText", () => {
  it("keeps no origin map while folding keeps every length", () => {
    expect(foldText("Plain ASCII")).toEqual({ text: "Plain ASCII", folded: "plain ascii", origin: null });
    expect(foldText("ΟΔΟΣ 中文 😀")).toEqual({ text: "ΟΔΟΣ 中文 😀", folded: "οδοσ 中文 😀", origin: null });
  });

  it("maps every folded unit to the code point it came from", () => {
    const { folded, origin } = foldText("AİßB😀");
    expect(folded).toBe("ai\u0307ssb😀");
    expect(Array.from(origin!)).toEqual([0, 1, 1, 2, 2, 3, 4, 5]);
  });

  it("gives the same matches folded once as folded on every call", () => {
    const text = "İİİ Straße 😀 STRASSE";
    const folded = foldText(text);
    for (const query of ["strasse", "i̇", "😀", "İİ"]) expect(findMatches(folded, query)).toEqual(findMatches(text, query));
  });
});

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The slow reference: every pair of grapheme boundaries (Intl.Segmenter over the whole text),
 * leftmost first, compared after folding each code point on its own.
 */
function referenceMatches(text: string, query: string): [number, number][] {
  const fold = (s: string) => Array.from(s, (c) => (c === "ı" ? c : c.toLowerCase().toUpperCase().toLowerCase())).join("");
  const target = fold(query);
  const bounds = [...Array.from(graphemes.segment(text), (s) => s.index), text.length];
  const out: [number, number][] = [];
  let after = 0;
  for (let i = 0; i < bounds.length; i++) {
    if (bounds[i]! < after) continue;
    for (let j = i + 1; j < bounds.length; j++) {
      const candidate = fold(text.slice(bounds[i], bounds[j]));
      if (candidate.length > target.length) break;
      if (candidate === target) {
        out.push([codePointLength(text.slice(0, bounds[i])), codePointLength(text.slice(0, bounds[j]))]);
        after = bounds[j]!;
        break;
      }
    }
  }
  return out;
}

describe("findMatches against a slow reference, on random text", () => {
  const CASED = ["A", "İ", "ß", "SS", "s", "Σ", "ς", "ﬁ", "É", "e\u0301"];
  // Characters that join their neighbours beyond marks: Hangul jamo (L, V, T) and a syllable, Thai
  // SARA AM, a Devanagari conjunct, a halfwidth voiced mark, a skin tone, ZWJ.
  const JOINING = ["\u1100", "\u1161", "\u11A8", "한", "ก", "\u0E33", "क", "\u094D", "ष", "ﾊ", "\uFF9E", "🏽", "\u200D", "👩", "🇦"];

  it.each(Array.from({ length: 60 }, (_, i) => i + 1))("seed %i", (seed) => {
    const rand = seededRandom(seed);
    let text = "";
    const pick = (list: readonly string[]) => list[Math.floor(rand() * list.length)]!;
    for (let i = 0; i < 120; i++) {
      const r = rand();
      text += r < 0.25 ? pick(CASED) : r < 0.5 ? pick(JOINING) : randomText(rand, 1);
    }
    // Queries: slices of the text itself (so most are found) and a few random pieces.
    for (let q = 0; q < 8; q++) {
      const cps = Array.from(text);
      const start = Math.floor(rand() * cps.length);
      const query = q < 6 ? cps.slice(start, start + 1 + Math.floor(rand() * 4)).join("") : pick([...PIECES, ...JOINING]);
      expect(found(text, query), `query ${JSON.stringify(query)} in ${JSON.stringify(text)}`).toEqual(referenceMatches(text, query));
    }
  });
});
