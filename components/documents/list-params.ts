import { ANNOTATION_STATUSES } from "@/lib/annotations/attribute-values";
import { DOCUMENT_SORTS } from "@/lib/documents/schemas";
import { DOCUMENT_STATES, type DocumentState } from "@/lib/workflow/states";

export type DocumentSort = (typeof DOCUMENT_SORTS)[number];
export type SortOrder = "asc" | "desc";
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];

/**
 * The documents list's state, kept in the URL so a view can be shared or bookmarked (the project's
 * progress page links its numbers here). `status`, `label` and `author` select documents with a
 * live annotation matching all three.
 */
export interface ListParams {
  q?: string;
  publisher?: string;
  state?: DocumentState;
  status?: AnnotationStatus;
  label?: string;
  author?: string;
  sort?: DocumentSort;
  order?: SortOrder;
  cursor?: string;
}

/** The filters that narrow the list (everything but sort, order and cursor). */
export const FILTER_KEYS = ["q", "publisher", "state", "status", "label", "author"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

function one(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim() : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}

/** Reads search params leniently: an unknown sort, order, state or status is ignored rather than an error page. */
export function parseListParams(raw: Record<string, string | string[] | undefined>): ListParams {
  const order = one(raw.order);
  return {
    q: one(raw.q)?.slice(0, 500),
    publisher: one(raw.publisher)?.slice(0, 500),
    state: oneOf(DOCUMENT_STATES, one(raw.state)),
    status: oneOf(ANNOTATION_STATUSES, one(raw.status)),
    label: one(raw.label)?.slice(0, 200),
    author: one(raw.author)?.slice(0, 200),
    sort: oneOf(DOCUMENT_SORTS, one(raw.sort)),
    order: order === "asc" || order === "desc" ? order : undefined,
    cursor: one(raw.cursor),
  };
}

export function isFiltered(params: ListParams): boolean {
  return FILTER_KEYS.some((key) => Boolean(params[key]));
}

/** The order a sort uses when none is given; mirrors lib/documents/list-documents.ts. */
export function defaultOrder(sort: DocumentSort): SortOrder {
  return ["createdAt", "relevance", "annotationCount", "length", "publishedOn"].includes(sort) ? "desc" : "asc";
}

export function effectiveSort(params: ListParams): { sort: DocumentSort; order: SortOrder } {
  const sort = params.sort ?? (params.q ? "relevance" : "createdAt");
  return { sort, order: params.order ?? defaultOrder(sort) };
}

export function listHref(projectId: string, params: ListParams): string {
  const search = new URLSearchParams();
  for (const key of [...FILTER_KEYS, "sort", "order", "cursor"] as const) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return `/projects/${projectId}/documents${query ? `?${query}` : ""}`;
}
