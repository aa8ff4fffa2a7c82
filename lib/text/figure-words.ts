import { isWord, type Token } from "./figure-tokens";

/** English number words for the figure parser (lib/text/figures.ts). */

const SMALL = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
export const UNIT_WORDS = new Map<string, number>([
  ...SMALL.map((w, i): [string, number] => [w, i]),
  ...TENS.map((w, i): [string, number] => [w, 20 + 10 * i]),
]);
/** Powers of ten. */
export const SCALES = new Map([["thousand", 3], ["million", 6], ["billion", 9], ["trillion", 12], ["lakh", 5], ["lakhs", 5], ["crore", 7], ["crores", 7]]);

const magnitude = (t: Token | undefined) => isWord(t, "hundred", "dozen") || (t !== undefined && SCALES.has(t.lower));

/**
 * Number words from token i: "twenty-five", "three hundred and fifty", "a dozen", "two million",
 * "one and a half million". `base` is the number before a trailing scale, so that a range can share it.
 */
export function parseWords(tokens: Token[], i: number): { base: number; exp: number; next: number } | null {
  let j = i;
  let total = 0;
  let current = 0;
  let exp = 0;
  let any = false;
  if (isWord(tokens[j], "a", "an") && magnitude(tokens[j + 1])) {
    current = 1;
    j++;
  }
  for (;;) {
    const t = tokens[j];
    if (t?.kind !== "word") break;
    const parts = t.lower.split("-");
    if (!parts.every((p) => UNIT_WORDS.has(p) || (parts.length === 1 && magnitude(t)))) break;
    for (const p of parts) {
      const small = UNIT_WORDS.get(p);
      const scale = SCALES.get(p);
      if (small !== undefined) current += small;
      else if (p === "hundred") current = (current || 1) * 100;
      else if (p === "dozen") current = (current || 1) * 12;
      else if (scale !== undefined) {
        total += (current || 1) * 10 ** scale;
        current = 0;
      }
      exp = scale ?? 0;
    }
    any = true;
    j++;
    // "three hundred and fifty", "two thousand and five" — but "between one and two" is a range.
    const after = tokens[j + 1];
    const grouped = parts.length === 1 && (parts[0] === "hundred" || SCALES.has(parts[0]!));
    if (grouped && isWord(tokens[j], "and") && after && UNIT_WORDS.has(after.lower.split("-")[0]!)) j++;
  }
  if (!any) return null;
  const half = total === 0 && current > 0 ? andAHalf(tokens, j) : null;
  if (half) return { base: current + 0.5, ...half };
  const value = total + current;
  return { base: exp && current === 0 ? value / 10 ** exp : value, exp: current === 0 ? exp : 0, next: j };
}

/** "and a half" after a whole number ending at token j, with the scale after it: "two and a half million". */
export function andAHalf(tokens: Token[], j: number): { exp: number; next: number } | null {
  if (!isWord(tokens[j], "and") || !isWord(tokens[j + 1], "a") || !isWord(tokens[j + 2], "half")) return null;
  const scale = tokens[j + 3]?.kind === "word" ? SCALES.get(tokens[j + 3]!.lower) : undefined;
  return scale === undefined ? { exp: 0, next: j + 3 } : { exp: scale, next: j + 4 };
}
