import type { Suggestion as SuggestionRow } from "@/lib/db/generated/client";

/** A suggestion as the API presents it (GET /documents/{id}/suggestions). Offsets are code points. */
export interface Suggestion {
  id: string;
  start: number;
  end: number;
  exact: string;
  label: { id: string; name: string; color: string };
  entityId?: string;
  alias?: string;
  attributes?: Record<string, unknown>;
  source: "alias" | "figure";
  status: "open" | "accepted" | "rejected";
  annotationId?: string;
}

export function presentSuggestion(row: SuggestionRow & { label: { id: string; name: string; color: string } }): Suggestion {
  const attributes = (row.attributes ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    start: row.start,
    end: row.end,
    exact: row.exact,
    label: row.label,
    ...(row.entityId ? { entityId: row.entityId } : {}),
    ...(row.alias ? { alias: row.alias } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    source: row.source,
    status: row.status,
    ...(row.annotationId ? { annotationId: row.annotationId } : {}),
  };
}
