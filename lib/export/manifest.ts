import type { ExportContext, ExportDocument, ExportFilters, ExportFormat, ExportLabel, ExportReview, ExportSignOff } from "./types";

/**
 * The export facts every format states (issue 5: "Every export says, inside the file or in a
 * manifest beside it…"). One shape for all writers:
 *
 * - formats with a leading header (jsonl, spacy, conll) write `header` first and put each
 *   document's hash and length in that document's own record, so nothing is held back;
 * - formats that end with a manifest (w3c, the brat and csv zips) collect one small entry per
 *   document as it streams and write `complete()` last — memory grows with the number of
 *   documents, never with annotations.
 */

export const OFFSET_UNIT = "Unicode code points, half-open [start, end)";
export const CANONICALIZATION = "decoded (UTF-8, or UTF-16 with BOM), BOM dropped, CRLF and CR → LF, nothing else";
export const HASH_RECIPE = "sha256: lowercase hex SHA-256 of the canonical text's UTF-8 bytes; length: Unicode code points";
export const SIGN_OFF_RECIPE =
  "signOff (set when the document's state is signed_off): annotationSetHash is the lowercase hex SHA-256 of the UTF-8 lines " +
  "`id TAB version TAB status LF`, one per annotation of the document (deleted ones are never exported), ids in Unicode code-point order; " +
  "recompute it from an export without label, status or author filters";

export interface ManifestLabel {
  id: string;
  name: string;
  kind: ExportLabel["kind"];
  color: string;
  hotkey: string | null;
  description: string;
}

export interface ManifestHeader {
  generator: "Tracewell";
  tracewellVersion: string;
  format: ExportFormat;
  exportedAt: string;
  project: { id: string; name: string };
  /** Every filter, null when not applied. */
  filters: {
    documentIds: string[] | null;
    q: string | null;
    labels: string[] | null;
    statuses: string[] | null;
    authors: string[] | null;
    /** true: only signed-off documents; null: no such filter. */
    signedOff: true | null;
  };
  offsetUnit: string;
  canonicalization: string;
  hashes: string;
  signOffs: string;
  labels: ManifestLabel[];
  /** What is particular to this format (label name mappings, tokenizer, overlap rule…). */
  details?: Record<string, unknown>;
}

/** A sign-off as every format writes it (times as ISO strings). */
export interface SignOffFacts {
  id: string;
  signer: { id: string; name: string };
  at: string;
  annotationSetHash: string;
  accepted: number;
  rejected: number;
}

export type DocumentFacts = { id: string; title: string; sha256: string; length: number; state: ExportDocument["state"]; signOff: SignOffFacts | null };

export interface ManifestDocument extends DocumentFacts {
  annotations: number;
  [extra: string]: unknown;
}

export interface CompleteManifest extends ManifestHeader {
  documents: ManifestDocument[];
  totals: { documents: number; annotations: number; [extra: string]: number };
}

function normalizeFilters(filters: ExportFilters): ManifestHeader["filters"] {
  return {
    documentIds: filters.documentIds ?? null,
    q: filters.q ?? null,
    labels: filters.labels ?? null,
    statuses: filters.statuses ?? null,
    authors: filters.authors ?? null,
    signedOff: filters.signedOff ?? null,
  };
}

export function manifestLabel(label: ExportLabel): ManifestLabel {
  return {
    id: label.id,
    name: label.name,
    kind: label.kind,
    color: label.color,
    hotkey: label.hotkey,
    description: label.description,
  };
}

export function manifestHeader(format: ExportFormat, context: ExportContext, details?: Record<string, unknown>): ManifestHeader {
  return {
    generator: "Tracewell",
    tracewellVersion: context.tracewellVersion,
    format,
    exportedAt: context.now().toISOString(),
    project: { id: context.project.id, name: context.project.name },
    filters: normalizeFilters(context.filters),
    offsetUnit: OFFSET_UNIT,
    canonicalization: CANONICALIZATION,
    hashes: HASH_RECIPE,
    signOffs: SIGN_OFF_RECIPE,
    labels: context.labels.map(manifestLabel),
    ...(details ? { details } : {}),
  };
}

export function signOffFacts(signOff: ExportSignOff | null): SignOffFacts | null {
  if (!signOff) return null;
  const { id, signer, at, annotationSetHash, accepted, rejected } = signOff;
  return { id, signer: { id: signer.id, name: signer.name }, at: at.toISOString(), annotationSetHash, accepted, rejected };
}

/** An annotation's newest review as the formats that carry it write it. */
export function reviewFacts(review: ExportReview | null) {
  if (!review) return null;
  const { decision, reason, reviewer, at, version } = review;
  return { decision, reason, reviewer: { id: reviewer.id, name: reviewer.name }, at: at.toISOString(), version };
}

/** The facts about one document that every format repeats (its record, meta or manifest entry). */
export function documentFacts(document: ExportDocument): DocumentFacts {
  return {
    id: document.id,
    title: document.title,
    sha256: document.sha256,
    length: document.length,
    state: document.state,
    signOff: signOffFacts(document.signOff),
  };
}

/** Collects per-document entries for a manifest written at the end. */
export class ManifestCollector {
  readonly header: ManifestHeader;
  private readonly documents: ManifestDocument[] = [];
  private annotations = 0;

  constructor(format: ExportFormat, context: ExportContext, details?: Record<string, unknown>) {
    this.header = manifestHeader(format, context, details);
  }

  addDocument(document: ExportDocument, annotations: number, extra: Record<string, unknown> = {}): void {
    this.documents.push({ ...documentFacts(document), annotations, ...extra });
    this.annotations += annotations;
  }

  /** `details` given here replace the header's (for facts only known at the end, e.g. labels seen). */
  complete(extraTotals: Record<string, number> = {}, details?: Record<string, unknown>): CompleteManifest {
    const header = details ? { ...this.header, details } : this.header;
    return {
      ...header,
      documents: this.documents,
      totals: { documents: this.documents.length, annotations: this.annotations, ...extraTotals },
    };
  }
}
