import { db } from "@/lib/db/client";

export async function listMembers({ projectId }: { projectId: string }) {
  const rows = await db().membership.findMany({
    where: { projectId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    since: row.createdAt,
  }));
}
