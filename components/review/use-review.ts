"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AnnotationCommands, Outcome } from "@/components/annotations/annotation-commands";
import type { Annotation, AnnotationPatch } from "@/components/annotations/types";
import { inReadingOrder, neighbour, nextPending, useReviewKeys } from "./review-mode";

const CONTENT: (keyof AnnotationPatch)[] = ["label", "start", "end", "exact", "attributes"];

/**
 * The reviewer's side of the workbench: decisions (a PATCH of the status with its reason: a review
 * decision on the server, undoable like any change), review mode's walk through the pending
 * annotations in reading order, and edits in review mode as corrections (changed and accepted in
 * one step).
 */
export function useReview({
  annotations,
  commands,
  selectedId,
  choose,
  canReview,
  startInReview,
}: {
  annotations: readonly Annotation[];
  commands: AnnotationCommands;
  selectedId: string | null;
  choose: (id: string) => void;
  canReview: boolean;
  startInReview: boolean;
}) {
  const [active, setActive] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const ordered = useMemo(() => inReadingOrder(annotations.filter((a) => !a.pending)), [annotations]);
  const pending = ordered.filter((a) => a.status === "pending").length;

  const go = useCallback(
    (target: Annotation | null) => {
      setRejecting(false);
      if (target) choose(target.id);
    },
    [choose],
  );

  const start = useCallback(() => {
    setActive(true);
    go(nextPending(ordered, null) ?? ordered[0] ?? null);
  }, [go, ordered]);

  // ?review=1 (the queue's link): the page opens in review mode at the first pending annotation.
  const started = useRef(false);
  useEffect(() => {
    if (!startInReview || !canReview || started.current || ordered.length === 0) return;
    started.current = true;
    start();
  }, [startInReview, canReview, ordered.length, start]);

  const decide = useCallback(
    async (id: string, decision: "accept" | "reject", reason?: string): Promise<Outcome> => {
      const outcome = await commands.update(id, decision === "accept" ? { status: "accepted" } : { status: "rejected", reason: reason ?? "" });
      if (outcome.ok && active) go(nextPending(inReadingOrder(annotations), id));
      return outcome;
    },
    [commands, active, go, annotations],
  );

  useReviewKeys(active && canReview, {
    accept: () => selectedId && void decide(selectedId, "accept"),
    reject: () => selectedId && setRejecting(true),
    edit: () => document.querySelector<HTMLElement>('[data-testid="annotation-panel"] select, [data-testid="annotation-panel"] input')?.focus(),
    move: (step) => go(neighbour(ordered, selectedId, step)),
  });

  /** In review mode a change of content is a correction: it is accepted with it. */
  const asCorrection = useCallback(
    (patch: AnnotationPatch): AnnotationPatch =>
      active && canReview && patch.status === undefined && CONTENT.some((key) => patch[key] !== undefined) ? { ...patch, status: "accepted" } : patch,
    [active, canReview],
  );

  return {
    active,
    start,
    stop: () => {
      setActive(false);
      setRejecting(false);
    },
    rejecting,
    setRejecting,
    decide,
    asCorrection,
    bar: { position: ordered.findIndex((a) => a.id === selectedId) + 1, total: ordered.length, pending },
  };
}
