import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { TypeOptions } from "./type-names";

/** Search names and aliases and filter by type as a plain GET form: a filtered list is a URL. */
export function EntitySearch({ projectId, q, type }: { projectId: string; q: string; type: string }) {
  return (
    <form role="search" aria-label="Search entities" action={`/projects/${projectId}/entities`} className="flex flex-wrap items-end gap-3">
      <div className="grid min-w-64 flex-1 gap-1.5">
        <Label htmlFor="entities-q">Search names and aliases</Label>
        <Input id="entities-q" name="q" type="search" defaultValue={q} dir="auto" placeholder="any part of a name, in any script" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="entities-type">Type</Label>
        <Select id="entities-type" name="type" defaultValue={type}>
          <option value="">All types</option>
          <TypeOptions />
        </Select>
      </div>
      <Button type="submit" variant="outline">
        Search
      </Button>
      {(q || type) && (
        <Button asChild variant="ghost">
          <Link href={`/projects/${projectId}/entities`}>Clear</Link>
        </Button>
      )}
    </form>
  );
}
