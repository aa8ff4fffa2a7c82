"use client";

import type { CodePointIndex } from "@/lib/text/code-points";
import type { CodePointRange } from "@/lib/text/quote";
import { Button } from "@/components/ui/button";
import { stepEdge, type Edge, type StepUnit as Unit } from "@/lib/text/snap";

const STEPS: { direction: "extend" | "shrink"; unit: Unit; text: string }[] = [
  { direction: "extend", unit: "word", text: "+ word" },
  { direction: "extend", unit: "character", text: "+ char" },
  { direction: "shrink", unit: "character", text: "− char" },
  { direction: "shrink", unit: "word", text: "− word" },
];

/** Buttons that move the start or the end of a span by a word or a character; each move is one PATCH. */
export function BoundaryControls({
  index,
  span,
  disabled,
  onChange,
}: {
  index: CodePointIndex;
  span: CodePointRange;
  disabled: boolean;
  onChange: (span: CodePointRange & { exact: string }) => void;
}) {
  const row = (edge: Edge) => (
    <div role="group" aria-label={edge === "start" ? "Start of the span" : "End of the span"} className="flex flex-wrap items-center gap-1">
      <span aria-hidden className="w-10 text-xs text-slate-600">
        {edge === "start" ? "Start" : "End"}
      </span>
      {STEPS.map(({ direction, unit, text }) => {
        const next = stepEdge(index, span, edge, direction, unit);
        return (
          <Button
            key={`${direction}-${unit}`}
            variant="outline"
            size="sm"
            className="h-7 px-2 font-mono"
            disabled={disabled || !next}
            onClick={() => next && onChange({ ...next, exact: index.slice(next.start, next.end) })}
          >
            <span aria-hidden>{text}</span>
            <span className="sr-only">{`${direction === "extend" ? "Extend" : "Shrink"} ${edge} by one ${unit}`}</span>
          </Button>
        );
      })}
    </div>
  );
  return (
    <div className="grid gap-1.5">
      {row("start")}
      {row("end")}
    </div>
  );
}
