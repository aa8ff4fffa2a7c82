/**
 * Search snippets are marked up by ts_headline with two private-use characters, which no real
 * text uses as punctuation (« » would collide with French and Russian quotation marks), and
 * turned here into plain text plus highlight ranges in code points.
 */
export const SNIPPET_START = "\uE000";
export const SNIPPET_STOP = "\uE001";

export interface Snippet {
  text: string;
  /** Half-open code-point ranges of `text` that matched the query. */
  highlights: { start: number; end: number }[];
}

export function parseSnippet(marked: string): Snippet {
  let text = "";
  let length = 0;
  let open: number | null = null;
  const highlights: Snippet["highlights"] = [];
  for (const char of marked) {
    if (char === SNIPPET_START) open = length;
    else if (char === SNIPPET_STOP) {
      if (open !== null && length > open) highlights.push({ start: open, end: length });
      open = null;
    } else {
      text += char;
      length += 1;
    }
  }
  return { text, highlights };
}
