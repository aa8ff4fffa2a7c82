import type { z } from "zod";
import type { ZCreateAnnotation, ZUpdateAnnotation } from "@/lib/annotations/schemas";
import type { Annotation as ApiAnnotation, AnnotationStatus, LabelKind } from "@/lib/annotations/shape";

/**
 * The annotation and label shapes the API returns, as the reader holds them: derived from
 * lib/annotations/shape.ts (the one declaration; it imports nothing server-side) and the API's
 * request schemas (types only). Offsets are Unicode code points, half-open [start, end), over the
 * document's canonical text.
 */

export type { AnnotationStatus, LabelKind };

export type LabelInfo = ApiAnnotation["label"] & { description?: string };

import {
  ANNOTATION_STATUSES,
  ENTITY_TYPES,
  FIGURE_QUALIFIERS as QUALIFIERS,
  INFORMATION_CREDIBILITY as CREDIBILITY,
  REPORTING_MODES as REPORTING,
  SOURCE_RELIABILITY as RELIABILITY,
} from "@/lib/annotations/attribute-values";

export { CREDIBILITY, ENTITY_TYPES, QUALIFIERS, RELIABILITY, REPORTING };
export const STATUSES = ANNOTATION_STATUSES;

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
  entityId?: string;
}

export interface ClaimAttributes {
  source?: { annotationId: string } | { text: string };
  reporting?: (typeof REPORTING)[number];
  reliability?: (typeof RELIABILITY)[number];
  credibility?: (typeof CREDIBILITY)[number];
  note?: string;
}

export type Attributes = Record<string, unknown>;

export type Annotation = ApiAnnotation & {
  /** Client only: shown at once, not yet confirmed by the server. */
  pending?: true;
};

/** What a PATCH may change; `version` is added by the caller from the annotation it saw. */
export type AnnotationPatch = Omit<z.input<typeof ZUpdateAnnotation>, "version">;

/** A create as the reader sends it: the quote always (the selection's), the id added by the caller. */
export type CreateInput = Omit<z.input<typeof ZCreateAnnotation>, "id" | "exact"> & { exact: string };

/** Who is looking, and what lib/auth/policies lets them do (viewerCapabilities). */
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
