"use client";

import type { ProjectProgress } from "@/lib/progress/types";
import { AnnotationsByAnnotator } from "./annotations-by-annotator";
import { AnnotationsByLabel } from "./annotations-by-label";
import { AnnotationsByStatus } from "./annotations-by-status";
import { DocumentsByState } from "./documents-by-state";
import { formatTime } from "./format";
import { Throughput } from "./throughput";
import { TimeInReview } from "./time-in-review";
import { useLiveProgress } from "./use-live-progress";

const CONNECTION = {
  connecting: { text: "Connecting…", dot: "bg-slate-400" },
  live: { text: "Live", dot: "bg-emerald-500" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500" },
  offline: { text: "Offline", dot: "bg-red-600" },
  ended: { text: "Not live", dot: "bg-red-600" },
} as const;

/**
 * The project's progress at a glance (issue 14): every chart with its numbers as a table beside
 * it, each count a link to the documents it counts, all of it following the project's changes.
 */
export function ProgressDashboard({ projectId, initial, cursor }: { projectId: string; initial: ProjectProgress; cursor: string | null }) {
  const { progress, state } = useLiveProgress(projectId, initial, cursor);
  const connection = CONNECTION[state];
  return (
    <div className="grid gap-8">
      <p className="-mt-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        <span data-testid="connection-state" data-state={state} className="inline-flex items-center gap-1.5 text-slate-700">
          <span aria-hidden className={`size-2 rounded-full ${connection.dot}`} />
          {connection.text}
        </span>
        <span>
          Numbers as of <time dateTime={progress.asOf} data-testid="progress-as-of">{formatTime(progress.asOf)}</time>; they update as people work.
        </span>
      </p>
      <div className="grid items-start gap-8 lg:grid-cols-2">
        <DocumentsByState projectId={projectId} documents={progress.documents} />
        <AnnotationsByStatus projectId={projectId} annotations={progress.annotations} />
        <AnnotationsByLabel projectId={projectId} byLabel={progress.annotations.byLabel} />
        <AnnotationsByAnnotator projectId={projectId} byAnnotator={progress.annotations.byAnnotator} />
        <Throughput days={progress.throughput} />
        <TimeInReview projectId={projectId} time={progress.timeInReview} inReviewNow={progress.documents.byState.in_review} />
      </div>
    </div>
  );
}
