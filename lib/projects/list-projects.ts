import { visibleProjects } from "@/lib/auth/policies";
import { db } from "@/lib/db/client";
import { ZPageQuery } from "./schemas";

/** The caller's projects, newest first, with their role; cursor-paginated by id. */
export async function listProjects({ userId, query }: { userId: string; query: unknown }) {
  const { limit, cursor } = ZPageQuery.parse(query);
  const rows = await db().project.findMany({
    where: visibleProjects(userId),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: {
      memberships: { where: { userId }, select: { role: true } },
      _count: { select: { memberships: true, documents: true } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    projects: page.map(({ memberships, _count, ...project }) => ({
      ...project,
      role: memberships[0]!.role,
      memberCount: _count.memberships,
      documentCount: _count.documents,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
