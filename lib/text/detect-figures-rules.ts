import type { ParsedFigure } from "./figures";
import { asciiDigits, tokenize } from "./figure-tokens";

/**
 * What the figure detector (detect-figures.ts, where the rules are listed) refuses and accepts.
 * Every function looks only at the candidate and at its own line around it (`before` ends where
 * the candidate starts, `after` begins where it ends), so each check is bounded.
 */

const SPACE = "[ \\t\\u00A0\\u2009\\u202F]";

const MONTHS = new Set([
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
  "يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]);
const TIME_WORDS = new Set(["am", "pm", "a.m", "p.m", "gmt", "utc", "o'clock", "o’clock", "hrs"]);
/** Words before a year: "in 2021", "since 2007", "the 2021 attacks", "عام ٢٠٢١". */
const YEAR_CONTEXT = new Set([
  "in", "on", "at", "since", "by", "until", "till", "through", "from", "during", "before", "after", "of", "for",
  "early", "late", "mid", "the", "this", "that", "its", "their", "his", "her", "our", "year", "fiscal", "spring",
  "summer", "autumn", "fall", "winter", "في", "عام", "سنة", "منذ", "حتى", "خلال", "قبل", "بعد",
]);
const REFERENCE_WORDS =
  "resolutions?|res|unscr|articles?|art|sections?|sec|chapters?|paragraphs?|paras?|clauses?|annex|appendix|pages?|pp?" +
  "|vol|volume|nos?|number|issue|edition|version|table|fig|figure|footnote|note|rule|law|decree|item|phase|step";
/** "Resolution 2593", "Resolutions 1267, 1989 and " (before the last of a list), "§ 4", "#12". */
const REFERENCE = new RegExp(
  `(?:(?<![\\p{L}\\p{M}])(?:${REFERENCE_WORDS})\\.?${SPACE}*(?:\\p{N}+${SPACE}*(?:,|and|or|&|to|-|–)${SPACE}*)*|[§¶#№]${SPACE}*)$`,
  "iu",
);
/** A year right before: the second end of "2019 to 2021", "2023–2024". */
const YEAR_BEFORE = new RegExp(`(?<!\\d)(?:19\\d\\d|20\\d\\d|2100)(?:${SPACE}*[-–—]${SPACE}*|${SPACE}+(?:to|and|or|until|till)${SPACE}+)$`, "i");
const GLUED_SCALE = /^(?:k|m|mn|mln|b|bn|tn)(?![\p{L}\p{M}\p{N}])/iu;
const GLUED_WORD = /^[\p{L}\p{M}\p{N}]/u;
const NUMBER_BEFORE = new RegExp(`\\p{N}${SPACE}+$`, "u");
const NUMBER_AFTER = new RegExp(`^${SPACE}+\\p{N}`, "u");
const PREV_WORD = new RegExp(`([\\p{L}\\p{M}][\\p{L}\\p{M}'’.]*)${SPACE}*$`, "u");
const NEXT_WORD = new RegExp(`^${SPACE}*([\\p{L}\\p{M}][\\p{L}\\p{M}'’.]*)`, "u");

const stripDot = (w: string | undefined) => w?.replace(/\.$/, "");
export const prevWord = (before: string) => stripDot(PREV_WORD.exec(before)?.[1]);
export const nextWord = (after: string) => stripDot(NEXT_WORD.exec(after)?.[1]);

/** A number in digits (`num`, as the anchor matched it) that is not a quantity, from its context alone. */
export function refusesNumber(num: string, before: string, after: string): boolean {
  const digits = asciiDigits(num);
  const ascii = asciiDigits(after);
  const prev = prevWord(before);
  const next = nextWord(after);
  return (
    /[\p{L}\p{M}\p{N}][-_/.,:\\]$/u.test(before) || // COVID-19, 2024-05-31 (the 05), 10:30 (the 30)
    /[+@]$/.test(before) || // +93 …, @user05
    REFERENCE.test(before) ||
    /^0\d/.test(digits) || // 0799…, 05
    /^\d{7,}$/.test(digits) || // a long unseparated run
    NUMBER_BEFORE.test(before) || // 700 in "+93 700 123"
    NUMBER_AFTER.test(after) || // 555 in "555 1234"
    (GLUED_WORD.test(after) && !GLUED_SCALE.test(after)) || // 3rd, 1990s, 4x4, 10pm (5k, 2.5m are numbers)
    /^[/:.,]\d/.test(ascii) || // 31/05, 10:30, 12.05.2024, 9/11
    /^-\d+-\d/.test(ascii) || // 2024-05-31, 1-800-555…
    (/^-\p{L}/u.test(after) && !/^-odd(?![\p{L}\p{M}\p{N}])/iu.test(after)) || // 20-year-old (30-odd is a qualifier)
    (/^\s*$/.test(before) && /^[.)]/.test(after)) || // "1." and "2)" opening a line: list markers
    (/[([]$/.test(before) && /^[)\]]/.test(after)) || // (3), [12]: citations and enumerations
    (next !== undefined && (MONTHS.has(next) || TIME_WORDS.has(next.toLowerCase()))) ||
    (prev !== undefined && MONTHS.has(prev))
  );
}

const isCapitalised = (s: string) => s[0] !== undefined && s[0] !== s[0].toLowerCase() && s[0] === s[0].toUpperCase();
const yearLike = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n >= 1900 && n <= 2100;

/**
 * A plain four-digit number from 1900 to 2100 is a year unless a unit follows it, and even then
 * when a preposition or determiner comes before it ("in 2000 fighters"? "the 2021 attacks"), the
 * unit is capitalised ("In 2021 Pakistan…"), or both ends of a range are years.
 */
export function isYear(num: string, reading: ParsedFigure, before: string, currency: boolean): boolean {
  const digits = asciiDigits(num);
  if (!/^\d{4}$/.test(digits) || !yearLike(Number(digits)) || currency) return false;
  if (reading.unit === undefined || reading.unit === "%") return reading.unit === undefined;
  if (yearLike(reading.low) && yearLike(reading.high)) return true;
  const prev = prevWord(before)?.toLowerCase();
  return isCapitalised(reading.unit) || (prev !== undefined && YEAR_CONTEXT.has(prev)) || YEAR_BEFORE.test(asciiDigits(before));
}

const MAGNITUDES = new Set([
  "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions",
  "trillion", "trillions", "tens", "scores", "lakh", "lakhs", "crore", "crores",
]);
const PER_CENT = new Set(["%", "percent", "per-cent", "pct", "cent"]);
/** Words that make a fraction an ordinal or a part of something else: "the first half of 2024". */
const DETERMINERS = new Set(["the", "this", "that", "first", "second", "last", "other", "latter", "next", "final"]);

/**
 * A quantity in words: a vague magnitude needs a magnitude word and a unit ("dozens of civilians",
 * not "several operations"); a per cent is always one ("eight per cent"); a proportion needs a
 * qualifier, a ratio or "of"/"the" after it ("half of the", not "half an hour", "the first half
 * of"); a number needs a unit or a qualifier, and below ten both ("at least three people", not
 * "one estimate", "two sides").
 */
export function acceptsWords(reading: ParsedFigure, exact: string, before: string, after: string): boolean {
  const words = tokenize(exact).map((t) => t.lower);
  const qualified = reading.qualifier !== "exact";
  const top = reading.high ?? reading.value;
  if (top === undefined) return reading.unit !== undefined && words.some((w) => MAGNITUDES.has(w));
  if (reading.unit === "%") {
    if (words.some((w) => PER_CENT.has(w))) return true;
    if (qualified || words.includes("in") || words.includes("out")) return true;
    const prev = prevWord(before)?.toLowerCase();
    const next = nextWord(after)?.toLowerCase();
    return (next === "of" || next === "the") && !(prev !== undefined && DETERMINERS.has(prev));
  }
  return top < 10 ? reading.unit !== undefined && qualified : reading.unit !== undefined || qualified;
}
