import { db } from "@/lib/db/client";

/** The distinct publishers of a project's documents, for the list's filter (call after gateProject). */
export async function listPublishers({ projectId }: { projectId: string }): Promise<string[]> {
  const rows = await db().document.findMany({
    where: { projectId, publisher: { not: null } },
    distinct: ["publisher"],
    select: { publisher: true },
    orderBy: { publisher: "asc" },
    take: 500,
  });
  return rows.flatMap((row) => (row.publisher ? [row.publisher] : []));
}
