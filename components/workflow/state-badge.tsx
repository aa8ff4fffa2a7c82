import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { STATE_NAMES, type DocumentState } from "@/lib/workflow/states";

/** Colour, a glyph and the state's words: the words carry the meaning, the rest helps scanning. */
const LOOK: Record<DocumentState, { glyph: string; className: string }> = {
  not_started: { glyph: "○", className: "bg-slate-100 text-slate-800" },
  in_progress: { glyph: "◐", className: "bg-sky-100 text-sky-900" },
  in_review: { glyph: "◎", className: "bg-amber-100 text-amber-900" },
  changes_requested: { glyph: "↺", className: "bg-red-100 text-red-900" },
  signed_off: { glyph: "✓", className: "bg-emerald-100 text-emerald-900" },
};

/** A document's workflow state (lists, the reader, "Your work"). */
export function StateBadge({ state, className }: { state: DocumentState; className?: string }) {
  const look = LOOK[state];
  return (
    <Badge variant="outline" data-state={state} className={cn("gap-1 whitespace-nowrap border-transparent", look.className, className)}>
      <span aria-hidden>{look.glyph}</span>
      {STATE_NAMES[state]}
    </Badge>
  );
}
