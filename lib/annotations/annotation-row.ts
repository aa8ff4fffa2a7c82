import type { AuditAttributes } from "@/lib/audit/events";
import type { Annotation } from "./shape";

/** What every read of an annotation loads with it: its label and author, in the same query. */
export const ANNOTATION_INCLUDE = {
  label: { select: { id: true, name: true, kind: true, color: true, hotkey: true } },
  author: { select: { id: true, name: true, email: true } },
} as const;

/**
 * An annotation as services return it and lib/api/presenters.ts presents it: the API's shape with
 * the database's dates, JSON and nulls. Offsets in code points.
 */
export type AnnotationRow = Omit<Annotation, "attributes" | "createdAt" | "updatedAt" | "deletedAt" | "deletedById"> & {
  attributes: unknown;
  createdAt: Date;
  updatedAt: Date;
  /** Set on a tombstone (a deleted annotation, kept for its history and for restore). */
  deletedAt: Date | null;
  deletedById: string | null;
};

/** The audit snapshot of an annotation (annotation.created / annotation.deleted). */
export function annotationSnapshot(row: AnnotationRow) {
  return {
    documentId: row.documentId,
    label: { id: row.label.id, name: row.label.name, kind: row.label.kind },
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    attributes: (row.attributes ?? {}) as AuditAttributes,
    status: row.status,
  };
}
