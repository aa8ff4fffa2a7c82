import type { DocumentState } from "@/lib/workflow/states";

/**
 * GET /api/v1/projects/{id}/progress: the project dashboard's numbers (issue 14). Dependency-free,
 * so the browser's dashboard reads the same declaration the service fills.
 */
export interface ProjectProgress {
  documents: { total: number; byState: Record<DocumentState, number> };
  annotations: {
    total: number;
    byStatus: StatusCounts;
    byLabel: LabelProgress[];
    byAnnotator: AnnotatorProgress[];
  };
  throughput: ThroughputDay[];
  timeInReview: TimeInReview;
  /** When the numbers were read (ISO); the open review spans run up to it. */
  asOf: string;
}

export interface StatusCounts {
  pending: number;
  accepted: number;
  rejected: number;
}

export interface LabelProgress extends StatusCounts {
  labelId: string;
  name: string;
  color: string;
  total: number;
}

export interface AnnotatorProgress extends StatusCounts {
  userId: string;
  name: string;
  total: number;
  /** accepted / (accepted + rejected); null while none of theirs is decided. */
  acceptanceRate: number | null;
}

export interface ThroughputDay {
  /** A UTC day, YYYY-MM-DD. */
  day: string;
  /** Live annotations created that day (Annotation.createdAt). */
  created: number;
  /** Review decisions made that day. */
  reviewed: number;
  /** Sign-offs made that day (superseded ones too: they happened). */
  signedOff: number;
}

/** How many of the documents that spent longest in review the answer names. */
export const REVIEW_DOCUMENTS_SHOWN = 20;

export interface TimeInReview {
  /** Documents that were ever in review. */
  documents: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** The longest first (at most REVIEW_DOCUMENTS_SHOWN). */
  byDocument: { documentId: string; title: string; hours: number; open: boolean }[];
}
