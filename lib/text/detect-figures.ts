import { CodePointIndex, isHighSurrogate, isLowSurrogate, splitsSurrogatePair } from "./code-points";
import { acceptsWords, isYear, refusesNumber } from "./detect-figures-rules";
import { parseFigure, type ParsedFigure } from "./figures";
import { leadingQualifier } from "./figure-qualifiers";
import { asciiDigits, tokenize } from "./figure-tokens";
import { SCALES, UNIT_WORDS } from "./figure-words";

/**
 * The figure detector for dictionary pre-annotation (issue 15): the spans of running text an
 * analyst would tag as a figure, each with parseFigure's reading of it. The quantity grows to the
 * qualifier before it and the unit after it ("more than 6,000 fighters", "between 2,500 and 3,000
 * people", "Nearly a third"); the table in test/unit/text/detect-figures.test.ts is the specification.
 *
 * - One regex pass finds anchors: numbers in ASCII, Arabic-Indic or Persian digits, and English
 *   number, magnitude and fraction words. Each grows, within its own line, left to the longest
 *   qualifier phrase parseFigure knows (and "between"/"from" before a range, a currency sign, "a"
 *   before "third"/"dozen"…), right to the shortest end that parseFigure reads exactly as the rest
 *   of the line (its unit is at most three words). So each anchor costs a bounded number of parses.
 * - The span starts and ends on word boundaries (no \p{L}\p{M}\p{N} either side), never holds a
 *   line break, and never ends in punctuation (% and + are part of the figure).
 * - Readings are validated: digits need a value or low/high. Number words need more, since most
 *   are determiners (rules in detect-figures-rules.ts): a unit or qualifier, both below ten; a
 *   vague magnitude ("dozens of civilians") only with a magnitude word and a unit — its value
 *   stays unset, as in the parser.
 * - Not figures: years (1900–2100 in four plain digits, unless a lowercase unit follows and no
 *   "in"/"since"/"the"… precedes: "2000 fighters" is one, "in 2000" and "the 2021 attacks" are
 *   not), year ranges, dates ("31 May", "April 20", "2024-05-31", "31/05/2024"), times ("10:30",
 *   "10 am"), ordinals and decades ("3rd", "1990s"), references ("Resolution 2593", "Resolutions
 *   1267, 1989 and 2253", "§ 4", "No. 7", "#12"), list markers and citations ("1." opening a line,
 *   "[12]", "(3)"), phone-like runs (a leading zero, "+", seven or more unseparated digits, digit
 *   groups side by side), numbers in identifiers ("COVID-19", "IS-K2", "A4", "@user05") and
 *   compound modifiers ("20-year-old"; "30-odd" is a qualifier).
 * - Results are sorted and disjoint: of overlapping candidates the longest wins, then the first.
 *   Offsets are code points over the text, converted once at the end.
 * - Limits: qualifiers are the parser's (English only: "أكثر من" is left out of the span); scripts
 *   written without spaces (CJK) glue digits to letters and give nothing.
 */

export interface DetectedFigure {
  /** Unicode code points over the text, half-open. */
  start: number;
  end: number;
  /** The text in [start, end); parseFigure(exact) is `reading`. */
  exact: string;
  reading: ParsedFigure;
}

interface Span { start: number; end: number; exact: string; reading: ParsedFigure }

const D = "0-9\\u0660-\\u0669\\u06F0-\\u06F9";
/** As the parser's tokenizer groups digits (figure-tokens.ts), with "٬" and "٫" before asciiDigits. */
const NUMBER = `[${D}]{1,3}(?:[,\\u066C \\u00A0\\u2009\\u202F][${D}]{3})+(?![${D}])(?:[.\\u066B][${D}]+)?|[${D}]+(?:[.\\u066B][${D}]+)?`;
const VAGUE = ["dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores", "several", "few"];
const FRACTIONS = ["half", "third", "quarter", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const NUMBER_WORDS = [...UNIT_WORDS.keys(), ...SCALES.keys(), "hundred", "dozen", ...VAGUE, ...FRACTIONS]
  .sort((a, b) => b.length - a.length)
  .join("|");
const ANCHOR = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(?:(?<num>${NUMBER})|(?<word>${NUMBER_WORDS})(?![\\p{L}\\p{M}\\p{N}]))`,
  "giu",
);
const SPACE = "[ \\t\\u00A0\\u2009\\u202F]";
/** A word anchor right after a number is part of it: "two million", "tens of thousands", "5 lakh". */
const AFTER_NUMBER = new RegExp(
  `(?:(?<![\\p{L}\\p{M}\\p{N}])(?:${NUMBER_WORDS})|[${D}])(?:(?:${SPACE}|-)+(?:and|of|an?|or|to))*(?:${SPACE}|-)+$`,
  "iu",
);
const ARTICLE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])an?${SPACE}+$`, "iu");
const CURRENCY = /(?<![\p{L}\p{M}\p{N}])(?:US\$|\p{Sc})$/u;
const RANGE_OPENER = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:between|from)${SPACE}+$`, "iu");
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const LOOK_BEHIND = 64;
const LOOK_AHEAD = 200;
/** Whitespace-separated chunks after the quantity: enough for a range, a qualifier, "per cent", "of" and three words. */
const MAX_CHUNKS = 12;
const CHUNKS = new RegExp(`^\\s*(?:\\S+\\s*){0,${MAX_CHUNKS}}`, "u");
/** The parser's longest qualifier phrases have four words ("in the region of"), plus a lead. */
const MAX_QUALIFIER_WORDS = 5;
/**
 * leadingQualifier gives the kind, not the phrase, so the fewest words of that kind are taken; these
 * leads make a longer phrase of the same kind ("well over", "an estimated", "a minimum of").
 */
const QUALIFIER_LEADS = new Set(["a", "an", "well"]);

export function detectFigures(text: string): DetectedFigure[] {
  const found: Span[] = [];
  for (const m of text.matchAll(ANCHOR)) {
    const span = m.groups?.num !== undefined ? fromNumber(text, m.index, m[0]) : fromWords(text, m.index, m[0]);
    if (span && onBoundaries(text, span)) found.push(span);
  }
  const chosen = longestFirst(found);
  if (chosen.length === 0) return [];
  const index = new CodePointIndex(text);
  return chosen.map((s) => ({ start: index.toCodePoint(s.start), end: index.toCodePoint(s.end), exact: s.exact, reading: s.reading }));
}

function fromNumber(text: string, at: number, num: string): Span | null {
  const before = lineBefore(text, at);
  if (refusesNumber(num, before.text, lineAfter(text, at + num.length))) return null;
  const currency = CURRENCY.exec(before.text)?.[0].length ?? 0;
  const span = measure(text, at - currency, at + num.length);
  return span && (span.reading.value !== undefined || span.reading.high !== undefined) && !isYear(num, span.reading, before.text, currency > 0)
    ? span
    : null;
}

function fromWords(text: string, at: number, word: string): Span | null {
  const before = lineBefore(text, at).text;
  if (AFTER_NUMBER.test(before)) return null;
  const article = UNIT_WORDS.has(word.toLowerCase()) ? 0 : (ARTICLE.exec(before)?.[0].length ?? 0);
  const span = measure(text, at - article, at + word.length);
  return span && acceptsWords(span.reading, span.exact, lineBefore(text, span.start).text, lineAfter(text, span.end)) ? span : null;
}

/** The figure whose quantity starts at `from` (UTF-16) and whose anchor ends at `anchorEnd`. */
function measure(text: string, from: number, anchorEnd: number): Span | null {
  const before = lineBefore(text, from);
  let start = from - before.text.length + qualifierStart(before.text, before.truncated);
  let window = text.slice(start, from) + chunks(lineAfter(text, from));
  const reading = parseFigure(window);
  if (!reading) return null;
  const opener = start === from && reading.low !== undefined ? RANGE_OPENER.exec(before.text) : null;
  if (opener && same(parseFigure(opener[0] + window), reading)) {
    start -= opener[0].length;
    window = opener[0] + window;
  }
  const end = shortestEnd(window, anchorEnd - start, reading);
  if (end < 0) return null;
  return { start, end: start + end, exact: window.slice(0, end), reading };
}

/**
 * The shortest prefix of `window`, ending on a token that ends at or after `min` (the anchor), read
 * as `reading`; -1 when a shorter one reads as nothing. Every prefix from the anchor on is a figure
 * when the reading is the anchor's; one that is not means the parser dropped the anchor ("a third
 * attack") and found `reading` further on ("…killed 12 people").
 */
function shortestEnd(window: string, min: number, reading: ParsedFigure): number {
  for (const t of tokenize(asciiDigits(window))) {
    const end = t.start + t.text.length;
    if (end < min) continue;
    const prefix = parseFigure(window.slice(0, end));
    if (!prefix) return -1;
    if (same(prefix, reading)) return end;
  }
  return -1;
}

/** Where, in `before` (the line up to the quantity), the qualifier phrase ending it starts; its length when none. */
function qualifierStart(before: string, truncated: boolean): number {
  const starts: number[] = []; // word starts, nearest first
  for (let i = before.length - 1; i >= 0 && starts.length <= MAX_QUALIFIER_WORDS; i--) {
    if (!/\s/u.test(before[i]!) && (i === 0 ? !truncated : /\s/u.test(before[i - 1]!))) starts.push(i);
  }
  const widest = starts.at(-1);
  const kind = widest === undefined ? null : leadingQualifier(before.slice(widest));
  if (!kind) return before.length;
  // The fewest words that give the parser's qualifier, and a leading "a", "an" or "well" of the same kind.
  let k = starts.findIndex((s) => leadingQualifier(before.slice(s)) === kind);
  const lead = starts[k + 1];
  if (lead !== undefined && QUALIFIER_LEADS.has(before.slice(lead, starts[k]).trim().toLowerCase()) && leadingQualifier(before.slice(lead)) === kind) k++;
  let s = starts[k]!;
  while (s < before.length && !/[\p{L}\p{N}]/u.test(before[s]!) && leadingQualifier(before.slice(s + 1)) === kind) s++;
  return s;
}

/** The line before `at`, at most LOOK_BEHIND units; `truncated` when it does not start at a line start. */
function lineBefore(text: string, at: number): { text: string; truncated: boolean } {
  const from = Math.max(0, at - LOOK_BEHIND);
  const s = text.slice(from, at);
  for (let i = s.length - 1; i >= 0; i--) if (LINE_BREAK.test(s[i]!)) return { text: s.slice(i + 1), truncated: false };
  return { text: s, truncated: from > 0 };
}

function lineAfter(text: string, at: number): string {
  const s = text.slice(at, at + LOOK_AHEAD);
  const br = s.search(LINE_BREAK);
  return br < 0 ? s : s.slice(0, br);
}

/** The first MAX_CHUNKS whitespace-separated chunks of `s`. */
const chunks = (s: string) => CHUNKS.exec(s)?.[0] ?? s;

function same(a: ParsedFigure | null, b: ParsedFigure): boolean {
  return a !== null && a.value === b.value && a.low === b.low && a.high === b.high && a.qualifier === b.qualifier && a.unit === b.unit;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Punctuation a span may not end in: all but per cent and per mille. */
const TRAILING_PUNCTUATION = /(?![%٪‰])\p{P}$/u;

function onBoundaries(text: string, s: Span): boolean {
  const pair = s.start > 1 && isLowSurrogate(text.charCodeAt(s.start - 1)) && isHighSurrogate(text.charCodeAt(s.start - 2));
  const prev = text.slice(s.start - (pair ? 2 : 1), s.start);
  const next = s.end < text.length ? String.fromCodePoint(text.codePointAt(s.end)!) : "";
  return (
    !splitsSurrogatePair(text, s.start) && !splitsSurrogatePair(text, s.end) && !WORD_CHAR.test(prev) &&
    !WORD_CHAR.test(next) && !TRAILING_PUNCTUATION.test(s.exact) && !LINE_BREAK.test(s.exact)
  );
}

/** Sorted, disjoint: in each cluster of overlapping spans the longest wins, then the earliest. */
function longestFirst(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (let i = 0; i < spans.length; ) {
    let j = i + 1;
    let clusterEnd = spans[i]!.end;
    while (j < spans.length && spans[j]!.start < clusterEnd) clusterEnd = Math.max(clusterEnd, spans[j++]!.end);
    const kept: Span[] = [];
    for (const s of spans.slice(i, j).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
      if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
    }
    out.push(...kept.sort((a, b) => a.start - b.start));
    i = j;
  }
  return out;
}
