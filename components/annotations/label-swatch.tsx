/** A label's colour as a small square; decorative, the label's name is always written beside it. */
export function LabelSwatch({ color, className = "size-3" }: { color: string; className?: string }) {
  return <span aria-hidden className={`${className} inline-block shrink-0 rounded-sm ring-1 ring-black/10`} style={{ backgroundColor: color }} />;
}
