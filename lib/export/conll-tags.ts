import type { Token } from "./tokenize";
import type { ExportAnnotation } from "./types";

/**
 * BIO tags for one document's tokens. CoNLL gives a token one tag, so spans that share a token
 * cannot all be kept. The rule (docs/export-formats.md): spans are taken longest first (in code
 * points), then by earliest start, then by id; a span is kept when none of the tokens it
 * overlaps is taken yet, otherwise it is dropped and counted. A token belongs to a span when
 * they share at least one code point; a kept span whose first or last token sticks out of it is
 * tagged all the same and counted as misaligned; a span over whitespace only has no tokens and
 * is counted too.
 */

export interface TagCounts {
  /** Annotations kept as B-/I- runs. */
  spans: number;
  overlapsDropped: number;
  misaligned: number;
  noTokens: number;
}

export interface DocumentTags {
  /** Index into the annotations array of the span that owns each token, or -1. */
  owner: Int32Array;
  /** For each token: "O", or "B"/"I" (the label is taken from owner). */
  tags: string[];
  counts: TagCounts;
}

/** The first token whose end is after `position`. */
function firstTokenEndingAfter(tokens: Token[], position: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end > position) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Candidate {
  index: number;
  first: number;
  last: number;
  annotation: ExportAnnotation;
}

export function tagTokens(tokens: Token[], annotations: ExportAnnotation[]): DocumentTags {
  const counts: TagCounts = { spans: 0, overlapsDropped: 0, misaligned: 0, noTokens: 0 };
  const candidates: Candidate[] = [];
  annotations.forEach((annotation, index) => {
    const first = firstTokenEndingAfter(tokens, annotation.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.start < annotation.end) last++;
    last--;
    if (first >= tokens.length || last < first) counts.noTokens++;
    else candidates.push({ index, first, last, annotation });
  });
  candidates.sort((x, y) => {
    const a = x.annotation;
    const b = y.annotation;
    return b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const owner = new Int32Array(tokens.length).fill(-1);
  for (const c of candidates) {
    let free = true;
    for (let t = c.first; t <= c.last && free; t++) free = owner[t] === -1;
    if (!free) {
      counts.overlapsDropped++;
      continue;
    }
    owner.fill(c.index, c.first, c.last + 1);
    counts.spans++;
    if (tokens[c.first]!.start < c.annotation.start || tokens[c.last]!.end > c.annotation.end) counts.misaligned++;
  }
  const tags = Array.from(owner, (o, t) => (o < 0 ? "O" : t > 0 && owner[t - 1] === o ? "I" : "B"));
  return { owner, tags, counts };
}
