/**
 * The annotation and label shapes the API returns (ARCHITECTURE.md, API). Offsets are Unicode
 * code points, half-open [start, end), over the document's canonical text.
 */

export type LabelKind = "claim" | "entity" | "figure" | "other";
export type AnnotationStatus = "pending" | "accepted" | "rejected";

export interface LabelInfo {
  id: string;
  name: string;
  kind: LabelKind;
  color: string;
  hotkey: string | null;
  description?: string;
}

import {
  ENTITY_TYPES,
  FIGURE_QUALIFIERS as QUALIFIERS,
  INFORMATION_CREDIBILITY as CREDIBILITY,
  REPORTING_MODES as REPORTING,
  SOURCE_RELIABILITY as RELIABILITY,
} from "@/lib/annotations/attribute-values";

export { CREDIBILITY, ENTITY_TYPES, QUALIFIERS, RELIABILITY, REPORTING };
export const STATUSES = ["pending", "accepted", "rejected"] as const satisfies readonly AnnotationStatus[];

export interface FigureAttributes {
  value?: number;
  low?: number;
  high?: number;
  qualifier?: string;
  unit?: string;
  asOf?: string;
  parsed?: boolean;
}

export interface EntityAttributes {
  type?: (typeof ENTITY_TYPES)[number];
  canonicalName?: string;
}

export interface ClaimAttributes {
  source?: { annotationId: string } | { text: string };
  reporting?: (typeof REPORTING)[number];
  reliability?: (typeof RELIABILITY)[number];
  credibility?: (typeof CREDIBILITY)[number];
  note?: string;
}

export type Attributes = Record<string, unknown>;

export interface Annotation {
  id: string;
  documentId: string;
  /** Code points, inclusive. */
  start: number;
  /** Code points, exclusive. */
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  label: LabelInfo;
  attributes: Attributes;
  status: AnnotationStatus;
  version: number;
  author: { id: string; name: string; email: string };
  createdAt: string;
  updatedAt: string;
  /** Client only: shown at once, not yet confirmed by the server. */
  pending?: true;
}

/** What a PATCH may change; `version` is added by the caller from the annotation it saw. */
export interface AnnotationPatch {
  label?: string;
  start?: number;
  end?: number;
  exact?: string;
  attributes?: Attributes;
  status?: AnnotationStatus;
}

export interface CreateInput {
  label: string;
  start: number;
  end: number;
  exact: string;
  attributes?: Attributes;
}

/** Who is looking, and what the matrix in lib/auth/permissions lets them do. */
export interface Viewer {
  userId: string;
  canCreate: boolean;
  canEditOwn: boolean;
  canEditAny: boolean;
  canReview: boolean;
}

export function canEdit(viewer: Viewer, annotation: Pick<Annotation, "author">): boolean {
  return viewer.canEditAny || (viewer.canEditOwn && annotation.author.id === viewer.userId);
}
