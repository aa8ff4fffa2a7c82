import { sliceCodePoints } from "@/lib/text/code-points";
import type { Snippet } from "@/lib/documents/snippet";

/**
 * A search hit with its matches in <mark>. The text stays text: nothing from the document is
 * ever interpreted as HTML. Highlight ranges are code points, like every offset in Tracewell.
 */
export function SearchSnippet({ snippet }: { snippet: Snippet }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const { start, end } of snippet.highlights) {
    if (start > last) parts.push(sliceCodePoints(snippet.text, last, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
        {sliceCodePoints(snippet.text, start, end)}
      </mark>,
    );
    last = end;
  }
  const length = [...snippet.text].length;
  if (last < length) parts.push(sliceCodePoints(snippet.text, last, length));
  return (
    <p className="mt-1 line-clamp-2 max-w-xl text-xs leading-relaxed text-slate-600" dir="auto" data-testid="search-snippet">
      …{parts}…
    </p>
  );
}
