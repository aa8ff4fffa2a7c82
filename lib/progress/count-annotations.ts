import type { Tx } from "@/lib/db/client";
import type { AnnotatorProgress, LabelProgress, ProjectProgress, StatusCounts } from "./types";

type Status = keyof StatusCounts;

/**
 * The project's live annotations (tombstones left out) by status, label and author. One grouped
 * scan gives at most labels × authors × 3 rows, summed here three ways; every label of the
 * project is listed, also one without annotations, so the chart names what is still unused.
 */
export async function countAnnotations(tx: Tx, projectId: string): Promise<ProjectProgress["annotations"]> {
  const groups = await tx.$queryRaw<{ labelId: string; authorId: string; status: Status; count: number }[]>`
    SELECT a."labelId", a."authorId", a."status"::text AS "status", count(*)::int AS "count"
      FROM "Annotation" a
      JOIN "Document" d ON d."id" = a."documentId"
     WHERE d."projectId" = ${projectId} AND a."deletedAt" IS NULL
     GROUP BY 1, 2, 3`;
  const authorIds = [...new Set(groups.map((g) => g.authorId))];
  // One after the other: a transaction has one connection.
  const labels = await tx.label.findMany({ where: { projectId }, select: { id: true, name: true, color: true } });
  const authors = await tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } });

  const byStatus: StatusCounts = { pending: 0, accepted: 0, rejected: 0 };
  const byLabel = new Map<string, LabelProgress>(
    labels.map((l) => [l.id, { labelId: l.id, name: l.name, color: l.color, total: 0, pending: 0, accepted: 0, rejected: 0 }]),
  );
  const names = new Map(authors.map((u) => [u.id, u.name]));
  const byAnnotator = new Map<string, AnnotatorProgress>();
  for (const { labelId, authorId, status, count } of groups) {
    byStatus[status] += count;
    const label = byLabel.get(labelId);
    if (label) add(label, status, count);
    let author = byAnnotator.get(authorId);
    if (!author) {
      author = { userId: authorId, name: names.get(authorId) ?? "", total: 0, pending: 0, accepted: 0, rejected: 0, acceptanceRate: null };
      byAnnotator.set(authorId, author);
    }
    add(author, status, count);
  }
  for (const author of byAnnotator.values()) {
    const decided = author.accepted + author.rejected;
    author.acceptanceRate = decided > 0 ? author.accepted / decided : null;
  }
  const largestFirst = <T extends { total: number; name: string }>(a: T, b: T) => b.total - a.total || a.name.localeCompare(b.name);
  return {
    total: byStatus.pending + byStatus.accepted + byStatus.rejected,
    byStatus,
    byLabel: [...byLabel.values()].sort(largestFirst),
    byAnnotator: [...byAnnotator.values()].sort(largestFirst),
  };
}

function add(row: StatusCounts & { total: number }, status: Status, count: number) {
  row[status] += count;
  row.total += count;
}
