import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatNumber } from "./format";

/** How much of a text is rendered at first: enough to read, little enough to stay quick at 5 MB. */
export const PREVIEW_UNITS = 200_000;

/**
 * Blocks that end after each run of blank lines, newlines included: joined, they are the text
 * again, character for character, so the DOM's textContent equals the canonical text.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  const separator = /\n{2,}/g;
  let start = 0;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    const end = match.index + match[0].length;
    blocks.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) blocks.push(text.slice(start));
  return blocks;
}

/** Where a preview ends: after a paragraph if one ends late enough, never inside a surrogate pair. */
export function previewEnd(text: string, limit = PREVIEW_UNITS): number {
  if (text.length <= limit) return text.length;
  const paragraph = text.lastIndexOf("\n\n", limit);
  if (paragraph > limit * 0.75) return paragraph + 2;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

interface DocumentTextProps {
  text: string;
  /** The document's text direction: the fallback for paragraphs without a strong character. */
  direction: string | null;
  full: boolean;
  fullHref: string;
  length: number;
}

/** The canonical text, read-only and unaltered: no trimming, whitespace kept by pre-wrap. */
export function DocumentText({ text, direction, full, fullHref, length }: DocumentTextProps) {
  const end = full ? text.length : previewEnd(text);
  const shown = end < text.length ? text.slice(0, end) : text;
  // Each paragraph takes its direction from its first strong character (dir="auto"); one with
  // none (a rule of dashes, a list of numbers) inherits the document's direction.
  const base = direction === "rtl" ? "rtl" : "ltr";
  const shownCodePoints = shown === text ? length : [...shown].length;
  return (
    <div className="grid gap-4">
      <div data-testid="document-text" dir={base} className="max-w-[80ch] text-[15px] leading-7 text-slate-900">
        {splitBlocks(shown).map((block, index) => (
          <p key={index} dir="auto" className="whitespace-pre-wrap [overflow-wrap:anywhere]">
            {block}
          </p>
        ))}
      </div>
      {shown !== text && (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-700">
            Showing the first {formatNumber(shownCodePoints)} of {formatNumber(length)} code points.
          </p>
          <Button asChild variant="outline" size="sm">
            <Link href={fullHref} scroll={false}>
              Show full text
            </Link>
          </Button>
        </div>
      )}
    </div>
  );
}
