/** The tokens of a figure span (lib/text/figures.ts). */

export interface Token {
  kind: "num" | "word" | "sym";
  text: string;
  lower: string;
  /** UTF-16 index into the span (asciiDigits keeps the span's length). */
  start: number;
  /** Whitespace right before it. */
  gap: boolean;
}

/**
 * A digit group is 1–3 digits then groups of exactly three, separated by ",", a plain, no-break,
 * narrow no-break or thin space: "2 500" is 2500, while "2020 300" stays two numbers.
 */
const TOKEN =
  /(?<num>\d{1,3}(?:[, \u00A0\u2009\u202F]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)|(?<sym>US\$|>=|<=)|(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*(?:-[\p{L}\p{M}\p{N}]+)*)|\S/gu;

export const GROUP_SEPARATORS = /[, \u00A0\u2009\u202F]/g;

export function tokenize(span: string): Token[] {
  const tokens: Token[] = [];
  for (const m of span.matchAll(TOKEN)) {
    const start = m.index;
    tokens.push({
      kind: m.groups?.num ? "num" : m.groups?.word ? "word" : "sym",
      text: m[0],
      lower: m[0].toLowerCase(),
      start,
      gap: start > 0 && /\s/u.test(span[start - 1]!),
    });
  }
  return tokens;
}

/** Arabic-Indic and extended Arabic-Indic digits and separators → ASCII, one unit for one. */
export function asciiDigits(span: string): string {
  return span.replace(/[\u0660-\u0669\u06F0-\u06F9\u066B\u066C]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x066b) return ".";
    if (code === 0x066c) return ",";
    return String((code & 0xf) % 10);
  });
}

export const DASHES = new Set(["-", "–", "—", "‒", "−"]);

export const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === "word" && words.includes(t.lower);

/** The token after "%", "per cent", "percent" or "pct" at token j, or -1. */
export function percentSign(tokens: Token[], j: number): number {
  const t = tokens[j];
  if (t?.text === "%") return j + 1;
  if (isWord(t, "percent", "per-cent", "pct")) return j + 1;
  if (isWord(t, "per") && isWord(tokens[j + 1], "cent")) return j + 2;
  return -1;
}
