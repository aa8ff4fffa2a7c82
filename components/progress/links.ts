import type { DocumentState } from "@/lib/workflow/states";
import type { Status } from "./look";

/** What a number on the dashboard counts, as the documents list's filters (combinable). */
export interface DocumentFilter {
  state?: DocumentState;
  status?: Status;
  label?: string;
  author?: string;
}

/** The documents list filtered to what a number counts: `?state=`, `?status=`, `?label=`, `?author=`. */
export function documentsHref(projectId: string, filter: DocumentFilter): string {
  const search = new URLSearchParams();
  for (const key of ["state", "label", "author", "status"] as const) {
    const value = filter[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return `/projects/${projectId}/documents${query ? `?${query}` : ""}`;
}

export const documentHref = (projectId: string, documentId: string) => `/projects/${projectId}/documents/${documentId}`;
