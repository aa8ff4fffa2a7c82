"use client";

import { useEffect, useState } from "react";
import { apiCall } from "@/components/annotations/api";
import { FormattedDate } from "@/components/format-date";
import type { Review } from "@/lib/reviews/list-reviews";


function corrected(from: Record<string, unknown>): string {
  const parts: string[] = [];
  const label = from.label as { name?: string } | undefined;
  if (label?.name) parts.push(`label ${label.name}`);
  if (typeof from.exact === "string") parts.push(`span “${from.exact.length > 40 ? `${from.exact.slice(0, 40)}…` : from.exact}”`);
  else if (from.start !== undefined || from.end !== undefined) parts.push("span");
  if (from.attributes !== undefined) parts.push("attributes");
  return parts.join(", ");
}

/**
 * The annotation's review decisions, newest first, with reasons: what the annotator reads to learn
 * why their annotation was rejected or corrected. Fetched again for every new version.
 */
export function ReviewHistory({ annotationId, version }: { annotationId: string; version: number }) {
  const [reviews, setReviews] = useState<Review[] | null>(null);
  useEffect(() => {
    let live = true;
    apiCall<{ reviews: Review[] }>("GET", `/api/v1/annotations/${encodeURIComponent(annotationId)}/reviews`)
      .then((body) => live && setReviews(body.reviews))
      .catch(() => live && setReviews([]));
    return () => {
      live = false;
    };
  }, [annotationId, version]);
  if (!reviews || reviews.length === 0) return null;
  const latest = reviews.at(-1)!;
  const stale = latest.version !== version;
  return (
    <div className="grid gap-1.5" data-testid="review-history">
      <p className="text-sm font-medium text-slate-900">Review</p>
      {stale && <p className="text-xs text-slate-600">Changed since the last decision: back to pending.</p>}
      <ol className="grid gap-1 text-xs text-slate-700">
        {[...reviews].reverse().map((r) => (
          <li key={r.id} className={r.decision === "reject" ? "text-red-900" : "text-emerald-900"}>
            <span aria-hidden>{r.decision === "accept" ? "✓ " : "✗ "}</span>
            {r.decision === "accept" ? (r.correctedFrom ? "Corrected and accepted" : "Accepted") : "Rejected"} by {r.reviewer.name} ·{" "}
            <FormattedDate iso={r.at} />
            {r.reason && (
              <>
                : <q data-testid="review-reason">{r.reason}</q>
              </>
            )}
            {r.correctedFrom && <span className="text-slate-600"> (was: {corrected(r.correctedFrom)})</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
