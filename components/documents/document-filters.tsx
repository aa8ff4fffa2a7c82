import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { DOCUMENT_STATES, STATE_NAMES } from "@/lib/workflow/states";
import { ActiveFilters, type FilterNames } from "./active-filters";
import { isFiltered, listHref, type ListParams } from "./list-params";

/**
 * Search and filter as a plain GET form: the result is a URL, so a filtered view can be shared,
 * bookmarked and reloaded. The chosen sort is kept unless it was relevance of an old query; the
 * annotation filters, which arrive by link (the progress page), ride along as hidden fields.
 */
export function DocumentFilters({
  projectId,
  params,
  publishers,
  names,
}: {
  projectId: string;
  params: ListParams;
  publishers: string[];
  names: FilterNames;
}) {
  const keepSort = params.sort && params.sort !== "relevance";
  return (
    <div className="grid gap-3">
      <form role="search" aria-label="Search documents" action={`/projects/${projectId}/documents`} className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-64 flex-1 gap-1.5">
          <Label htmlFor="documents-q">Search the texts</Label>
          <Input id="documents-q" name="q" type="search" defaultValue={params.q} placeholder="e.g. ceasefire OR truce, &quot;exact phrase&quot;" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="documents-publisher">Publisher</Label>
          <Select id="documents-publisher" name="publisher" defaultValue={params.publisher ?? ""} className="max-w-64">
            <option value="">All publishers</option>
            {params.publisher && !publishers.includes(params.publisher) && <option value={params.publisher}>{params.publisher}</option>}
            {publishers.map((publisher) => (
              <option key={publisher} value={publisher}>
                {publisher}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="documents-state">State</Label>
          <Select id="documents-state" name="state" defaultValue={params.state ?? ""}>
            <option value="">All states</option>
            {DOCUMENT_STATES.map((state) => (
              <option key={state} value={state}>
                {STATE_NAMES[state]}
              </option>
            ))}
          </Select>
        </div>
        {(["status", "label", "author"] as const).map((key) => params[key] && <input key={key} type="hidden" name={key} value={params[key]} />)}
        {keepSort && <input type="hidden" name="sort" value={params.sort} />}
        {keepSort && params.order && <input type="hidden" name="order" value={params.order} />}
        <Button type="submit" variant="outline">
          Search
        </Button>
        {isFiltered(params) && (
          <Button asChild variant="ghost">
            <Link href={listHref(projectId, { sort: keepSort ? params.sort : undefined, order: keepSort ? params.order : undefined })}>
              Clear
            </Link>
          </Button>
        )}
      </form>
      <ActiveFilters projectId={projectId} params={params} names={names} />
    </div>
  );
}
