import { Td, Th } from "@/components/ui/table";
import type { StatusCounts } from "@/lib/progress/types";
import { counted } from "./format";
import { STATUSES, STATUS_NAMES } from "./look";
import { documentsHref, type DocumentFilter } from "./links";
import { Metric } from "./metric";

/**
 * A row's total and its pending / accepted / rejected counts, each a link to the documents
 * holding those annotations (`filter` plus `status`).
 */
export function StatusCells({
  projectId,
  metric,
  row,
  filter,
  who,
}: {
  projectId: string;
  /** The row's path in the progress answer, e.g. `annotations.byLabel[<id>]`. */
  metric: string;
  row: StatusCounts & { total: number };
  filter: DocumentFilter;
  /** What the row is, for the links' names: "Claim", "by Ana". */
  who: string;
}) {
  return (
    <>
      <Td className="px-2 py-2 text-right">
        <Metric metric={`${metric}.total`} value={row.total} href={documentsHref(projectId, filter)} label={`${counted(row.total, "annotation")} ${who}`} />
      </Td>
      {STATUSES.map((status) => (
        <Td key={status} className="px-2 py-2 text-right">
          <Metric
            metric={`${metric}.${status}`}
            value={row[status]}
            href={documentsHref(projectId, { ...filter, status })}
            label={`${counted(row[status], `${status} annotation`)} ${who}`}
          />
        </Td>
      ))}
    </>
  );
}

/** The header cells over StatusCells. */
export function StatusHeads() {
  return (
    <>
      <Th className="px-2 text-right">All</Th>
      {STATUSES.map((status) => (
        <Th key={status} className="px-2 text-right">
          {STATUS_NAMES[status]}
        </Th>
      ))}
    </>
  );
}
