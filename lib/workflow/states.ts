/**
 * The document workflow's states and the audit actions that move a document between them, in one
 * dependency-free module: the server's zod schemas, the live feed and the browser read them here.
 *
 *   not_started → in_progress (first annotation) → in_review (submitted) → changes_requested | signed_off
 *   changes_requested → in_review (submitted again); any annotation change: not_started | signed_off → in_progress
 */
export const DOCUMENT_STATES = ["not_started", "in_progress", "in_review", "changes_requested", "signed_off"] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

export const STATE_NAMES: Record<DocumentState, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  in_review: "In review",
  changes_requested: "Changes requested",
  signed_off: "Signed off",
};

export const REVIEW_DECISIONS = ["accept", "reject"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Audit actions of the workflow; the live feed streams them as `workflow` events. */
export const WORKFLOW_ACTIONS = [
  "document.started",
  "document.submitted",
  "document.changes_requested",
  "document.signed_off",
  "document.reopened",
  "document.assigned",
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
