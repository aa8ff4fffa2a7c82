"use client";

import { Button } from "@/components/ui/button";

/** Review mode's strip: where the reviewer is, what is left, and the keys. */
export function ReviewBar({ position, total, pending, onExit }: { position: number; total: number; pending: number; onExit: () => void }) {
  return (
    <div role="region" aria-label="Review mode" data-testid="review-bar" className="mx-6 mb-2 flex flex-wrap items-center justify-between gap-2 rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm text-indigo-950">
      <p aria-live="polite">
        <strong>Review mode</strong> · {position > 0 ? `${position} of ${total}` : `${total} annotations`} ·{" "}
        <span data-testid="review-pending">{pending === 0 ? "nothing pending" : `${pending} pending`}</span>
      </p>
      <p className="text-xs">
        <kbd>A</kbd> accept · <kbd>R</kbd> reject with a reason · <kbd>E</kbd> edit (saving corrects and accepts) · <kbd>J</kbd>/<kbd>K</kbd> next/previous
      </p>
      <Button size="sm" variant="outline" onClick={onExit}>
        Leave review mode
      </Button>
    </div>
  );
}
