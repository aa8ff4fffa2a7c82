import type { Tx } from "@/lib/db/client";
import { DOCUMENT_STATES, type DocumentState } from "@/lib/workflow/states";
import type { ProjectProgress } from "./types";

/** The project's documents by workflow state; one without a workflow row has not been started. */
export async function countDocuments(tx: Tx, projectId: string): Promise<ProjectProgress["documents"]> {
  const rows = await tx.$queryRaw<{ state: DocumentState; count: number }[]>`
    SELECT coalesce(w."state"::text, 'not_started') AS "state", count(*)::int AS "count"
      FROM "Document" d
      LEFT JOIN "DocumentWorkflow" w ON w."documentId" = d."id"
     WHERE d."projectId" = ${projectId}
     GROUP BY 1`;
  const byState = Object.fromEntries(DOCUMENT_STATES.map((state) => [state, 0])) as Record<DocumentState, number>;
  for (const row of rows) byState[row.state] = row.count;
  return { total: rows.reduce((sum, row) => sum + row.count, 0), byState };
}
