import { isWord, percentSign, type Token } from "./figure-tokens";
import { SCALES, UNIT_WORDS, parseWords } from "./figure-words";

/** Fractions and ratios for the figure parser (lib/text/figures.ts): proportions, in per cent. */

const DENOMINATORS = new Map<string, number>([
  ["half", 2], ["halves", 2], ["third", 3], ["thirds", 3], ["quarter", 4], ["quarters", 4], ["fourth", 4], ["fourths", 4],
  ["fifth", 5], ["fifths", 5], ["sixth", 6], ["sixths", 6], ["seventh", 7], ["sevenths", 7], ["eighth", 8], ["eighths", 8],
  ["ninth", 9], ["ninths", 9], ["tenth", 10], ["tenths", 10],
]);
/** Ratios beyond "one in a hundred" are more often a count and a place or year ("5 in 2023"). */
const MAX_RATIO_DENOMINATOR = 100;

const numerator = (word: string | undefined) =>
  word === "a" || word === "an" ? 1 : word === undefined ? undefined : UNIT_WORDS.get(word);

export interface Fraction {
  value: number;
  /** false for a fraction of a scale ("half a million" → 500,000). */
  percent: boolean;
  next: number;
}

/** "half", "a third", "two-thirds", "three quarters", "a quarter of a million", "half a dozen", "half a per cent". */
export function parseFraction(tokens: Token[], i: number): Fraction | null {
  const t = tokens[i];
  if (t?.kind !== "word") return null;
  const parts = t.lower.split("-");
  let n: number | undefined;
  let d: number | undefined;
  let j = i + 1;
  if (parts.length === 2) [n, d] = [numerator(parts[0]), DENOMINATORS.get(parts[1]!)];
  else if (t.lower === "half") [n, d] = [1, 2];
  else if (tokens[j]?.kind === "word") {
    [n, d] = [numerator(t.lower), DENOMINATORS.get(tokens[j]!.lower)];
    j++;
  }
  if (n === undefined || d === undefined || n < 1 || n >= d) return null;

  let k = j;
  if (isWord(tokens[k], "of")) k++;
  if (isWord(tokens[k], "a", "an")) k++;
  const scale = tokens[k];
  const pct = k > j ? percentSign(tokens, k) : -1;
  if (pct > 0) return { value: n / d, percent: true, next: pct };
  if (isWord(scale, "dozen")) return { value: (n * 12) / d, percent: false, next: k + 1 };
  const exp = scale?.kind === "word" ? SCALES.get(scale.lower) : undefined;
  if (exp !== undefined) return { value: (n * 10 ** exp) / d, percent: false, next: k + 1 };
  return { value: (n * 100) / d, percent: true, next: j };
}

/** A plain number from token i, digits or words, with no scale: a ratio's denominator. */
function plainNumber(tokens: Token[], i: number): { value: number; next: number } | null {
  const t = tokens[i];
  if (t?.kind === "num") return /^\d+$/.test(t.text) ? { value: Number(t.text), next: i + 1 } : null;
  const w = parseWords(tokens, i);
  return w && w.exp === 0 ? { value: w.base, next: w.next } : null;
}

/** "one in five", "9 out of 10", "one in every four" after a numerator already read, ending at token j: per cent. */
export function parseRatio(tokens: Token[], j: number, n: number): { value: number; next: number } | null {
  let k = j;
  if (isWord(tokens[k], "in")) k++;
  else if (isWord(tokens[k], "out") && isWord(tokens[k + 1], "of")) k += 2;
  else return null;
  if (isWord(tokens[k], "every")) k++;
  const d = plainNumber(tokens, k);
  if (!d || !Number.isInteger(n) || n < 1 || n >= d.value || d.value > MAX_RATIO_DENOMINATOR) return null;
  return { value: (n * 100) / d.value, next: d.next };
}
