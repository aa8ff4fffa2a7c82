import { describe, expect, it } from "vitest";
import { directionFromProfile, suggestDirection, textProfile } from "@/lib/text/profile";
import { PIECES, seededRandom } from "./random-text";

const CRAFTED = [
  "Report 👩‍👩‍👧 and 🇦🇫 plus 👍🏽 and ©.", // paragraph 1
  "Second line e\u0301 𠀋 \u200B x\u0007\tend",
  "",
  "مُحَمَّد قال إن 6000 مقاتل", // paragraph 2: Arabic
  "   ", // whitespace only: still a paragraph break
  "123 — שלום", // paragraph 3: digits are weak, the first strong letter is Hebrew
  "",
  "\u200F(RLM first) then English", // paragraph 4: an RLM is a strong RTL character
  "",
  "x".repeat(1001), // paragraph 5: one long line
  "",
].join("\n");

describe("textProfile", () => {
  it("counts a crafted text exactly", () => {
    expect(textProfile(CRAFTED)).toEqual({
      codePoints: Array.from(CRAFTED).length,
      lines: 10, // the final "\n" ends line 10; it does not open an 11th
      paragraphs: 5,
      emoji: 4, // family (one ZWJ sequence), flag, thumbs-up with skin tone, ©
      astral: 8, // 👩 👩 👧, 🇦 🇫, 👍 🏽, 𠀋
      combiningMarks: 5, // U+0301 and the four harakat of مُحَمَّد
      rtlParagraphs: 3,
      controlCharacters: 1, // U+0007; \n and \t do not count
      zeroWidth: 4, // two ZWJ, U+200B, U+200F
      longLines: 1,
      longestLine: 1001,
    });
    expect(suggestDirection(CRAFTED)).toBe("rtl"); // 3 of 5 paragraphs
  });

  it("handles the empty text and texts without a final newline", () => {
    expect(textProfile("")).toMatchObject({ codePoints: 0, lines: 0, paragraphs: 0, longestLine: 0, emoji: 0 });
    expect(textProfile("a")).toMatchObject({ lines: 1, paragraphs: 1 });
    expect(textProfile("a\n")).toMatchObject({ lines: 1, paragraphs: 1 });
    expect(textProfile("\n")).toMatchObject({ lines: 1, paragraphs: 0 });
    expect(textProfile("a\n\nb")).toMatchObject({ lines: 3, paragraphs: 2 });
    expect(textProfile("a\nb\n \t\nc\n\n\n")).toMatchObject({ lines: 6, paragraphs: 2 });
  });

  it("measures lines in code points, not UTF-16 units", () => {
    const line = "😀".repeat(600); // 1200 units, 600 code points
    expect(textProfile(line)).toMatchObject({ longestLine: 600, longLines: 0, astral: 600, emoji: 600 });
    expect(textProfile("😀".repeat(1001))).toMatchObject({ longLines: 1 });
  });

  it("counts emoji clusters once: ZWJ chains, flags, keycaps' absence, tags, lone indicators", () => {
    expect(textProfile("🇦🇫🇦🇫🇦").emoji).toBe(2); // the fifth indicator is alone
    expect(textProfile("🏴󠁧󠁢󠁳󠁣󠁴󠁿").emoji).toBe(1); // tag sequence (Scotland)
    expect(textProfile("😀\u0301\u200D😀").emoji).toBe(1); // Extend then ZWJ still joins
    expect(textProfile("a\u200D😀").emoji).toBe(1);
    expect(textProfile("1\uFE0F\u20E3").emoji).toBe(0); // a keycap holds no pictograph
    expect(textProfile("plain text, no emoji").emoji).toBe(0);
  });
});

describe("emoji counting matches whole-string Intl.Segmenter", () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const naive = (s: string) =>
    Array.from(segmenter.segment(s)).filter(
      ({ segment }) => /\p{Extended_Pictographic}/u.test(segment) || /\p{Regional_Indicator}{2}/u.test(segment),
    ).length;
  // Pieces that sit at grapheme-rule edges, besides the usual hard cases.
  const EDGY = [
    ...PIECES, "\u200D", "\u0301", "🇦", "🇫", "\uFE0F", "1\uFE0F\u20E3", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "\u0600", "\r", "©", "🏽", "ก\u0E33",
  ];
  const random = (rand: () => number, n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += EDGY[Math.floor(rand() * EDGY.length)];
    return s;
  };

  it("on many short random texts", () => {
    const rand = seededRandom(1234);
    for (let i = 0; i < 1500; i++) {
      const s = random(rand, 1 + Math.floor(rand() * 30));
      expect(textProfile(s).emoji, JSON.stringify(s)).toBe(naive(s));
    }
  });

  it("on long lines, where counting runs in windows", () => {
    const rand = seededRandom(4321);
    for (let i = 0; i < 5; i++) {
      const s = random(rand, 3000).replace(/\n/g, " ");
      expect(textProfile(s).emoji).toBe(naive(s));
    }
    const chain = Array.from({ length: 200 }, () => "👩").join("\u200D"); // one 399-code-point cluster
    expect(textProfile(chain + " x " + chain).emoji).toBe(2);
  });
});

describe("suggestDirection", () => {
  it.each([
    ["", "ltr"],
    ["English only.\n\nStill English.", "ltr"],
    ["مرحبا\n\nשלום", "rtl"],
    ["مرحبا\n\nEnglish", "auto"], // half is not most
    ["مرحبا\n\nمرحبا\n\nEnglish", "rtl"],
    ["123 456\n\n...", "ltr"], // no strong characters at all
    ["Hello مرحبا", "ltr"], // the first strong letter decides
  ])("%j → %s", (text, expected) => {
    expect(suggestDirection(text)).toBe(expected);
  });

  it("agrees with directionFromProfile", () => {
    expect(directionFromProfile(textProfile(CRAFTED))).toBe(suggestDirection(CRAFTED));
  });
});

describe("on a 5 MB text", () => {
  it("profiles in well under a second or two", () => {
    const rand = seededRandom(77);
    const lines: string[] = [];
    let size = 0;
    while (size < 5_000_000) {
      let line = "";
      const pieces = 5 + Math.floor(rand() * 60);
      for (let i = 0; i < pieces; i++) line += PIECES[Math.floor(rand() * PIECES.length)];
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join("\n");
    const started = performance.now();
    const profile = textProfile(text);
    const elapsed = performance.now() - started;
    expect(profile.codePoints).toBe(Array.from(text).length);
    expect(elapsed).toBeLessThan(3000);
  });
});
