import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { listHref, type ListParams } from "./list-params";

/**
 * Search and filter as a plain GET form: the result is a URL, so a filtered view can be shared,
 * bookmarked and reloaded. The chosen sort is kept unless it was relevance of an old query.
 */
export function DocumentFilters({ projectId, params, publishers }: { projectId: string; params: ListParams; publishers: string[] }) {
  const filtered = Boolean(params.q || params.publisher);
  const keepSort = params.sort && params.sort !== "relevance";
  return (
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
      {keepSort && <input type="hidden" name="sort" value={params.sort} />}
      {keepSort && params.order && <input type="hidden" name="order" value={params.order} />}
      <Button type="submit" variant="outline">
        Search
      </Button>
      {filtered && (
        <Button asChild variant="ghost">
          <Link href={listHref(projectId, { sort: keepSort ? params.sort : undefined, order: keepSort ? params.order : undefined })}>
            Clear
          </Link>
        </Button>
      )}
    </form>
  );
}
