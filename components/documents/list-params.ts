import { DOCUMENT_SORTS } from "@/lib/documents/schemas";

export type DocumentSort = (typeof DOCUMENT_SORTS)[number];
export type SortOrder = "asc" | "desc";

/** The documents list's state, kept in the URL so a view can be shared or bookmarked. */
export interface ListParams {
  q?: string;
  publisher?: string;
  sort?: DocumentSort;
  order?: SortOrder;
  cursor?: string;
}

function one(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim() : undefined;
}

/** Reads search params leniently: an unknown sort or order is ignored rather than an error page. */
export function parseListParams(raw: Record<string, string | string[] | undefined>): ListParams {
  const sort = one(raw.sort);
  const order = one(raw.order);
  return {
    q: one(raw.q)?.slice(0, 500),
    publisher: one(raw.publisher)?.slice(0, 500),
    sort: (DOCUMENT_SORTS as readonly string[]).includes(sort ?? "") ? (sort as DocumentSort) : undefined,
    order: order === "asc" || order === "desc" ? order : undefined,
    cursor: one(raw.cursor),
  };
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
  for (const key of ["q", "publisher", "sort", "order", "cursor"] as const) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return `/projects/${projectId}/documents${query ? `?${query}` : ""}`;
}
