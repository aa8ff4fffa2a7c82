import { parseFraction, parseRatio } from "./figure-fractions";
import { leadingQualifier, trailingQualifier, type FigureQualifier } from "./figure-qualifiers";
import { DASHES, GROUP_SEPARATORS, asciiDigits, isWord, percentSign, tokenize, type Token } from "./figure-tokens";
import { SCALES, andAHalf, parseWords } from "./figure-words";

/**
 * Figure parsing (ARCHITECTURE.md, attributes of a *figure*): a span such as "more than 6,000
 * fighters" becomes { qualifier: "more than", value: 6000, unit: "fighters" }. A suggestion for
 * the analyst, who can edit it; the table in test/unit/text/figures.test.ts is the specification.
 * English only; number words, fractions and ratios live in figure-words.ts and figure-fractions.ts.
 *
 * Rules, in the order they apply:
 * - The first quantity in the span is the figure. Quantities are digits (grouped by ",", a plain,
 *   no-break, narrow no-break or thin space: 1–3 digits, then groups of exactly three, so "2 500"
 *   and "4 000" are numbers while "2020 300" stays two; decimals with "."; Arabic-Indic digits
 *   too), number words ("six", "twenty-five", "three hundred and fifty", "a dozen", "two million",
 *   "one and a half million"), a scale after digits ("1.3 million", "5 lakh"), or glued to them
 *   ("2.5m", "4.2bn", "5k": m is *million*, never metres; "30 km" with a space is a unit), and an
 *   optional currency sign before ("$4.2 billion" → unit "$").
 * - European notation ("1.234,5", "2,5", "1.234.567") is ambiguous and not supported: it gives
 *   null rather than a wrong number.
 * - The qualifier is the phrase right before the quantity ("more than", "nearly", "~", "≥"…),
 *   else a phrase right after it ("or more", "+", "or so"), else "exact". "nearly", "almost",
 *   "just under", "just over", "close to" mean "approximately": the figure is near the value,
 *   and which side of it is secondary.
 * - Two quantities joined by "-", "–", "to", "and" or "or" ("2,000-4,000", "between 10 and 15
 *   per cent", "two or three") are a range: low and high, never value. Its qualifier is the one
 *   before or after it, as for a single number ("around 2,500 to 3,000" → approximately,
 *   "2,000-3,000 or more" → at least), else "range" ("between" and "from" are not qualifiers).
 *   So low/high always mean a range, and the qualifier says how firm it is; the figure schema
 *   asks for low and high only when the qualifier is "range", so both shapes validate.
 *   A scale, per cent or currency sign on either end applies to both ("1.2-1.5 billion",
 *   "10-15%"), the scale only when the low end is not bigger than the high one's number
 *   ("500 to 2 million" stays 500).
 * - Vague magnitudes ("a few hundred", "dozens of", "tens of thousands", "several") have no
 *   value: qualifier "approximately" (or the phrase before them) and the unit after them. A
 *   conventional range ("tens of thousands" → 20,000–90,000) would read as a sourced number.
 * - Fractions and ratios are proportions, in per cent and unrounded so that the value reads back
 *   as the fraction: "half" 50, "a third" 100/3 = 33.333…, "two-thirds" 66.666…, "three quarters"
 *   75, "a fifth" 20, "one in five" and "2 out of 10" 20, "one in three" 33.333…; "nearly a
 *   third" → approximately 33.333… %. Rounding is the display's business. Numerators are
 *   a/an/one…nine, denominators half…tenth and quarter; a ratio's denominator is at most 100
 *   ("5 in 2023" is a count and a year). Before a scale a fraction is a count ("half a million",
 *   "a quarter of a million" → 250,000), before per cent a part of one ("half a per cent" →
 *   0.5 %). A fraction followed by a noun is an ordinal ("a third attack") and not the figure.
 * - The unit is "%" for %, per cent, percent, pct and proportions; the currency sign if there is
 *   one; else up to three words after the quantity and an optional "of" ("1,300 of fighters"),
 *   ending at punctuation, another number or a function word ("the", "in", "were", "who"…),
 *   keeping their case ("ISIS-K fighters"). Analysts select figure spans tightly, so this stays
 *   a short heuristic rather than a grammar.
 */

export type { FigureQualifier };

export interface ParsedFigure {
  value?: number;
  low?: number;
  high?: number;
  qualifier: FigureQualifier;
  unit?: string;
}

const GLUED = new Map([["k", 3], ["m", 6], ["mn", 6], ["mln", 6], ["b", 9], ["bn", 9], ["tn", 12]]);
const CURRENCY = new Set(["$", "US$", "€", "£", "¥", "₹"]);
const VAGUE_FEW = ["few", "several", "handful"];
const VAGUE_PLURAL = ["dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens", "lakhs", "crores"];

interface Quantity {
  /** The number before any scale ("1.3" in "1.3 million"), for ranges that share a scale. */
  base?: number;
  exp: number;
  percent: boolean;
  currency?: string;
  /** A magnitude with no value ("dozens"). */
  vague: boolean;
  /** A proportion ("a third", "one in five"), never an end of a range. */
  fraction: boolean;
  next: number;
}

/** base × 10^exp without binary rounding noise: 4.2 billion is 4200000000, not 4200000000.000001. */
function scaled(base: number, exp: number): number {
  const exact = Number(`${base}e${exp}`);
  return Number.isFinite(exact) ? exact : base * 10 ** exp;
}
const valueOf = (q: Quantity, exp = q.exp) => (q.base === undefined ? undefined : scaled(q.base, exp));

/** "a few hundred", "several", "dozens of", "hundreds of thousands": a magnitude with no value. */
function parseVague(tokens: Token[], i: number): number {
  let j = i;
  if (isWord(tokens[j], "a")) j++;
  if (tokens[j] && isWord(tokens[j], ...VAGUE_FEW) && (j === i || tokens[j]!.lower !== "several")) {
    j++;
    const t = tokens[j];
    if (isWord(t, "hundred", "dozen") || (t && SCALES.has(t.lower))) j++;
    return j;
  }
  if (j !== i || !isWord(tokens[j], ...VAGUE_PLURAL)) return -1;
  j++;
  while (isWord(tokens[j], "of") && isWord(tokens[j + 1], ...VAGUE_PLURAL)) j += 2;
  return j;
}

/** A quantity starting at token i; "malformed" for European notation. */
function parseQuantity(tokens: Token[], i: number, allowVague: boolean): Quantity | "malformed" | null {
  let j = i;
  let currency: string | undefined;
  const first = tokens[j];
  if (first?.kind === "sym" && CURRENCY.has(first.text) && tokens[j + 1]?.kind === "num") {
    currency = first.text;
    j++;
  }
  const t = tokens[j];
  let q: Quantity | null = null;
  if (t?.kind === "num") {
    const after = tokens[j + 1];
    if (after && !after.gap && (after.kind === "num" || ((after.text === "," || after.text === ".") && tokens[j + 2]?.kind === "num" && !tokens[j + 2]!.gap))) {
      return "malformed";
    }
    const digits = t.text.replace(GROUP_SEPARATORS, "");
    let exp = 0;
    j++;
    const half = /^\d+$/.test(digits) ? andAHalf(tokens, j) : null;
    if (half) return { base: Number(digits) + 0.5, exp: half.exp, percent: false, currency, vague: false, fraction: false, next: half.next };
    const s = tokens[j];
    if (s?.kind === "word" && !s.gap && GLUED.has(s.lower)) exp = GLUED.get(s.lower)!;
    else if (s?.kind === "word" && SCALES.has(s.lower)) exp = SCALES.get(s.lower)!;
    else if (isWord(s, "hundred")) exp = 2;
    if (exp) j++;
    q = { base: Number(digits), exp, percent: false, currency, vague: false, fraction: false, next: j };
  } else if (allowVague) {
    const f = parseFraction(tokens, j);
    // "a third attack" is an ordinal: a proportion is followed by "of", a verb or nothing, not a noun.
    if (f && !(f.percent && startsUnit(tokens[f.next]))) {
      q = { base: f.value, exp: 0, percent: f.percent, vague: false, fraction: f.percent, next: f.next };
    }
    if (!q) {
      const end = parseVague(tokens, j);
      if (end > 0) q = { exp: 0, percent: false, vague: true, fraction: false, next: end };
    }
  }
  if (!q && t?.kind === "word") {
    const w = parseWords(tokens, j);
    if (w) q = { base: w.base, exp: w.exp, percent: false, vague: false, fraction: false, next: w.next };
  }
  if (!q) return null;
  if (allowVague && !q.fraction && !q.currency && q.exp === 0 && q.base !== undefined) {
    const r = parseRatio(tokens, q.next, q.base);
    if (r) return { base: r.value, exp: 0, percent: true, vague: false, fraction: true, next: r.next };
  }
  if (q.fraction) return q;
  const pct = percentSign(tokens, q.next);
  if (pct > 0) return { ...q, percent: true, next: pct };
  return q;
}

const STOP_WORDS = new Set([
  "of", "in", "on", "at", "by", "for", "from", "to", "with", "into", "onto", "across", "during", "since", "per", "near",
  "over", "under", "between", "among", "amongst", "according", "against", "than", "and", "or", "but", "as", "nor",
  "the", "a", "an", "this", "that", "these", "those", "their", "its", "his", "her", "our", "who", "which", "whom",
  "whose", "where", "when", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
  "could", "may", "might", "more", "less", "fewer", "each", "every", "including", "remain", "remained", "died",
  "killed", "fled", "said", "them", "us", "it",
]);
const startsUnit = (t: Token | undefined) => t?.kind === "word" && !STOP_WORDS.has(t.lower);

function parseUnit(tokens: Token[], j: number, q: Quantity): string | undefined {
  if (q.percent) return "%";
  if (q.currency) return q.currency;
  if (isWord(tokens[j], "of")) j++;
  const words: string[] = [];
  for (let t = tokens[j]; words.length < 3 && t?.kind === "word" && !STOP_WORDS.has(t.lower); t = tokens[++j]) {
    words.push(t.text);
  }
  return words.length ? words.join(" ") : undefined;
}

/** The figure in `span`, or null when it holds no quantity (or only an unsupported notation). */
export function parseFigure(span: string): ParsedFigure | null {
  const text = asciiDigits(span);
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const q = parseQuantity(tokens, i, true);
    if (q === "malformed") return null;
    if (!q) continue;
    let qualifier = leadingQualifier(text.slice(0, tokens[i]!.start));
    let j = q.next;

    const joint = tokens[j];
    if (!q.vague && !q.fraction && joint && (DASHES.has(joint.text) || isWord(joint, "to", "and", "or"))) {
      const r = parseQuantity(tokens, j + 1, false);
      if (r === "malformed") return null;
      if (r && r.base !== undefined && q.base !== undefined) {
        const shareExp = q.exp === 0 && r.exp !== 0 && q.base <= r.base ? r.exp : q.exp;
        const ends = [valueOf(q, shareExp)!, valueOf(r)!].sort((a, b) => a - b);
        const merged: Quantity = { ...r, percent: q.percent || r.percent, currency: q.currency ?? r.currency };
        const trailing = qualifier ? null : trailingQualifier(tokens, r.next);
        return withUnit(
          { low: ends[0], high: ends[1], qualifier: qualifier ?? trailing?.qualifier ?? "range" },
          parseUnit(tokens, trailing?.next ?? r.next, merged),
        );
      }
    }
    if (!qualifier) {
      const trailing = trailingQualifier(tokens, j);
      if (trailing) ({ qualifier, next: j } = trailing);
    }
    return withUnit(
      { ...(q.base === undefined ? {} : { value: valueOf(q) }), qualifier: qualifier ?? (q.vague ? "approximately" : "exact") },
      parseUnit(tokens, j, q),
    );
  }
  return null;
}

function withUnit(figure: ParsedFigure, unit: string | undefined): ParsedFigure {
  return unit === undefined ? figure : { ...figure, unit };
}
