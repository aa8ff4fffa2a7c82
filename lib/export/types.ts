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
}

export interface ExportLabel {
  id: string;
  name: string;
  kind: "claim" | "entity" | "figure" | "other";
  color: string;
  hotkey: string | null;
  description: string;
}

export interface ExportAnnotation {
  id: string;
  documentId: string;
  label: ExportLabel;
  /** Unicode code points, half-open. */
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  attributes: Record<string, unknown>;
  status: "pending" | "accepted" | "rejected";
  version: number;
  author: { id: string; name: string; email: string };
  createdAt: Date;
  updatedAt: Date;
}

export type ExportEvent = { type: "document"; document: ExportDocument } | { type: "annotation"; annotation: ExportAnnotation };

export interface ExportFilters {
  documentIds?: string[];
  q?: string;
  labels?: string[];
  statuses?: ("pending" | "accepted" | "rejected")[];
  authors?: string[];
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
