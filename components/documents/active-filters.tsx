import Link from "next/link";
import { STATE_NAMES } from "@/lib/workflow/states";
import { FILTER_KEYS, listHref, type FilterKey, type ListParams } from "./list-params";

export interface FilterNames {
  labels: { id: string; name: string }[];
  people: { id: string; name: string }[];
}

function describe(key: FilterKey, params: ListParams, names: FilterNames): string {
  switch (key) {
    case "q":
      return `Search: ${params.q}`;
    case "publisher":
      return `Publisher: ${params.publisher}`;
    case "state":
      return `State: ${STATE_NAMES[params.state!]}`;
    case "status":
      return `Annotation status: ${params.status}`;
    case "label":
      return `Annotation label: ${names.labels.find((l) => l.id === params.label)?.name ?? "a label not in this project"}`;
    case "author":
      return `Annotated by ${names.people.find((p) => p.id === params.author)?.name ?? "someone no longer a member"}`;
  }
}

/**
 * The list's active filters, each a link to the same list without it. The annotation filters
 * (status, label, author) hold together: one live annotation must match them all.
 */
export function ActiveFilters({ projectId, params, names }: { projectId: string; params: ListParams; names: FilterNames }) {
  const active = FILTER_KEYS.filter((key) => params[key]);
  if (active.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Filtered by</span>
      <ul aria-label="Active filters" className="flex flex-wrap gap-2">
        {active.map((key) => {
          const text = describe(key, params, names);
          // Without its query, a relevance sort means nothing: fall back to the default order.
          const sort = key === "q" && params.sort === "relevance" ? { sort: undefined, order: undefined } : {};
          return (
            <li key={key}>
              <Link
                href={listHref(projectId, { ...params, [key]: undefined, ...sort, cursor: undefined })}
                className="inline-flex items-center gap-1.5 rounded-full border border-slate-300 bg-white px-2.5 py-0.5 text-xs font-medium text-slate-800 hover:border-slate-500 hover:bg-slate-50"
                data-filter={key}
              >
                <span className="sr-only">Remove filter </span>
                <span dir="auto">{text}</span>
                <span aria-hidden className="text-slate-600">
                  ×
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
