import type { AnnotationStatus } from "@/lib/annotations/shape";

/**
 * What every reader turns its format into: one plan per document, annotations in the file's
 * order. Nothing here is trusted yet — lib/import/verify-plan.ts checks every field against the
 * project and the text before anything is written.
 */

export const IMPORT_FORMATS = ["jsonl", "w3c", "brat", "spacy"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface PlannedAnnotation {
  /** Position among its document's annotations in the file (0-based), for the report. */
  index: number;
  /** The annotation's id where the file came from (claims cite their source entity by it). */
  sourceId?: string;
  /** Label name (matched by name in the target project). */
  label: string;
  /** The label's kind as the file states it, when it does. */
  kind?: string;
  /** Unicode code points, half-open. */
  start: number;
  end: number;
  exact?: string;
  attributes: Record<string, unknown>;
  status?: AnnotationStatus;
}

export interface PlannedDocument {
  /** How the report names this document ("line 3", "report.ann", a title…). */
  ref: string;
  /** The document's id where the file came from. */
  sourceId?: string;
  /** sha256 (hex) of the canonical text, as the file states it. */
  sha256?: string;
  /** The canonical text, when the format carries it. */
  text?: string;
  title?: string;
  /** Source metadata as in an export (author, publisher, publishedOn, …); checked later. */
  metadata: Record<string, unknown>;
  annotations: PlannedAnnotation[];
}

export interface ImportProblem {
  /** The document's `ref`; null for a problem with the file as a whole. */
  document: string | null;
  /** The annotation's position among its document's annotations in the file (0-based). */
  index: number | null;
  annotationId?: string;
  message: string;
}

export interface ImportPlan {
  documents: PlannedDocument[];
  /** Problems found while reading (malformed records); verification adds its own. */
  problems: ImportProblem[];
}

export interface ImportFile {
  filename: string;
  bytes: Uint8Array;
}

export type ImportReader = (file: ImportFile) => Promise<ImportPlan> | ImportPlan;

export type ImportReport =
  | {
      ok: true;
      format: ImportFormat;
      documents: { created: number; matched: number };
      /** Annotations inserted. */
      annotations: number;
      /** Annotations of the file that the matched documents already had: left as they are. */
      alreadyPresent: number;
    }
  | {
      ok: false;
      errors: ImportProblem[];
      /** Problems left out of `errors` (only the first MAX_REPORTED are listed). */
      more: number;
    };
