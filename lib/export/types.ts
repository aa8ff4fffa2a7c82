import type { AnnotationRow } from "@/lib/annotations/annotation-row";
import type { AnnotationStatus } from "@/lib/annotations/shape";
import type { DocumentState, ReviewDecision } from "@/lib/workflow/states";

/**
 * The shapes every exporter consumes. An export is a stream of events — a document, then its
 * annotations in (start, end, id) order, then the next document — so no writer ever needs the
 * corpus in memory; a writer that must see a whole document (CoNLL, brat) buffers one document's
 * annotations at most.
 */

export const EXPORT_FORMATS = ["jsonl", "w3c", "brat", "conll", "spacy", "csv"] as const;

/** How many document ids the `documents` filter takes. */
export const MAX_EXPORT_DOCUMENTS = 200;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportDocument {
  id: string;
  title: string;
  metadata: {
    author: string | null;
    publisher: string | null;
    publishedOn: string | null;
    sourceUrl: string | null;
    retrievedOn: string | null;
    language: string | null;
    direction: string | null;
  };
  /** sha256 (hex) of the canonical text's UTF-8 bytes. */
  sha256: string;
  /** Length of `text` in Unicode code points. */
  length: number;
  /** The canonical text. */
  text: string;
  original: { filename: string | null; mediaType: string | null; sha256: string | null; size: number | null } | null;
  createdAt: Date;
  /** The document's place in the review workflow (issue 14); no workflow row reads as not_started. */
  state: DocumentState;
  /** The current sign-off: set exactly when `state` is signed_off. */
  signOff: ExportSignOff | null;
}

/** A current sign-off (lib/workflow): `annotationSetHash` is recomputable from the document's exported annotations. */
export interface ExportSignOff {
  id: string;
  signer: { id: string; name: string };
  at: Date;
  /** lib/reviews/annotation-set-hash.ts: SHA-256 of `id\tversion\tstatus\n` per live annotation, ids in code-point order. */
  annotationSetHash: string;
  accepted: number;
  rejected: number;
}

/** An annotation's newest review decision (lib/reviews/list-reviews.ts); `version` is the one the decision made. */
export interface ExportReview {
  decision: ReviewDecision;
  reason: string | null;
  reviewer: { id: string; name: string };
  at: Date;
  version: number;
}

export type ExportLabel = AnnotationRow["label"] & { description: string };

/** A live annotation (exports leave tombstones out) with its label in full. Offsets in code points, half-open. */
export type ExportAnnotation = Omit<AnnotationRow, "label" | "attributes" | "deletedAt" | "deletedById"> & {
  label: ExportLabel;
  attributes: Record<string, unknown>;
  review: ExportReview | null;
};

export type ExportEvent = { type: "document"; document: ExportDocument } | { type: "annotation"; annotation: ExportAnnotation };

export interface ExportFilters {
  documentIds?: string[];
  q?: string;
  labels?: string[];
  statuses?: AnnotationStatus[];
  authors?: string[];
  /** Only documents whose current workflow state is signed_off (never false: no filter is absent). */
  signedOff?: true;
}

/** Everything a writer needs besides the events; injected so output is deterministic in tests. */
export interface ExportContext {
  project: { id: string; name: string };
  labels: ExportLabel[];
  filters: ExportFilters;
  /** Absolute base of the API, e.g. https://tracewell.example/api/v1 (W3C IRIs). */
  apiBaseUrl: string;
  tracewellVersion: string;
  now: () => Date;
}

export interface ExportWriter {
  format: ExportFormat;
  mediaType: string;
  /** File name extension of the download (brat and csv bundles are zips). */
  extension: string;
  write(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncIterable<Uint8Array>;
}
