import { codePointLength, splitsSurrogatePair } from "./code-points";
import { verifyQuote, type TextSource } from "./quote";

/**
 * Re-anchoring a stored selector set (STYLE.md convention 2, after Hypothesis' anchoring/):
 * selectors are tried in order and a failure is a status, never an exception.
 *
 * 1. position checked by quote: [start, end) still holds `exact` → "anchored";
 * 2. exact quote search: every occurrence of `exact` (overlapping ones too) is ranked by how many
 *    characters of `prefix` and `suffix` match around it, then by distance from the old `start`,
 *    then by position → "moved";
 * 3. otherwise → "orphaned". There is no fuzzy step: canonical texts never change, so a quote that
 *    is not in the text verbatim belongs to some other text, and guessing would break provenance.
 */

export interface QuoteSelectorSet {
  /** Code points, half-open, as stored. */
  start: number;
  end: number;
  exact: string;
  prefix?: string;
  suffix?: string;
}

export type AnchorResult =
  | { status: "anchored" | "moved"; start: number; end: number }
  | { status: "orphaned"; start?: undefined; end?: undefined };

const splitsPair = splitsSurrogatePair;

/** Units of `prefix` that match, from its end backwards, the text ending at unit `u`. */
function prefixMatch(text: string, u: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && n < u && text.charCodeAt(u - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  return n;
}

/** Units of `suffix` that match, from its start, the text starting at unit `u`. */
function suffixMatch(text: string, u: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && u + n < text.length && text.charCodeAt(u + n) === suffix.charCodeAt(n)) n++;
  return n;
}

export function anchorQuote(source: TextSource, selector: QuoteSelectorSet): AnchorResult {
  const { start, end, exact, prefix = "", suffix = "" } = selector;
  if (verifyQuote(source, start, end, exact)) return { status: "anchored", start, end };
  if (exact === "") return { status: "orphaned" };

  const text = typeof source === "string" ? source : source.text;
  let best: { cp: number; context: number; distance: number } | null = null;
  // Code points before unit `seenUnit`, advanced hit by hit: one pass over the text in all.
  let seenUnit = 0;
  let seenCp = 0;
  for (let u = text.indexOf(exact); u !== -1; u = text.indexOf(exact, u + 1)) {
    if (splitsPair(text, u) || splitsPair(text, u + exact.length)) continue;
    const cp = typeof source === "string" ? seenCp + codePointLength(text.slice(seenUnit, u)) : source.toCodePoint(u);
    seenUnit = u;
    seenCp = cp;
    const context = prefixMatch(text, u, prefix) + suffixMatch(text, u + exact.length, suffix);
    const distance = Math.abs(cp - start);
    if (!best || context > best.context || (context === best.context && distance < best.distance)) {
      best = { cp, context, distance };
    }
  }
  if (!best) return { status: "orphaned" };
  return { status: "moved", start: best.cp, end: best.cp + codePointLength(exact) };
}
