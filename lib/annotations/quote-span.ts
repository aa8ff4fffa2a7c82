import { AppError } from "@/lib/errors";
import type { CodePointIndex } from "@/lib/text/code-points";
import { quoteSelector } from "@/lib/text/quote";

/** Longest quote a message repeats in full; `details` always carries both strings whole. */
const SHOWN = 80;

export interface QuotedSpan {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

function shown(s: string): string {
  const cps = [...s];
  return JSON.stringify(cps.length > SHOWN ? `${cps.slice(0, SHOWN).join("")}…` : s);
}

/** Refuses a span that is not 0 ≤ start < end ≤ length, in whole code points (422). */
export function checkRange(start: number, end: number, length: number): void {
  const details = { start, end, length };
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new AppError("invalid_input", `start and end must be whole numbers of code points (got [${start}, ${end}))`, details);
  }
  if (start < 0) throw new AppError("invalid_input", `start must be 0 or more (got ${start})`, details);
  if (start >= end) {
    throw new AppError("invalid_input", `start must be less than end (got [${start}, ${end})): an annotation covers at least one code point`, details);
  }
  if (end > length) {
    throw new AppError("invalid_input", `end ${end} is past the end of the text, which is ${length} code points long`, details);
  }
}

/**
 * The quote selector of `[start, end)` over a document's canonical text: the range is checked, a
 * given `exact` must equal the code-point slice (422 naming both), and prefix/suffix are the
 * QUOTE_CONTEXT (32) code points on either side (lib/text/quote.ts).
 */
export function quoteSpan({ text, start, end, exact }: { text: CodePointIndex; start: number; end: number; exact?: string }): QuotedSpan {
  checkRange(start, end, text.length);
  const { exact: expected, prefix, suffix } = quoteSelector(text, start, end);
  if (exact !== undefined && exact !== expected) {
    throw new AppError(
      "invalid_input",
      `exact does not match the text at [${start}, ${end}): expected ${shown(expected)}, got ${shown(exact)}`,
      { expected, got: exact },
    );
  }
  return { start, end, exact: expected, prefix, suffix };
}
