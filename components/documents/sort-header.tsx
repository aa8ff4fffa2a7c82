import Link from "next/link";
import { Th } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { defaultOrder, effectiveSort, listHref, type DocumentSort, type ListParams } from "./list-params";

interface SortHeaderProps {
  projectId: string;
  params: ListParams;
  sort: DocumentSort;
  label: string;
  className?: string;
}

/** A column header that sorts by its column; clicking the sorted column reverses the order. */
export function SortHeader({ projectId, params, sort, label, className }: SortHeaderProps) {
  const current = effectiveSort(params);
  const active = current.sort === sort;
  const order = active ? (current.order === "asc" ? "desc" : "asc") : defaultOrder(sort);
  const href = listHref(projectId, { ...params, sort, order, cursor: undefined });
  return (
    <Th aria-sort={active ? (current.order === "asc" ? "ascending" : "descending") : undefined} className={className}>
      <Link
        href={href}
        className={cn("inline-flex items-center gap-1 rounded-sm hover:text-slate-900", active && "text-slate-900")}
      >
        {label}
        <span aria-hidden className={cn("text-[10px]", !active && "opacity-40")}>
          {active ? (current.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </Th>
  );
}
