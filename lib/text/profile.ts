import { isHighSurrogate, isLowSurrogate } from "./code-points";

/**
 * A text profile: counts of what breaks offsets in other tools (astral characters, emoji
 * sequences, combining marks, right-to-left paragraphs, invisible characters, very long lines).
 * Pure; about one pass over the text plus a few sparse regular-expression scans, so a 5 MB text
 * takes tens of milliseconds. All counts are in code points unless named otherwise.
 */

export interface TextProfile {
  codePoints: number;
  /** Lines as an editor shows them: "" has 0, "a" and "a\n" have 1, "a\n\nb" has 3. */
  lines: number;
  /** Runs of non-blank lines; a blank line holds only whitespace. */
  paragraphs: number;
  /** Grapheme clusters holding an Extended_Pictographic character or a regional-indicator pair:
   *  👩‍👩‍👧 and 🇦🇫 count once each. */
  emoji: number;
  /** Code points above U+FFFF (two UTF-16 code units each). */
  astral: number;
  /** \p{M}: combining marks, Arabic harakat included. */
  combiningMarks: number;
  /** Paragraphs whose first strong character is right-to-left (Arabic, Hebrew, Syriac, …). */
  rtlParagraphs: number;
  /** \p{Cc} other than \n and \t. */
  controlCharacters: number;
  /** U+200B–U+200F, U+2060, U+FEFF, U+061C. */
  zeroWidth: number;
  /** Lines longer than LONG_LINE code points. */
  longLines: number;
  /** Length of the longest line, in code points. */
  longestLine: number;
}

export type TextDirection = "ltr" | "rtl" | "auto";

export const LONG_LINE = 1000;

const CONTROL = /[\0-\x08\x0B-\x1F\x7F-\x9F]/g;
const ZERO_WIDTH = /[\u200B-\u200F\u2060\uFEFF\u061C]/g;
const MARK = /\p{M}/gu;
const EMOJI_CANDIDATE = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/gu;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const FLAG = /\p{Regional_Indicator}\p{Regional_Indicator}/u;
/** Strong characters: letters, plus the invisible LRM/RLM marks. */
const FIRST_STRONG = /[\p{L}\u200E\u200F]/gu;
/** Right-to-left scripts (Unicode 15) and RLM. */
const RTL = new RegExp(
  "[\\u200F" +
    [
      "Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Samaritan", "Mandaic", "Adlam", "Hanifi_Rohingya",
      "Yezidi", "Mende_Kikakui", "Imperial_Aramaic", "Phoenician", "Kharoshthi", "Avestan",
      "Old_South_Arabian", "Old_North_Arabian", "Nabataean", "Palmyrene", "Hatran", "Manichaean",
      "Psalter_Pahlavi", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Lydian", "Cypriot",
      "Old_Hungarian", "Sogdian", "Old_Sogdian", "Elymaic", "Chorasmian", "Old_Uyghur", "Old_Turkic",
      "Meroitic_Cursive", "Meroitic_Hieroglyphs",
    ]
      .map((script) => `\\p{Script=${script}}`)
      .join("") +
    "]",
  "u",
);

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** JavaScript's \s, as char codes. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

interface LineScan {
  codePoints: number;
  astral: number;
  lines: number;
  longLines: number;
  longestLine: number;
  paragraphs: number;
  rtlParagraphs: number;
}

function scanLines(text: string): LineScan {
  const scan: LineScan = { codePoints: 0, astral: 0, lines: 0, longLines: 0, longestLine: 0, paragraphs: 0, rtlParagraphs: 0 };
  // The first strong character at or after the last search start; reused across paragraphs so
  // that the whole text is searched once (Infinity: there is none further on).
  let strongAt = -1;
  let strongRtl = false;
  const closeParagraph = (start: number, end: number) => {
    scan.paragraphs++;
    if (strongAt !== Infinity && strongAt < start) {
      FIRST_STRONG.lastIndex = start;
      const m = FIRST_STRONG.exec(text);
      strongAt = m ? m.index : Infinity;
      strongRtl = m ? RTL.test(m[0]) : false;
    }
    if (strongAt < end && strongRtl) scan.rtlParagraphs++;
  };

  let lineStart = 0;
  let lineLength = 0;
  let blank = true;
  let paragraphStart = -1;
  const endLine = () => {
    scan.lines++;
    if (lineLength > scan.longestLine) scan.longestLine = lineLength;
    if (lineLength > LONG_LINE) scan.longLines++;
    if (!blank && paragraphStart < 0) paragraphStart = lineStart;
    if (blank && paragraphStart >= 0) {
      closeParagraph(paragraphStart, lineStart);
      paragraphStart = -1;
    }
  };

  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      endLine();
      lineStart = i + 1;
      lineLength = 0;
      blank = true;
      continue;
    }
    lineLength++;
    if (isHighSurrogate(c)) {
      if (isLowSurrogate(text.charCodeAt(i + 1))) {
        scan.astral++;
        blank = false;
        i++;
        continue;
      }
    }
    if (blank && !isSpace(c)) blank = false;
  }
  if (lineStart < n) endLine();
  if (paragraphStart >= 0) closeParagraph(paragraphStart, n);
  scan.codePoints = n - scan.astral;
  return scan;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Extend characters that occur inside emoji sequences: skin tones, variation selectors, the
 *  enclosing keycap, tag characters. */
const EMOJI_EXTEND = "\\p{Emoji_Modifier}\\uFE0E\\uFE0F\\u20E3\\u{E0020}-\\u{E007F}";
/** Anything that can join the following character to a cluster that ends in an emoji sequence:
 *  Extend, ZWJ and SpacingMark (UAX #29 GB9, GB9a), over-approximated. */
const JOINS_PREVIOUS = "\\p{M}\\u200C\\u200D\\p{Emoji_Modifier}\\u{E0020}-\\u{E007F}\\uFF9E\\uFF9F\\u0E33\\u0EB3";
/**
 * The common case, one whole cluster matched without Intl.Segmenter: a flag (regional-indicator
 * pair) or an emoji ZWJ sequence, followed by a character that cannot join it.
 */
const SIMPLE_EMOJI = new RegExp(
  `(?:\\p{Regional_Indicator}{2}|\\p{Extended_Pictographic}[${EMOJI_EXTEND}]*` +
    `(?:\\u200D\\p{Extended_Pictographic}[${EMOJI_EXTEND}]*)*)(?![${JOINS_PREVIOUS}])`,
  "uy",
);

const WINDOW = 64;
const MAX_WINDOW = 1 << 16;

/**
 * Intl.Segmenter is quadratic on long non-ASCII strings in V8 (a 160 K-character string took 27 s
 * on Node 20) and costs ~0.4 µs per cluster anyway, so only short windows starting at candidate
 * characters are segmented, and only until the first cluster without a candidate.
 *
 * Exactness: a window starts either at a real grapheme boundary or at a candidate whose cluster
 * holds no earlier candidate (the rules that join a candidate to what precedes it need an earlier
 * candidate, or a Prepend character, which does not change the count). Boundary decisions look
 * leftwards plus at the next character only, so every boundary inside a window is real except the
 * window's own end: the last, possibly cut, cluster is left to the next window.
 */
function countEmoji(text: string): number {
  let count = 0;
  EMOJI_CANDIDATE.lastIndex = 0;
  for (let m = EMOJI_CANDIDATE.exec(text); m; m = EMOJI_CANDIDATE.exec(text)) {
    const start = m.index;
    SIMPLE_EMOJI.lastIndex = start;
    if (SIMPLE_EMOJI.test(text)) {
      count++;
      EMOJI_CANDIDATE.lastIndex = SIMPLE_EMOJI.lastIndex;
      continue;
    }
    for (let size = WINDOW; ; size *= 4) {
      let end = Math.min(text.length, start + size);
      if (isLowSurrogate(text.charCodeAt(end))) end++;
      let resume = -1;
      let clusters = 0;
      let last = { hit: false, at: start };
      for (const { segment, index } of segmenter.segment(text.slice(start, end))) {
        if (clusters++ > 0) {
          // `last` is complete now that another cluster follows it.
          if (!last.hit) {
            resume = last.at > start ? last.at : start + index;
            break;
          }
          count++;
        }
        last = { hit: PICTOGRAPHIC.test(segment) || FLAG.test(segment), at: start + index };
      }
      if (resume >= 0) {
        EMOJI_CANDIDATE.lastIndex = resume;
        break;
      }
      if (end >= text.length || size >= MAX_WINDOW) {
        if (last.hit) count++;
        EMOJI_CANDIDATE.lastIndex = end;
        break;
      }
      if (clusters > 1) {
        EMOJI_CANDIDATE.lastIndex = last.at;
        break;
      }
      // One cluster fills the window (a long ZWJ chain, a pile of combining marks): widen it.
    }
  }
  return count;
}

export function textProfile(text: string): TextProfile {
  const scan = scanLines(text);
  return {
    codePoints: scan.codePoints,
    lines: scan.lines,
    paragraphs: scan.paragraphs,
    emoji: countEmoji(text),
    astral: scan.astral,
    combiningMarks: countMatches(MARK, text),
    rtlParagraphs: scan.rtlParagraphs,
    controlCharacters: countMatches(CONTROL, text),
    zeroWidth: countMatches(ZERO_WIDTH, text),
    longLines: scan.longLines,
    longestLine: scan.longestLine,
  };
}

/** "rtl" when most paragraphs are right-to-left, "ltr" when none is, "auto" for a mix. */
export function directionFromProfile(profile: Pick<TextProfile, "paragraphs" | "rtlParagraphs">): TextDirection {
  if (profile.rtlParagraphs === 0) return "ltr";
  return profile.rtlParagraphs * 2 > profile.paragraphs ? "rtl" : "auto";
}

export function suggestDirection(text: string): TextDirection {
  return directionFromProfile(scanLines(text));
}
