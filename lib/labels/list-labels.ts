import { db } from "@/lib/db/client";

export const WITH_COUNT = { _count: { select: { annotations: { where: { deletedAt: null } } } } } as const;

export function withCount<T extends { _count: { annotations: number } }>({ _count, ...label }: T) {
  return { ...label, annotationCount: _count.annotations };
}

/** A project's labels in hotkey order (then by name), each with how many annotations use it. */
export async function listLabels({ projectId }: { projectId: string }) {
  const labels = await db().label.findMany({
    where: { projectId },
    orderBy: [{ hotkey: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    include: WITH_COUNT,
  });
  return labels.map(withCount);
}
