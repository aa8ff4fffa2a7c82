"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import type { Annotation } from "@/components/annotations/types";

/**
 * Accept, or reject with a reason, the annotation shown (owners and reviewers). The reason box
 * opens from the button or from the review mode's R; Enter sends it, Shift+Enter breaks the line,
 * Escape closes it.
 */
export function ReviewControls({
  annotation,
  rejecting,
  setRejecting,
  onDecide,
}: {
  annotation: Annotation;
  rejecting: boolean;
  setRejecting: (open: boolean) => void;
  onDecide: (decision: "accept" | "reject", reason?: string) => Promise<{ ok: boolean; message?: string }>;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: "accept" | "reject") => {
    setError(null);
    const outcome = await onDecide(decision, decision === "reject" ? reason : undefined);
    if (!outcome.ok) setError(outcome.message ?? "Not saved");
    else if (decision === "reject") {
      setReason("");
      setRejecting(false);
    }
  };
  return (
    <div className="grid gap-2" data-testid="review-controls">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant={annotation.status === "accepted" ? "outline" : "default"} onClick={() => void decide("accept")} aria-keyshortcuts="A">
          ✓ Accept
        </Button>
        <Button size="sm" variant="outline" className="text-red-800" onClick={() => setRejecting(true)} aria-keyshortcuts="R">
          ✗ Reject…
        </Button>
      </div>
      {rejecting && (
        <form
          className="grid gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void decide("reject");
          }}
        >
          <label htmlFor="reject-reason" className="text-sm font-medium text-slate-900">
            Why is it rejected? (the annotator reads this)
          </label>
          <Textarea
            id="reject-reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                if (reason.trim()) void decide("reject");
              } else if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                setRejecting(false);
              }
            }}
          />
          <div className="flex gap-2">
            <Button size="sm" type="submit" disabled={!reason.trim()}>
              Reject
            </Button>
            <Button size="sm" type="button" variant="outline" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
