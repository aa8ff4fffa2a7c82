"use client";

import { useEffect, useRef } from "react";
import type { Annotation } from "@/components/annotations/types";

/** Document order: by start, then end, then id. */
export function inReadingOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The next pending annotation after `currentId` in reading order, wrapping round; null when none is pending. */
export function nextPending(ordered: readonly Annotation[], currentId: string | null): Annotation | null {
  const at = currentId ? ordered.findIndex((a) => a.id === currentId) : -1;
  for (let step = 1; step <= ordered.length; step++) {
    const candidate = ordered[(at + step + ordered.length) % ordered.length]!;
    if (candidate.status === "pending" && !candidate.pending && candidate.id !== currentId) return candidate;
  }
  return null;
}

/** One step along the reading order (J: +1, K: −1), stopping at the ends. */
export function neighbour(ordered: readonly Annotation[], currentId: string | null, step: 1 | -1): Annotation | null {
  if (ordered.length === 0) return null;
  const at = currentId ? ordered.findIndex((a) => a.id === currentId) : -1;
  if (at < 0) return step === 1 ? ordered[0]! : ordered.at(-1)!;
  return ordered[Math.min(Math.max(at + step, 0), ordered.length - 1)]!;
}

export interface ReviewKeys {
  accept: () => void;
  reject: () => void;
  edit: () => void;
  move: (step: 1 | -1) => void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.matches("input, textarea, select") || (target.isContentEditable && !target.closest(".tw-reader")));
}

/**
 * Review mode's keys, ahead of everything else in the page while it is on (label hotkeys with the
 * same letters wait until it is off): A accepts, R opens the reason box, E edits, J/K move. Keys
 * typed into a field (the reason box) stay the field's; Escape leaves an edit field of the panel.
 */
export function useReviewKeys(active: boolean, keys: ReviewKeys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) {
        // Escape from an edit field of the panel hands the keys back to review mode (the panel stays open).
        const field = event.target as HTMLElement;
        if (event.key === "Escape" && field.id !== "reject-reason" && field.closest('[data-testid="annotation-panel"]')) {
          event.preventDefault();
          event.stopPropagation();
          field.blur();
        }
        return;
      }
      const action = { a: () => latest.current.accept(), r: () => latest.current.reject(), e: () => latest.current.edit(), j: () => latest.current.move(1), k: () => latest.current.move(-1) }[
        event.key.toLowerCase()
      ];
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action();
    };
    document.addEventListener("keydown", onKeyDown, true);
    return () => document.removeEventListener("keydown", onKeyDown, true);
  }, [active]);
}
