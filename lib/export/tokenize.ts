import { CodePointIndex, splitsSurrogatePair } from "@/lib/text/code-points";

/**
 * The tokenizer and sentence rule of the CoNLL export (docs/export-formats.md).
 *
 * Tokens: Unicode word boundaries (UAX #29) as implemented by ICU through `Intl.Segmenter` with
 * the root locale; every segment that is not whitespace is a token. So words keep their
 * combining marks and harakat ("مُحَمَّد"), numbers keep their separators ("6,000", "2.5"),
 * contractions stay whole ("don't"), each punctuation mark is its own token, and an emoji
 * sequence — ZWJ family, skin tone, flag, keycap — is one token. Whitespace is what JavaScript's
 * `\s` or Python's `str.isspace()` calls whitespace, so a token never contains a character a
 * Python CoNLL reader would split on.
 *
 * Sentences: a line break ends a sentence, and so does a sentence-final punctuation token
 * (. ! ? … and their CJK, Arabic and Devanagari forms) followed by whitespace. The CoNLL writer
 * does not apply a break inside an annotation it keeps, so no entity is cut in two.
 *
 * ICU's segmentation data changes rarely between Node releases; text outside Latin, Arabic and
 * emoji (Thai, CJK dictionary words) may tokenize differently on another ICU version.
 */

export interface Token {
  text: string;
  /** Unicode code points, half-open. */
  start: number;
  end: number;
}

const NOT_WHITESPACE = /[^\s\u001c-\u001f\u0085]+/gu;
/** What Python's str.splitlines() splits on (canonical text has no \r, kept for safety). */
export const LINE_BREAK = /[\n\v\f\r\u001c-\u001e\u0085\u2028\u2029]/u;
const SENTENCE_FINAL = /^[.!?…‼⁇⁈⁉。！？｡؟۔।॥]+$/u;

const segmenter = new Intl.Segmenter("und", { granularity: "word" });

function codePointsIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let u = from; u < to; u++) {
    if (u > from && splitsSurrogatePair(text, u)) continue;
    n++;
  }
  return n;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let unit = 0;
  let cp = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    for (const match of segment.matchAll(NOT_WHITESPACE)) {
      const from = index + match.index;
      cp += codePointsIn(text, unit, from);
      const length = codePointsIn(match[0], 0, match[0].length);
      tokens.push({ text: match[0], start: cp, end: cp + length });
      cp += length;
      unit = from + match[0].length;
    }
  }
  return tokens;
}

/** breaks[i] is true when a sentence ends after token i (the last token always ends one). */
export function sentenceBreaks(index: CodePointIndex, tokens: Token[]): boolean[] {
  return tokens.map((token, i) => {
    const next = tokens[i + 1];
    if (!next) return true;
    if (next.start === token.end) return false;
    return LINE_BREAK.test(index.slice(token.end, next.start)) || SENTENCE_FINAL.test(token.text);
  });
}
