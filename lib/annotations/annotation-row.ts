import type { AuditAttributes } from "@/lib/audit/events";
import type { AnnotationStatus, LabelKind } from "@/lib/db/generated/enums";

/** What every read of an annotation loads with it: its label and author, in the same query. */
export const ANNOTATION_INCLUDE = {
  label: { select: { id: true, name: true, kind: true, color: true, hotkey: true } },
  author: { select: { id: true, name: true, email: true } },
} as const;

/** An annotation as services return it and lib/api/presenters.ts presents it. Offsets in code points. */
export interface AnnotationRow {
  id: string;
  documentId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  attributes: unknown;
  status: AnnotationStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Set on a tombstone (a deleted annotation, kept for its history and for restore). */
  deletedAt: Date | null;
  deletedById: string | null;
  label: { id: string; name: string; kind: LabelKind; color: string; hotkey: string | null };
  author: { id: string; name: string; email: string };
}

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
