import { db } from "@/lib/db/client";

export async function listTokens({ userId }: { userId: string }) {
  return db().apiToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    omit: { tokenHash: true },
  });
}
