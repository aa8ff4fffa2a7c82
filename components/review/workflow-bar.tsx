"use client";

import { useState } from "react";
import { FormattedDate } from "@/components/format-date";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { StateBadge } from "@/components/workflow/state-badge";
import { STATE_NAMES } from "@/lib/workflow/states";
import { useWorkflow } from "./use-workflow";
import type { WorkflowView } from "./workflow-types";

const names = (people: { name: string }[]) => people.map((p) => p.name).join(", ");
const short = (hash: string) => `${hash.slice(0, 12)}…`;

interface Props {
  documentId: string;
  initial: WorkflowView;
  /** Fires on every change of the document the live stream reports. */
  activity: EventTarget;
  canSubmit: boolean;
  canReview: boolean;
  onShowAnnotation: (id: string) => void;
}

/**
 * The document's place in the review workflow (issue 14): its state and assignees, what the viewer
 * may do next (submit, send back with a comment, sign off over the annotation set shown), and
 * the banners that keep a sign-off honest: signed, or reopened by a later change.
 */
export function WorkflowBar({ documentId, initial, activity, canSubmit, canReview, onShowAnnotation }: Props) {
  const { workflow, busy, error, act } = useWorkflow(documentId, initial, activity);
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState("");
  const { state, signOff, annotationSet: set, assignees } = workflow;
  const lastComment = [...workflow.history].reverse().find((t) => t.to === "changes_requested")?.comment;
  const reopened = state !== "signed_off" && signOff?.superseded ? signOff : null;

  return (
    <section aria-labelledby="workflow-title" data-testid="workflow" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <h2 id="workflow-title" className="text-base font-semibold text-slate-900">
            Review
          </h2>
          <span data-testid="workflow-state" data-state={state}>
            <StateBadge state={state} />
          </span>
          <span>
            {set.total} annotation{set.total === 1 ? "" : "s"}: {set.pending} pending, {set.accepted} accepted, {set.rejected} rejected
          </span>
          {(assignees.annotators.length > 0 || assignees.reviewer) && (
            <span className="text-slate-600">
              {assignees.annotators.length > 0 && <>Annotators: {names(assignees.annotators)}. </>}
              {assignees.reviewer && <>Reviewer: {assignees.reviewer.name}.</>}
            </span>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canSubmit && ["not_started", "in_progress", "changes_requested"].includes(state) && (
            <Button size="sm" disabled={busy} onClick={() => void act("submit", {})}>
              Submit for review
            </Button>
          )}
          {canReview && state === "in_review" && (
            <>
              <Button size="sm" variant="outline" disabled={busy} onClick={() => setAsking(true)}>
                Request changes…
              </Button>
              <Button
                size="sm"
                disabled={busy || set.pending > 0}
                title={set.pending > 0 ? `${set.pending} still pending` : `Signs annotation set ${set.hash}`}
                onClick={() => void act("sign-off", { annotationSetHash: set.hash })}
              >
                {set.pending > 0 ? `Sign off (${set.pending} pending)` : "Sign off"}
              </Button>
            </>
          )}
        </div>
      </div>

      {canReview && state === "in_review" && set.pending === 0 && (
        <p className="text-xs text-slate-600">
          Signing seals this annotation set: <span className="font-mono" data-testid="annotation-set-hash" title={set.hash}>{set.hash}</span>
        </p>
      )}
      {asking && (
        <form
          className="grid gap-2"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await act("request-changes", { comment })) {
              setAsking(false);
              setComment("");
            }
          }}
        >
          <label htmlFor="changes-comment" className="text-sm font-medium text-slate-900">
            What should the annotators change?
          </label>
          <Textarea id="changes-comment" value={comment} autoFocus onChange={(e) => setComment(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setAsking(false)} />
          <div className="flex gap-2">
            <Button size="sm" type="submit" disabled={busy || !comment.trim()}>
              Send back
            </Button>
            <Button size="sm" type="button" variant="outline" onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      )}
      {state === "signed_off" && signOff && (
        <p role="status" data-testid="signed-banner" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
          ✓ Signed off by {signOff.signer.name} on <FormattedDate iso={signOff.at} />: {signOff.accepted} accepted, {signOff.rejected} rejected. Annotation set{" "}
          <span className="font-mono" title={signOff.annotationSetHash}>{short(signOff.annotationSetHash)}</span>. Any change to its annotations reopens it.
        </p>
      )}
      {reopened && reopened.superseded && (
        <div role="status" data-testid="reopened-banner" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          ⚠ Reopened: signed off by {reopened.signer.name} on <FormattedDate iso={reopened.at} />, then {reopened.superseded.by.name} changed an annotation on{" "}
          <FormattedDate iso={reopened.superseded.at} /> ({reopened.superseded.op}).{" "}
          <button type="button" className="font-medium underline" onClick={() => onShowAnnotation(reopened.superseded!.annotationId)}>
            Show the change
          </button>
          . The sign-off is no longer current; it stays in the history.
        </div>
      )}
      {state === "changes_requested" && lastComment && (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-950">
          Changes requested: <q>{lastComment}</q>
        </p>
      )}
      {workflow.history.length > 0 && (
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer text-slate-900">History ({workflow.history.length})</summary>
          <ol className="mt-2 grid gap-1">
            {workflow.history.map((t, i) => (
              <li key={i}>
                <FormattedDate iso={t.at} /> · {t.actor.name}: {STATE_NAMES[t.from]} → {STATE_NAMES[t.to]}
                {t.comment && <> — <q>{t.comment}</q></>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
