import { LabelSwatch } from "./label-swatch";
import type { LabelInfo } from "./types";

/** The project's labels with their hotkeys, above the text. */
export function LabelLegend({ labels }: { labels: readonly LabelInfo[] }) {
  if (labels.length === 0) return null;
  return (
    <ul aria-label="Labels and their keys" className="flex flex-wrap gap-x-4 gap-y-1 pt-1 text-xs text-slate-700">
      {labels.map((label) => (
        <li key={label.id} className="inline-flex items-center gap-1.5">
          <LabelSwatch color={label.color} className="size-2.5" />
          {label.name}
          {label.hotkey && (
            <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-800">
              <span className="sr-only">key </span>
              {label.hotkey}
            </kbd>
          )}
        </li>
      ))}
    </ul>
  );
}
