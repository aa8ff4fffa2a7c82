import { describe, expect, it } from "vitest";
import { CodePointIndex, sliceCodePoints } from "@/lib/text/code-points";
import { sentenceBreaks, tokenize } from "@/lib/export/tokenize";

const texts = (text: string) => tokenize(text).map((t) => t.text);

describe("tokenize", () => {
  it("keeps emoji sequences, flags, skin tones and keycaps whole", () => {
    expect(texts("Family 👩‍👩‍👧 flag 🇦🇫🇺🇸 hand 👍🏽 key 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿")).toEqual(["Family", "👩‍👩‍👧", "flag", "🇦🇫", "🇺🇸", "hand", "👍🏽", "key", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"]);
  });

  it("keeps marks with their letters and numbers with their separators; splits punctuation", () => {
    expect(texts("قال مُحَمَّد إنّ ٣٠٠ مقاتل.")).toEqual(["قال", "مُحَمَّد", "إنّ", "٣٠٠", "مقاتل", "."]);
    expect(texts("Cafe\u0301, naïve; more than 6,000 (2.5%) don't!")).toEqual(["Cafe\u0301", ",", "naïve", ";", "more", "than", "6,000", "(", "2.5", "%", ")", "don't", "!"]);
  });

  it("gives code-point offsets that slice back to each token, and never a token with whitespace", () => {
    const text = "𠀋 a\u00a0b\u2028c\u0085d\u001fe \u0301f 👩‍👩‍👧x";
    for (const token of tokenize(text)) {
      expect(sliceCodePoints(text, token.start, token.end)).toBe(token.text);
      expect(token.text).not.toMatch(/[\s\u001c-\u001f\u0085]/u);
    }
    // A mark after a space joins the space in UAX #29; the space is dropped, the mark stays a token.
    expect(texts(text)).toEqual(["𠀋", "a", "b", "c", "d", "e", "\u0301", "f", "👩‍👩‍👧", "x"]);
  });

  it("ends sentences at line breaks and at final punctuation followed by space", () => {
    const text = "One two. Three\nFour... five?Six";
    const tokens = tokenize(text);
    const breaks = sentenceBreaks(new CodePointIndex(text), tokens);
    const ends = tokens.filter((_, i) => breaks[i]).map((t) => t.text);
    expect(ends).toEqual([".", "Three", ".", "Six"]);
  });
});
