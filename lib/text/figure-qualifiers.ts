import { DASHES, isWord, type Token } from "./figure-tokens";

/** Qualifier phrases for the figure parser (lib/text/figures.ts); the values are FIGURE_QUALIFIERS. */

export type FigureQualifier =
  | "exact" | "approximately" | "more than" | "less than" | "at least" | "at most" | "up to" | "range";

const QUALIFIERS: [string, FigureQualifier][] = [
  ...(["approximately", "approx.", "approx", "about", "around", "roughly", "some", "nearly", "almost", "close to",
    "just under", "just over", "just shy of", "an estimated", "estimated", "estimated at", "est.", "circa", "ca.",
    "c.", "~", "≈", "more or less", "in the region of", "on the order of", "of the order of"] as const)
    .map((p): [string, FigureQualifier] => [p, "approximately"]),
  ...(["more than", "over", "above", "in excess of", "upwards of", "upward of", "exceeding", "greater than", "well over", ">"] as const)
    .map((p): [string, FigureQualifier] => [p, "more than"]),
  ...(["less than", "fewer than", "under", "below", "well under", "<"] as const)
    .map((p): [string, FigureQualifier] => [p, "less than"]),
  ...(["at least", "no fewer than", "no less than", "not less than", "not fewer than", "a minimum of", "minimum of", "≥", ">="] as const)
    .map((p): [string, FigureQualifier] => [p, "at least"]),
  ...(["at most", "no more than", "not more than", "a maximum of", "maximum of", "not exceeding", "≤", "<="] as const)
    .map((p): [string, FigureQualifier] => [p, "at most"]),
  ...(["up to", "as many as", "as much as", "as high as"] as const).map((p): [string, FigureQualifier] => [p, "up to"]),
];

/** The qualifier phrase that `before` (the span before the quantity) ends with, longest first. */
export function leadingQualifier(before: string): FigureQualifier | null {
  const s = before.toLowerCase().replace(/\s+/gu, " ").trimEnd();
  let best: [string, FigureQualifier] | null = null;
  for (const entry of QUALIFIERS) {
    const [phrase] = entry;
    if (!s.endsWith(phrase) || (best && best[0].length >= phrase.length)) continue;
    const prev = s[s.length - phrase.length - 1];
    if (/\p{L}/u.test(phrase[0]!) && prev !== undefined && /[\p{L}\p{N}]/u.test(prev)) continue;
    best = entry;
  }
  return best ? best[1] : null;
}

/** "+", "plus", "-odd", "or more", "or fewer", "or so" right after the quantity ending at token j. */
export function trailingQualifier(tokens: Token[], j: number): { qualifier: FigureQualifier; next: number } | null {
  const t = tokens[j];
  if (t?.text === "+" && !t.gap) return { qualifier: "at least", next: j + 1 };
  if (isWord(t, "plus")) return { qualifier: "at least", next: j + 1 };
  if (t && DASHES.has(t.text) && isWord(tokens[j + 1], "odd")) return { qualifier: "approximately", next: j + 2 };
  if (!isWord(t, "or")) return null;
  const w = tokens[j + 1];
  if (isWord(w, "more", "over", "above")) return { qualifier: "at least", next: j + 2 };
  if (isWord(w, "fewer", "less", "under")) return { qualifier: "at most", next: j + 2 };
  if (isWord(w, "so", "thereabouts")) return { qualifier: "approximately", next: j + 2 };
  return null;
}
